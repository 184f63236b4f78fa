import AureusCrypto
import AureusIngest
import AureusProtocol

/// Shared builders for the ingest tests: requests at a given unix second, signing helpers that
/// follow each provider's documented algorithm (cross-checked by the golden vectors), and a
/// readable pseudonymizer.
enum IngestFixtures {
    static func request(_ headers: [(String, String)], body: String, receivedAtSeconds: Int64, method: String = "POST") -> WebhookRequest {
        WebhookRequest(
            method: method,
            headers: HeaderFields(headers),
            body: Array(body.utf8),
            receivedAt: Timestamp(milliseconds: receivedAtSeconds * 1000)
        )
    }

    static func secrets(_ text: String, _ kind: WebhookKind) throws -> SourceSecrets {
        SourceSecrets(current: try WebhookSecret(configured: text, kind: kind))
    }

    static func hmac(_ key: [UInt8], _ message: String) -> [UInt8] {
        HMACSHA256.mac(key: key, message: Array(message.utf8))
    }

    static func standardSignature(_ secret: WebhookSecret, id: String, timestamp: Int64, body: String) -> String {
        "v1," + Base64.encode(hmac(secret.bytes, "\(id).\(timestamp).\(body)"))
    }

    static func standardRequest(
        _ secret: WebhookSecret,
        id: String = "msg_test",
        signedAt: Int64,
        receivedAt: Int64,
        body: String
    ) -> WebhookRequest {
        request(
            [
                ("webhook-id", id), ("webhook-timestamp", String(signedAt)),
                ("webhook-signature", standardSignature(secret, id: id, timestamp: signedAt, body: body)),
            ],
            body: body,
            receivedAtSeconds: receivedAt
        )
    }

    static func ouraRequest(_ key: String, timestamp: Int64, receivedAt: Int64, body: String) -> WebhookRequest {
        let signature = Hex.encode(hmac(Array(key.utf8), "\(timestamp)\(body)")).uppercased()
        return request([("x-oura-signature", signature), ("x-oura-timestamp", String(timestamp))], body: body, receivedAtSeconds: receivedAt)
    }

    static func whoopRequest(_ key: String, timestampMillis: Int64, receivedAt: Int64, body: String) -> WebhookRequest {
        let signature = Base64.encode(hmac(Array(key.utf8), "\(timestampMillis)\(body)"))
        return request(
            [("X-WHOOP-Signature", signature), ("X-WHOOP-Signature-Timestamp", String(timestampMillis))],
            body: body,
            receivedAtSeconds: receivedAt
        )
    }

    static func terraRequest(_ key: String, timestamp: Int64, receivedAt: Int64, body: String, trace: String? = "trace-1") -> WebhookRequest {
        let signature = Hex.encode(hmac(Array(key.utf8), "\(timestamp).\(body)"))
        var headers = [("terra-signature", "t=\(timestamp),v1=\(signature)")]
        if let trace { headers.append(("X-Terra-Trace-Id", trace)) }
        return request(headers, body: body, receivedAtSeconds: receivedAt)
    }

    /// Readable and injective: tests can see which raw id was pseudonymised, and assert that the
    /// raw id itself does not appear.
    static let pseudonymizer = UserPseudonymizer { provider, raw in "\(provider.rawValue)~" + String(raw.reversed()) }

    static func pseudonym(_ provider: WebhookKind, _ raw: String) -> UserPseudonym {
        pseudonymizer.pseudonym(provider: provider, rawUserID: raw)
    }

    static func delivery(_ kind: WebhookKind, signedAt: String = "2026-03-01T08:00:00Z") -> VerifiedDelivery {
        VerifiedDelivery(
            kind: kind,
            eventID: "evt",
            eventIDOrigin: .header,
            signedAt: Timestamp(iso8601: signedAt)!,
            matchedSecret: .current
        )
    }

    static func time(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }
}

/// The rejection reason of a throwing verification, or "accepted".
func outcome(_ body: () throws(WebhookRejection) -> VerifiedDelivery) -> String {
    do {
        _ = try body()
        return "accepted"
    } catch {
        return error.reason
    }
}
