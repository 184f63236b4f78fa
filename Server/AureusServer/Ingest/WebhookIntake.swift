import AureusCore
import AureusIngest
import AureusProtocol
import HTTPTypes
import NIOCore

/// One webhook from bytes to answer: look up the source, verify the provider's signature,
/// normalise, commit through the group-commit batcher, and only then answer 2xx. Every refusal
/// is a problem+json answer with the reason, and is counted.
///
/// Two front doors share it: ``WebhookChannelHandler`` on the event loop (callbacks, no task per
/// request when the source is cached and dedup is the store's index) and the router's route
/// (async) for the requests the handler passes on.
struct WebhookIntake: WebhookReceiver {
    let ingest: IngestServices
    let clock: any WallClock
    let maxBodyBytes: Int
    let metrics: ServerMetrics

    /// A verified, normalised delivery ready for the group commit.
    struct Verified: Sendable {
        let source: SourceRegistry.Entry
        let delivery: NewDelivery
        let notificationCount: Int
    }

    enum Step: Sendable {
        case answer(WebhookReply)
        case commit(Verified)
    }

    func receive(source name: String, headers: HTTPFields, body: ByteBuffer, reply: @escaping @Sendable (WebhookReply) -> Void) {
        guard let cached = ingest.sources.cachedSource(named: name) else {
            Task { reply(await receive(source: name, headers: headers, body: body)) }
            return
        }
        switch verify(cached, name: name, headers: headers, body: body) {
        case .answer(let answer):
            reply(answer)
        case .commit(let verified) where ingest.dedup.consulted:
            Task { reply(await commit(verified)) }
        case .commit(let verified):
            ingest.batcher.submit(verified.delivery) { reply(settle(verified, $0)) }
        }
    }

    func receive(source name: String, headers: HTTPFields, body: ByteBuffer) async -> WebhookReply {
        let entry: SourceRegistry.Entry?
        do {
            entry = try await ingest.sources.source(named: name)
        } catch {
            ingest.rates.recordRejection(.overload)
            return Self.problem(
                .serviceUnavailable,
                "Try again later",
                "the webhook source could not be looked up: the store is unavailable",
                retryAfter: 1
            )
        }
        switch verify(entry, name: name, headers: headers, body: body) {
        case .answer(let answer): return answer
        case .commit(let verified): return await commit(verified)
        }
    }

    /// Source, signature and payload checks; synchronous, so the event loop can run them.
    func verify(_ entry: SourceRegistry.Entry?, name: String, headers: HTTPFields, body: ByteBuffer) -> Step {
        guard let source = entry else {
            ingest.rates.recordRejection(.unknownSource)
            return .answer(Self.problem(.notFound, "Unknown source", "no enabled webhook source named '\(Sanitize.short(name))'"))
        }
        let now = clock.now()
        let webhook = WebhookRequest(
            method: "POST",
            headers: HeaderFields(headers.map { ($0.name.canonicalName, $0.value) }),
            body: Array(buffer: body),
            receivedAt: now
        )
        let delivery: VerifiedDelivery
        do {
            delivery = try source.verifier.verify(webhook, secrets: source.secrets)
        } catch {
            ingest.rates.recordRejection(error.httpStatus == 401 ? .authFailure : .malformed)
            ingest.rejections.note(source: source.record.name, reason: error.reason)
            return .answer(Self.problem(.init(code: error.httpStatus), "Webhook rejected", error.description))
        }
        var payload = NormalisedPayload()
        do {
            payload = try source.normaliser.normalise(webhook.body, delivery: delivery)
        } catch {
            // Not JSON, or our own bridge's schema broken: 400 with the reason. A provider's
            // signed JSON of a shape we do not map is kept raw and acknowledged, because the
            // provider would otherwise resend the same bytes forever.
            if error.code == .malformedJSON || source.kind == .healthkit {
                ingest.rates.recordRejection(.malformed)
                return .answer(Self.problem(.badRequest, "Malformed payload", error.description))
            }
        }
        let samples = payload.samples.map {
            SampleRecord(user: $0.user.value, metric: $0.metric.rawValue, value: $0.value, unit: $0.unit, time: $0.time)
        }
        return .commit(
            Verified(
                source: source,
                delivery: NewDelivery(
                    sourceID: source.record.id,
                    eventID: delivery.eventID,
                    receivedAt: now,
                    rawBody: webhook.body,
                    samples: samples,
                    notifications: payload.notifications.map(\.eventType)
                ),
                notificationCount: payload.notifications.count
            )
        )
    }

    /// Dedup check, group commit, dedup mark: the async form, for Redis dedup and the router.
    func commit(_ verified: Verified) async -> WebhookReply {
        let delivery = verified.delivery
        if await ingest.dedup.isKnown(sourceID: delivery.sourceID, eventID: delivery.eventID) {
            ingest.rates.recordRejection(.duplicate)
            return Self.accepted(delivery.eventID, duplicate: true)
        }
        let outcome: Result<DeliveryOutcome, any Error>
        do {
            outcome = .success(try await ingest.batcher.submit(delivery))
            await ingest.dedup.remember(sourceID: delivery.sourceID, eventID: delivery.eventID)
        } catch {
            outcome = .failure(error)
        }
        return settle(verified, outcome)
    }

    /// The answer to a commit's outcome, with the rate and rejection counts it implies.
    func settle(_ verified: Verified, _ outcome: Result<DeliveryOutcome, any Error>) -> WebhookReply {
        let delivery = verified.delivery
        switch outcome {
        case .success(.stored):
            ingest.rates.recordStored(
                source: verified.source.record.name,
                kind: verified.source.kind.rawValue,
                samples: delivery.samples,
                notifications: verified.notificationCount,
                now: delivery.receivedAt
            )
            return Self.accepted(delivery.eventID, duplicate: false)
        case .success(.duplicate):
            ingest.rates.recordRejection(.duplicate)
            return Self.accepted(delivery.eventID, duplicate: true)
        case .failure(let error):
            ingest.rates.recordRejection(.overload)
            let refusal = error as? IngestError ?? IngestError(code: .storeUnavailable, retryAfterSeconds: 1)
            return Self.problem(.serviceUnavailable, "Try again later", refusal.description, retryAfter: refusal.retryAfterSeconds)
        }
    }

    func tooLarge() -> WebhookReply {
        ingest.rates.recordRejection(.tooLarge)
        return Self.problem(.contentTooLarge, "Payload too large", "the body exceeds \(maxBodyBytes) bytes")
    }

    func now() -> Timestamp { clock.now() }

    func answered(status: Int, duration: Duration) {
        metrics.httpRequest(path: HTTPMetricsMiddleware.webhookPath, status: status, duration: duration)
    }

    static func accepted(_ id: String, duplicate: Bool) -> WebhookReply {
        var bytes = Array((duplicate ? #"{"status":"accepted","duplicate":true,"id":"# : #"{"status":"accepted","duplicate":false,"id":"#).utf8)
        bytes += CanonicalJSON.encode(.string(id))
        bytes.append(UInt8(ascii: "}"))
        return WebhookReply(status: .ok, contentType: "application/json", body: bytes)
    }

    static func problem(_ status: HTTPResponse.Status, _ title: String, _ detail: String, retryAfter: Int? = nil) -> WebhookReply {
        WebhookReply(
            status: status,
            contentType: HTTPProblem.contentType,
            body: HTTPProblem(status: status, title: title, detail: detail).body,
            retryAfterSeconds: retryAfter
        )
    }
}
