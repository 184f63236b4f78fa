/// Why a webhook delivery was refused: a stable machine `reason`, an HTTP status and a detail
/// that is safe to log and return (it names headers and numbers, never secrets or signatures).
///
/// - Important: `reason` strings are part of the API (metrics labels, dashboards); don't rename them.
public struct WebhookRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// A header the scheme requires is absent.
        case missingHeader = "missing_header"
        /// A header is present but cannot be parsed (bad number, bad encoding, conflicting copies).
        case malformedHeader = "malformed_header"
        /// The signed timestamp is further from our clock than the tolerance.
        case timestampOutsideTolerance = "timestamp_outside_tolerance"
        /// Signatures were present and well formed, but none matched a live secret.
        case noMatchingSignature = "no_matching_signature"
        /// The signature header carries only versions we don't accept (e.g. `v1a`, `v2`).
        case unsupportedSignatureScheme = "unsupported_signature_scheme"
        /// The HTTP method is not the one the scheme uses.
        case unsupportedMethod = "unsupported_method"
        /// Oura handshake: a required query item is absent or empty.
        case missingQueryItem = "missing_query_item"
        /// Oura handshake: a query item is present but unusable (e.g. an oversized challenge).
        case invalidQueryItem = "invalid_query_item"
        /// Oura handshake: the verification token differs from the configured one.
        case verificationTokenMismatch = "verification_token_mismatch"
    }

    public let code: Code
    public let detail: String
    /// Receive time minus signed time in whole seconds (positive: the delivery is old), for
    /// `timestampOutsideTolerance` only.
    public let skewSeconds: Int64?

    public init(_ code: Code, _ detail: String, skewSeconds: Int64? = nil) {
        self.code = code
        self.detail = detail
        self.skewSeconds = skewSeconds
    }

    /// The stable machine-readable reason, e.g. `no_matching_signature`.
    public var reason: String { code.rawValue }

    /// 401 for authentication failures (signature, timestamp, token), 400 for requests that are
    /// not well-formed deliveries of the scheme, 405 for a wrong method.
    public var httpStatus: Int {
        switch code {
        case .timestampOutsideTolerance, .noMatchingSignature, .unsupportedSignatureScheme, .verificationTokenMismatch: 401
        case .missingHeader, .malformedHeader, .missingQueryItem, .invalidQueryItem: 400
        case .unsupportedMethod: 405
        }
    }

    public var description: String { "\(reason): \(detail)" }
}
