import AureusCore
import AureusCrypto
import AureusProtocol
import PostgresNIO

/// The PostgreSQL side of query enforcement, created by the server's own (owner) user:
///
/// - one LOGIN role per masking mode (`aureus_q_<mode>_<db>`), member of nothing, with
///   `default_transaction_read_only` and a `statement_timeout` set on the role;
/// - one schema per mode (`aureus_ds_<mode>`) holding that mode's dataset views, the only
///   objects the role may `SELECT`; views run with the owner's rights, so the role needs no
///   right on any table;
/// - `aureus_mask(text)`, a `SECURITY DEFINER` HMAC-SHA256 over pads the roles cannot read.
///
/// The owner needs `CREATEROLE` (or superuser) once; docs/query.md lists the grants.
struct PostgresQueryRoles: Sendable {
    let database: String
    let password: String

    static let modes: [MaskingMode] = [.redacted, .partial, .none]

    func roleName(_ mode: MaskingMode) -> String {
        let suffix = Hex.encode(SHA256.hash(Array(database.utf8)).prefix(4))
        return "aureus_q_\(mode.rawValue)_\(suffix)"
    }

    static func schema(_ mode: MaskingMode) -> String { "aureus_ds_\(mode.rawValue)" }

    /// Statements that create or refresh roles, schemas, the masking function and every view.
    func provisioning(datasets: [DatasetDefinition], maskKey: [UInt8], statementTimeoutMilliseconds: Int64, owner: String) -> [String] {
        var key = maskKey + Array(repeating: 0, count: max(0, 64 - maskKey.count))
        if maskKey.count > 64 { key = SHA256.hash(maskKey) + Array(repeating: 0, count: 32) }
        let inner = Hex.encode(key.map { $0 ^ 0x36 })
        let outer = Hex.encode(key.map { $0 ^ 0x5C })
        var sql: [String] = [
            "INSERT INTO query_settings (name, value) VALUES ('mask_ipad', '\(inner)') ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
            "INSERT INTO query_settings (name, value) VALUES ('mask_opad', '\(outer)') ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value",
            """
            CREATE OR REPLACE FUNCTION public.\(DatasetViewSQL.maskFunction)(v text) RETURNS text
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $mask$
              SELECT CASE WHEN v IS NULL THEN NULL ELSE '~' || left(encode(sha256(
                decode((SELECT value FROM public.query_settings WHERE name = 'mask_opad'), 'hex') ||
                sha256(decode((SELECT value FROM public.query_settings WHERE name = 'mask_ipad'), 'hex') || convert_to(v, 'UTF8'))
              ), 'hex'), \(PartialMask.hexDigits)) END
            $mask$
            """,
            "REVOKE ALL ON FUNCTION public.\(DatasetViewSQL.maskFunction)(text) FROM PUBLIC",
        ]
        for mode in Self.modes {
            let role = roleName(mode)
            let schema = Self.schema(mode)
            sql += [
                """
                DO $role$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = '\(role)') THEN
                    CREATE ROLE \(role) LOGIN NOINHERIT NOCREATEDB NOCREATEROLE NOREPLICATION;
                  END IF;
                END $role$
                """,
                "ALTER ROLE \(role) WITH LOGIN PASSWORD '\(password)' CONNECTION LIMIT 64",
                "ALTER ROLE \(role) SET default_transaction_read_only = on",
                "ALTER ROLE \(role) SET statement_timeout = \(statementTimeoutMilliseconds)",
                "ALTER ROLE \(role) SET search_path = \(schema)",
                "GRANT \(role) TO \(DatasetViewSQL.quoted(owner))",
                "CREATE SCHEMA IF NOT EXISTS \(schema)",
                "REVOKE ALL ON SCHEMA \(schema) FROM PUBLIC",
                "GRANT USAGE ON SCHEMA \(schema) TO \(role)",
                "REVOKE CREATE ON SCHEMA public FROM \(role)",
                "REVOKE TEMPORARY ON DATABASE \(DatasetViewSQL.quoted(database)) FROM \(role)",
                "GRANT EXECUTE ON FUNCTION public.\(DatasetViewSQL.maskFunction)(text) TO \(role)",
            ]
            for dataset in datasets {
                let view = "\(schema).\(DatasetViewSQL.quoted(dataset.name))"
                sql += [
                    "DROP VIEW IF EXISTS \(view)",
                    "CREATE VIEW \(view) AS \(DatasetViewSQL.select(dataset, mode: mode))",
                    "GRANT SELECT ON \(view) TO \(role)",
                ]
            }
        }
        return sql
    }
}
