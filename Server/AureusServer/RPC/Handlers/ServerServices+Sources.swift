import AureusCore
import AureusIngest
import AureusProtocol

extension ServerServices {
    func registerSourceMethods(into table: inout RPCMethodTable) {
        table.register(RPCMethods.sourcesCreate, SourcesCreateParams.self) { _, params in
            try Self.checkSourceName(params.name)
            guard let kind = WebhookKind(rawValue: params.kind) else {
                let kinds = WebhookKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw RPCError(.invalidParams, reason: "unknown kind '\(Sanitize.short(params.kind))'; kinds are \(kinds)")
            }
            let secret = params.secret ?? SourceTokens.generate(for: kind)
            try Self.checkSecret(secret, kind: kind)
            let record = try await store.createSource(
                NewWebhookSource(name: params.name, kind: kind.rawValue, secret: secret, createdAt: clock.now())
            )
            ingest.sources.invalidate(record.name)
            return SourceSecretResult(
                source: Self.info(record),
                secret: secret,
                verificationToken: kind == .oura ? SourceTokens.ouraVerificationToken(record) : nil
            )
        }
        table.register(RPCMethods.sourcesList, NoParams.self) { _, _ in
            SourcesListResult(sources: try await store.listSources().map(Self.info))
        }
        table.register(RPCMethods.sourcesRotateSecret, SourcesRotateParams.self) { _, params in
            let record = try await existingSource(params.name)
            let kind = WebhookKind(rawValue: record.kind) ?? .standard
            let grace = params.graceSeconds ?? 86_400
            guard (0...30 * 86_400).contains(grace) else { throw RPCError(.invalidParams, reason: "graceSeconds must be between 0 and 2592000") }
            let secret = params.secret ?? SourceTokens.generate(for: kind)
            try Self.checkSecret(secret, kind: kind)
            try await store.rotateSourceSecret(id: record.id, newSecret: secret, previousExpiresAt: clock.now().adding(milliseconds: grace * 1000))
            ingest.sources.invalidate(record.name)
            let updated = try await existingSource(params.name)
            return SourceSecretResult(
                source: Self.info(updated),
                secret: secret,
                verificationToken: kind == .oura ? SourceTokens.ouraVerificationToken(updated) : nil
            )
        }
        table.register(RPCMethods.sourcesDisable, SourcesDisableParams.self) { _, params in
            let record = try await existingSource(params.name)
            try await store.setSourceDisabled(id: record.id, disabled: params.disabled ?? true)
            ingest.sources.invalidate(record.name)
            return Self.info(try await existingSource(params.name))
        }
        table.register(RPCMethods.ratesSnapshot, NoParams.self) { _, _ in
            ingest.rates.snapshot(now: clock.now())
        }
    }

    func existingSource(_ name: String) async throws -> WebhookSourceRecord {
        guard let record = try await store.source(named: name) else {
            throw RPCError(.notFound, reason: "no webhook source named '\(Sanitize.short(name))'")
        }
        return record
    }

    static func info(_ record: WebhookSourceRecord) -> SourceInfo {
        SourceInfo(
            id: record.id,
            name: record.name,
            kind: record.kind,
            disabled: record.disabled,
            createdAt: record.createdAt,
            previousSecretExpiresAt: record.previousSecret == nil ? nil : record.previousExpiresAt,
            path: "/v1/webhooks/\(record.name)"
        )
    }

    /// Source names appear in URLs: 1–64 of a-z, 0-9, '-' and '_'.
    static func checkSourceName(_ name: String) throws {
        let ok =
            (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 95 }
        guard ok else { throw RPCError(.invalidParams, reason: "a source name has 1–64 characters: a-z, 0-9, '-' or '_'") }
    }

    static func checkSecret(_ secret: String, kind: WebhookKind) throws {
        do { _ = try WebhookSecret(configured: secret, kind: kind) } catch {
            throw RPCError(.invalidParams, reason: "secret: \(error.reason)")
        }
    }
}
