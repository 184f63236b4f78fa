import AureusCore
import NIOPosix

extension StoreError {
    /// Converts whatever a SQLite call threw into the store's error, once, at the adapter edge.
    ///
    /// - Parameter conflict: the reason to report for a unique violation, worded for the caller
    ///   ("username 'bob' already exists"); nil keeps SQLite's message.
    static func sqlite(_ error: any Error, conflict: String? = nil) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as SQLiteError:
            switch error.kind {
            case .uniqueViolation: return StoreError(.conflict, conflict ?? error.message)
            case .foreignKeyViolation: return StoreError(.notFound, "a referenced row does not exist (\(error.message))")
            case .busy: return StoreError(.unavailable, "the database is locked by another writer: \(error.message)")
            case .unavailable: return StoreError(.unavailable, error.message)
            case .constraint, .other: return StoreError(.engine, error.description)
            }
        case is NIOThreadPoolError.ThreadPoolInactive:
            return StoreError(.unavailable, "the storage thread pool is not running")
        default:
            return StoreError(.engine, "\(error)")
        }
    }
}
