import AureusProtocol

/// What a store adapter reports. Adapters map their engine's errors onto these kinds once.
public struct StoreError: Error, Sendable, CustomStringConvertible, RPCErrorConvertible {
    public enum Kind: Sendable, Hashable {
        /// A unique constraint was hit (duplicate username, duplicate id).
        case conflict
        case notFound
        /// The database cannot be reached or is not ready.
        case unavailable
        /// A migration failed or the schema is newer than this binary.
        case migration
        /// Anything else the engine reported.
        case engine
    }

    public let kind: Kind
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "store \(kind): \(reason)" }

    public var rpcError: RPCError {
        switch kind {
        case .conflict: RPCError(.conflict, reason: reason)
        case .notFound: RPCError(.notFound, reason: reason)
        case .unavailable, .migration: RPCError(.unavailable, reason: "the store is unavailable")
        // Engine messages can leak schema details; the client gets a generic reason.
        case .engine: RPCError(.internalError, reason: "storage error")
        }
    }
}
