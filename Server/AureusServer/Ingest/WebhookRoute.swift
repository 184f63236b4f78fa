import AureusCore
import AureusCrypto
import AureusIngest
import AureusProtocol
import Hummingbird
import Logging

/// `POST /v1/webhooks/{source}` through the router, for the requests ``WebhookChannelHandler``
/// passes on (one pipelined behind another request, or sent with `Expect: 100-continue`); the
/// work is ``WebhookIntake``'s either way. `GET` serves Oura's verification handshake.
struct WebhookRoute {
    let intake: WebhookIntake

    func add(to router: Router<AureusRequestContext>) {
        router.post("/v1/webhooks/:source") { request, context in try await receive(request, context: context) }
        router.get("/v1/webhooks/:source") { request, context in try await handshake(request, context: context) }
    }

    private func receive(_ request: Request, context: AureusRequestContext) async throws -> Response {
        var request = request
        let reply: WebhookReply
        do {
            let body = try await request.collectBody(upTo: intake.maxBodyBytes)
            reply = await intake.receive(source: context.parameters.get("source") ?? "", headers: request.headers, body: body)
        } catch {
            reply = intake.tooLarge()
        }
        var fields: HTTPFields = [.contentType: reply.contentType]
        if let retry = reply.retryAfterSeconds { fields[.retryAfter] = String(retry) }
        return Response(status: reply.status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    private func handshake(_ request: Request, context: AureusRequestContext) async throws -> Response {
        let name = context.parameters.get("source") ?? ""
        guard let source = try await intake.ingest.sources.source(named: name), source.kind == .oura else {
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
