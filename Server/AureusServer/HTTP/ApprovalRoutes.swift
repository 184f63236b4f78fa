import AureusCore
import AureusProtocol
import Hummingbird

/// The executor-facing side of approvals, unauthenticated by design (tokens are self-proving):
/// `GET /v1/public-keys` lists every server key that ever signed tokens, and
/// `POST /v1/approvals/verify` says whether a token is valid or exactly why not.
///
/// Verify body: `{"token": "…", "payload_sha256": "…"}` or `{"token": "…", "payload": {…}}` (the
/// server hashes the canonical JSON); both optional besides the token. Answer, always 200 for a
/// well-formed question: `{"valid": true, "request_id", "payload_sha256", "issued_at", "expires_at",
/// "key_id", "approvers"}` or `{"valid": false, "reason": "expired", "detail": "…"}`.
struct ApprovalRoutes {
    let services: ServerServices
    static let maxBodyBytes = 64 * 1024

    func add(to router: Router<AureusRequestContext>) {
        router.get("/v1/public-keys") { _, _ in
            let result = try await services.publicKeys()
            return Self.json(try JSONCoding.encode(result))
        }
        router.post("/v1/approvals/verify") { request, _ in
            var request = request
            let body: ByteBuffer
            do { body = try await request.collectBody(upTo: Self.maxBodyBytes) } catch {
                throw HTTPProblem(status: .contentTooLarge, title: "Payload too large", detail: "the body exceeds \(Self.maxBodyBytes) bytes")
            }
            let question: JSONValue
            do { question = try JSONParser.parse(Array(buffer: body)) } catch {
                throw HTTPProblem(status: .badRequest, title: "Invalid JSON", detail: "\(error)")
            }
            guard let token = question["token"]?.stringValue else {
                throw HTTPProblem(status: .badRequest, title: "Missing token", detail: "the body must be a JSON object with a string field 'token'")
            }
            var expected = question["payload_sha256"]?.stringValue
            if let payload = question["payload"] { expected = ApprovalService.payloadHash(payload) }
            let verdict: JSONValue
            switch try await services.tokenVerification.verify(token, expectedPayloadSHA256: expected) {
            case .success(let token):
                services.metrics.tokenVerified(outcome: "valid")
                verdict = [
                    "valid": true,
                    "request_id": .string(token.requestID),
                    "payload_sha256": .string(token.payloadSHA256),
                    "issued_at": .string(token.issuedAt.iso8601),
                    "expires_at": .string(token.expiresAt.iso8601),
                    "key_id": .string(token.keyID),
                    "approvers": .array(token.approvals.map { .string($0.approverID) }),
                ]
            case .failure(let failure):
                services.metrics.tokenVerified(outcome: failure.reason.rawValue)
                verdict = ["valid": false, "reason": .string(failure.reason.rawValue), "detail": .string(failure.detail)]
            }
            return Self.json(CanonicalJSON.encode(verdict))
        }
    }

    private static func json(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
