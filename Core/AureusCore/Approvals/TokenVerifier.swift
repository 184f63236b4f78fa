import AureusProtocol

/// A server public key as the verifier needs it: how to check a signature, and when it was in service.
///
/// `verify` is injected (the adapter wraps `Ed25519.PublicKey.verify`) so Core stays free of C.
/// Keys stay in the ring after rotation; a retired key still verifies tokens issued before
/// `retiredAt`, never tokens claiming a later issue time.
public struct TokenVerificationKey: Sendable {
    public var keyID: String
    public var validFrom: Timestamp?
    public var retiredAt: Timestamp?
    public var verify: @Sendable (_ message: [UInt8], _ signature: [UInt8]) -> Bool

    public init(
        keyID: String,
        validFrom: Timestamp? = nil,
        retiredAt: Timestamp? = nil,
        verify: @escaping @Sendable (_ message: [UInt8], _ signature: [UInt8]) -> Bool
    ) {
        self.keyID = keyID
        self.validFrom = validFrom
        self.retiredAt = retiredAt
        self.verify = verify
    }
}

/// Why a token did not verify. Raw values are what `POST /v1/approvals/verify` and `aureus verify` print.
public enum TokenFailureReason: String, Sendable, Hashable, CaseIterable {
    case malformed
    case unknownKey = "unknown_key"
    case badSignature = "bad_signature"
    case payloadMismatch = "payload_mismatch"
    case revoked
    case expired
}

public struct TokenVerificationFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public let reason: TokenFailureReason
    /// A sentence for humans; never contains key material.
    public let detail: String

    public init(_ reason: TokenFailureReason, _ detail: String) {
        self.reason = reason
        self.detail = detail
    }

    public var description: String { "\(reason.rawValue): \(detail)" }
}

/// Checks an approval token's text: envelope, key, signature, then the claims.
///
/// Order matters and is fixed: nothing inside the payload is trusted before the signature checks
/// out, so a tampered field is always `bad_signature`, never a misleading `expired`. After that:
/// key validity at issue time, payload hash (when the caller knows the payload), revocation, expiry.
public struct TokenVerifier: Sendable {
    public var keys: @Sendable (_ keyID: String) -> TokenVerificationKey?
    public var isRevoked: @Sendable (_ requestID: String) -> Bool

    public init(
        keys: @escaping @Sendable (_ keyID: String) -> TokenVerificationKey?,
        isRevoked: @escaping @Sendable (_ requestID: String) -> Bool = { _ in false }
    ) {
        self.keys = keys
        self.isRevoked = isRevoked
    }

    /// - Parameters:
    ///   - expectedPayloadSHA256: the hex SHA-256 of the canonical payload the caller is about to act
    ///     on; nil skips the check (e.g. a plain `aureus verify`).
    public func verify(_ text: String, now: Timestamp, expectedPayloadSHA256: String? = nil) -> Result<ApprovalToken, TokenVerificationFailure> {
        guard let envelope = TokenEnvelope(text: text) else {
            return .failure(.init(.malformed, "not a token: expected <payload>.<signature>.<key id> in base64url"))
        }
        guard let key = keys(envelope.keyID) else {
            return .failure(.init(.unknownKey, "no server key with id '\(envelope.keyID)'"))
        }
        guard key.verify(envelope.payload, envelope.signature) else {
            return .failure(.init(.badSignature, "the signature does not match the token under key '\(envelope.keyID)'"))
        }
        guard let token = ApprovalToken(canonicalBytes: envelope.payload), token.expiresAt > token.issuedAt else {
            return .failure(.init(.malformed, "the signed payload is not a valid approval token"))
        }
        guard token.keyID == envelope.keyID else {
            return .failure(.init(.malformed, "the token names key '\(token.keyID)' but the envelope says '\(envelope.keyID)'"))
        }
        if let from = key.validFrom, token.issuedAt < from {
            return .failure(.init(.unknownKey, "key '\(key.keyID)' was not in service yet at \(token.issuedAt)"))
        }
        if let retired = key.retiredAt, token.issuedAt >= retired {
            return .failure(.init(.unknownKey, "key '\(key.keyID)' was retired at \(retired), before the token's issue time"))
        }
        if let expected = expectedPayloadSHA256, expected.lowercased() != token.payloadSHA256.lowercased() {
            return .failure(.init(.payloadMismatch, "the token approves payload \(token.payloadSHA256), not \(expected)"))
        }
        if isRevoked(token.requestID) {
            return .failure(.init(.revoked, "request '\(token.requestID)' was revoked"))
        }
        if now >= token.expiresAt {
            return .failure(.init(.expired, "the token expired at \(token.expiresAt)"))
        }
        return .success(token)
    }
}
