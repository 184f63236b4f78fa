import AureusCore
import AureusProtocol
import AureusStorage
import Testing

/// How PostgreSQL cells reach the wire: times as RFC 3339 UTC with milliseconds (the same shape as
/// every other time Aureus sends, whatever the server's or session's time zone), bytes as `\x` hex,
/// NULL as null.
@Suite("PostgreSQL cell values")
struct PostgresCellValueTests {
    @Test("timestamps, dates, bytes, booleans and NULL come back in Aureus's wire shapes")
    func cellShapes() async throws {
        try await QueryEngineHarness.with(.postgres) { harness in
            let sql = """
                SELECT TIMESTAMPTZ '2026-03-01 08:00:00.250+01', TIMESTAMP '2026-03-01 07:00:05',
                       DATE '2026-03-01', TIMESTAMPTZ '1969-12-31 23:59:59.5+00', '\\x00ff10'::bytea, true,
                       NULL::timestamptz
                """
            let cursor = try await harness.engine.start(
                GuardedStatement(sql: sql, datasets: []),
                role: .analyst,
                datasets: BuiltInDatasets.all,
                timeout: .seconds(10)
            )
            let rows = try await cursor.next(maxRows: 10)
            await cursor.close()
            #expect(
                rows.first == [
                    .string("2026-03-01T07:00:00.250Z"), .string("2026-03-01T07:00:05.000Z"), .string("2026-03-01T00:00:00.000Z"),
                    .string("1969-12-31T23:59:59.500Z"), .string("\\x00ff10"), .string("true"), .null,
                ]
            )
        }
    }

    @Test("uuid, JSON, intervals, addresses, arrays, times and numerics read as psql shows them")
    func otherTypesAsText() async throws {
        let cases: [(sql: String, value: JSONValue)] = [
            ("'A1B2C3D4-0000-4000-8000-000000000001'::uuid", .string("a1b2c3d4-0000-4000-8000-000000000001")),
            ("'{\"b\": 1, \"a\": [true]}'::jsonb", .string(#"{"a": [true], "b": 1}"#)),
            ("'{\"x\":1}'::json", .string(#"{"x":1}"#)),
            ("INTERVAL '1 year 2 months 3 days 04:05:06.5'", .string("1 year 2 mons 3 days 04:05:06.5")),
            ("INTERVAL '-1 day 2 hours'", .string("-1 days +02:00:00")),
            ("INTERVAL '0'", .string("00:00:00")),
            ("INTERVAL '-90 minutes'", .string("-01:30:00")),
            ("INTERVAL '30 hours'", .string("30:00:00")),
            ("'10.0.0.1'::inet", .string("10.0.0.1")),
            ("'10.1.0.0/16'::inet", .string("10.1.0.0/16")),
            ("'10.0.0.0/8'::cidr", .string("10.0.0.0/8")),
            ("'2001:db8::1'::inet", .string("2001:db8::1")),
            ("'2001:db8:0:0:1:0:0:1/64'::inet", .string("2001:db8::1:0:0:1/64")),
            ("'::ffff:1.2.3.4'::inet", .string("::ffff:1.2.3.4")),
            ("ARRAY[1, NULL, 3]", .string("{1,NULL,3}")),
            ("ARRAY[ARRAY[1, 2], ARRAY[3, 4]]", .string("{{1,2},{3,4}}")),
            ("ARRAY['a b', 'x\"y', '', 'null', 'plain']", .string(#"{"a b","x\"y","","null",plain}"#)),
            ("ARRAY[true, false]", .string("{t,f}")),
            ("'{}'::int[]", .string("{}")),
            ("TIME '13:14:15.25'", .string("13:14:15.25")),
            ("12.50::numeric", .double(12.5)),
            ("sum(x) FROM (VALUES (9007199254740000::bigint), (3::bigint)) AS t(x)", .int(9_007_199_254_740_003)),
            ("7::smallint", .int(7)),
            ("'x'::char(3)", .string("x  ")),
            ("'label'::name", .string("label")),
        ]
        try await QueryEngineHarness.with(.postgres) { harness in
            for item in cases {
                let cursor = try await harness.engine.start(
                    GuardedStatement(sql: "SELECT " + item.sql, datasets: []),
                    role: .analyst,
                    datasets: BuiltInDatasets.all,
                    timeout: .seconds(10)
                )
                let rows = try await cursor.next(maxRows: 10)
                await cursor.close()
                #expect(rows.first == [item.value], "\(item.sql)")
            }
        }
    }

    @Test("a column type results cannot show is refused with the column and a cast to try")
    func unsupportedTypeIsRefused() async throws {
        try await QueryEngineHarness.with(.postgres) { harness in
            let cursor = try await harness.engine.start(
                GuardedStatement(sql: "SELECT 1 AS n, point(1, 2) AS spot", datasets: []),
                role: .analyst,
                datasets: BuiltInDatasets.all,
                timeout: .seconds(10)
            )
            await #expect(
                throws: QueryExecutionError(.failed, "column 'spot' has PostgreSQL type POINT, which results cannot show; cast it, e.g. spot::text")
            ) {
                _ = try await cursor.next(maxRows: 10)
            }
            await cursor.close()
        }
    }
}
