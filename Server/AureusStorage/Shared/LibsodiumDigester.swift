import AureusCore
import AureusCrypto

/// SHA-256 for the audit hash chain, through libsodium.
///
/// Core declares `SHA256Digester` so it stays free of C; this is the one production adapter,
/// used by the stores when sealing rows and by the server when verifying the chain.
public struct LibsodiumDigester: SHA256Digester {
    public init() {}

    public func sha256(_ bytes: [UInt8]) -> [UInt8] { SHA256.hash(bytes) }
}
