import AureusProtocol
import AureusTUI
import Foundation
import Testing

/// Shared test data: audit events, the repository's themes directory, rendering helpers.
enum Fixtures {
    /// `themes/` at the repository root, found from this file's path.
    static let themesDirectory: String = {
        // Tests/AureusTUITests/Fixtures.swift → repository root
        let file = URL(fileURLWithPath: #filePath)
        return file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("themes").path
    }()

    static func theme(_ name: String) throws -> Theme {
        try ThemeLoader(builtInDirectories: [themesDirectory], userDirectory: nil).load(name)
    }

    /// 2026-11-21T20:00:00Z plus `seq` seconds.
    static func event(
        _ seq: Int64,
        actor: String = "alice",
        action: String = "auth.login",
        target: String? = nil,
        outcome: String = "ok"
    )
        -> AuditEvent
    {
        AuditEvent(
            seq: seq,
            time: Timestamp(milliseconds: 1_795_291_200_000 + seq * 1000),
            actor: actor,
            role: .admin,
            action: action,
            target: target,
            summary: .object(["username": .string(actor), "n": .int(seq)]),
            outcome: outcome,
            requestID: "req-\(seq)",
            clientAddress: "127.0.0.1",
            prevHash: String(repeating: "0", count: 64),
            hash: String(repeating: "a", count: 63) + String(seq % 10)
        )
    }

    static func page(_ seqs: ClosedRange<Int64>, nextCursor: Int64? = nil) throws -> JSONValue {
        try JSONValue(encoding: AuditTailResult(events: seqs.reversed().map { event($0) }, nextCursor: nextCursor))
    }

    /// A model connected as alice (admin) with `count` audit events loaded.
    static func connectedModel(events count: Int64 = 3, size: TerminalSize = TerminalSize(width: 80, height: 24)) throws -> AppModel {
        var model = AppModel(serverAddress: "ws://127.0.0.1:7400", now: Timestamp(milliseconds: 1_795_294_800_000), size: size)
        model.apply(.session(user: "alice", role: .admin))
        let effects = model.apply(.connection(.connected(latencyMs: 12)))
        #expect(effects == AppModel.onConnectEffects)
        if count > 0 {
            model.apply(.rpcResult(method: "audit.tail", params: .object(["limit": .int(200)]), result: try page(1...count)))
        }
        return model
    }
}

extension String {
    /// Column of the first occurrence of `needle` (display width of everything before it), -1 if absent.
    func distance(of needle: String) -> Int {
        guard let range = range(of: needle) else { return -1 }
        return TextWidth.width(of: self[..<range.lowerBound])
    }
}
