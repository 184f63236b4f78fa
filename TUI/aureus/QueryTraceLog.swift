import Foundation
import Glibc
import Synchronization

/// `--trace-query FILE`: one line per query with the monotonic times (ms) of the Enter that
/// sent it, of its first page arriving, and of the first frame that drew it, so a benchmark
/// can measure "first page on screen" as the user sees it:
///
///     query=3 enter_ms=81234.512 first_page_ms=81240.031 drawn_ms=81241.220 rows=500
///
/// Cheap by design: a lock and a dictionary entry per query, one append per query.
final class QueryTraceLog: Sendable {
    private struct Entry {
        var enter: Double
        var received: Double?
    }

    let path: String
    private let entries = Mutex<[Int: Entry]>([:])

    init(path: String) { self.path = path }

    /// CLOCK_MONOTONIC in milliseconds: comparable across threads, immune to clock changes.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) * 1000 + Double(time.tv_nsec) / 1_000_000
    }

    /// The UI sent `query.run` for query `id` (the Enter that ran it).
    func entered(_ id: Int) {
        let now = Self.now()
        entries.withLock { $0[id] = Entry(enter: now) }
    }

    /// The first page of query `id` arrived (the connection task).
    func received(_ id: Int) {
        let now = Self.now()
        entries.withLock { entries in
            if entries[id]?.received == nil { entries[id]?.received = now }
        }
    }

    /// A frame showing query `id`'s result was drawn: writes its line once. Earlier queries
    /// that never drew (failed, cancelled) are forgotten.
    func drawn(_ id: Int, rows: Int) {
        let now = Self.now()
        let line: String? = entries.withLock { entries in
            guard let entry = entries[id], let received = entry.received else { return nil }
            entries = entries.filter { $0.key > id }
            return String(format: "query=%d enter_ms=%.3f first_page_ms=%.3f drawn_ms=%.3f rows=%d\n", id, entry.enter, received, now, rows)
        }
        guard let line else { return }
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return }
        _ = line.withCString { write(fd, $0, strlen($0)) }
        close(fd)
    }

    /// Whether query `id` still waits to be traced (saves the UI a lookup per frame).
    func isWaiting(_ id: Int) -> Bool { entries.withLock { $0[id] != nil } }
}
