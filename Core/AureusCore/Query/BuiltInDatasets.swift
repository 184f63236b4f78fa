/// The datasets every server has: views over biometric samples, approvals, audit events and
/// spike summaries. Secrets (webhook secrets, approval tokens, password hashes, session
/// tokens) are in none of them; people's names and identifiers are flagged PII.
public enum BuiltInDatasets {
    public static let biometrics = DatasetDefinition(
        name: "biometrics",
        description: "Biometric samples from verified webhooks, one row per metric value",
        builtIn: true,
        columns: [
            .init("id", "INTEGER", "s.id"),
            .init("source", "TEXT", "w.name"),
            .init("provider", "TEXT", "w.kind"),
            .init("user_pseudonym", "TEXT", pii: true, "s.user_pseudonym"),
            .init("metric", "TEXT", "s.metric"),
            .init("value", "REAL", "s.value"),
            .init("unit", "TEXT", "s.unit"),
            .init("time_ms", "INTEGER", "s.time_ms"),
        ],
        from: "biometric_samples s JOIN webhook_sources w ON w.id = s.source_id",
        sourceTables: ["biometric_samples", "webhook_sources"]
    )

    public static let approvals = DatasetDefinition(
        name: "approvals",
        description: "Approval requests with their risk, quorum and outcome (tokens excluded)",
        builtIn: true,
        columns: [
            .init("id", "TEXT", "r.id"),
            .init("type", "TEXT", "r.type"),
            .init("payload", "TEXT", pii: true, "r.payload"),
            .init("reason", "TEXT", "r.reason"),
            .init("submitter", "TEXT", pii: true, "r.submitter"),
            .init("risk", "TEXT", "r.risk"),
            .init("rule", "TEXT", "r.rule"),
            .init("required_approvals", "INTEGER", "r.required_approvals"),
            .init("status", "TEXT", "r.status"),
            .init("submitted_ms", "INTEGER", "r.submitted_ms"),
            .init("expires_ms", "INTEGER", "r.expires_ms"),
            .init("updated_ms", "INTEGER", "r.updated_ms"),
        ],
        from: "approval_requests r",
        sourceTables: ["approval_requests"]
    )

    public static let approvalDecisions = DatasetDefinition(
        name: "approval_decisions",
        description: "Each approver's signed verdict on a request (signatures excluded)",
        builtIn: true,
        columns: [
            .init("request_id", "TEXT", "d.request_id"),
            .init("approver", "TEXT", pii: true, "d.approver_id"),
            .init("verdict", "TEXT", "d.verdict"),
            .init("reason", "TEXT", "d.reason"),
            .init("time_ms", "INTEGER", "d.time_ms"),
        ],
        from: "approval_decisions d",
        sourceTables: ["approval_decisions"]
    )

    public static let auditLog = DatasetDefinition(
        name: "audit_log",
        description: "The hash-chained audit trail: who did what, when, and how it ended",
        builtIn: true,
        columns: [
            .init("seq", "INTEGER", "a.seq"),
            .init("time_ms", "INTEGER", "a.time_ms"),
            .init("actor", "TEXT", pii: true, "a.actor"),
            .init("role", "TEXT", "a.role"),
            .init("action", "TEXT", "a.action"),
            .init("target", "TEXT", "a.target"),
            .init("summary", "TEXT", pii: true, "a.summary"),
            .init("outcome", "TEXT", "a.outcome"),
            .init("client_address", "TEXT", pii: true, "a.client_address"),
            .init("hash", "TEXT", "a.hash"),
        ],
        from: "audit_events a",
        sourceTables: ["audit_events"]
    )

    public static let spikeSummaries = DatasetDefinition(
        name: "spike_summaries",
        description: "Detected spikes per recording, channel and time window",
        builtIn: true,
        columns: [
            .init("recording", "TEXT", "k.recording"),
            .init("channel", "INTEGER", "k.channel"),
            .init("window_start_ms", "INTEGER", "k.window_start_ms"),
            .init("window_ms", "INTEGER", "k.window_ms"),
            .init("spike_count", "INTEGER", "k.spike_count"),
            .init("mean_amplitude_uv", "REAL", "k.mean_amplitude_uv"),
        ],
        from: "spike_windows k",
        sourceTables: ["spike_windows"]
    )

    public static let all: [DatasetDefinition] = [biometrics, approvals, approvalDecisions, auditLog, spikeSummaries]
}
