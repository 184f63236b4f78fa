import AureusCore
import AureusCrypto
import AureusProtocol
import Synchronization

/// A query whose cursor is still open on the server: who owns it, how far it got, and the
/// running hash of what was sent, so the evidence record can be sealed however it ends.
final class OpenQuery: Sendable {
    struct Progress: Sendable {
        var sent: Int = 0
        var hasher = SHA256.Hasher()
        var lastUsed: ContinuousClock.Instant
        /// A fetch is running; a second concurrent fetch on the same cursor is refused.
        var busy = false
        var finished = false
    }

    let cursorID: String
    let evidenceID: String
    let owner: String
    let cursor: any QueryCursor
    let rowLimit: Int
    let started: ContinuousClock.Instant
    let masking: [String: String]
    let progress: Mutex<Progress>

    init(cursorID: String, evidenceID: String, owner: String, cursor: any QueryCursor, rowLimit: Int, masking: [String: String]) {
        self.cursorID = cursorID
        self.evidenceID = evidenceID
        self.owner = owner
        self.cursor = cursor
        self.rowLimit = rowLimit
        self.masking = masking
        let now = ContinuousClock.now
        started = now
        progress = Mutex(Progress(lastUsed: now))
    }

    var elapsedMilliseconds: Double { (ContinuousClock.now - started).milliseconds }

    /// Feeds the column line into the result hash (once, before the first row).
    func hashColumns(_ columns: [QueryColumn]) {
        let line = CanonicalJSON.encode(.array(columns.map { .string($0.name) })) + [0x0A]
        progress.withLock { $0.hasher.update(line) }
    }

    /// Feeds rows into the hash and counts them.
    func record(_ rows: [[JSONValue]]) {
        var bytes: [UInt8] = []
        for row in rows {
            bytes += CanonicalJSON.encode(.array(row))
            bytes.append(0x0A)
        }
        progress.withLock {
            $0.hasher.update(bytes)
            $0.sent += rows.count
            $0.lastUsed = .now
        }
    }

    /// Marks the query finished exactly once; returns the rows sent and the result hash, or
    /// nil when another path (cancel, sweep, the last page) already finished it.
    func finish() -> (rows: Int, sha256: String)? {
        progress.withLock { progress in
            guard !progress.finished else { return nil }
            progress.finished = true
            return (progress.sent, Hex.encode(progress.hasher.finalize()))
        }
    }
}
