import AureusCore
import AureusCrypto
import AureusGPU
import AureusProtocol
import AureusRedis
import AureusStorage
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOPosix
import ServiceLifecycle

/// Builds the whole server from a configuration: the composition root. `aureusd serve` and
/// the tests call this same function.
///
/// ```swift
/// let app = try await buildApplication(configuration: ServerConfiguration(), logger: logger)
/// try await app.runService()
/// ```
public func buildApplication(
    configuration: ServerConfiguration,
    logger: Logger,
    clock: any WallClock = SystemWallClock(),
    metrics: ServerMetrics = ServerMetrics(),
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let threadPool = NIOThreadPool.singleton
    let opened = try await StoreFactory.open(
        databaseURL: configuration.databaseURL,
        dataDirectory: configuration.dataDirectory,
        threadPool: threadPool,
        logger: logger
    )
    let store = TimedStore(base: opened, metrics: metrics)
    let hasher = try PasswordHasher(parameters: configuration.passwordHashing, threadPool: threadPool)
    let limiter = try makeLoginRateLimiter(configuration: configuration, threadPool: threadPool, logger: logger)
    let bus = EventBus()
    let board = DependencyBoard(
        instance: Hex.encode(SecureRandom.bytes(8)),
        redisConfigured: configuration.redisURL != nil,
        bus: bus,
        clock: clock,
        metrics: metrics,
        logger: logger
    )
    let auth = AuthService(
        store: store,
        clock: clock,
        hasher: hasher,
        limiter: limiter,
        sessionTTL: configuration.sessionTTLMilliseconds,
        metrics: metrics,
        logger: logger
    )
    let audit = AuditRecorder(store: store, bus: bus, clock: clock, metrics: metrics, logger: logger)
    let ingest = try IngestServices(store: store, configuration: configuration, clock: clock, metrics: metrics, logger: logger)
    let signingKeys = try ServerSigningKeys(dataDirectory: configuration.dataDirectory, now: clock.now())
    let approvals = ApprovalService(
        store: store,
        policy: try PolicyFile(dataDirectory: configuration.dataDirectory),
        signingKeys: signingKeys,
        bus: bus,
        audit: audit,
        clock: clock,
        logger: logger
    )
    let gpu = GPUWatcher(configuration: configuration.gpu, clock: clock, logger: logger) { bus.publish(topic: .gpu, data: $0) }
    let ollama = OllamaWatcher(configuration: configuration.ollama, clock: clock, logger: logger) { bus.publish(topic: .ollama, data: $0) }
    let queries = QueryService(
        catalogStore: opened,
        factory: opened,
        configuration: configuration,
        clock: clock,
        metrics: metrics,
        logger: logger
    )
    let assistant = QueryAssistant(queries: queries, configuration: configuration, clock: clock, recorder: ollama.record)
    let neural = NeuralService(
        recordings: RecordingsDirectory(path: configuration.resolvedRecordingsDirectory),
        store: store,
        bus: bus,
        clock: clock,
        metrics: metrics,
        logger: logger
    )
    let services = ServerServices(
        configuration: configuration,
        store: store,
        auth: auth,
        hasher: hasher,
        bus: bus,
        audit: audit,
        ingest: ingest,
        approvals: approvals,
        signingKeys: signingKeys,
        tokenVerification: TokenVerification(store: store, clock: clock),
        gpu: gpu,
        ollama: ollama,
        queries: queries,
        assistant: assistant,
        neural: neural,
        board: board,
        clock: clock,
        metrics: metrics,
        logger: logger
    )
    let dispatcher = RPCDispatcher(table: services.methodTable(), auth: auth, audit: services.audit, metrics: metrics, logger: logger)

    let router = Router(context: AureusRequestContext.self)
    router.add(middleware: HTTPMetricsMiddleware(metrics: metrics))
    HealthRoutes(store: store, metrics: metrics, board: board).add(to: router)
    WebSocketRoute(services: services, dispatcher: dispatcher).add(to: router)
    let webhooks = WebhookIntake(
        ingest: ingest,
        clock: clock,
        maxBodyBytes: configuration.maxWebhookBodyBytes,
        metrics: metrics
    )
    WebhookRoute(intake: webhooks).add(to: router)
    ApprovalRoutes(services: services).add(to: router)

    var app = Application(
        router: router,
        server: .http1WebSocketUpgrade(
            webSocketRouter: router,
            configuration: .init(
                // Webhook POSTs are answered on the event loop (WebhookChannelHandler); the router sees the rest.
                http1: .init(additionalChannelHandlers: [WebhookChannelHandler(receiver: webhooks)], idleTimeout: nil),
                ws: WebSocketServerConfiguration(maxFrameSize: configuration.maxFrameBytes, autoPing: .enabled(timePeriod: .seconds(30)))
            )
        ),
        configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "aureusd"),
        // Dependency order: the store first, then the ingest writer, then live publishers and watchers.
        services: [
            store, ingest.batcher, RatesPublisher(rates: ingest.rates, rejections: ingest.rejections, bus: bus, audit: audit, clock: clock),
            IngestGauges(batcher: ingest.batcher, metrics: metrics),
            ApprovalExpiry(approvals: approvals, interval: configuration.approvalSweepInterval, logger: logger),
            gpu, ollama, QueryCursorSweeper(queries: queries, interval: .seconds(10)), neural,
            StoreWatch(store: opened, batcher: ingest.batcher, board: board),
        ] + (try makeClusterRelay(configuration: configuration, bus: bus, rates: ingest.rates, board: board, logger: logger)),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
        logger: logger
    )
    app.beforeServerStarts {
        try await store.migrate()
        try await services.publishServerKeys()
        await queries.prepare()
        if configuration.bootstrapAdmin {
            try await AdminBootstrap.runIfEmpty(
                store: store,
                hasher: hasher,
                clock: clock,
                dataDirectory: configuration.dataDirectory,
                logger: logger
            )
        }
    }
    return app
}

/// With Redis, the relay that carries live topics between instances; none without.
func makeClusterRelay(
    configuration: ServerConfiguration,
    bus: EventBus,
    rates: RateTracker,
    board: DependencyBoard,
    logger: Logger
) throws
    -> [any Service]
{
    guard let url = configuration.redisURL else { return [] }
    let fanOut = RedisFanOut(connection: try RedisConnection(url: url, logger: logger), namespace: configuration.redisNamespace, logger: logger)
    return [ClusterRelay(fanOut: fanOut, bus: bus, rates: rates, board: board, logger: logger)]
}

/// Redis when configured (shared across instances), otherwise in process.
func makeLoginRateLimiter(configuration: ServerConfiguration, threadPool: NIOThreadPool, logger: Logger) throws -> any LoginRateLimiting {
    let policy = LoginThrottle.Policy(maxFailures: configuration.maxLoginFailures, windowMilliseconds: configuration.loginWindowMilliseconds)
    guard let url = configuration.redisURL else { return InProcessLoginRateLimiter(policy: policy) }
    return RedisLoginRateLimiter(
        connection: try RedisConnection(url: url, threadPool: threadPool, logger: logger),
        namespace: configuration.redisNamespace,
        policy: policy,
        logger: logger
    )
}
