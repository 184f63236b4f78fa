extension Migration {
    /// Version 3: approval requests, approver decisions, approver keys and server public keys.
    ///
    /// `version` on a request is the optimistic-concurrency counter (`UPDATE … WHERE version = ?`):
    /// the database, not process memory, decides which of two racing decisions lands. The decisions
    /// table's primary key `(request_id, approver_id)` enforces one decision per approver on top of
    /// the state machine's rule. Payloads are stored as canonical JSON so their hash can be recomputed.
    static let approvals = Migration(
        version: 3,
        name: "approval requests, decisions, approver keys and server keys",
        sqlite: [
            """
            CREATE TABLE approval_requests (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                payload_sha256 TEXT NOT NULL,
                reason TEXT NOT NULL,
                submitter TEXT NOT NULL,
                risk TEXT NOT NULL,
                rule TEXT,
                required_approvals INTEGER NOT NULL,
                status TEXT NOT NULL,
                version INTEGER NOT NULL,
                submitted_ms INTEGER NOT NULL,
                expires_ms INTEGER NOT NULL,
                updated_ms INTEGER NOT NULL,
                token TEXT,
                token_expires_ms INTEGER,
                revoked_by TEXT,
                revoke_reason TEXT
            )
            """,
            "CREATE INDEX approval_requests_status_expiry ON approval_requests(status, expires_ms)",
            "CREATE INDEX approval_requests_submitted ON approval_requests(submitted_ms)",
            """
            CREATE TABLE approval_decisions (
                request_id TEXT NOT NULL REFERENCES approval_requests(id),
                approver_id TEXT NOT NULL,
                verdict TEXT NOT NULL,
                reason TEXT,
                time_ms INTEGER NOT NULL,
                signature TEXT NOT NULL,
                seq INTEGER NOT NULL,
                PRIMARY KEY (request_id, approver_id)
            )
            """,
            """
            CREATE TABLE approver_keys (
                key_id TEXT PRIMARY KEY,
                username TEXT NOT NULL,
                public_key TEXT NOT NULL UNIQUE,
                status TEXT NOT NULL,
                created_ms INTEGER NOT NULL,
                confirmed_ms INTEGER,
                confirmed_by TEXT,
                revoked_ms INTEGER
            )
            """,
            """
            CREATE TABLE server_keys (
                key_id TEXT PRIMARY KEY,
                public_key TEXT NOT NULL,
                valid_from_ms INTEGER NOT NULL,
                retired_at_ms INTEGER
            )
            """,
        ],
        postgres: [
            """
            CREATE TABLE approval_requests (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                payload TEXT NOT NULL,
                payload_sha256 TEXT NOT NULL,
                reason TEXT NOT NULL,
                submitter TEXT NOT NULL,
                risk TEXT NOT NULL,
                rule TEXT,
                required_approvals BIGINT NOT NULL,
                status TEXT NOT NULL,
                version BIGINT NOT NULL,
                submitted_ms BIGINT NOT NULL,
                expires_ms BIGINT NOT NULL,
                updated_ms BIGINT NOT NULL,
                token TEXT,
                token_expires_ms BIGINT,
                revoked_by TEXT,
                revoke_reason TEXT
            )
            """,
            "CREATE INDEX approval_requests_status_expiry ON approval_requests(status, expires_ms)",
            "CREATE INDEX approval_requests_submitted ON approval_requests(submitted_ms)",
            """
            CREATE TABLE approval_decisions (
                request_id TEXT NOT NULL REFERENCES approval_requests(id),
                approver_id TEXT NOT NULL,
                verdict TEXT NOT NULL,
                reason TEXT,
                time_ms BIGINT NOT NULL,
                signature TEXT NOT NULL,
                seq BIGINT NOT NULL,
                PRIMARY KEY (request_id, approver_id)
            )
            """,
            """
            CREATE TABLE approver_keys (
                key_id TEXT PRIMARY KEY,
                username TEXT NOT NULL,
                public_key TEXT NOT NULL UNIQUE,
                status TEXT NOT NULL,
                created_ms BIGINT NOT NULL,
                confirmed_ms BIGINT,
                confirmed_by TEXT,
                revoked_ms BIGINT
            )
            """,
            """
            CREATE TABLE server_keys (
                key_id TEXT PRIMARY KEY,
                public_key TEXT NOT NULL,
                valid_from_ms BIGINT NOT NULL,
                retired_at_ms BIGINT
            )
            """,
        ]
    )
}
