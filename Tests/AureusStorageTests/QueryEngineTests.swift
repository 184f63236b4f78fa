import AureusCore
import AureusProtocol
import AureusStorage
import Foundation
import Testing

@Suite("Query engine (SQLite and PostgreSQL)")
struct QueryEngineTests {
    @Test("every hostile statement is refused with a reason, and nothing changes", arguments: Backend.allCases)
    func hostileStatementsAreRefused(_ backend: Backend) async throws {
        #expect(HostileStatements.all.count >= 200)
        try await QueryEngineHarness.with(backend, timeout: .seconds(5)) { harness in
            let before = try await Self.fingerprint(harness.store)
            for (category, sql) in HostileStatements.all {
                do {
                    let result = try await harness.run(sql, as: .analyst)
                    Issue.record("[\(backend)] \(category) ran: \(sql.debugDescription) → \(result.rows.prefix(2))")
                } catch let refusal as QueryRefusal {
                    #expect(!refusal.reason.isEmpty)
                } catch let failure as QueryExecutionError {
                    #expect(failure.kind == .failed && !failure.reason.isEmpty, "[\(backend)] \(sql.debugDescription): \(failure)")
                }
            }
            #expect(try await Self.fingerprint(harness.store) == before, "a refused statement changed the database")
        }
    }

    /// The database refuses on its own: statements that the guard would stop, sent straight
    /// to the engine.
    @Test("the backend enforces read-only access without the guard", arguments: Backend.allCases)
    func backendEnforcesWithoutTheGuard(_ backend: Backend) async throws {
        var statements = [
            "SELECT * FROM users", "SELECT password_hash FROM users", "SELECT * FROM biometric_samples", "SELECT count(*) FROM sessions",
            "SELECT * FROM query_settings", "SELECT * FROM biometrics b JOIN users u ON u.id = b.id",
        ]
        switch backend {
        case .sqlite:
            statements += [
                "INSERT INTO biometric_samples VALUES (1, 1, 1, 'x', 'y', 1, 'z', 1)", "DELETE FROM users", "UPDATE users SET role = 'admin'",
                "DROP TABLE users", "CREATE TABLE x (a)", "ATTACH DATABASE ':memory:' AS m", "PRAGMA writable_schema = ON",
                "SELECT load_extension('/tmp/evil')", "SELECT readfile('/etc/passwd')", "SELECT * FROM sqlite_master", "SELECT * FROM main.users",
                "SELECT aureus_mask('alice-7f3e')", "CREATE TEMP TABLE t AS SELECT 1", "BEGIN", "SELECT * FROM pragma_table_info('users')",
                "SELECT zeroblob(10)", "VACUUM",
            ]
        case .postgres:
            statements += [
                "SELECT * FROM public.users", "SELECT pg_read_file('/etc/passwd')", "SELECT * FROM aureus_ds_none.biometrics",
                "SELECT * FROM public.query_settings", "SELECT lo_import('/etc/passwd')", "SELECT * FROM pg_authid",
                "SELECT pg_ls_dir('.')", "SELECT * FROM public.biometric_samples",
                "WITH d AS (DELETE FROM public.users RETURNING 1) SELECT * FROM d",
            ]
        }
        try await QueryEngineHarness.with(backend, timeout: .seconds(5)) { harness in
            let before = try await Self.fingerprint(harness.store)
            for sql in statements {
                if let result = try? await harness.runUnguarded(GuardedStatement(sql: sql, datasets: []), as: .analyst) {
                    Issue.record("[\(backend)] ran without the guard: \(sql) → \(result.rows.prefix(2))")
                }
            }
            #expect(try await Self.fingerprint(harness.store) == before)
        }
    }

    @Test("PII is masked per role, whatever the statement does with it", arguments: Backend.allCases)
    func maskingPerRoleCannotBeBypassed(_ backend: Backend) async throws {
        try await QueryEngineHarness.with(backend) { harness in
            let raw = Set(QueryEngineHarness.pseudonyms)
            let expectedPartial = Set(raw.map(harness.partialMask))
            // Admins see the stored value.
            let admin = try await harness.run("SELECT DISTINCT user_pseudonym FROM biometrics", as: .admin)
            #expect(Set(admin.rows.compactMap { $0.first?.stringValue }) == raw)
            // Viewers see nothing identifying.
            let viewer = try await harness.run("SELECT DISTINCT user_pseudonym FROM biometrics", as: .viewer)
            #expect(viewer.rows.map { $0.first?.stringValue } == ["[redacted]"])
            // Analysts and approvers: the keyed-hash prefix, the same on both backends.
            for role in [Role.analyst, .approver] {
                let partial = try await harness.run("SELECT DISTINCT user_pseudonym FROM biometrics", as: role)
                #expect(Set(partial.rows.compactMap { $0.first?.stringValue }) == expectedPartial)
            }
            let tricks = [
                "SELECT * FROM biometrics",
                "SELECT user_pseudonym AS u FROM biometrics",
                "SELECT lower(user_pseudonym), upper(user_pseudonym), user_pseudonym || '' FROM biometrics",
                "SELECT substr(user_pseudonym, 1, 100), replace(user_pseudonym, '-', '_') FROM biometrics",
                "SELECT (SELECT user_pseudonym FROM biometrics ORDER BY id LIMIT 1)",
                "SELECT u FROM (SELECT user_pseudonym AS u FROM biometrics) sub",
                "WITH t AS (SELECT * FROM biometrics) SELECT user_pseudonym FROM t",
                "SELECT user_pseudonym, count(*) FROM biometrics GROUP BY user_pseudonym",
                "SELECT max(user_pseudonym), min(user_pseudonym) FROM biometrics",
                "SELECT coalesce(user_pseudonym, 'x') FROM biometrics",
                "SELECT CASE WHEN user_pseudonym LIKE 'a%' THEN user_pseudonym END FROM biometrics",
                "SELECT submitter, payload FROM approvals",
                "SELECT actor, client_address, summary FROM audit_log",
                "SELECT id, user_pseudonym FROM biometrics ORDER BY user_pseudonym",
            ]
            for sql in tricks {
                let result = try await harness.run(sql, as: .analyst)
                for row in result.rows {
                    for cell in row {
                        guard let text = cell.stringValue else { continue }
                        #expect(!raw.contains { text.contains($0) }, "[\(backend)] \(sql) leaked \(text)")
                    }
                }
            }
            // Filters and sort order see only the masked value.
            let filtered = try await harness.run("SELECT count(*) FROM biometrics WHERE user_pseudonym LIKE 'alice%'", as: .analyst)
            #expect(filtered.rows.first?.first == .int(0))
            let ordered = try await harness.run("SELECT user_pseudonym FROM biometrics ORDER BY user_pseudonym", as: .analyst)
            let values = ordered.rows.compactMap { $0.first?.stringValue }
            #expect(values == values.sorted() && values.count == 12)
            // A length that would reveal the stored value is the mask's fixed length.
            let lengths = try await harness.run("SELECT DISTINCT length(user_pseudonym) FROM biometrics", as: .analyst)
            #expect(lengths.rows == [[.int(Int64(PartialMask.hexDigits + 1))]])
            // Non-PII columns and aggregates are exact.
            let stats = try await harness.run("SELECT metric, count(*), sum(value) FROM biometrics GROUP BY metric ORDER BY metric", as: .analyst)
            #expect(stats.rows.count == 2 && stats.rows.first?.first == "heart_rate" && stats.rows.first?[1] == .int(6))
        }
    }

    @Test("a running statement is interrupted by cancel, and stopped by the timeout", arguments: Backend.allCases)
    func cancelAndTimeout(_ backend: Backend) async throws {
        let forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        try await QueryEngineHarness.with(backend, timeout: .seconds(30)) { harness in
            let statement = try StatementGuard(datasets: []).check(forever)
            let cursor = try await harness.engine.start(statement, role: .analyst, datasets: BuiltInDatasets.all, timeout: .seconds(30))
            let started = ContinuousClock.now
            async let page = cursor.next(maxRows: 10)
            try await Task.sleep(for: .milliseconds(300))
            cursor.interrupt()
            do {
                _ = try await page
                Issue.record("[\(backend)] the statement finished instead of being cancelled")
            } catch let error as QueryExecutionError {
                #expect(error.kind == .cancelled, "[\(backend)] \(error)")
            }
            #expect(ContinuousClock.now - started < .seconds(10))
            await cursor.close()

            // A cancel that lands before the statement starts stepping (a busy pool) still counts.
            let early = try await harness.engine.start(statement, role: .analyst, datasets: BuiltInDatasets.all, timeout: .seconds(30))
            early.interrupt()
            let earlyStart = ContinuousClock.now
            do {
                _ = try await early.next(maxRows: 10)
                Issue.record("[\(backend)] the statement ran although it was cancelled first")
            } catch let error as QueryExecutionError {
                #expect(error.kind == .cancelled, "[\(backend)] \(error)")
            }
            #expect(ContinuousClock.now - earlyStart < .seconds(10))
            await early.close()

            let timed = try await harness.engine.start(statement, role: .analyst, datasets: BuiltInDatasets.all, timeout: .milliseconds(400))
            do {
                _ = try await timed.next(maxRows: 10)
                Issue.record("[\(backend)] the statement outlived its timeout")
            } catch let error as QueryExecutionError {
                #expect(error.kind == .timeout, "[\(backend)] \(error)")
            }
            await timed.close()
        }
    }

    @Test("CSV import: bad rows refuse everything; a good file becomes a masked dataset", arguments: Backend.allCases)
    func csvImport(_ backend: Backend) async throws {
        try await QueryEngineHarness.with(backend) { harness in
            let columns = [
                DatasetImportColumn(name: "site", type: "TEXT"), DatasetImportColumn(name: "patient", type: "TEXT", pii: true),
                DatasetImportColumn(name: "age", type: "INTEGER"), DatasetImportColumn(name: "score", type: "REAL"),
            ]
            let bad = "site,patient,age,score\nberlin,p-1,34,0.5\nparis,p-2,old,0.7\n\"lyon\nnorth\",p-3,40\nrome,p-4,50,x\n"
            #expect {
                _ = try DatasetImportPlan(DatasetsImportParams(name: "trial", csv: bad, columns: columns), existing: [])
            } throws: { error in
                guard let error = error as? DatasetImportError else { return false }
                return error.problems.map(\.line) == [3, 4, 6] && error.problems[0].reason.contains("age")
            }
            #expect(try await harness.store.importedDatasets().isEmpty)

            let good = "site,patient,age,score\r\nberlin,p-1,34,0.5\r\n\"paris, \"\"sud\"\"\",p-2,,0.75\r\n"
            let plan = try DatasetImportPlan(DatasetsImportParams(name: "trial", csv: good, columns: columns), existing: [])
            try await harness.store.importDataset(plan, createdBy: "admin", at: Timestamp(milliseconds: 5))
            let imported = try await harness.store.importedDatasets()
            #expect(imported.map(\.name) == ["trial"] && imported.first?.columns.map(\.pii) == [false, true, false, false])
            let all = BuiltInDatasets.all + imported
            try await harness.engine.installViews(all)
            let statement = try StatementGuard(datasets: Set(all.map(\.name))).check("SELECT site, patient, age, score FROM trial ORDER BY age")
            let cursor = try await harness.engine.start(statement, role: .analyst, datasets: all, timeout: .seconds(5))
            let rows = try await cursor.next(maxRows: 10)
            await cursor.close()
            #expect(rows.count == 2)
            #expect(rows.contains { $0.first == "paris, \"sud\"" && $0[2] == .null && $0[3] == .double(0.75) })
            #expect(rows.allSatisfy { $0[1].stringValue?.hasPrefix("~") == true })
            // A second import under the same name is a conflict, and the first stays whole.
            await #expect(throws: StoreError.self) {
                try await harness.store.importDataset(plan, createdBy: "admin", at: Timestamp(milliseconds: 6))
            }
            #expect(try await harness.engine.rowCount(of: plan.definition) == 2)
        }
    }

    @Test("evidence records are written, finished and read back", arguments: Backend.allCases)
    func evidenceRoundTrip(_ backend: Backend) async throws {
        try await QueryEngineHarness.with(backend) { harness in
            let record = EvidenceRecord(
                id: "ev-1",
                time: Timestamp(milliseconds: 1_800_000_000_000),
                user: "ana",
                role: .analyst,
                question: "how many?",
                sql: "SELECT count(*) FROM biometrics",
                datasets: ["biometrics"],
                masking: ["biometrics.user_pseudonym": "partial"],
                outcome: "running",
                rowCount: 0,
                durationMilliseconds: 0,
                resultSHA256: nil
            )
            try await harness.store.insertEvidence(record)
            #expect(try await harness.store.evidence(id: "ev-1") == record)
            try await harness.store.finishEvidence(id: "ev-1", outcome: "ok", rowCount: 1, durationMilliseconds: 2.5, resultSHA256: "ab")
            let finished = try #require(try await harness.store.evidence(id: "ev-1"))
            #expect(finished.outcome == "ok" && finished.rowCount == 1 && finished.durationMilliseconds == 2.5 && finished.resultSHA256 == "ab")
            #expect(try await harness.store.evidence(id: "ev-2") == nil)
            // The masking key is created once and then kept.
            #expect(try await harness.store.queryMaskKey { [1, 2, 3] } == harness.key)
        }
    }

    /// Row counts of every internal table plus the table list: equal before and after means
    /// nothing was written.
    static func fingerprint(_ store: TestStore) async throws -> [Int64] {
        var counts: [Int64] = []
        for table in ["users", "sessions", "audit_events", "webhook_sources", "webhook_deliveries", "biometric_samples", "query_settings"] {
            counts.append(try await store._queryRawInt64("SELECT COUNT(*) FROM \(table)") ?? -1)
        }
        return counts
    }
}
