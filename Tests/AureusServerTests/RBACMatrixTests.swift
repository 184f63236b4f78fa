import AureusProtocol
import Testing

/// Every method × every role (and no session): allowed calls get past RBAC, denied calls get
/// `forbidden` (or `unauthenticated` without a session). Driven by `RPCMethods.all`, so a new
/// method without a sample here fails the test until someone decides its expected access.
@Suite("RBAC matrix")
struct RBACMatrixTests {
    /// Params that a permitted caller can send; what matters is getting past the access check.
    static let samples: [String: JSONValue] = [
        "server.hello": [:],
        "server.ping": [:],
        "server.status": [:],
        "auth.login": ["username": "user-viewer", "password": "wrong password"],
        "auth.refresh": [:],
        "auth.logout": [:],
        "auth.whoami": [:],
        "tokens.create": ["name": "matrix"],
        "tokens.list": [:],
        "tokens.revoke": ["id": 999_999],
        "users.create": ["username": "made-by-matrix", "password": "long enough", "role": "viewer"],
        "users.list": [:],
        "users.set_role": ["username": "user-viewer", "role": "viewer"],
        "users.disable": ["username": "nobody-here", "disabled": true],
        "users.passwd": ["oldPassword": "wrong", "newPassword": "another long one"],
        "audit.tail": ["limit": 5],
        "audit.verify": [:],
        "sources.create": ["name": "matrix-src", "kind": "standard"],
        "sources.list": [:],
        "sources.rotate_secret": ["name": "no-such-source"],
        "sources.disable": ["name": "no-such-source"],
        "rates.snapshot": [:],
        "approvals.submit": ["type": "payment", "payload": ["amount": 5, "currency": "EUR", "recipient": "x"], "reason": "matrix"],
        "approvals.list": [:],
        "approvals.get": ["id": "apr-none"],
        "approvals.decide": [
            "id": "apr-none", "decision": "approve", "time": "2026-01-01T00:00:00.000Z", "payloadSHA256": "00", "signature": "AA==",
        ],
        "approvals.revoke": ["id": "apr-none"],
        "policy.check": ["type": "payment", "payload": ["amount": 5, "currency": "EUR", "recipient": "x"]],
        "policy.reload": [:],
        "keys.register": ["publicKey": "not-a-key"],
        "keys.confirm": ["keyID": "ak-none"],
        "keys.revoke": ["keyID": "ak-none"],
        "keys.list": [:],
        "keys.rotate_server": [:],
        "gpu.snapshot": [:],
        "ollama.snapshot": [:],
        "query.run": ["sql": "SELECT count(*) FROM biometrics"],
        "query.fetch": ["cursor": "qc-none"],
        "query.cancel": ["cursor": "qc-none"],
        "query.ask": ["question": "how many samples?"],
        "datasets.list": [:],
        "datasets.describe": ["name": "biometrics"],
        "datasets.import": ["name": "matrix", "csv": "a\n1\n", "columns": [["name": "a", "type": "INTEGER"]]],
        "evidence.get": ["id": "ev-none"],
        "neural.sources.start": ["kind": "live"],
        "neural.sources.stop": ["id": "n-none"],
        "neural.sources.list": [:],
        "spikes.configure": ["maxSpikesPerSecond": 1000],
        "spikes.snapshot": [:],
        "spikes.snippets": ["stream": "n-none", "channel": 0],
        "subscribe": ["topics": ["audit"]],
        "unsubscribe": ["topics": ["audit"]],
    ]

    @Test func everyMethodHasASample() {
        for spec in RPCMethods.all {
            #expect(Self.samples[spec.name] != nil, "RBAC matrix has no sample params for \(spec.name)")
        }
    }

    @Test func matrix() async throws {
        try await TestServer.with { server in
            let admin = try await server.connect(as: .admin)
            for role in [Role.viewer, .analyst, .approver] {
                _ = try await admin.call(
                    "users.create",
                    ["username": .string("user-\(role.rawValue)"), "password": "correct horse", "role": .string(role.rawValue)]
                ).get()
            }
            await admin.close()
            let password = try server.adminPassword
            for spec in RPCMethods.all {
                for role in [Role?.none, .viewer, .analyst, .approver, .admin] {
                    let socket = try await RawWebSocket.connect(url: server.url)
                    if let role {
                        let name = role == .admin ? "admin" : "user-\(role.rawValue)"
                        _ = try await socket.call(
                            "auth.login",
                            ["username": .string(name), "password": .string(role == .admin ? password : "correct horse")]
                        ).get()
                    }
                    let result = try await socket.call(spec.name, Self.samples[spec.name] ?? [:])
                    await socket.close()
                    let label = "\(spec.name) as \(role?.rawValue ?? "anonymous")"
                    if spec.allows(role) {
                        if case .failure(let error) = result {
                            #expect(!(error.code == .unauthenticated && spec.minimumRole != nil), "\(label): \(error)")
                            #expect(!(error.code == .forbidden && error.reason.contains("requires role")), "\(label): \(error)")
                        }
                    } else {
                        let expected: RPCErrorCode = role == nil ? .unauthenticated : .forbidden
                        #expect(result.failureCode == expected, "\(label) should be \(expected.name), got \(result)")
                    }
                }
            }
        }
    }
}
