import AureusProtocol
import PostgresNIO

/// Idle query-role connections, a few per masking mode, so a query does not pay a login
/// (SCRAM handshake and session start) every time. A connection comes back only after its
/// transaction was rolled back cleanly; anything else is closed. The store closes the idle ones
/// when it stops (`closeAll`).
actor PostgresQueryConnections {
    struct Idle: Sendable {
        let connection: PostgresConnection
        let backendPID: Int32
    }

    private var idle: [MaskingMode: [Idle]] = [:]
    private let maxIdlePerMode: Int
    private var closed = false

    init(maxIdlePerMode: Int = 4) { self.maxIdlePerMode = maxIdlePerMode }

    func take(_ mode: MaskingMode) -> Idle? {
        while let candidate = idle[mode]?.popLast() {
            if !candidate.connection.isClosed { return candidate }
        }
        return nil
    }

    /// Keeps `connection` for the next query, or returns false when the caller must close it.
    func give(_ connection: Idle, mode: MaskingMode) -> Bool {
        guard !closed, !connection.connection.isClosed, idle[mode, default: []].count < maxIdlePerMode else { return false }
        idle[mode, default: []].append(connection)
        return true
    }

    /// Closes every idle login and keeps none from now on.
    func closeAll() async {
        closed = true
        let all = idle.values.flatMap { $0 }
        idle = [:]
        for session in all { try? await session.connection.close() }
    }
}
