/// The key table: every binding with its command, help text, danger flag and context.
/// The help bar and the `?` overlay are generated from it (k9s `KeyActions`), so what the
/// screen says and what the keys do cannot drift apart.
public struct KeyMap: Sendable {
    public struct Binding: Hashable, Sendable {
        public var keys: [Key]
        /// How the keys are shown, when listing them one by one would be noisy ("1-5").
        public var label: String?
        public var command: Command
        public var help: String
        /// True for commands that must be confirmed before they act.
        public var danger: Bool
        public var context: KeyContext
        /// Whether the one-line help bar shows it (the `?` overlay shows all).
        public var inHelpBar: Bool

        public init(
            _ keys: [Key],
            label: String? = nil,
            _ command: Command,
            help: String,
            danger: Bool = false,
            context: KeyContext = .global,
            inHelpBar: Bool = true
        ) {
            self.keys = keys
            self.label = label
            self.command = command
            self.help = help
            self.danger = danger
            self.context = context
            self.inHelpBar = inHelpBar
        }

        /// "Tab", "1-5", "j/↓".
        public var keyText: String { label ?? keys.map(\.description).joined(separator: "/") }
    }

    public var bindings: [Binding]

    public init(bindings: [Binding]) { self.bindings = bindings }

    /// The default bindings.
    public static let standard = KeyMap(
        bindings: [
            Binding([.tab], .focusNext, help: "next pane"),
            Binding([.backTab], .focusPrevious, help: "previous pane", inHelpBar: false),
            Binding([.char("1")], label: "1-5", .focusPane(.rates), help: "jump to pane"),
            Binding([.char("2")], .focusPane(.approvals), help: "approvals pane", inHelpBar: false),
            Binding([.char("3")], .focusPane(.audit), help: "audit pane", inHelpBar: false),
            Binding([.char("4")], .focusPane(.gpu), help: "gpu pane", inHelpBar: false),
            Binding([.char("5")], .focusPane(.spikes), help: "spikes pane", inHelpBar: false),
            Binding([.char("z")], .zoom, help: "zoom"),
            Binding([.char("?")], .help, help: "help"),
            Binding([.char(":")], .commandLine, help: "command"),
            Binding([.function(2)], .openRepl, help: "SQL"),
            Binding([.char("s")], .cycleSort, help: "sort", context: .rates),
            Binding([.char("k"), .up], label: "↑/↓", .scrollUp, help: "channel", context: .spikes),
            Binding([.char("j"), .down], .scrollDown, help: "next channel", context: .spikes, inHelpBar: false),
            Binding([.pageUp, .ctrl("b")], .pageUp, help: "channels: page up", context: .spikes, inHelpBar: false),
            Binding([.pageDown, .ctrl("f")], .pageDown, help: "channels: page down", context: .spikes, inHelpBar: false),
            Binding([.home, .char("g")], .top, help: "first channel", context: .spikes, inHelpBar: false),
            Binding([.end, .char("G")], .bottom, help: "last channel", context: .spikes, inHelpBar: false),
            Binding([.char("+"), .char("=")], label: "+/-", .zoomIn, help: "time zoom", context: .spikes),
            Binding([.char("-")], .zoomOut, help: "longer window", context: .spikes, inHelpBar: false),
            Binding([.char(" "), .char("p")], label: "Space", .togglePause, help: "pause", context: .spikes),
            Binding([.char("]")], label: "[/]", .nextStream, help: "stream", context: .spikes),
            Binding([.char("[")], .previousStream, help: "previous stream", context: .spikes, inHelpBar: false),
            Binding([.char("a")], .approve, help: "approve", context: .decide),
            Binding([.char("r")], .reject, help: "reject", context: .decide),
            Binding([.char("/")], .filter, help: "filter", context: .list),
            Binding([.enter], .open, help: "details", context: .list),
            Binding([.char("j"), .down], .scrollDown, help: "down", context: .list, inHelpBar: false),
            Binding([.char("k"), .up], .scrollUp, help: "up", context: .list, inHelpBar: false),
            Binding([.pageDown, .ctrl("f")], .pageDown, help: "page down", context: .list, inHelpBar: false),
            Binding([.pageUp, .ctrl("b")], .pageUp, help: "page up", context: .list, inHelpBar: false),
            Binding([.char("g"), .home], .top, help: "newest", context: .list, inHelpBar: false),
            Binding([.char("G"), .end], .bottom, help: "oldest (loads more)", context: .list, inHelpBar: false),
            Binding([.char("j"), .down], .scrollDown, help: "scroll down", context: .detail, inHelpBar: false),
            Binding([.char("k"), .up], .scrollUp, help: "scroll up", context: .detail, inHelpBar: false),
            Binding([.pageDown, .ctrl("f")], .pageDown, help: "scroll a page down", context: .detail, inHelpBar: false),
            Binding([.pageUp, .ctrl("b")], .pageUp, help: "scroll a page up", context: .detail, inHelpBar: false),
            Binding([.enter], .open, help: "close (as Esc)", context: .detail, inHelpBar: false),
            Binding([.esc], .back, help: "close", context: .detail),
            Binding([.esc], .back, help: "back"),
            Binding([.char("q")], .quit, help: "quit"),
            Binding([.ctrl("c")], .interrupt, help: "quit (asks first)", danger: true, inHelpBar: false),
        ] + replBindings
    )

    /// The SQL REPL's keys: the input line, then its result. Neither falls back to `.global`,
    /// so typing `q` or `1` in a statement never quits or jumps.
    public static let replBindings: [Binding] = [
        Binding([.enter], .submit, help: "run (SQL ends with ;)", context: .repl),
        Binding([.tab], .complete, help: "complete", context: .repl),
        Binding([.ctrl("r")], .historySearch, help: "search history", context: .repl),
        Binding([.up], .historyPrevious, help: "previous statement (or line)", context: .repl, inHelpBar: false),
        Binding([.down], .historyNext, help: "next statement (or line)", context: .repl, inHelpBar: false),
        Binding([.pageDown], .pageDown, help: "page the result down", context: .repl, inHelpBar: false),
        Binding([.pageUp], .pageUp, help: "page the result up", context: .repl, inHelpBar: false),
        Binding([.backTab], .toggleResultFocus, help: "scroll result", context: .repl),
        Binding([.ctrl("c")], .cancelQuery, help: "cancel query / clear", context: .repl),
        Binding([.esc, .function(2)], .leaveRepl, help: "leave", context: .repl),
        Binding([.char("j"), .down], .scrollDown, help: "down", context: .result, inHelpBar: false),
        Binding([.char("k"), .up], .scrollUp, help: "up", context: .result, inHelpBar: false),
        Binding([.char("h"), .left], label: "h/l", .scrollLeft, help: "columns", context: .result),
        Binding([.char("l"), .right], .scrollRight, help: "next column", context: .result, inHelpBar: false),
        Binding([.pageDown, .ctrl("f"), .char(" ")], label: "PgDn/PgUp", .pageDown, help: "page", context: .result),
        Binding([.pageUp, .ctrl("b")], .pageUp, help: "page up", context: .result, inHelpBar: false),
        Binding([.char("g"), .home], .top, help: "first row", context: .result, inHelpBar: false),
        Binding([.char("G"), .end], label: "G/End", .bottom, help: "last row (fetches more)", context: .result),
        Binding([.char("x")], .toggleExpanded, help: "expanded", context: .result),
        Binding([.ctrl("c")], .cancelQuery, help: "cancel query", context: .result),
        Binding([.esc, .backTab, .enter, .char("i")], label: "Esc", .toggleResultFocus, help: "back to input", context: .result),
        Binding([.function(2)], .leaveRepl, help: "leave", context: .result),
    ]

    /// The binding for `key` in the first of `contexts` that has one.
    public func binding(for key: Key, in contexts: [KeyContext]) -> Binding? {
        for context in contexts {
            if let found = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) { return found }
        }
        return nil
    }

    /// Help-bar entries for the active contexts, most specific first, one per command.
    public func helpBarItems(contexts: [KeyContext]) -> [(key: String, help: String)] {
        var seenKeys = Set<String>()
        var items: [(key: String, help: String)] = []
        for context in contexts {
            for binding in bindings where binding.context == context && binding.inHelpBar {
                guard seenKeys.insert(binding.keyText).inserted else { continue }
                items.append((binding.keyText, binding.help))
            }
        }
        return items
    }

    /// The help bar as plain text ("Tab next pane  1-5 jump to pane …") cut to whole items
    /// that fit in `width` columns.
    public func helpBarText(contexts: [KeyContext], width: Int) -> String {
        var text = ""
        for item in helpBarItems(contexts: contexts) {
            let piece = (text.isEmpty ? "" : "  ") + item.key + " " + item.help
            if TextWidth.width(of: text) + TextWidth.width(of: piece) > width { break }
            text += piece
        }
        return text
    }

    /// Lines for the `?` overlay: every binding grouped by context, danger marked with `!`.
    public func helpLines() -> [String] {
        var lines: [String] = []
        for context in KeyContext.allCases {
            let group = bindings.filter { $0.context == context }
            guard !group.isEmpty else { continue }
            if !lines.isEmpty { lines.append("") }
            lines.append(context.title)
            for binding in group {
                let keys = TextWidth.fit(binding.keyText, to: 10)
                lines.append("  " + keys + " " + binding.help + (binding.danger ? "  !" : ""))
            }
        }
        return lines
    }
}

extension KeyContext {
    var title: String {
        switch self {
        case .global: "Everywhere"
        case .rates: "Rates pane (sort: rate, name, total)"
        case .spikes: "Spikes pane (raster: channels × time)"
        case .list: "Lists (audit, rates, approvals)"
        case .decide: "Approvals (approvers; high risk asks a reason and y/n)"
        case .detail: "Detail view"
        case .repl: "SQL REPL input (F2 or :repl opens it)"
        case .result: "SQL REPL result (S-Tab from the input)"
        }
    }
}
