extension AppModel {
    /// Handles one key press and returns what the host must do.
    ///
    /// Order of precedence, so Esc always backs out of the innermost thing: the quit
    /// confirmation, the help overlay, the command line, text entry in the focused pane, the
    /// focused pane's own bindings, then global bindings.
    public mutating func handle(_ key: Key) -> [AppEffect] {
        let effects = handleKey(key)
        return effects + spikesBudgetEffects()
    }

    private mutating func handleKey(_ key: Key) -> [AppEffect] {
        if key == .resize { return [] }
        clearMessage()
        if mode == .repl { return handleRepl(key) }
        switch overlay {
        case .confirmQuit: return handleConfirm(key)
        case .help(let scroll): return handleHelp(key, scroll: scroll)
        case nil: break
        }
        if var editor = commandLine {
            switch editor.handle(key) {
            case .editing:
                setCommandLine(editor)
                return []
            case .cancelled:
                setCommandLine(nil)
                return []
            case .submitted(let text):
                setCommandLine(nil)
                return run(command: text)
            }
        }
        if pane(focus).isEditingText { return editFocusedPane(key) }
        guard let binding = keyMap.binding(for: key, in: keyContexts) else { return [] }
        return perform(binding.command, danger: binding.danger)
    }

    /// Runs a command as if its key had been pressed (also used by the command line).
    public mutating func perform(_ command: Command, danger: Bool = false) -> [AppEffect] {
        if danger || command == .interrupt {
            setOverlay(.confirmQuit)
            return []
        }
        if let effects = performInFocusedPane(command) { return effects }
        switch command {
        case .focusNext: focusPane(focus.next)
        case .focusPrevious: focusPane(focus.previous)
        case .focusPane(let id): focusPane(id)
        case .zoom: setZoomed(!zoomed)
        case .help: setOverlay(.help(scroll: 0))
        case .commandLine: setCommandLine(LineEditor())
        case .openRepl: return openRepl()
        case .back:
            if zoomed { setZoomed(false) }
        case .quit: return [.quit]
        default: break
        }
        return []
    }

    private mutating func focusPane(_ id: PaneID) {
        setFocus(id)
    }

    /// Rows a page key moves in the focused pane, from the current layout.
    var focusedPageSize: Int {
        let layout = ScreenLayout(size: size, focus: focus, zoomed: zoomed)
        guard let area = layout.panes[focus] else { return 1 }
        switch focus {
        case .audit: return audit.pageSize(for: area)
        case .rates: return rates.pageSize(for: area)
        case .approvals: return approvals.pageSize(for: area)
        case .spikes: return spikesLayout(in: area).visibleChannels
        default: return 1
        }
    }

    /// Gives a command to the focused pane; nil when it has no use for it.
    private mutating func performInFocusedPane(_ command: Command) -> [AppEffect]? {
        let page = focusedPageSize
        switch focus {
        case .audit: return audit.perform(command, pageSize: page)
        case .rates: return rates.perform(command, pageSize: page)
        case .approvals: return approvals.perform(command, pageSize: page)
        case .spikes: return spikes.perform(command, pageSize: page)
        default: return nil
        }
    }

    /// Gives a typed key to the focused pane's text field (a filter, a reason prompt).
    private mutating func editFocusedPane(_ key: Key) -> [AppEffect] {
        switch focus {
        case .audit: audit.edit(key)
        case .rates: rates.edit(key)
        case .approvals: return approvals.editReturningEffects(key)
        default: break
        }
        return []
    }

    private mutating func handleConfirm(_ key: Key) -> [AppEffect] {
        switch key {
        case .char("y"), .char("Y"), .ctrl("c"): return [.quit]
        case .char("n"), .char("N"), .esc, .char("q"): setOverlay(nil)
        default: break
        }
        return []
    }

    private mutating func handleHelp(_ key: Key, scroll: Int) -> [AppEffect] {
        switch key {
        case .esc, .char("?"), .char("q"), .enter: setOverlay(nil)
        case .char("j"), .down: setOverlay(.help(scroll: scroll + 1))
        case .char("k"), .up: setOverlay(.help(scroll: max(0, scroll - 1)))
        case .ctrl("c"): setOverlay(.confirmQuit)
        default: break
        }
        return []
    }
}
