import AureusProtocol
import Foundation
import Testing

@testable import AureusTUI

/// The status bar names an impaired server dependency, and the message line says what it means.
@Suite struct DependencyStatusTests {
    static func status(redis: DependencyState, detail: String? = nil, store: DependencyState = .up) throws -> JSONValue {
        let since = Timestamp(milliseconds: 1_800_000_000_000)
        return try JSONValue(
            encoding: ServerStatus(
                instance: "3f9c2a7b1d04e6a8",
                dependencies: [
                    DependencyStatus(name: "store", state: store, since: since),
                    DependencyStatus(name: "redis", state: redis, detail: detail, since: since),
                ]
            )
        )
    }

    @Test func degradedRedisShowsInTheStatusBarAndClearsWhenBack() throws {
        var model = try Fixtures.connectedModel()
        model.apply(.rpcResult(method: "server.status", params: .object([:]), result: try Self.status(redis: .up)))
        var canvas = try ScreenRenderTests.render(model)
        #expect(!canvas.rows[0].contains("▲"), "all up: nothing extra on the status bar")

        model.apply(
            .notification(topic: "status", data: try Self.status(redis: .degraded, detail: "connection refused: live events stay on this instance"))
        )
        canvas = try ScreenRenderTests.render(model)
        #expect(canvas.rows[0].contains("▲ redis degraded"))
        #expect(canvas.rows[0].contains("● connected"), "the connection state stays visible")
        #expect(model.message?.text.contains("redis degraded: connection refused") == true)

        model.apply(.notification(topic: "status", data: try Self.status(redis: .degraded, store: .down)))
        canvas = try ScreenRenderTests.render(model)
        #expect(canvas.rows[0].contains("▲ store down · redis degraded"))

        model.apply(.notification(topic: "status", data: try Self.status(redis: .up)))
        canvas = try ScreenRenderTests.render(model)
        #expect(!canvas.rows[0].contains("▲"))
        #expect(model.message?.text.contains("redis up") == true)
    }

    @Test func unconfiguredRedisIsNotAnAlarm() throws {
        var model = try Fixtures.connectedModel()
        model.apply(.rpcResult(method: "server.status", params: .object([:]), result: try Self.status(redis: .off)))
        #expect(!(try ScreenRenderTests.render(model)).rows[0].contains("▲"))
        #expect(model.message == nil)
    }
}
