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
    /// Approve/reject in the approvals pane; active only for roles that may decide.
    case decide
}
