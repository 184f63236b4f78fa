import AureusClient
import AureusCore
import AureusProtocol
import AureusTUI
import Foundation

/// One connection's worth of dashboard: the async side (connection, event pump, effect
/// runner, keep-alive) in a task group, and the UI loop on its own thread.
struct DashboardSession {
    enum Outcome: Sendable {
        case quit
        case relogin
    }

    let connection: AureusConnection
    let options: ClientOptions
    let url: String
    let theme: Theme
    let loader: ThemeLoader
    let traceTimingPath: String?
    let traceApprovalsPath: String?
    /// `aureus repl`: start in the REPL and quit on leaving it.
    let replOnly: Bool
    let history: ReplHistoryFile?
    let trace: QueryTraceLog?
    let spikeTrace: SpikeTraceLog?

    func run(needsLogin: Bool, onToken: @escaping @Sendable (String) -> Void) async throws -> Outcome {
        let inbox = UIInbox()
        let (states, stateSink) = AsyncStream<ConnectionState>.makeStream()
        let (effects, effectSink) = AsyncStream<AppEffect>.makeStream()
        let connection = self.connection
        return try await withThrowingTaskGroup(of: Void.self) { group in
            defer { group.cancelAll() }
            group.addTask { await connection.run() }
            group.addTask { await Self.pump(connection: connection, into: inbox, states: stateSink) }
            var stateIterator = states.makeAsyncIterator()
            if needsLogin {
                print("Connecting to \(url)…")
                try await Self.waitForConnection(&stateIterator)
                let token = try await LoginPrompt.login(options: options, connection: connection)
                connection.token = token
                onToken(token)
                if let whoami: UserInfo = try? await connection.call("auth.whoami", [String: String]()) {
                    inbox.push(.session(user: whoami.username, role: whoami.role))
                }
            }
            let trace = self.trace
            group.addTask { await Self.perform(effects, connection: connection, inbox: inbox, trace: trace) }
            group.addTask { await Self.keepAlive(connection: connection) }
            let ui = DashboardUI(
                serverAddress: url,
                theme: theme,
                loader: loader,
                inbox: inbox,
                effects: effectSink,
                traceTimingPath: traceTimingPath,
                traceApprovalsPath: traceApprovalsPath,
                replOnly: replOnly,
                history: history,
                trace: trace,
                spikeTrace: spikeTrace
            )
            return await ui.runOnThread()
        }
    }

    /// Waits until connected; fails on states that need the user.
    static func waitForConnection(_ iterator: inout AsyncStream<ConnectionState>.Iterator) async throws {
        while let state = await iterator.next() {
            switch state {
            case .connected: return
            case .incompatible(let reason): throw LoginFailure(reason)
            case .waiting(let reason, let delay): print("cannot connect (\(reason)); retrying in \(max(1, delay / 1000)) s…")
            case .needsLogin, .connecting: continue
            }
        }
        throw LoginFailure("cancelled")
    }

    /// Client events → UI events (and connection states for the login wait).
    static func pump(connection: AureusConnection, into inbox: UIInbox, states: AsyncStream<ConnectionState>.Continuation) async {
        for await event in connection.events {
            switch event {
            case .state(let state):
                states.yield(state)
                inbox.push(.connection(ConnectionStatusMapping.status(for: state)))
                if case .needsLogin = state { inbox.push(.rpcError(method: "session", message: DashboardUI.reloginMarker)) }
            case .hello(let hello):
                if let user = hello.user { inbox.push(.session(user: user.username, role: user.role)) }
            case .event(let topic, let data):
                inbox.push(.notification(topic: topic, data: data))
            }
        }
        states.finish()
    }

    /// Runs the effects the UI asks for; answers go back through the inbox.
    static func perform(_ effects: AsyncStream<AppEffect>, connection: AureusConnection, inbox: UIInbox, trace: QueryTraceLog?) async {
        await withDiscardingTaskGroup { group in
            for await effect in effects {
                switch effect {
                case .sendRPC(let method, let params):
                    group.addTask {
                        do {
                            let result = try await connection.callRaw(method, params: params)
                            inbox.push(.rpcResult(method: method, params: params, result: result))
                        } catch let error as RPCError {
                            inbox.push(.rpcError(method: method, message: error.reason))
                        } catch {
                            inbox.push(.rpcError(method: method, message: "\(error)"))
                        }
                    }
                case .decide(let approval, let verdict, let reason, let approverID):
                    group.addTask {
                        await decide(approval, verdict: verdict, reason: reason, approverID: approverID, connection: connection, inbox: inbox)
                    }
                case .reconnect:
                    group.addTask { await connection.disconnect() }
                case .repl(let request):
                    group.addTask { await ReplRequestRunner.perform(request, connection: connection, inbox: inbox, trace: trace) }
                case .quit, .loadTheme, .runCommand:
                    break
                }
            }
        }
    }

    /// Signs the decision with the local approver key (never sent anywhere) and sends it.
    static func decide(
        _ approval: ApprovalInfo,
        verdict: String,
        reason: String?,
        approverID: String,
        connection: AureusConnection,
        inbox: UIInbox
    ) async {
        do {
            guard let parsed = ApprovalVerdict(rawValue: verdict) else { throw KeyFileError("unknown decision '\(verdict)'") }
            guard let file = ApproverKeyFile.standard(), let key = try file.load() else {
                throw KeyFileError("no approver key on this machine: run `aureus keys init` and `aureus keys register`")
            }
            let params = DecisionSigner.params(for: approval, verdict: parsed, reason: reason, approverID: approverID, key: key)
            let result = try await connection.callRaw("approvals.decide", params: try JSONValue(encoding: params))
            inbox.push(.rpcResult(method: "approvals.decide", params: [:], result: result))
        } catch let error as RPCError {
            inbox.push(.decisionFailed(id: approval.id, message: error.reason))
        } catch {
            inbox.push(.decisionFailed(id: approval.id, message: "\(error)"))
        }
    }

    /// Measures latency every 5 s for the status bar and refreshes the session every 10 min,
    /// so an operator watching without typing is never logged out.
    static func keepAlive(connection: AureusConnection) async {
        var sinceRefresh = Duration.zero
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(5))
            sinceRefresh += .seconds(5)
            guard connection.isConnected else { continue }
            _ = try? await connection.measureLatency()
            if sinceRefresh >= .seconds(600) {
                sinceRefresh = .zero
                let _: RefreshResult? = try? await connection.call("auth.refresh", [String: String]())
            }
        }
    }
}

/// Client connection states in the status bar's terms.
enum ConnectionStatusMapping {
    static func status(for state: ConnectionState) -> ConnectionStatus {
        switch state {
        case .connecting(let attempt): .connecting(attempt: attempt)
        case .connected(let rtt): .connected(latencyMs: rtt.map { Int($0.rounded()) })
        case .waiting(_, let delay): .reconnecting(inSeconds: (delay + 999) / 1000)
        case .needsLogin(let reason): .disconnected(reason: reason)
        case .incompatible(let reason): .disconnected(reason: reason)
        }
    }
}
