import CSodium

/// The one place libsodium is initialised. Every entry point in this module calls
/// `Sodium.ready()` first; `sodium_init` is idempotent and thread-safe.
enum Sodium {
    static let initialised: Bool = sodium_init() >= 0

    static func ready() {
        precondition(initialised, "libsodium failed to initialise")
    }
}

/// A crypto operation failed; `reason` is safe to show (it never contains key material).
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "crypto: \(reason)" }
}
