import Hummingbird

/// Counts and times every HTTP request by route and status. Unknown paths are folded into
/// one label so scanners cannot blow up the metric's cardinality.
struct HTTPMetricsMiddleware: RouterMiddleware {
    typealias Context = AureusRequestContext
    let metrics: ServerMetrics
    static let knownPaths: Set<String> = ["/health", "/ready", "/metrics", "/v1/ws", "/v1/public-keys", "/v1/approvals/verify"]
    static let webhookPath = "/v1/webhooks/{source}"

    /// The route label: the path itself for fixed routes, the pattern for webhooks (one series
    /// for every source), `other` for the rest.
    static func label(_ path: String) -> String {
        if knownPaths.contains(path) { return path }
        return path.hasPrefix("/v1/webhooks/") ? webhookPath : "other"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        let path = Self.label(request.uri.path)
        do {
            let response = try await next(request, context)
            metrics.httpRequest(path: path, status: response.status.code, duration: ContinuousClock.now - started)
            return response
        } catch let error as any HTTPResponseError {
            metrics.httpRequest(path: path, status: error.status.code, duration: ContinuousClock.now - started)
            throw error
        } catch {
            metrics.httpRequest(path: path, status: 500, duration: ContinuousClock.now - started)
            throw error
        }
    }
}
