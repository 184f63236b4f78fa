import AureusProtocol

/// The whole state of the `aureus` screen as one value, changed only by keys (`handle(_:)`)
/// and host events (`apply(_:)`), both of which return effects for the host to perform.
///
/// The host loop stays small; everything it does is I/O:
///
/// ```swift
/// var model = AppModel(serverAddress: "ws://127.0.0.1:7400", themeName: theme.name)
/// let terminal = try NcursesTerminal(environment: ProcessInfo.processInfo.environment)
/// model.apply(.resize(terminal.size))
/// perform(model.apply(.connection(.connecting(attempt: 1))))
/// while true {
///     // 1. Server traffic and timers, delivered by the client on its own tasks and
///     //    handed to this thread through a queue: model.apply(.notification(…)),
///     //    .rpcResult(…), .connection(…), .tick(now) → perform(effects)
///     // 2. Keys (ncurses only on this thread):
///     if let key = terminal.readKey(timeout: .milliseconds(100)) {
///         if key == .resize { model.apply(.resize(terminal.size)) }
///         for effect in model.handle(key) {
///             switch effect {
///             case .quit: terminal.shutdown(); return
///             case .sendRPC(let method, let params): client.send(method, params) // → .rpcResult
///             case .loadTheme(let name): theme = try loader.load(name) … model.apply(.themeLoaded(name))
///             case .reconnect: client.reconnectNow()
///             case .runCommand: break
///             }
///         }
///     }
///     // 3. Draw: the terminal diffs against the last frame and writes only changes.
///     terminal.draw(Screen(model: model, theme: theme).render(size: terminal.size), theme: theme)
/// }
/// ```
/// When the connection becomes `.connected`, `apply` returns the effects that (re)load the
/// audit tail and the rates snapshot and subscribe to "audit" and "rates", so reconnect
/// handling needs no extra code in the host.
public struct AppModel: Sendable {
    public var serverAddress: String
    public var user: String?
    public var role: Role?
    public private(set) var connection: ConnectionStatus = .connecting(attempt: 1)
    /// Panes whose data arrived before the connection dropped and has not been refreshed
    /// since: they show it marked stale. Each pane clears on its own fresh data.
    public private(set) var stalePanes: Set<PaneID> = []
    /// True while any pane shows stale data (the status bar says "data stale").
    public var isStale: Bool { !stalePanes.isEmpty }
    public var now: Timestamp
    /// Seconds east of UTC for displayed clock times (the host knows the local zone).
    public var utcOffsetSeconds: Int
    public private(set) var themeName: String
    public var size: TerminalSize
    public private(set) var mode = AppMode.dashboard
    /// `aureus repl`: the REPL is all there is, so leaving it quits and the dashboard's data
    /// is never asked for.
    public let replOnly: Bool
    public internal(set) var repl: ReplModel

    public private(set) var focus: PaneID = .audit
    public private(set) var zoomed = false
    public private(set) var overlay: Overlay?
    /// Non-nil while the `:` command line is open.
    public private(set) var commandLine: LineEditor?
    public private(set) var message: StatusMessage?
    public internal(set) var audit = AuditPane()
    public internal(set) var rates = RatesPane()
    public internal(set) var approvals = ApprovalsPane()
    public internal(set) var gpu = GPUPane()
    public internal(set) var spikes = SpikesPane()
    /// The connected instance's dependencies (`server.status`, topic `status`); nil until known.
    public internal(set) var serverStatus: ServerStatus?
    public let keyMap: KeyMap

    public init(
        serverAddress: String,
        themeName: String = "default",
        keyMap: KeyMap = .standard,
        now: Timestamp = Timestamp(milliseconds: 0),
        utcOffsetSeconds: Int = 0,
        size: TerminalSize = TerminalSize(width: 80, height: 24),
        replOnly: Bool = false
    ) {
        self.serverAddress = serverAddress
        self.themeName = themeName
        self.keyMap = keyMap
        self.now = now
        self.utcOffsetSeconds = utcOffsetSeconds
        self.size = size
        self.replOnly = replOnly
        self.repl = ReplModel(size: size, keyMap: keyMap)
        if replOnly { mode = .repl }
    }

    /// The pane with `id`, as the screen draws it.
    public func pane(_ id: PaneID) -> any Pane {
        switch id {
        case .audit: audit
        case .rates: rates
        case .approvals: approvals
        case .gpu: gpu
        case .spikes: spikes
        }
    }

    /// Whether pane `id` shows data from before the connection dropped.
    public func isStale(_ id: PaneID) -> Bool { stalePanes.contains(id) }

    /// The key contexts active now, most specific first.
    public var keyContexts: [KeyContext] { mode == .repl ? repl.keyContexts : pane(focus).keyContexts + [.global] }

    mutating func setFocus(_ id: PaneID) { focus = id }
    mutating func setMode(_ value: AppMode) { mode = value }
    mutating func setZoomed(_ value: Bool) { zoomed = value }
    mutating func setOverlay(_ value: Overlay?) { overlay = value }
    mutating func setCommandLine(_ value: LineEditor?) { commandLine = value }
    mutating func show(_ text: String, error: Bool = false) { message = StatusMessage(text, isError: error) }
    mutating func clearMessage() { message = nil }
    mutating func setThemeName(_ name: String) { themeName = name }
    mutating func setConnection(_ status: ConnectionStatus) { connection = status }
    mutating func setStale(_ id: PaneID, _ value: Bool) {
        if value { stalePanes.insert(id) } else { stalePanes.remove(id) }
    }
}
