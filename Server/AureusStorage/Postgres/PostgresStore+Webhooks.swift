import AureusCore
import AureusProtocol
import PostgresNIO

extension PostgresStore: WebhookStore {
    private static let sourceSelect = """
        SELECT id, name, kind, current_secret, previous_secret, previous_expires_ms, disabled, created_ms FROM webhook_sources
        """

    public func createSource(_ source: NewWebhookSource) async throws -> WebhookSourceRecord {
        let id = try await perform(conflict: "webhook source '\(source.name)' already exists") {
            try await insertReturningID(
                """
                INSERT INTO webhook_sources (name, kind, current_secret, disabled, created_ms)
                VALUES (\(source.name), \(source.kind), \(source.secret), FALSE, \(source.createdAt.milliseconds))
                RETURNING id
                """
            )
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
        try await sources("\(unescaped: Self.sourceSelect) WHERE name = \(name)").first
    }

    public func listSources() async throws -> [WebhookSourceRecord] {
        try await sources("\(unescaped: Self.sourceSelect) ORDER BY name")
    }

    /// Moves the current secret to `previous` in one UPDATE (right-hand sides read the old row).
    public func rotateSourceSecret(id: Int64, newSecret: String, previousExpiresAt: Timestamp) async throws {
        try await updatedSource(
            id,
            """
            UPDATE webhook_sources
            SET previous_secret = current_secret, previous_expires_ms = \(previousExpiresAt.milliseconds), current_secret = \(newSecret)
            WHERE id = \(id) RETURNING id
            """
        )
    }

    public func setSourceDisabled(id: Int64, disabled: Bool) async throws {
        try await updatedSource(id, "UPDATE webhook_sources SET disabled = \(disabled) WHERE id = \(id) RETURNING id")
    }

    /// One transaction and two statements for the whole batch, whatever its size: a multi-row
    /// `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING RETURNING` for the deliveries, then
    /// one for the samples of those that were new. See `DeliveryBatchPlan` for how duplicates
    /// within the batch are found and why rows go in sorted.
    ///
    /// - Throws: `StoreError(.notFound)` for an unknown source id; nothing of the batch is kept.
    public func storeDeliveries(_ batch: [NewDelivery]) async throws -> [DeliveryOutcome] {
        guard !batch.isEmpty else { return [] }
        let plan = DeliveryBatchPlan(batch)
        let rows = try DeliveryRow.rows(plan.insertOrder.map { batch[$0] })
        var sourceIDs: [Int64] = []
        var eventIDs: [String] = []
        var receivedAt: [Int64] = []
        var bodies: [ByteBuffer] = []
        var sizes: [Int64] = []
        var notifications: [String] = []
        for (index, row) in zip(plan.insertOrder, rows) {
            let delivery = batch[index]
            sourceIDs.append(delivery.sourceID)
            eventIDs.append(delivery.eventID)
            receivedAt.append(delivery.receivedAt.milliseconds)
            bodies.append(ByteBuffer(bytes: row.compressedBody))
            sizes.append(row.rawSize)
            notifications.append(row.notificationsJSON)
        }
        let storedIDs = try await transaction { [logger] connection in
            var stored: [DeliveryKey: Int64] = [:]
            let inserted = try await connection.query(
                """
                INSERT INTO webhook_deliveries (source_id, event_id, received_ms, raw_compressed, raw_size, notifications)
                SELECT * FROM unnest(\(sourceIDs)::bigint[], \(eventIDs)::text[], \(receivedAt)::bigint[], \(bodies)::bytea[],
                                     \(sizes)::bigint[], \(notifications)::text[])
                ON CONFLICT (source_id, event_id) DO NOTHING
                RETURNING id, source_id, event_id
                """,
                logger: logger
            )
            for try await (id, sourceID, eventID) in inserted.decode((Int64, Int64, String).self) {
                stored[DeliveryKey(sourceID: sourceID, eventID: eventID)] = id
            }
            if let samples = SampleColumns(batch, plan: plan, storedIDs: stored) {
                _ = try await connection.query(
                    """
                    INSERT INTO biometric_samples (delivery_id, source_id, user_pseudonym, metric, value, unit, time_ms)
                    SELECT * FROM unnest(\(samples.deliveryIDs)::bigint[], \(samples.sourceIDs)::bigint[], \(samples.users)::text[],
                                         \(samples.metrics)::text[], \(samples.values)::float8[], \(samples.units)::text[],
                                         \(samples.times)::bigint[])
                    """,
                    logger: logger
                ).collect()
            }
            return stored
        }
        return plan.outcomes(storedIDs: storedIDs)
    }

    public func deliveryCount(sourceID: Int64?) async throws -> Int64 {
        let query: PostgresQuery =
            if let sourceID {
                "SELECT COUNT(*) FROM webhook_deliveries WHERE source_id = \(sourceID)"
            } else {
                "SELECT COUNT(*) FROM webhook_deliveries"
            }
        return try await perform {
            var count: Int64 = 0
            for try await value in try await client.query(query, logger: logger).decode(Int64.self) { count = value }
            return count
        }
    }

    public func hasDelivery(sourceID: Int64, eventID: String) async throws -> Bool {
        try await perform {
            let rows = try await client.query(
                "SELECT EXISTS (SELECT 1 FROM webhook_deliveries WHERE source_id = \(sourceID) AND event_id = \(eventID))",
                logger: logger
            )
            var exists = false
            for try await flag in rows.decode(Bool.self) { exists = flag }
            return exists
        }
    }

    public func rawDelivery(sourceID: Int64, eventID: String) async throws -> [UInt8]? {
        let stored = try await perform {
            let rows = try await client.query(
                "SELECT raw_compressed, raw_size FROM webhook_deliveries WHERE source_id = \(sourceID) AND event_id = \(eventID)",
                logger: logger
            )
            var found: (body: ByteBuffer, size: Int64)?
            for try await (body, size) in rows.decode((ByteBuffer, Int64).self) { found = (body, size) }
            return found.map { (Array($0.body.readableBytesView), $0.size) }
        }
        guard let (compressed, size) = stored else { return nil }
        return try DeliveryRow.body(compressed: compressed, rawSize: size, sourceID: sourceID, eventID: eventID)
    }

    private func updatedSource(_ id: Int64, _ query: PostgresQuery) async throws {
        guard try await execute(query) > 0 else { throw StoreError(.notFound, "no webhook source with id \(id)") }
    }

    private func sources(_ query: PostgresQuery) async throws -> [WebhookSourceRecord] {
        try await perform {
            var sources: [WebhookSourceRecord] = []
            let rows = try await client.query(query, logger: logger)
            for try await (id, name, kind, current, previous, expires, disabled, created) in rows.decode(
                (Int64, String, String, String, String?, Int64?, Bool, Int64).self
            ) {
                sources.append(
                    WebhookSourceRecord(
                        id: id,
                        name: name,
                        kind: kind,
                        currentSecret: current,
                        previousSecret: previous,
                        previousExpiresAt: expires.map(Timestamp.init(milliseconds:)),
                        disabled: disabled,
                        createdAt: Timestamp(milliseconds: created)
                    )
                )
            }
            return sources
        }
    }
}

/// The samples of the newly stored deliveries as one array per column, for `unnest`.
private struct SampleColumns {
    var deliveryIDs: [Int64] = []
    var sourceIDs: [Int64] = []
    var users: [String] = []
    var metrics: [String] = []
    var values: [Double] = []
    var units: [String] = []
    var times: [Int64] = []

    /// nil when no stored delivery carries samples.
    init?(_ batch: [NewDelivery], plan: DeliveryBatchPlan, storedIDs: [DeliveryKey: Int64]) {
        for index in plan.insertOrder {
            let delivery = batch[index]
            guard !delivery.samples.isEmpty, let id = storedIDs[DeliveryKey(sourceID: delivery.sourceID, eventID: delivery.eventID)] else {
                continue
            }
            for sample in delivery.samples {
                deliveryIDs.append(id)
                sourceIDs.append(delivery.sourceID)
                users.append(sample.user)
                metrics.append(sample.metric)
                values.append(sample.value)
                units.append(sample.unit)
                times.append(sample.time.milliseconds)
            }
        }
        if deliveryIDs.isEmpty { return nil }
    }
}
