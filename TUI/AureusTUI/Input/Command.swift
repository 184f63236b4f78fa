/// What a key asks the app to do; the `KeyMap` maps keys to these, the reducer performs them.
public enum Command: Hashable, Sendable {
    case focusNext
    case focusPrevious
    case focusPane(PaneID)
    case zoom
    case help
    case commandLine
    case filter
    case back
    case quit
    /// Ctrl-C: quit after a y/n confirmation (k9s users quit by accident while copying).
    case interrupt
    case scrollUp
    case scrollDown
    case pageUp
    case pageDown
    case top
    case bottom
    case open
    /// Next sort order of the focused list (rates: rate, name, total).
    case cycleSort
    /// Approve the selected approval request (approvers only).
    case approve
    /// Reject the selected approval request, with a reason (approvers only).
    case reject
    /// Open the SQL REPL (F2, `:repl`).
    case openRepl
    /// Leave the SQL REPL for the dashboard (Esc, F2), or quit `aureus repl`.
    case leaveRepl
    /// Enter in the REPL: run a complete statement, else start a new line.
    case submit
    /// Tab in the REPL: complete a dataset, column or meta-command.
    case complete
    /// Ctrl-R: reverse incremental history search.
    case historySearch
    case historyPrevious
    case historyNext
    /// Move the keys between the REPL input and its result (scrolling).
    case toggleResultFocus
    /// Ctrl-C in the REPL: cancel the running query on the server, else clear the input.
    case cancelQuery
    case scrollLeft
    case scrollRight
    /// Table or one block per record (`\x`).
    case toggleExpanded
    /// Spike raster: a shorter time window (more detail).
    case zoomIn
    /// Spike raster: a longer time window.
    case zoomOut
    /// Spike raster: freeze or resume the view (data keeps arriving).
    case togglePause
    /// Spike raster: show the next / previous neural stream.
    case nextStream
    case previousStream
}

/// Where a binding applies. The reducer asks the key map with the contexts active now,
/// most specific first, so a pane binding can shadow a global one.
public enum KeyContext: String, Hashable, Sendable, CaseIterable {
    /// Everywhere outside text entry.
    case global
    /// A pane that shows a scrollable list (audit, rates).
    case list
    /// A detail view opened from a list.
    case detail
    /// The rates pane's own keys (sort), ahead of its list keys.
    case rates
    /// The spike raster's keys: channel selection, time zoom, pause, stream.
    case spikes
    /// Approve/reject in the approvals pane; active only for roles that may decide.
    case decide
    /// The SQL REPL's input line (text keys go to the editor, not to commands).
    case repl
    /// The SQL REPL's result, while it has the keys (scrolling).
    case result
}
