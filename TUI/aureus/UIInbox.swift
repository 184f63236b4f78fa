import AureusTUI
import Synchronization

/// Events for the UI thread, queued by async tasks. The UI thread drains it between key
/// reads, so ncurses is only ever touched from that one thread.
final class UIInbox: Sendable {
    private let queue = Mutex<[AppEvent]>([])

    func push(_ event: AppEvent) { queue.withLock { $0.append(event) } }

    func drain() -> [AppEvent] {
        queue.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
