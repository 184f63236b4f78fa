import AureusProtocol

/// What the app asks its host (the `aureus` executable) to do; the model itself never does I/O.
public enum AppEffect: Hashable, Sendable {
    /// Leave: restore the terminal and exit.
    case quit
    /// Call a JSON-RPC method; feed the answer back with `AppEvent.rpcResult` / `.rpcError`.
    case sendRPC(method: String, params: JSONValue)
    /// Load the named theme (`:theme NAME`); report back with `.themeLoaded` / `.themeFailed`.
    case loadTheme(String)
    /// Sign a decision on `approval` as `approverID` (the logged-in user) with the local approver
    /// key and send `approvals.decide`; answer with `.rpcResult` for `approvals.decide`, or
    /// `.decisionFailed`.
    case decide(approval: ApprovalInfo, verdict: String, reason: String?, approverID: String)
    /// Drop the connection and reconnect now (`:reconnect`).
    case reconnect
    /// A command line the app does not handle itself but the host might (reserved for
    /// host-level commands; unknown commands never get here, they show an error).
    case runCommand(String)
    /// Something the SQL REPL needs done (queries, exports, the history file); answer with
    /// `AppEvent.repl`.
    case repl(ReplRequest)
}

/// What the host tells the app: server data, connection changes, time passing.
public enum AppEvent: Sendable {
    case connection(ConnectionStatus)
    /// Who we are logged in as (from `server.hello` or `auth.login`).
    case session(user: String, role: Role?)
    /// The answer to an `AppEffect.sendRPC` for `method`.
    case rpcResult(method: String, params: JSONValue, result: JSONValue)
    case rpcError(method: String, message: String)
    /// A decision on request `id` failed before or at the server.
    case decisionFailed(id: String, message: String)
    /// An `event` notification: `{"topic": …, "data": …}`.
    case notification(topic: String, data: JSONValue)
    /// The wall clock, for the status bar (injected so tests are deterministic).
    case tick(Timestamp)
    case themeLoaded(String)
    case themeFailed(String)
    case resize(TerminalSize)
    /// The answer to an `AppEffect.repl` request.
    case repl(ReplResponse)
}

/// What fills the screen: the dashboard's panes, or the SQL REPL (`:repl`, F2).
public enum AppMode: Hashable, Sendable {
    case dashboard
    case repl
}

/// A one-line message shown in the help bar until the next key.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// A modal layer above the panes; at most one is open.
public enum Overlay: Hashable, Sendable {
    case help(scroll: Int)
    case confirmQuit
}
