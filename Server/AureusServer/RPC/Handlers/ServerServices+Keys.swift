import AureusCore
import AureusCrypto
import AureusProtocol

extension ServerServices {
    func registerKeyMethods(into table: inout RPCMethodTable) {
        table.register(RPCMethods.keysRegister, KeysRegisterParams.self) { context, params in
            let caller = try context.caller
            guard let raw = Base64.decode(params.publicKey), let key = try? Ed25519.PublicKey(bytes: raw) else {
                throw RPCError(.invalidParams, reason: "publicKey must be the standard base64 of a 32-byte Ed25519 public key")
            }
            let record = ApproverKeyRecord(
                keyID: key.approverKeyID,
                username: caller.username,
                publicKey: Base64.encode(key.bytes),
                status: .pending,
                createdAt: clock.now()
            )
            try await store.insertApproverKey(record)
            return Self.info(record)
        }
        table.register(RPCMethods.keysConfirm, KeyIDParams.self) { context, params in
            let caller = try context.caller
            var key = try await existingKey(params.keyID)
            guard key.username != caller.username else {
                throw RPCError(.forbidden, reason: "another admin must confirm your own key")
            }
            guard key.status == .pending else { throw RPCError(.conflict, reason: "key '\(key.keyID)' is \(key.status.rawValue), not pending") }
            key.status = .confirmed
            key.confirmedAt = clock.now()
            key.confirmedBy = caller.username
            try await store.updateApproverKey(key)
            return Self.info(key)
        }
        table.register(RPCMethods.keysRevoke, KeyIDParams.self) { context, params in
            let caller = try context.caller
            var key = try await existingKey(params.keyID)
            guard key.username == caller.username || caller.role.includes(.admin) else {
                throw RPCError(.forbidden, reason: "only admins can revoke another user's key")
            }
            guard key.status != .revoked else { throw RPCError(.conflict, reason: "key '\(key.keyID)' is already revoked") }
            key.status = .revoked
            key.revokedAt = clock.now()
            try await store.updateApproverKey(key)
            return Self.info(key)
        }
        table.register(RPCMethods.keysList, NoParams.self) { context, _ in
            let caller = try context.caller
            let keys = try await store.listApproverKeys(username: caller.role.includes(.admin) ? nil : caller.username)
            return KeysListResult(keys: keys.map(Self.info))
        }
        table.register(RPCMethods.keysRotateServer, NoParams.self) { _, _ in
            try signingKeys.rotate(now: clock.now())
            try await publishServerKeys()
            return try await publicKeys()
        }
    }

    /// Writes this instance's public keys to the store and refreshes the verifier's cache.
    func publishServerKeys() async throws {
        for record in signingKeys.publicRecords { try await store.saveServerKey(record) }
        try await tokenVerification.refresh(force: true)
    }

    /// Every published server key (all instances), for `/v1/public-keys` and `keys.rotate_server`.
    func publicKeys() async throws -> PublicKeysResult {
        let records = try await store.serverKeys()
        return PublicKeysResult(
            keys: records.map {
                ServerPublicKeyInfo(
                    keyID: $0.keyID,
                    algorithm: SignedEnvelope.algorithm,
                    publicKey: $0.publicKey,
                    validFromMilliseconds: $0.validFrom.milliseconds,
                    retiredAtMilliseconds: $0.retiredAt?.milliseconds
                )
            },
            current: signingKeys.currentKeyID
        )
    }

    func existingKey(_ id: String) async throws -> ApproverKeyRecord {
        guard let key = try await store.approverKey(id: id) else { throw RPCError(.notFound, reason: "no approver key '\(Sanitize.short(id))'") }
        return key
    }

    static func info(_ key: ApproverKeyRecord) -> ApproverKeyInfo {
        ApproverKeyInfo(
            keyID: key.keyID,
            username: key.username,
            publicKey: key.publicKey,
            status: key.status.rawValue,
            createdAt: key.createdAt,
            confirmedAt: key.confirmedAt,
            confirmedBy: key.confirmedBy,
            revokedAt: key.revokedAt
        )
    }
}
