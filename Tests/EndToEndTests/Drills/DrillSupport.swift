import AureusTestSupport
import Foundation
import Glibc
import Testing

/// What the drills share: their length, a private PostgreSQL + Redis pair (the drills stop
/// and restart them, which the services every other test uses must never see), and the
/// stored-id check.
enum Drill {
    /// `AUREUS_DRILL_SECONDS` (bench/drills.sh sets 60); short by default for `make test`.
    static func seconds(default value: Int) -> Int {
        Int(ProcessInfo.processInfo.environment["AUREUS_DRILL_SECONDS"] ?? "") ?? value
    }

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    static var servicesScript: String { repositoryRoot + "/scripts/test-services.sh" }

    /// PostgreSQL and Redis of the drill's own, started by scripts/test-services.sh.
    struct Services: Sendable {
        let directory: String
        let databaseURL: String
        let redisURL: String

        static func start() async throws -> Services {
            let directory = "/tmp/aureus-drill-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let script = Drill.servicesScript
            let status = try await offPool { Spawn.runAndWait([script, "start", directory]) }
            guard status == 0 else { throw ShellError("test-services.sh start failed (\(status))") }
            let env = try String(contentsOfFile: directory + "/env", encoding: .utf8)
            func value(_ name: String) -> String {
                env.split(separator: "\n").first { $0.contains(name + "=") }.map { String($0.split(separator: "=", maxSplits: 1)[1]) } ?? ""
            }
            return Services(directory: directory, databaseURL: value("AUREUS_TEST_DATABASE_URL"), redisURL: value("AUREUS_TEST_REDIS_URL"))
        }

        func postgres(_ action: String) async throws {
            let script = Drill.servicesScript
            let directory = self.directory
            let status = try await offPool { Spawn.runAndWait([script, "postgres-" + action, directory]) }
            guard status == 0 else { throw ShellError("test-services.sh postgres-\(action) failed (\(status))") }
        }

        func stop() async {
            let script = Drill.servicesScript
            let directory = self.directory
            _ = try? await offPool { Spawn.runAndWait([script, "stop", directory]) }
        }
    }

    /// Every stored event id of `source`, with how many rows each has.
    static func storedIDs(databaseURL: String, source: String) async throws -> [String: Int] {
        let output = try await Shell.runOffPool(
            "psql",
            [
                databaseURL, "-tAF", " ", "-c",
                "SELECT d.event_id, count(*) FROM webhook_deliveries d JOIN webhook_sources s ON s.id = d.source_id "
                    + "WHERE s.name = '\(source)' GROUP BY d.event_id",
            ]
        )
        var counts: [String: Int] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 { counts[String(parts[0])] = Int(parts[1]) ?? 0 }
        }
        return counts
    }

    /// What every drill checks once its load stopped: the acknowledged ids missing from the
    /// store, and the ids stored more than once.
    static func tally(_ load: WebhookLoad, databaseURL: String) async throws -> (counts: WebhookLoad.Counts, lost: Int, twice: Int) {
        let counts = load.snapshot
        let stored = try await storedIDs(databaseURL: databaseURL, source: load.source)
        return (counts, Set(counts.acknowledged).filter { stored[$0] == nil }.count, stored.values.filter { $0 > 1 }.count)
    }

    static func expectNothingLost(lost: Int, twice: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(lost == 0, "\(lost) acknowledged webhooks were lost", sourceLocation: sourceLocation)
        #expect(twice == 0, "\(twice) webhooks were stored twice", sourceLocation: sourceLocation)
    }

    /// "1.46 s".
    static func text(_ duration: Duration) -> String {
        String(format: "%.2f s", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}
