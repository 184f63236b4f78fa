/// Every JSON-RPC method the server registers, with its access rule.
///
/// Adding a method means adding it here first: the server refuses to register a handler for
/// a name not in this table, and a test fails until docs/protocol.md documents it.
public enum RPCMethods {
    public static let hello = RPCMethodSpec("server.hello", access: .anyone, summary: "Protocol and server versions, capabilities")
    public static let ping = RPCMethodSpec("server.ping", access: .anyone, summary: "Round-trip check; returns the server time")
    public static let status = RPCMethodSpec(
        "server.status",
        access: .role(.viewer),
        summary: "This instance's id and the state of its dependencies (store, Redis)"
    )

    public static let login = RPCMethodSpec(
        "auth.login",
        access: .anyone,
        audited: true,
        summary: "Exchange username and password for a session token"
    )
    public static let refresh = RPCMethodSpec("auth.refresh", access: .role(.viewer), audited: true, summary: "Extend the current session")
    public static let logout = RPCMethodSpec("auth.logout", access: .role(.viewer), audited: true, summary: "End the current session")
    public static let whoami = RPCMethodSpec("auth.whoami", access: .role(.viewer), summary: "The authenticated user and role")

    public static let tokensCreate = RPCMethodSpec("tokens.create", access: .role(.viewer), audited: true, summary: "Create a long-lived API token")
    public static let tokensList = RPCMethodSpec("tokens.list", access: .role(.viewer), summary: "List your API tokens (admins: anyone's)")
    public static let tokensRevoke = RPCMethodSpec("tokens.revoke", access: .role(.viewer), audited: true, summary: "Revoke an API token")

    public static let usersCreate = RPCMethodSpec("users.create", access: .role(.admin), audited: true, summary: "Create a user")
    public static let usersList = RPCMethodSpec("users.list", access: .role(.admin), summary: "List users")
    public static let usersSetRole = RPCMethodSpec("users.set_role", access: .role(.admin), audited: true, summary: "Change a user's role")
    public static let usersDisable = RPCMethodSpec("users.disable", access: .role(.admin), audited: true, summary: "Disable or re-enable a user")
    public static let usersPasswd = RPCMethodSpec(
        "users.passwd",
        access: .role(.viewer),
        audited: true,
        summary: "Change a password (your own, or anyone's as admin)"
    )

    public static let auditTail = RPCMethodSpec("audit.tail", access: .role(.viewer), summary: "Page through audit events, newest first")
    public static let auditVerify = RPCMethodSpec(
        "audit.verify",
        access: .role(.analyst),
        summary: "Walk the hash chain and report the first broken link"
    )

    public static let sourcesCreate = RPCMethodSpec(
        "sources.create",
        access: .role(.admin),
        audited: true,
        summary: "Create a webhook source with its kind and secret"
    )
    public static let sourcesList = RPCMethodSpec("sources.list", access: .role(.admin), summary: "List webhook sources")
    public static let sourcesRotateSecret = RPCMethodSpec(
        "sources.rotate_secret",
        access: .role(.admin),
        audited: true,
        summary: "Replace a source's secret; the old one stays valid for a grace period"
    )
    public static let sourcesDisable = RPCMethodSpec(
        "sources.disable",
        access: .role(.admin),
        audited: true,
        summary: "Disable or re-enable a webhook source"
    )
    public static let ratesSnapshot = RPCMethodSpec(
        "rates.snapshot",
        access: .role(.viewer),
        summary: "Current ingestion rates, latest values and rejections"
    )

    public static let approvalsSubmit = RPCMethodSpec(
        "approvals.submit",
        access: .role(.analyst),
        audited: true,
        summary: "Submit a request for approval; the policy sets its risk and quorum"
    )
    public static let approvalsList = RPCMethodSpec("approvals.list", access: .role(.viewer), summary: "List approval requests, newest first")
    public static let approvalsGet = RPCMethodSpec(
        "approvals.get",
        access: .role(.viewer),
        summary: "One approval request with its decisions and token"
    )
    public static let approvalsDecide = RPCMethodSpec(
        "approvals.decide",
        access: .role(.approver),
        audited: true,
        summary: "Approve or reject a request with a decision signed by your own key"
    )
    public static let approvalsRevoke = RPCMethodSpec(
        "approvals.revoke",
        access: .role(.admin),
        audited: true,
        summary: "Withdraw a pending request or invalidate an approval"
    )
    public static let policyCheck = RPCMethodSpec(
        "policy.check",
        access: .role(.analyst),
        summary: "Dry run: the risk and quorum a request would get"
    )
    public static let policyReload = RPCMethodSpec(
        "policy.reload",
        access: .role(.admin),
        audited: true,
        summary: "Re-read the approval policy file; a bad file is rejected and the old policy stays"
    )

    public static let keysRegister = RPCMethodSpec(
        "keys.register",
        access: .role(.approver),
        audited: true,
        summary: "Upload your approver public key (usable once an admin confirms it)"
    )
    public static let keysConfirm = RPCMethodSpec("keys.confirm", access: .role(.admin), audited: true, summary: "Confirm a registered approver key")
    public static let keysRevoke = RPCMethodSpec(
        "keys.revoke",
        access: .role(.approver),
        audited: true,
        summary: "Revoke an approver key (your own, or anyone's as admin)"
    )
    public static let keysList = RPCMethodSpec("keys.list", access: .role(.approver), summary: "Approver keys (yours; admins: everyone's)")
    public static let keysRotateServer = RPCMethodSpec(
        "keys.rotate_server",
        access: .role(.admin),
        audited: true,
        summary: "Start signing tokens with a new server key; old public keys stay for verification"
    )
    public static let gpuSnapshot = RPCMethodSpec(
        "gpu.snapshot",
        access: .role(.viewer),
        summary: "NVIDIA GPU telemetry: per-GPU readings, processes and sparkline history"
    )
    public static let ollamaSnapshot = RPCMethodSpec(
        "ollama.snapshot",
        access: .role(.viewer),
        summary: "Ollama state, installed and loaded models, recent generation speed"
    )

    public static let neuralSourcesStart = RPCMethodSpec(
        "neural.sources.start",
        access: .role(.analyst),
        audited: true,
        summary: "Start a neural source: synthetic, a recording file replayed at N× or a live binary stream"
    )
    public static let neuralSourcesStop = RPCMethodSpec(
        "neural.sources.stop",
        access: .role(.analyst),
        audited: true,
        summary: "Stop a neural source"
    )
    public static let neuralSourcesList = RPCMethodSpec("neural.sources.list", access: .role(.analyst), summary: "Neural sources and their state")
    public static let spikesConfigure = RPCMethodSpec(
        "spikes.configure",
        access: .role(.viewer),
        summary: "Set this connection's spike display budget (spikes per second on the spikes topic)"
    )
    public static let spikesSnapshot = RPCMethodSpec(
        "spikes.snapshot",
        access: .role(.viewer),
        summary: "The last N seconds of detected spikes of one stream, with firing rates"
    )
    public static let spikesSnippets = RPCMethodSpec(
        "spikes.snippets",
        access: .role(.viewer),
        summary: "Recent filtered waveforms around spikes on one channel"
    )

    public static let queryRun = RPCMethodSpec(
        "query.run",
        access: .role(.analyst),
        audited: true,
        summary: "Run one read-only SQL statement over the datasets; returns the first page and a cursor"
    )
    public static let queryFetch = RPCMethodSpec("query.fetch", access: .role(.analyst), summary: "The next page of a running query")
    public static let queryCancel = RPCMethodSpec(
        "query.cancel",
        access: .role(.analyst),
        summary: "Interrupt a running query on the server and close its cursor"
    )
    public static let queryAsk = RPCMethodSpec(
        "query.ask",
        access: .role(.analyst),
        audited: true,
        summary: "Turn a question into proposed SQL with the local Ollama model; checked, not run"
    )
    public static let datasetsList = RPCMethodSpec(
        "datasets.list",
        access: .role(.viewer),
        summary: "Datasets you may query, with columns, row counts and PII flags"
    )
    public static let datasetsDescribe = RPCMethodSpec(
        "datasets.describe",
        access: .role(.viewer),
        summary: "One dataset's columns, types, PII masking for your role and DDL"
    )
    public static let datasetsImport = RPCMethodSpec(
        "datasets.import",
        access: .role(.admin),
        audited: true,
        summary: "Import a CSV file as a new dataset; any bad row refuses the whole import"
    )
    public static let evidenceGet = RPCMethodSpec(
        "evidence.get",
        access: .role(.analyst),
        summary: "The evidence record of a query: SQL, datasets, masking, rows, duration, result hash"
    )

    public static let subscribe = RPCMethodSpec("subscribe", access: .role(.viewer), summary: "Receive `event` notifications for topics")
    public static let unsubscribe = RPCMethodSpec("unsubscribe", access: .role(.viewer), summary: "Stop receiving topics")

    public static let all: [RPCMethodSpec] = [
        hello, ping, status, login, refresh, logout, whoami,
        tokensCreate, tokensList, tokensRevoke,
        usersCreate, usersList, usersSetRole, usersDisable, usersPasswd,
        auditTail, auditVerify, sourcesCreate, sourcesList, sourcesRotateSecret, sourcesDisable, ratesSnapshot,
        approvalsSubmit, approvalsList, approvalsGet, approvalsDecide, approvalsRevoke, policyCheck, policyReload,
        keysRegister, keysConfirm, keysRevoke, keysList, keysRotateServer,
        gpuSnapshot, ollamaSnapshot,
        queryRun, queryFetch, queryCancel, queryAsk, datasetsList, datasetsDescribe, datasetsImport, evidenceGet,
        neuralSourcesStart, neuralSourcesStop, neuralSourcesList, spikesConfigure, spikesSnapshot, spikesSnippets,
        subscribe, unsubscribe,
    ]

    private static let byName: [String: RPCMethodSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func spec(named name: String) -> RPCMethodSpec? { byName[name] }
}

/// Subscription topics and the role needed to receive each.
public enum Topic: String, Sendable, Hashable, Codable, CaseIterable {
    case audit
    case rates
    case approvals
    case gpu
    case ollama
    case spikes
    case status

    public var minimumRole: Role { .viewer }
}

/// The protocol version. Clients refuse a server whose major version differs from theirs.
public enum ProtocolVersion {
    public static let major = 1
    public static let minor = 0
    public static var string: String { "\(major).\(minor)" }

    /// Whether a server announcing `version` can be used by this client, with the reason if not.
    public static func check(server version: String) -> (compatible: Bool, reason: String?) {
        guard let majorText = version.split(separator: ".", omittingEmptySubsequences: false).first, let serverMajor = Int(majorText) else {
            return (false, "server announced an unreadable protocol version '\(version)'")
        }
        if serverMajor != major {
            return (false, "server speaks protocol \(version); this client speaks \(string). Use a client of major version \(serverMajor).")
        }
        return (true, nil)
    }
}
