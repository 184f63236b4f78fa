import AureusCore
import AureusProtocol
import Foundation
import Glibc
import Logging

/// First start with an empty store: create `admin` with a random password, written once to
/// `<data-dir>/initial-admin-password` (mode 0600, never overwritten) and never logged.
enum AdminBootstrap {
    static let fileName = "initial-admin-password"

    /// - Returns: the password file's path when an admin was created.
    @discardableResult
    static func runIfEmpty(
        store: any AureusStore,
        hasher: PasswordHasher,
        clock: any WallClock,
        dataDirectory: String,
        logger: Logger
    ) async throws -> String? {
        guard try await store.userCount() == 0 else { return nil }
        let password = TokenFormat.newPassword()
        let path = (dataDirectory as NSString).appendingPathComponent(fileName)
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw StoreError(.engine, "cannot create \(path): \(String(cString: strerror(errno))) (remove a stale file from an earlier store)")
        }
        let bytes = Array((password + "\n").utf8)
        let written = write(fd, bytes, bytes.count)
        close(fd)
        guard written == bytes.count else { throw StoreError(.engine, "cannot write \(path)") }
        do {
            let hash = try await hasher.hash(password)
            _ = try await store.createUser(NewUser(username: "admin", role: .admin, passwordHash: hash, createdAt: clock.now()))
        } catch let error as StoreError where error.kind == .conflict {
            // Another instance bootstrapped first; its file is the valid one.
            unlink(path)
            return nil
        }
        FileHandle.standardError.write(Data("aureusd: created user 'admin'; its password is in \(path) (mode 0600)\n".utf8))
        logger.notice("bootstrap admin created", metadata: ["aureus.password_file": "\(path)"])
        return path
    }
}
