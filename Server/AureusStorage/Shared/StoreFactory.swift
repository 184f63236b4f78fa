import AureusCore
import Foundation
import Logging
import NIOPosix

/// Picks and opens the store the configuration asks for; the server's only way to get one.
///
/// With a database URL it is PostgreSQL (several `aureusd` processes may share it); without,
/// SQLite at `<dataDirectory>/aureus.sqlite`, creating the directory with mode 0700 because it
/// holds password hashes and the audit log. Migrations are *not* applied here: a Postgres store
/// needs its `run()` going first, so the caller migrates once the service group has started.
public enum StoreFactory {
    public static let sqliteFileName = "aureus.sqlite"

    public static func open(
        databaseURL: String?,
        dataDirectory: String,
        sqliteOptions: SQLiteOptions = SQLiteOptions(),
        threadPool: NIOThreadPool,
        logger: Logger
    ) async throws -> any RunnableStore {
        if let databaseURL, !databaseURL.isEmpty {
            let url = try PostgresURL(databaseURL)
            logger.info(
                "using PostgreSQL",
                metadata: ["aureus.store": "postgres", "aureus.db.host": "\(url.host):\(url.port)", "aureus.db.name": "\(url.database ?? "-")"]
            )
            return PostgresStore(url: url, logger: logger)
        }
        try createPrivateDirectory(dataDirectory)
        let path = dataDirectory.hasSuffix("/") ? dataDirectory + sqliteFileName : dataDirectory + "/" + sqliteFileName
        logger.info("using SQLite", metadata: ["aureus.store": "sqlite", "aureus.db.path": "\(path)"])
        return try await SQLiteStore(path: path, options: sqliteOptions, threadPool: threadPool, logger: logger)
    }

    /// Creates the directory (and parents) as 0700; an existing directory is left as it is.
    static func createPrivateDirectory(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StoreError(.unavailable, "data directory \(path) is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError(.unavailable, "cannot create data directory \(path): \(error)")
        }
    }
}
