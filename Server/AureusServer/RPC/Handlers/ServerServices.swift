import AureusCore
import AureusGPU
import Logging

/// The services handlers use, built once by `buildApplication` and shared read-only.
struct ServerServices: Sendable {
    let configuration: ServerConfiguration
    let store: any AureusStore
    let auth: AuthService
    let hasher: PasswordHasher
    let bus: EventBus
    let audit: AuditRecorder
    let ingest: IngestServices
    let approvals: ApprovalService
    let signingKeys: ServerSigningKeys
    let tokenVerification: TokenVerification
    let gpu: GPUWatcher
    let ollama: OllamaWatcher
    let queries: QueryService
    let assistant: QueryAssistant
    let neural: NeuralService
    let board: DependencyBoard
    let clock: any WallClock
    let metrics: ServerMetrics
    let logger: Logger

    /// The full method table. Every domain adds its handlers in its own file.
    func methodTable() -> RPCMethodTable {
        var table = RPCMethodTable()
        registerServerMethods(into: &table)
        registerAuthMethods(into: &table)
        registerUserMethods(into: &table)
        registerTokenMethods(into: &table)
        registerAuditMethods(into: &table)
        registerSourceMethods(into: &table)
        registerApprovalMethods(into: &table)
        registerKeyMethods(into: &table)
        registerWatcherMethods(into: &table)
        registerQueryMethods(into: &table)
        registerNeuralMethods(into: &table)
        return table
    }
}
