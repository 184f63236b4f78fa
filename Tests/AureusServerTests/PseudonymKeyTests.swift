import AureusCore
import AureusProtocol
import AureusStorage
import AureusTestSupport
import Foundation
import Logging
import NIOPosix
import Testing

@testable import AureusServer

/// The pseudonym key lives in the database, so every instance on it files a user under the
/// same pseudonym; a key file from an earlier aureusd is adopted, never silently replaced.
@Suite("Pseudonym key shared through the store")
struct PseudonymKeyTests {
    static let logger = Logger(label: "test.pseudonym")
    static let now = Timestamp(milliseconds: 1_700_000_000_000)

    static func key(_ store: any AureusStore, dataDirectory: String) async throws -> [UInt8] {
        try await IngestServices.pseudonymKey(store: store, dataDirectory: dataDirectory, now: now, logger: logger)
    }

    @Test func aLegacyKeyFileIsAdoptedAndOtherFilesDoNotOverrideIt() async throws {
        let first = try TemporaryDirectory(prefix: "aureus-pseudonym")
        let second = try TemporaryDirectory(prefix: "aureus-pseudonym")
        defer {
            first.remove()
            second.remove()
        }
        let legacy = [UInt8](repeating: 7, count: 32)
        try Data(legacy).write(to: URL(fileURLWithPath: first.file("pseudonym.key")))
        try Data([UInt8](repeating: 9, count: 32)).write(to: URL(fileURLWithPath: second.file("pseudonym.key")))
        let store = try await StoreFactory.open(databaseURL: nil, dataDirectory: first.path, threadPool: .singleton, logger: Self.logger)
        try await store.migrate()
        #expect(try await Self.key(store, dataDirectory: first.path) == legacy)
        #expect(try await Self.key(store, dataDirectory: second.path) == legacy, "the database's key wins over a later file")
        #expect(try await Self.key(store, dataDirectory: first.path + "/absent") == legacy, "no file needed once the database has it")
        await store.close()
    }

    @Test func aFreshDatabaseGetsARandomKeyThatStays() async throws {
        let one = try TemporaryDirectory(prefix: "aureus-pseudonym")
        let two = try TemporaryDirectory(prefix: "aureus-pseudonym")
        defer {
            one.remove()
            two.remove()
        }
        let storeOne = try await StoreFactory.open(databaseURL: nil, dataDirectory: one.path, threadPool: .singleton, logger: Self.logger)
        let storeTwo = try await StoreFactory.open(databaseURL: nil, dataDirectory: two.path, threadPool: .singleton, logger: Self.logger)
        try await storeOne.migrate()
        try await storeTwo.migrate()
        let keyOne = try await Self.key(storeOne, dataDirectory: one.path)
        #expect(keyOne.count == 32)
        #expect(try await Self.key(storeOne, dataDirectory: one.path) == keyOne)
        #expect(try await Self.key(storeTwo, dataDirectory: two.path) != keyOne, "separate databases, separate random keys")
        #expect(!FileManager.default.fileExists(atPath: one.file("pseudonym.key")), "no key file is written any more")
        await storeOne.close()
        await storeTwo.close()
    }
}
