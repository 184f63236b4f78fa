/// Every metric name the server exports, in one place, so dashboards and alert rules have a
/// single list to follow.
enum MetricNames {
    static let httpRequests = "aureus_http_requests_total"
    static let httpDuration = "aureus_http_request_duration_seconds"
    static let rpcCalls = "aureus_rpc_calls_total"
    static let rpcDuration = "aureus_rpc_call_duration_seconds"
    static let rpcRejected = "aureus_rpc_rejected_total"
    static let wsConnections = "aureus_ws_connections_open"
    static let storeDuration = "aureus_store_operation_duration_seconds"
    static let loginFailures = "aureus_login_failures_total"
    static let auditAppends = "aureus_audit_appends_total"
    static let tokenVerifications = "aureus_approval_token_verifications_total"
    static let webhooks = "aureus_webhooks_total"
    static let ingestQueueDepth = "aureus_ingest_queue_depth"
    static let ingestCircuitOpen = "aureus_ingest_circuit_open"
    static let auditVerifyFailures = "aureus_audit_verify_failures_total"
    static let queries = "aureus_queries_total"
    static let queryRows = "aureus_query_rows_total"
    static let neuralSpikes = "aureus_spikes_detected_total"
    static let neuralSamples = "aureus_neural_channel_samples_total"
    static let neuralFramesRejected = "aureus_neural_live_frames_rejected_total"
    static let dependencyUp = "aureus_dependency_up"

    /// Every name above, for the test that keeps the shipped alert rules honest.
    static let all = [
        httpRequests, httpDuration, rpcCalls, rpcDuration, rpcRejected, wsConnections, storeDuration, loginFailures, auditAppends,
        tokenVerifications, webhooks, ingestQueueDepth, ingestCircuitOpen, auditVerifyFailures, queries, queryRows, neuralSpikes,
        neuralSamples, neuralFramesRejected, dependencyUp,
    ]
}
