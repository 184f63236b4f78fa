import Foundation
import Testing

@testable import AureusServer

/// The files in `deploy/` are shipped, so they are tested like code: the alert rules may only
/// use metrics the server exports, and the example configuration must load.
@Suite("Deployment files")
struct DeploymentFilesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func alertRulesUseOnlyExportedMetrics() throws {
        let rules = try Self.read("deploy/prometheus/aureus-alerts.yml")
        let regex = try NSRegularExpression(pattern: "aureus_[a-z_]+")
        let range = NSRange(rules.startIndex..., in: rules)
        var used = Set<String>()
        for match in regex.matches(in: rules, range: range) {
            guard let swiftRange = Range(match.range, in: rules) else { continue }
            var name = String(rules[swiftRange])
            for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) { name = String(name.dropLast(suffix.count)) }
            used.insert(name)
        }
        #expect(used.count >= 8)
        for name in used { #expect(MetricNames.all.contains(name), "alert rules use \(name), which aureusd does not export") }
        for wanted in [MetricNames.ingestCircuitOpen, MetricNames.ingestQueueDepth, MetricNames.auditVerifyFailures, MetricNames.rpcDuration] {
            #expect(used.contains(wanted), "no alert on \(wanted)")
        }
    }

    @Test func exampleConfigurationLoads() throws {
        var configuration = ServerConfiguration()
        try configuration.apply(toml: try Self.read("deploy/aureusd-a.toml"))
        #expect(configuration.port == 8891 && configuration.host == "127.0.0.1")
        #expect(configuration.databaseURL?.hasPrefix("postgres://") == true && configuration.redisURL != nil)
        #expect(configuration.redisNamespace == "aureus-prod")
        let unit = try Self.read("deploy/systemd/aureusd.service")
        #expect(unit.contains("ExecStart=/usr/local/bin/aureusd serve --config /etc/aureus/aureusd-%i.toml"))
        #expect(unit.contains("UMask=0077"))
    }

    @Test func webhookRoutesShareOneMetricLabel() {
        #expect(HTTPMetricsMiddleware.label("/v1/webhooks/ring") == "/v1/webhooks/{source}")
        #expect(HTTPMetricsMiddleware.label("/v1/approvals/verify") == "/v1/approvals/verify")
        #expect(HTTPMetricsMiddleware.label("/wp-admin.php") == "other")
    }
}
