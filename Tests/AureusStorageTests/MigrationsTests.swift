import AureusCore
import Testing

@testable import AureusStorage

@Suite("Migrations")
struct MigrationsTests {
    @Test("numbered 1, 2, 3 … without gaps, with SQL for both dialects")
    func numbering() {
        #expect(Migrations.all.map(\.version) == Array(1...Migrations.all.count))
        #expect(Migrations.latestVersion == Migrations.all.count)
        for migration in Migrations.all {
            #expect(!migration.sqlite.isEmpty && !migration.postgres.isEmpty)
        }
    }

    @Test("pending lists what is newer, and refuses a newer database")
    func pending() throws {
        #expect(try Migrations.pending(after: 0).map(\.version) == Migrations.all.map(\.version))
        #expect(try Migrations.pending(after: Migrations.latestVersion).isEmpty)
        #expect(throws: StoreError.self) { try Migrations.pending(after: Migrations.latestVersion + 1) }
    }
}
