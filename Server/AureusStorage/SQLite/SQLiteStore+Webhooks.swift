import AureusCore
import AureusProtocol

extension SQLiteStore: WebhookStore {
    private static let sourceColumns = "id, name, kind, current_secret, previous_secret, previous_expires_ms, disabled, created_ms"
    private static let insertDelivery = """
        INSERT INTO webhook_deliveries (source_id, event_id, received_ms, raw_compressed, raw_size, notifications)
        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source_id, event_id) DO NOTHING
        """
    private static let insertSample = """
        INSERT INTO biometric_samples (delivery_id, source_id, user_pseudonym, metric, value, unit, time_ms)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """

    public func createSource(_ source: NewWebhookSource) async throws -> WebhookSourceRecord {
        let id = try await pool.write(conflict: "webhook source '\(source.name)' already exists") { db in
            try db.run(
                "INSERT INTO webhook_sources (name, kind, current_secret, disabled, created_ms) VALUES (?, ?, ?, 0, ?)",
                [.text(source.name), .text(source.kind), .text(source.secret), .integer(source.createdAt.milliseconds)]
            )
            return db.lastInsertRowID
        }
        return WebhookSourceRecord(
            id: id,
            name: source.name,
            kind: source.kind,
            currentSecret: source.secret,
            previousSecret: nil,
            previousExpiresAt: nil,
            disabled: false,
            createdAt: source.createdAt
        )
    }

    public func source(named name: String) async throws -> WebhookSourceRecord? {
        try await sources(where: "name = ?", [.text(name)]).first
    }

    public func listSources() async throws -> [WebhookSourceRecord] {
        try await sources(where: nil, [])
    }

    /// Moves the current secret to `previous` (valid until `previousExpiresAt`) in one UPDATE;
    /// the right-hand sides read the row as it was, so the old secret is never lost.
    public func rotateSourceSecret(id: Int64, newSecret: String, previousExpiresAt: Timestamp) async throws {
        try await updateSource(
            id,
            "UPDATE webhook_sources SET previous_secret = current_secret, previous_expires_ms = ?, current_secret = ? WHERE id = ?",
            [.integer(previousExpiresAt.milliseconds), .text(newSecret), .integer(id)]
        )
    }

    public func setSourceDisabled(id: Int64, disabled: Bool) async throws {
        try await updateSource(id, "UPDATE webhook_sources SET disabled = ? WHERE id = ?", [.bool(disabled), .integer(id)])
    }

    /// One `BEGIN IMMEDIATE` … `COMMIT` for the whole batch, so the fsync is paid once per batch.
    ///
    /// Each delivery is inserted with `ON CONFLICT DO NOTHING`; zero changed rows means the key
    /// was stored before, either in an earlier commit or earlier in this batch. Bodies are
    /// compressed before the writer lock is taken.
    ///
    /// - Throws: `StoreError(.notFound)` for an unknown source id; nothing of the batch is kept.
    public func storeDeliveries(_ batch: [NewDelivery]) async throws -> [DeliveryOutcome] {
        guard !batch.isEmpty else { return [] }
        let rows = try DeliveryRow.rows(batch)
        return try await pool.transaction { db in
            var outcomes: [DeliveryOutcome] = []
            outcomes.reserveCapacity(batch.count)
            for (delivery, row) in zip(batch, rows) {
                let inserted = try db.run(
                    Self.insertDelivery,
                    [
                        .integer(delivery.sourceID), .text(delivery.eventID), .integer(delivery.receivedAt.milliseconds),
                        .blob(row.compressedBody), .integer(row.rawSize), .text(row.notificationsJSON),
                    ]
                )
                guard inserted == 1 else {
                    outcomes.append(.duplicate)
                    continue
                }
                let deliveryID = db.lastInsertRowID
                for sample in delivery.samples {
                    try db.run(
                        Self.insertSample,
                        [
                            .integer(deliveryID), .integer(delivery.sourceID), .text(sample.user), .text(sample.metric),
                            .real(sample.value), .text(sample.unit), .integer(sample.time.milliseconds),
                        ]
                    )
                }
                outcomes.append(.stored(id: deliveryID))
            }
            return outcomes
        }
    }

    public func deliveryCount(sourceID: Int64?) async throws -> Int64 {
        try await pool.read { db in
            let rows =
                if let sourceID {
                    try db.query("SELECT COUNT(*) FROM webhook_deliveries WHERE source_id = ?", [.integer(sourceID)])
                } else {
                    try db.query("SELECT COUNT(*) FROM webhook_deliveries")
                }
            return try rows.first?.int64(0) ?? 0
        }
    }

    public func hasDelivery(sourceID: Int64, eventID: String) async throws -> Bool {
        try await pool.read { db in
            try !db.query("SELECT 1 FROM webhook_deliveries WHERE source_id = ? AND event_id = ?", [.integer(sourceID), .text(eventID)]).isEmpty
        }
    }

    public func rawDelivery(sourceID: Int64, eventID: String) async throws -> [UInt8]? {
        try await pool.read { db in
            guard
                let row = try db.query(
                    "SELECT raw_compressed, raw_size FROM webhook_deliveries WHERE source_id = ? AND event_id = ?",
                    [.integer(sourceID), .text(eventID)]
                ).first
            else { return nil }
            guard case .blob(let compressed) = row.values[0] else {
                throw StoreError(.engine, "delivery '\(eventID)' has no stored body")
            }
            return try DeliveryRow.body(compressed: compressed, rawSize: try row.int64(1), sourceID: sourceID, eventID: eventID)
        }
    }

    private func updateSource(_ id: Int64, _ sql: String, _ binds: [SQLiteValue]) async throws {
        let changed = try await pool.write { db in try db.run(sql, binds) }
        guard changed > 0 else { throw StoreError(.notFound, "no webhook source with id \(id)") }
    }

    private func sources(where condition: String?, _ binds: [SQLiteValue]) async throws -> [WebhookSourceRecord] {
        let sql = "SELECT \(Self.sourceColumns) FROM webhook_sources" + (condition.map { " WHERE \($0)" } ?? "") + " ORDER BY name"
        return try await pool.read { db in
            try db.query(sql, binds).map { row in
                WebhookSourceRecord(
                    id: try row.int64(0),
                    name: try row.text(1),
                    kind: try row.text(2),
                    currentSecret: try row.text(3),
                    previousSecret: try row.optionalText(4),
                    previousExpiresAt: try row.optionalInt64(5).map(Timestamp.init(milliseconds:)),
                    disabled: try row.bool(6),
                    createdAt: Timestamp(milliseconds: try row.int64(7))
                )
            }
        }
    }
}
