import AureusCore
import AureusCrypto
import AureusIngest
import AureusProtocol
import Hummingbird
import Logging

/// `POST /v1/webhooks/{source}`: verify the provider's signature, normalise, commit through
/// the group-commit batcher, and only then answer 2xx. `GET` serves Oura's verification
/// handshake. Every refusal has a problem+json body with the reason and is counted.
struct WebhookRoute {
    let sources: SourceRegistry
    let batcher: IngestBatcher
    let rates: RateTracker
    let rejections: RejectionLedger
    let dedup: any DeliveryDedup
    let clock: any WallClock
    let maxBodyBytes: Int
    let logger: Logger

    func add(to router: Router<AureusRequestContext>) {
        router.post("/v1/webhooks/:source") { request, context in try await receive(request, context: context) }
        router.get("/v1/webhooks/:source") { request, context in try await handshake(request, context: context) }
    }

    private func receive(_ request: Request, context: AureusRequestContext) async throws -> Response {
        let name = context.parameters.get("source") ?? ""
        guard let source = try await sources.source(named: name) else {
            rates.recordRejection(.unknownSource)
            throw HTTPProblem(status: .notFound, title: "Unknown source", detail: "no enabled webhook source named '\(Sanitize.short(name))'")
        }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxBodyBytes)
        } catch {
            rates.recordRejection(.tooLarge)
            throw HTTPProblem(status: .contentTooLarge, title: "Payload too large", detail: "the body exceeds \(maxBodyBytes) bytes")
        }
        let now = clock.now()
        let webhook = WebhookRequest(
            method: "POST",
            headers: HeaderFields(request.headers.map { ($0.name.canonicalName, $0.value) }),
            body: Array(buffer: body),
            receivedAt: now
        )
        let delivery: VerifiedDelivery
        do {
            delivery = try source.verifier.verify(webhook, secrets: source.secrets)
        } catch {
            rates.recordRejection(error.httpStatus == 401 ? .authFailure : .malformed)
            rejections.note(source: source.record.name, reason: error.reason)
            throw HTTPProblem(status: .init(code: error.httpStatus), title: "Webhook rejected", detail: error.description)
        }
        var payload = NormalisedPayload()
        do {
            payload = try source.normaliser.normalise(webhook.body, delivery: delivery)
        } catch {
            // Not JSON, or our own bridge's schema broken: 400 with the reason. A provider's
            // signed JSON of a shape we do not map is kept raw and acknowledged, because the
            // provider would otherwise resend the same bytes forever.
            if error.code == .malformedJSON || source.kind == .healthkit {
                rates.recordRejection(.malformed)
                throw HTTPProblem(status: .badRequest, title: "Malformed payload", detail: error.description)
            }
        }
        let samples = payload.samples.map {
            SampleRecord(user: $0.user.value, metric: $0.metric.rawValue, value: $0.value, unit: $0.unit, time: $0.time)
        }
        let newDelivery = NewDelivery(
            sourceID: source.record.id,
            eventID: delivery.eventID,
            receivedAt: now,
            rawBody: webhook.body,
            samples: samples,
            notifications: payload.notifications.map(\.eventType)
        )
        if await dedup.isKnown(sourceID: source.record.id, eventID: delivery.eventID) {
            rates.recordRejection(.duplicate)
            return Self.json(#"{"status":"accepted","duplicate":true,"id":"#, delivery.eventID)
        }
        let outcome: DeliveryOutcome
        do {
            outcome = try await batcher.submit(newDelivery)
        } catch let error as IngestError {
            rates.recordRejection(.overload)
            var problem = HTTPProblem(status: .serviceUnavailable, title: "Try again later", detail: error.description)
            problem.headers[.retryAfter] = String(error.retryAfterSeconds)
            throw problem
        }
        await dedup.remember(sourceID: source.record.id, eventID: delivery.eventID)
        switch outcome {
        case .stored:
            rates.recordStored(
                source: source.record.name,
                kind: source.kind.rawValue,
                samples: samples,
                notifications: payload.notifications.count,
                now: now
            )
            return Self.json(#"{"status":"accepted","duplicate":false,"id":"#, delivery.eventID)
        case .duplicate:
            rates.recordRejection(.duplicate)
            return Self.json(#"{"status":"accepted","duplicate":true,"id":"#, delivery.eventID)
        }
    }

    private func handshake(_ request: Request, context: AureusRequestContext) async throws -> Response {
        let name = context.parameters.get("source") ?? ""
        guard let source = try await sources.source(named: name), source.kind == .oura else {
            throw HTTPProblem(status: .notFound, title: "Unknown source", detail: "no enabled oura source named '\(Sanitize.short(name))'")
        }
        let items = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        do {
            let body = try OuraVerificationHandshake.respond(queryItems: items, verificationToken: SourceTokens.ouraVerificationToken(source.record))
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        } catch {
            throw HTTPProblem(status: .init(code: error.httpStatus), title: "Verification failed", detail: error.description)
        }
    }

    private static func json(_ prefix: String, _ id: String) -> Response {
        var bytes = Array(prefix.utf8)
        bytes += CanonicalJSON.encode(.string(id))
        bytes.append(UInt8(ascii: "}"))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// Secrets and tokens derived for sources.
enum SourceTokens {
    /// Oura's subscription verification token: derived from the source's secret, so it needs no
    /// storage of its own and changes when the secret rotates.
    static func ouraVerificationToken(_ record: WebhookSourceRecord) -> String {
        Hex.encode(HMACSHA256.mac(key: Array(record.currentSecret.utf8), message: Array("aureus.oura.verification".utf8)).prefix(16))
    }

    /// A fresh secret: `whsec_` + base64 of 32 random bytes for Standard Webhooks kinds; 64 hex
    /// characters for the providers that use the secret text as the key.
    static func generate(for kind: WebhookKind) -> String {
        switch kind {
        case .standard, .healthkit: "whsec_" + Base64.encode(SecureRandom.bytes(32))
        case .oura, .whoop, .terra: Hex.encode(SecureRandom.bytes(32))
        }
    }
}
