import AureusCore
import AureusCrypto
import AureusGPU
import AureusProtocol
import AureusServer
import AureusTestSupport
import Foundation
import Testing

@Suite("Queries over RPC")
struct QueryRPCTests {
    static let columns: JSONValue = [
        ["name": "n", "type": "INTEGER"], ["name": "patient", "type": "TEXT", "pii": true], ["name": "score", "type": "REAL"],
    ]

    static func visitsCSV(rows: Int) -> String {
        "n,patient,score\n" + (1...rows).map { "\($0),patient-\($0 % 7),\(Double($0) / 4)" }.joined(separator: "\n") + "\n"
    }

    @Test func importThenPageThroughAMaskedTruncatedResultWithItsEvidence() async throws {
        let limitAnalysts: @Sendable (inout ServerConfiguration) -> Void = { $0.queryRowLimits[.analyst] = 1000 }
        try await TestServer.with(configure: limitAnalysts) { server in
            let admin = try await server.connect(as: .admin)
            let analyst = try await server.connect(as: .analyst)
            let viewer = try await server.connect(as: .viewer)

            // A bad file is refused whole, with the lines.
            let bad = try await admin.call(
                "datasets.import",
                ["name": "visits", "csv": "n,patient,score\n1,a,0.5\nx,b,1\n2,c\n", "columns": Self.columns]
            )
            #expect(bad.failureCode == .invalidParams)
            if case .failure(let error) = bad {
                #expect(error.extra["badRows"]?.arrayValue?.compactMap { $0["line"]?.intValue } == [3, 4])
            }
            let imported = try await admin.call(
                "datasets.import",
                ["name": "visits", "description": "clinic visits", "csv": .string(Self.visitsCSV(rows: 1200)), "columns": Self.columns]
            ).get()
            #expect(imported["rowsImported"] == 1200)
            // The audit event keeps the call but not the whole file.
            let importEvent = try await admin.call("audit.tail", ["action": "datasets.import", "limit": 1]).get()["events"]?.arrayValue?.first
            #expect(importEvent?["summary"]?["csv"]?.stringValue?.hasPrefix("[") == true && importEvent?["target"] == "dataset:visits")

            let listed = try await viewer.call("datasets.list").get()["datasets"]?.arrayValue ?? []
            let visits = listed.first { $0["name"] == "visits" }
            #expect(visits?["rowCount"] == 1200 && visits?["builtIn"] == false)
            #expect(visits?["columns"]?.arrayValue?.first { $0["name"] == "patient" }?["masking"] == "redacted")
            let names = Set(listed.compactMap { $0["name"]?.stringValue })
            #expect(names.isSuperset(of: ["biometrics", "approvals", "audit_log", "visits"]))
            let described = try await analyst.call("datasets.describe", ["name": "visits"]).get()
            #expect(described["ddl"]?.stringValue?.contains("patient TEXT, -- PII, partial") == true)

            // Viewers may not query; analysts page through a result cut at their limit.
            #expect(try await viewer.call("query.run", ["sql": "SELECT 1"]).failureCode == .forbidden)
            var page = try await analyst.call("query.run", ["sql": "SELECT n, patient, score FROM visits ORDER BY n;", "pageSize": 500]).get()
            let evidenceID = try #require(page["evidenceID"]?.stringValue)
            var received: [[JSONValue]] = []
            var hasher = SHA256.Hasher()
            hasher.update(CanonicalJSON.encode(.array((page["columns"]?.arrayValue ?? []).compactMap { $0["name"] })) + [0x0A])
            while true {
                let rows = page["rows"]?.arrayValue?.compactMap(\.arrayValue) ?? []
                #expect(page["offset"]?.intValue == Int64(received.count))
                for row in rows { hasher.update(CanonicalJSON.encode(.array(row)) + [0x0A]) }
                received += rows
                guard page["done"] == false, let cursor = page["cursor"]?.stringValue else { break }
                page = try await analyst.call("query.fetch", ["cursor": .string(cursor), "pageSize": 500]).get()
            }
            #expect(received.count == 1000 && page["truncated"] == true && page["rowLimit"] == 1000)
            #expect(received.first?.first == 1 && received.last?.first == 1000)
            #expect(received.allSatisfy { $0[1].stringValue?.hasPrefix("~") == true })
            #expect(page["masking"]?["visits.patient"] == "partial")

            let evidence = try await analyst.call("evidence.get", ["id": .string(evidenceID)]).get()
            #expect(evidence["outcome"] == "truncated" && evidence["rowCount"] == 1000 && evidence["user"] == "user-analyst")
            #expect(evidence["resultSHA256"]?.stringValue == Hex.encode(hasher.finalize()))
            #expect(evidence["datasets"] == ["visits"] && evidence["sql"] == "SELECT n, patient, score FROM visits ORDER BY n")
            // Another analyst's evidence is not yours; admins see it.
            #expect(try await viewer.call("evidence.get", ["id": .string(evidenceID)]).failureCode == .forbidden)
            #expect(try await admin.call("evidence.get", ["id": .string(evidenceID)]).get()["id"]?.stringValue == evidenceID)
            // The query's audit event links to its evidence.
            let runEvent = try await admin.call("audit.tail", ["action": "query.run", "limit": 1]).get()["events"]?.arrayValue?.first
            #expect(runEvent?["target"]?.stringValue == "evidence:\(evidenceID)" && runEvent?["outcome"] == "ok")

            // A finished cursor is gone; admins get the whole value.
            #expect(try await analyst.call("query.fetch", ["cursor": "qc-nope"]).failureCode == .notFound)
            let full = try await admin.call("query.run", ["sql": "SELECT patient FROM visits WHERE n = 8"]).get()
            #expect(full["rows"] == [["patient-1"]] && full["done"] == true && full["cursor"] == nil)

            // Refused statements say which rule, and leave a refused evidence-free metric.
            let refused = try await analyst.call("query.run", ["sql": "DELETE FROM visits"])
            #expect(refused.failureCode == .invalidParams)
            if case .failure(let error) = refused { #expect(error.extra["refusal"] == "not_read_only") }
            let internalRead = try await analyst.call("query.run", ["sql": "SELECT * FROM users"])
            #expect(internalRead.failureCode == .invalidParams && internalRead.failureReason?.contains("not allowed") == true)
            let (_, metrics) = try await server.get("/metrics")
            #expect(metrics.contains("aureus_queries_total{outcome=\"truncated\"} 1"))
            #expect(metrics.contains("aureus_queries_total{outcome=\"refused:not_read_only\"} 1"))
            for socket in [admin, analyst, viewer] { await socket.close() }
        }
    }

    @Test func cancelStopsAStatementBeforeItsFirstPage() async throws {
        try await TestServer.with { server in
            let first = try await server.connect(as: .analyst)
            let second = try await server.connect(as: .analyst)
            let forever = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
            let started = ContinuousClock.now
            async let running = first.call("query.run", ["sql": .string(forever), "queryID": "q-forever"])
            var cancelled = false
            for _ in 0..<50 where !cancelled {
                try await Task.sleep(for: .milliseconds(100))
                cancelled = try await second.call("query.cancel", ["cursor": "q-forever"]).get()["cancelled"] == true
            }
            #expect(cancelled)
            let result = try await running
            #expect(result.failureCode == .conflict)
            if case .failure(let error) = result { #expect(error.extra["query"] == "cancelled") }
            #expect(ContinuousClock.now - started < .seconds(10))
            // The connection and the server carry on.
            #expect(try await first.call("query.run", ["sql": "SELECT count(*) FROM biometrics"]).get()["rows"] == [[0]])
            await first.close()
            await second.close()
        }
    }

    @Test func askProposesCheckedSQLFromOllamaChat() async throws {
        let ollama = try await FakeOllamaServer.start()
        defer { Task { await ollama.stop() } }
        let proposal = #"{"sql": "SELECT metric, count(*) AS n FROM biometrics GROUP BY metric", "explanation": "Counts samples per metric."}"#
        ollama.set("POST /api/chat", .stream(lines: FakeOllamaServer.chatLines(content: proposal)))
        let baseURL = ollama.baseURL
        let useFakeOllama: @Sendable (inout ServerConfiguration) -> Void = {
            $0.queryModel = "qwen2.5-coder:7b"
            $0.ollama.baseURL = baseURL
        }
        try await TestServer.with(configure: useFakeOllama) { server in
            let analyst = try await server.connect(as: .analyst)
            let asked = try await analyst.call("query.ask", ["question": "How many samples per metric?"]).get()
            #expect(asked["sql"] == "SELECT metric, count(*) AS n FROM biometrics GROUP BY metric")
            #expect(asked["explanation"] == "Counts samples per metric." && asked["model"] == "qwen2.5-coder:7b")
            #expect(ollama.count("POST /api/chat") == 1)
            // A proposal that writes is refused, with the SQL for the user to see.
            ollama.set("POST /api/chat", .stream(lines: FakeOllamaServer.chatLines(content: #"{"sql": "DELETE FROM biometrics"}"#)))
            let refused = try await analyst.call("query.ask", ["question": "Remove everything"])
            #expect(refused.failureCode == .invalidParams)
            if case .failure(let error) = refused { #expect(error.extra["sql"] == "DELETE FROM biometrics") }
            // Ollama's own error object becomes a clear unavailable.
            ollama.set("POST /api/chat", .json(status: 404, body: #"{"error": "model \"qwen2.5-coder:7b\" not found, try pulling it first"}"#))
            let missing = try await analyst.call("query.ask", ["question": "Anything"])
            #expect(missing.failureCode == .unavailable && missing.failureReason?.contains("not found") == true)
            await analyst.close()
        }
        // Without a model configured, the answer says how to turn it on.
        try await TestServer.with { server in
            let analyst = try await server.connect(as: .analyst)
            let off = try await analyst.call("query.ask", ["question": "Anything"])
            #expect(off.failureCode == .unavailable && off.failureReason?.contains("--query-model") == true)
            await analyst.close()
        }
    }
}
