import AureusCore
import AureusCrypto
import AureusProtocol
import AureusTestSupport

/// An approver with a confirmed key, logged in on its own socket, who signs decisions the way
/// the client does (`CanonicalDecision` + Ed25519).
struct TestApprover {
    let name: String
    let socket: RawWebSocket
    let key: Ed25519.KeyPair
    let keyID: String

    /// Creates user `name` (role approver unless given), registers a key and has `admin` confirm it.
    static func make(_ name: String, role: Role = .approver, on server: TestServer, admin: RawWebSocket) async throws -> TestApprover {
        _ = try await admin.call("users.create", ["username": .string(name), "password": "correct horse", "role": .string(role.rawValue)]).get()
        let socket = try await RawWebSocket.connect(url: server.url)
        _ = try await socket.call("auth.login", ["username": .string(name), "password": "correct horse"]).get()
        let key = Ed25519.KeyPair()
        let registered = try await socket.call("keys.register", ["publicKey": .string(Base64.encode(key.publicKey.bytes))]).get()
        let keyID = registered["keyID"]?.stringValue ?? ""
        _ = try await admin.call("keys.confirm", ["keyID": .string(keyID)]).get()
        return TestApprover(name: name, socket: socket, key: key, keyID: keyID)
    }

    /// The `approvals.decide` params for `approval`, signed with this approver's key.
    func decision(
        _ approval: JSONValue,
        _ verdict: ApprovalVerdict,
        reason: String? = nil,
        time: Timestamp,
        signer: Ed25519.KeyPair? = nil,
        approverID: String? = nil
    ) -> JSONValue {
        let id = approval["id"]?.stringValue ?? ""
        let hash = approval["payloadSHA256"]?.stringValue ?? ""
        let bytes = CanonicalDecision.bytes(
            requestID: id,
            payloadSHA256: hash,
            verdict: verdict,
            reason: reason,
            time: time,
            approverID: approverID ?? name
        )
        var params: [String: JSONValue] = [
            "id": .string(id),
            "decision": .string(verdict.rawValue),
            "time": .string(time.iso8601),
            "payloadSHA256": .string(hash),
            "signature": .string(Base64.encode((signer ?? key).sign(bytes))),
        ]
        if let reason { params["reason"] = .string(reason) }
        return .object(params)
    }

    func decide(_ approval: JSONValue, _ verdict: ApprovalVerdict, reason: String? = nil, time: Timestamp) async throws -> Result<JSONValue, RPCError>
    {
        try await socket.call("approvals.decide", decision(approval, verdict, reason: reason, time: time))
    }
}

enum ApprovalSamples {
    static func payment(_ amount: Double) -> JSONValue {
        ["type": "payment", "payload": ["amount": .double(amount), "currency": "EUR", "recipient": "ACME GmbH"], "reason": "invoice 42"]
    }
}
