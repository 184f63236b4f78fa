import AureusCore
import PostgresNIO

extension StoreError {
    /// Converts whatever postgres-nio threw into the store's error, once, at the adapter edge.
    ///
    /// - Parameter conflict: the reason to report for a unique violation ("username 'bob'
    ///   already exists"); nil keeps the server's message.
    static func postgres(_ error: any Error, conflict: String? = nil) -> StoreError {
        switch error {
        case let error as StoreError:
            return error
        case let error as PostgresTransactionError:
            // The closure's error is the cause; begin/commit failures are the connection's.
            if let cause = error.closureError ?? error.beginError ?? error.commitError {
                return postgres(cause, conflict: conflict)
            }
            return StoreError(.engine, "transaction failed")
        case let error as PSQLError:
            return psql(error, conflict: conflict)
        case is CancellationError:
            return StoreError(.unavailable, "the request was cancelled")
        default:
            // ConnectionPoolError (circuit breaker, pool shut down) lives in a module we do not
            // import; every such error means the database cannot be reached.
            if String(reflecting: type(of: error)).contains("ConnectionPoolError") {
                return StoreError(.unavailable, "cannot reach PostgreSQL: \(error)")
            }
            return StoreError(.engine, "\(error)")
        }
    }

    private static func psql(_ error: PSQLError, conflict: String?) -> StoreError {
        guard error.code == .server, let info = error.serverInfo else {
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown, .sslUnsupported:
                let cause = error.underlying.map { ": \($0)" } ?? ""
                return StoreError(.unavailable, "cannot reach PostgreSQL (\(error.code))\(cause)")
            case .queryCancelled:
                return StoreError(.unavailable, "the query was cancelled")
            default:
                return StoreError(.engine, "postgres client error \(error.code)")
            }
        }
        let state = info[.sqlState] ?? ""
        let message = info[.message] ?? "unknown error"
        switch state {
        case PostgresError.Code.uniqueViolation.raw:
            return StoreError(.conflict, conflict ?? message)
        case PostgresError.Code.foreignKeyViolation.raw:
            return StoreError(.notFound, "a referenced row does not exist (\(message))")
        // Class 08 (connection), 53 (resources), 57P (shutdown, cannot connect now).
        case _ where state.hasPrefix("08") || state.hasPrefix("53") || state.hasPrefix("57P"):
            return StoreError(.unavailable, "PostgreSQL is not available: \(message)")
        default:
            return StoreError(.engine, "postgres \(state): \(message)")
        }
    }
}
