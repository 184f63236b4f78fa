import AureusCore
import Testing

@Suite("Statement guard")
struct StatementGuardTests {
    let guardrail = StatementGuard(datasets: ["biometrics", "approvals", "audit_log"])

    @Test(
        "ordinary analyst statements pass untouched",
        arguments: [
            "SELECT metric, count(*) AS n FROM biometrics WHERE time_ms > 0 GROUP BY metric ORDER BY 2 DESC LIMIT 10",
            "select * from biometrics where metric in ('hrv', 'heart_rate') and value between 40 and 80",
            "WITH daily AS (SELECT metric, avg(value) AS v FROM biometrics GROUP BY metric) SELECT * FROM daily",
            "SELECT id, row_number() OVER (PARTITION BY metric ORDER BY time_ms) FROM biometrics",
            "SELECT CASE WHEN value > 100 THEN 'high' ELSE 'ok' END, CAST(value AS INTEGER) FROM biometrics",
            "SELECT 'delete from users; drop table x' AS note, \"metric\" FROM biometrics -- a comment; DELETE\n",
            "SELECT status, count(*) FILTER (WHERE risk = 'high') FROM approvals GROUP BY status",
            "VALUES (1, 'a'), (2, 'b')",
            "SELECT a.action FROM audit_log a WHERE EXISTS (SELECT 1 FROM approvals p WHERE p.id = a.target)",
            "SELECT 1;",
            "SELECT 1 ; ;  ",
        ]
    )
    func accepts(_ sql: String) throws {
        let statement = try guardrail.check(sql)
        #expect(!statement.sql.hasSuffix(";"))
        #expect(statement.sql.hasPrefix(String(sql.prefix(6))))
    }

    @Test func namesTheDatasetsItReads() throws {
        let statement = try guardrail.check("SELECT * FROM biometrics b JOIN approvals a ON a.id = 'x' /* audit_log */")
        #expect(statement.datasets == ["approvals", "biometrics"])
    }

    @Test func refusalsSayWhich() {
        func rule(_ sql: String) -> QueryRefusal.Rule? {
            do {
                _ = try guardrail.check(sql)
                return nil
            } catch { return error.rule }
        }
        #expect(rule("SELECT 1; SELECT 2") == .multipleStatements)
        #expect(rule("DELETE FROM biometrics") == .notReadOnly)
        #expect(rule("SELECT pg_sleep(1)") == .forbiddenFunction)
        #expect(rule("SELECT * FROM pg_catalog.pg_roles") == .forbiddenObject)
        #expect(rule("WITH biometrics AS (SELECT 1) SELECT * FROM biometrics") == .forbiddenObject)
        #expect(rule("SELECT 'open") == .malformed)
        #expect(rule("/* never closed SELECT 1") == .malformed)
        #expect(rule("") == .malformed)
    }
}
