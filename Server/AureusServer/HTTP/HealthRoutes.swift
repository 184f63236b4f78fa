import AureusCore
import AureusProtocol
import AureusStorage
import Hummingbird

/// `/health` (the process is up), `/ready` (the store answers and is fully migrated; the body
/// also names this instance and its dependency states, so an operator with curl sees a
/// degraded Redis without logging in) and `/metrics` (Prometheus text). None needs authentication: they are for load balancers and
/// scrapers on the same host or network, and reveal no user data.
struct HealthRoutes {
    let store: any AureusStore
    let metrics: ServerMetrics
    let board: DependencyBoard

    func add(to router: Router<AureusRequestContext>) {
        router.get("/health") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#)))
        }
        router.get("/ready") { _, _ in
            let problem: String?
            do {
                if let health = store as? any StoreHealth { try await health.ping() }
                let version = try await store.schemaVersion()
                problem = version == store.latestSchemaVersion ? nil : "migrations pending: schema \(version) of \(store.latestSchemaVersion)"
            } catch {
                problem = "store unreachable"
            }
            if let problem {
                return HTTPProblem(status: .serviceUnavailable, title: "Not ready", detail: problem).response()
            }
            let status = board.status
            var states: [String: JSONValue] = [:]
            for dependency in status.dependencies { states[dependency.name] = .string(dependency.state.rawValue) }
            let body: JSONValue = ["status": "ready", "instance": .string(status.instance), "dependencies": .object(states)]
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: CanonicalJSON.string(body)))
            )
        }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.exposition()))
            )
        }
    }
}
