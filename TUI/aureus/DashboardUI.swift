import AureusProtocol
import AureusTUI
import AureusTerminal
import Foundation
import Glibc

/// The UI loop: the only code that touches the terminal, on a thread of its own (ncurses is
/// neither thread-safe nor async; a blocking key read must not hold a cooperative thread).
struct DashboardUI: Sendable {
    /// Sent through the inbox when the server refused the saved session.
    static let reloginMarker = "\u{1}relogin"

    let serverAddress: String
    let theme: Theme
    let loader: ThemeLoader
    let inbox: UIInbox
    let effects: AsyncStream<AppEffect>.Continuation
    let traceTimingPath: String?
    let traceApprovalsPath: String?
    let replOnly: Bool
    let history: ReplHistoryFile?
    let trace: QueryTraceLog?
    let spikeTrace: SpikeTraceLog?

    /// Runs the loop on a new thread and resumes when the user quits.
    func runOnThread() async -> DashboardSession.Outcome {
        await withCheckedContinuation { continuation in
            // Bridge: a dedicated OS thread for the terminal, joined through the continuation.
            let thread = Thread {
                continuation.resume(returning: loop())
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    private func loop() -> DashboardSession.Outcome {
        defer { effects.finish() }
        let terminal: NcursesTerminal
        do { terminal = try NcursesTerminal(environment: ProcessInfo.processInfo.environment) } catch {
            FileHandle.standardError.write(Data("aureus: cannot start the terminal UI: \(error)\n".utf8))
            return .quit
        }
        defer { terminal.shutdown() }
        var theme = self.theme
        var model = AppModel(
            serverAddress: serverAddress,
            themeName: theme.name,
            now: Self.now(),
            utcOffsetSeconds: TimeZone.current.secondsFromGMT(),
            size: terminal.size,
            replOnly: replOnly
        )
        model.loadReplHistory(history?.load() ?? [])
        if spikeTrace != nil { model.recordSpikeFrameTimes() }
        var reconnectDeadline: ContinuousClock.Instant?
        var connectedAt: ContinuousClock.Instant?
        var timingWritten = traceTimingPath == nil
        var dirty = true
        var quickEmptyReads = 0
        var tracedApprovals: Set<String> = []
        while true {
            for event in inbox.drain() {
                if case .rpcError(_, let message) = event, message == Self.reloginMarker { return .relogin }
                if case .connection(let status) = event {
                    if case .reconnecting(let seconds) = status {
                        reconnectDeadline = .now + .seconds(seconds)
                    } else {
                        reconnectDeadline = nil
                    }
                    if case .connected = status, connectedAt == nil { connectedAt = .now }
                }
                perform(model.apply(event), model: &model, theme: &theme, terminal: terminal)
                dirty = true
            }
            if let deadline = reconnectDeadline {
                let remaining = max(0, Int(((deadline - .now).components.seconds)) + 1)
                if model.connection != .reconnecting(inSeconds: remaining) {
                    model.apply(.connection(.reconnecting(inSeconds: remaining)))
                    dirty = true
                }
            }
            let now = Self.now()
            if now.milliseconds / 1000 != model.now.milliseconds / 1000 {
                perform(model.apply(.tick(now)), model: &model, theme: &theme, terminal: terminal)
                dirty = true
            }
            if dirty {
                terminal.draw(Screen(model: model, theme: theme).render(size: terminal.size), theme: theme)
                dirty = false
                if let spikeTrace { spikeTrace.drawn(model.takeDrawnSpikeFrames(), at: Self.now()) }
                if !timingWritten, let connectedAt, model.audit.hasLoaded {
                    writeTiming(connectedAt: connectedAt)
                    timingWritten = true
                }
                if traceApprovalsPath != nil { traceNewApprovals(model.approvals, seen: &tracedApprovals) }
                if let trace, model.mode == .repl, let result = model.repl.result, trace.isWaiting(result.queryID) {
                    trace.drawn(result.queryID, rows: result.rows.count)
                }
            }
            let waitStarted = ContinuousClock.now
            // While the REPL waits for the server, poll the inbox more often: the page is drawn
            // within ~5 ms of arriving instead of up to 50 ("first page on screen").
            // Live spikes on screen: every 10 ms, so a 50 ms frame reaches the screen well inside
            // the 100 ms spike→screen target.
            let waiting = model.mode == .repl && model.repl.isWaitingForServer
            let poll = waiting ? 5 : model.wantsFastRefresh ? 10 : 50
            guard let key = terminal.readKey(timeout: .milliseconds(poll)) else {
                // A key read that returns at once, again and again, means the terminal is gone
                // (pty closed, tmux pane killed): leave instead of spinning on the CPU.
                quickEmptyReads = ContinuousClock.now - waitStarted < .milliseconds(5) ? quickEmptyReads + 1 : 0
                if quickEmptyReads >= 50, !Self.terminalIsAlive() { return .quit }
                continue
            }
            quickEmptyReads = 0
            if key == .resize { model.apply(.resize(terminal.size)) }
            if perform(model.handle(key), model: &model, theme: &theme, terminal: terminal) { return .quit }
            dirty = true
        }
    }

    /// Performs effects; returns true when the app should quit.
    @discardableResult
    private func perform(_ list: [AppEffect], model: inout AppModel, theme: inout Theme, terminal: NcursesTerminal) -> Bool {
        var quit = false
        for effect in list {
            switch effect {
            case .quit: quit = true
            case .loadTheme(let name):
                do {
                    theme = try loader.load(name)
                    perform(model.apply(.themeLoaded(theme.name)), model: &model, theme: &theme, terminal: terminal)
                } catch {
                    perform(model.apply(.themeFailed("\(error)")), model: &model, theme: &theme, terminal: terminal)
                }
            case .repl(.saveHistory(let entries)):
                // On this thread, so saves land in order.
                history?.save(entries)
            case .repl(let request):
                if case .run(let id, _) = request { trace?.entered(id) }
                effects.yield(effect)
            case .sendRPC, .reconnect, .runCommand, .decide:
                effects.yield(effect)
            }
        }
        return quit
    }

    /// Appends the requests drawn for the first time, with the wall clock, for bench/approvals.sh.
    private func traceNewApprovals(_ pane: ApprovalsPane, seen: inout Set<String>) {
        guard let path = traceApprovalsPath else { return }
        let fresh = pane.pending.keys.filter { !seen.contains($0) }
        guard !fresh.isEmpty else { return }
        let now = Self.now().milliseconds
        seen.formUnion(fresh)
        let lines = fresh.map { "\($0) \(now)\n" }.joined()
        guard
            let handle = FileHandle(forWritingAtPath: path)
                ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil)
        else {
            return
        }
        handle.seekToEndOfFile()
        handle.write(Data(lines.utf8))
        try? handle.close()
    }

    /// "connect→first frame: 12.3 ms" for bench/foundation.sh.
    private func writeTiming(connectedAt: ContinuousClock.Instant) {
        guard let path = traceTimingPath else { return }
        let elapsed = ContinuousClock.now - connectedAt
        let millis = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        try? String(format: "connect→first data frame %.1f ms\n", millis).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Whether standard input is still a terminal we can talk to, and we still have a parent.
    static func terminalIsAlive() -> Bool {
        var attributes = termios()
        return tcgetattr(STDIN_FILENO, &attributes) == 0 && getppid() != 1
    }

    static func now() -> Timestamp {
        // The wall clock, read at the edge (this is the adapter, not logic).
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
