internal import AureusIngest
internal import AureusProtocol

/// Webhook deliveries through every provider's verifier, then (when one verifies) the same
/// body through that provider's normaliser, as the ingest route does.
///
/// Input layout, so one input names everything a delivery has:
///
/// ```
/// byte 0     provider kind (byte % 5); 0xF0 and up: Oura's GET verification handshake instead
/// byte 1     flags: bit 0 sign the body correctly first, bit 1 GET instead of POST,
///            bit 2 a previous secret is still live, bits 4-7 tolerance (n × 60 s)
/// lines      `name: value` headers (handshake: `name=value` query items) up to an empty line
/// the rest   the raw body
/// ```
///
/// With bit 0 set the harness puts a valid signature for the body and the server's clock first,
/// so the fuzzer reaches the id, body and normalisation paths without forging HMACs; the
/// headers it supplies still follow and can contradict the signed ones.
public enum WebhookVerifyHarness {
    /// More header lines than any provider sends; the rest of the input is then body.
    static let maxHeaderLines = 32

    public static func run(_ input: FuzzInput) {
        var input = input
        let selector = input.byte()
        if selector >= 0xF0 {
            handshake(&input)
            return
        }
        let kind = WebhookFixtures.kind(selector)
        let flags = input.byte()
        var fields: [(String, String)] = []
        for _ in 0..<maxHeaderLines {
            let line = input.take(until: UInt8(ascii: "\n"))
            if line.isEmpty { break }
            let colon = line.firstIndex(of: UInt8(ascii: ":")) ?? line.endIndex
            let value = colon < line.endIndex ? line[(colon + 1)...] : []
            fields.append((String(decoding: line[..<colon], as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        let body = Array(input.rest())
        guard let secrets = WebhookFixtures.secrets(for: kind, withPrevious: flags & 0b100 != 0) else { return }
        if flags & 1 != 0 {
            let signer = WebhookSigner(kind: kind, secret: secrets.current)
            fields = signer.headers(body: body, eventID: "msg_fuzz", time: WebhookFixtures.receivedAt) + fields
        }
        let request = WebhookRequest(
            method: flags & 0b10 != 0 ? "GET" : "POST",
            headers: HeaderFields(fields),
            body: body,
            receivedAt: WebhookFixtures.receivedAt
        )
        let verifier = kind.verifier(toleranceSeconds: Int64(flags >> 4) * 60)
        do {
            let delivery = try verifier.verify(request, secrets: secrets)
            _ = delivery.dedupKey
            _ = try? kind.normaliser(pseudonymizer: WebhookFixtures.pseudonymizer).normalise(body, delivery: delivery)
        } catch {
            _ = error.description
        }
    }

    /// Oura's subscription check: query items, the configured token, the echoed challenge.
    private static func handshake(_ input: inout FuzzInput) {
        var items: [(name: String, value: String)] = []
        while !input.bytes.isEmpty, items.count < maxHeaderLines {
            let line = input.take(until: UInt8(ascii: "\n"))
            let equals = line.firstIndex(of: UInt8(ascii: "=")) ?? line.endIndex
            let value = equals < line.endIndex ? line[(equals + 1)...] : []
            items.append((String(decoding: line[..<equals], as: UTF8.self), String(decoding: value, as: UTF8.self)))
        }
        _ = try? OuraVerificationHandshake.respond(queryItems: items, verificationToken: "fuzz-verification-token")
    }
}
