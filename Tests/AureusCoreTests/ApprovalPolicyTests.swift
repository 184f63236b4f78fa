import AureusProtocol
import Foundation
import Testing

@testable import AureusCore

/// The policy file: the shipped default, rule evaluation, schemas, every validation error with
/// its line, and reload keeping the old policy.
@Suite struct ApprovalPolicyTests {
    static let minimal = """
        [types.payment]
        required = ["amount"]
        [types.payment.fields]
        amount = "number"
        """

    @Test func shippedDefaultParsesWithTheDocumentedLevels() throws {
        let policy = try ApprovalPolicy(parsing: ApprovalPolicy.defaultText)
        #expect(policy.pendingTTLSeconds == 3600)
        #expect(policy.tokenTTLSeconds == 900)
        #expect(policy.defaultRisk == .medium)
        #expect(policy.requiredApprovals(for: .low) == 0)
        #expect(policy.requiredApprovals(for: .medium) == 1)
        #expect(policy.requiredApprovals(for: .high) == 2)
        #expect(Set(policy.types.keys) == ["payment", "data_export", "deployment"])
        #expect(policy.rules.map(\.name) == policy.rules.map(\.name).sorted())
        #expect(policy.rules.count == 6)
    }

    @Test func shippedDefaultMatchesTheDocumentedFile() throws {
        let docs = URLPath.repositoryRoot + "/docs/approval-policy.default.toml"
        let file = try String(contentsOfFile: docs, encoding: .utf8)
        #expect(file.trimmingWhitespace() == ApprovalPolicy.defaultText.trimmingWhitespace())
    }

    @Test func emptyFileGivesTheBuiltInLevelsAndNoTypes() throws {
        let policy = try ApprovalPolicy(parsing: "")
        #expect(policy.approvals == ApprovalPolicy.defaultApprovals)
        #expect(policy.pendingTTLSeconds == 3600)
        #expect(throws: PayloadValidationError.self) { try policy.assess(type: "payment", payload: [:]) }
    }

    struct RiskCase: Sendable, CustomTestStringConvertible {
        let type: String
        let payload: JSONValue
        let risk: RiskLevel
        let rule: String?
        let approvals: Int
        var testDescription: String { "\(type) \(CanonicalJSON.string(payload))" }
    }

    static let riskCases: [RiskCase] = [
        RiskCase(type: "payment", payload: ["amount": 50, "currency": "EUR", "recipient": "x"], risk: .low, rule: "small_payment", approvals: 0),
        RiskCase(type: "payment", payload: ["amount": 5000, "currency": "EUR", "recipient": "x"], risk: .medium, rule: nil, approvals: 1),
        RiskCase(type: "payment", payload: ["amount": 10000, "currency": "EUR", "recipient": "x"], risk: .high, rule: "large_payment", approvals: 2),
        RiskCase(
            type: "payment",
            payload: ["amount": 12_500.5, "currency": "EUR", "recipient": "x"],
            risk: .high,
            rule: "large_payment",
            approvals: 2
        ),
        RiskCase(type: "data_export", payload: ["dataset": "sales", "classification": "public"], risk: .low, rule: "public_data", approvals: 0),
        RiskCase(type: "data_export", payload: ["dataset": "hr", "classification": "pii"], risk: .high, rule: "sensitive_data", approvals: 2),
        RiskCase(type: "data_export", payload: ["dataset": "ops", "classification": "internal"], risk: .medium, rule: nil, approvals: 1),
        RiskCase(
            type: "deployment",
            payload: ["service": "api", "environment": "production", "version": "1.2"],
            risk: .high,
            rule: "production_deploy",
            approvals: 2
        ),
        RiskCase(
            type: "deployment",
            payload: ["service": "api", "environment": "staging", "version": "1.2"],
            risk: .low,
            rule: "non_production_deploy",
            approvals: 0
        ),
    ]

    @Test(arguments: riskCases)
    func defaultPolicyAssessesRisk(example: RiskCase) throws {
        let assessment = try ApprovalPolicy.standard.assess(type: example.type, payload: example.payload)
        #expect(assessment.risk == example.risk)
        #expect(assessment.rule == example.rule)
        #expect(assessment.requiredApprovals == example.approvals)
        #expect(assessment.autoApproved == (example.approvals == 0))
        #expect(assessment.json["rule"] == (example.rule.map { JSONValue.string($0) } ?? .null))
    }

    @Test func highestRiskWinsThenPriorityThenName() throws {
        let policy = try ApprovalPolicy(
            parsing: Self.minimal + """

                [rules.b_medium]
                type = "payment"
                field = "amount"
                op = ">"
                value = 0
                risk = "medium"
                priority = 100
                [rules.z_high]
                type = "payment"
                field = "amount"
                op = ">"
                value = 10
                risk = "high"
                [rules.a_high]
                type = "*"
                field = "amount"
                op = ">"
                value = 20
                risk = "high"
                [rules.m_high_prio]
                type = "payment"
                field = "amount"
                op = ">"
                value = 30
                risk = "high"
                priority = 5
                """
        )
        #expect(try policy.assess(type: "payment", payload: ["amount": 5]).rule == "b_medium")
        #expect(try policy.assess(type: "payment", payload: ["amount": 15]).rule == "z_high")
        #expect(try policy.assess(type: "payment", payload: ["amount": 25]).rule == "a_high")
        #expect(try policy.assess(type: "payment", payload: ["amount": 35]).rule == "m_high_prio")
        #expect(try policy.assess(type: "payment", payload: ["amount": -1]).rule == nil)
    }

    @Test func typeRiskAndDottedFieldsAndExists() throws {
        let policy = try ApprovalPolicy(
            parsing: """
                [defaults]
                risk = "high"
                [types.job]
                risk = "low"
                [types.other]
                [rules.prod]
                type = "job"
                field = "target.env"
                op = "=="
                value = "prod"
                risk = "medium"
                [rules.flagged]
                type = "other"
                field = "flag"
                op = "exists"
                risk = "low"
                """
        )
        #expect(try policy.assess(type: "job", payload: [:]).risk == .low)
        #expect(try policy.assess(type: "job", payload: ["target": ["env": "prod"]]).rule == "prod")
        #expect(try policy.assess(type: "job", payload: ["target": "prod"]).rule == nil)
        #expect(try policy.assess(type: "other", payload: [:]).risk == .high)
        #expect(try policy.assess(type: "other", payload: ["flag": false]).risk == .low)
        #expect(try policy.assess(type: "other", payload: ["flag": nil]).risk == .high)
    }

    @Test(arguments: [
        ("payment", "[1, 2]" as String, "the payload must be a JSON object, got array", nil as String?),
        ("payment", #"{"currency": "EUR", "recipient": "x"}"#, "missing required field 'amount'", "amount"),
        ("payment", #"{"amount": "100", "currency": "EUR", "recipient": "x"}"#, "field 'amount' must be a number, got string", "amount"),
        ("payment", #"{"amount": 1, "currency": "EUR", "recipient": null}"#, "missing required field 'recipient'", "recipient"),
        ("payment", #"{"amount": 1, "currency": "EUR", "recipient": "x", "memo": 7}"#, "field 'memo' must be a string, got number", "memo"),
        ("data_export", #"{"dataset": "d", "classification": "public", "rows": 1.5}"#, "field 'rows' must be an integer, got number", "rows"),
        ("refund", "{}", "unknown request type 'refund' (known: data_export, deployment, payment)", nil),
    ])
    func schemaValidationNamesTheField(type: String, json: String, reason: String, field: String?) throws {
        let payload = try JSONParser.parse(json)
        let error = #expect(throws: PayloadValidationError.self) { try ApprovalPolicy.standard.assess(type: type, payload: payload) }
        #expect(error?.reason == reason)
        #expect(error?.field == field)
    }

    @Test func extraPayloadFieldsAreAllowed() throws {
        let payload: JSONValue = ["amount": 5, "currency": "EUR", "recipient": "x", "ticket": "OPS-1"]
        #expect(try ApprovalPolicy.standard.assess(type: "payment", payload: payload).risk == .low)
    }

    @Test(arguments: PolicyErrorCase.all)
    func invalidPoliciesAreRejectedWithLineAndReason(example: PolicyErrorCase) {
        let error = #expect(throws: ApprovalPolicyError.self) { try ApprovalPolicy(parsing: example.text) }
        #expect(error?.line == example.line)
        #expect(error?.table == example.table)
        #expect(error?.reason.contains(example.reasonFragment) == true, "\(String(describing: error))")
        if let error, let line = example.line { #expect(error.description.contains("line \(line)")) }
    }

    @Test func reloadSwapsOnlyValidPolicies() throws {
        var holder = PolicyHolder()
        #expect(holder.generation == 1)
        let stricter = ApprovalPolicy.defaultText.replacingFirst("[levels.medium]\napprovals = 1", with: "[levels.medium]\napprovals = 2")
        #expect(stricter != ApprovalPolicy.defaultText)
        guard case .success(let policy) = holder.reload(stricter) else {
            Issue.record("valid policy should load")
            return
        }
        #expect(policy.requiredApprovals(for: .medium) == 2)
        #expect(holder.policy.requiredApprovals(for: .medium) == 2)
        #expect(holder.generation == 2)

        let broken = stricter + "\n[rules.bad]\ntype = \"payment\"\nfield = \"amount\"\nop = \"=>\"\nvalue = 1\nrisk = \"high\"\n"
        guard case .failure(let error) = holder.reload(broken) else {
            Issue.record("a bad op must be rejected")
            return
        }
        #expect(error.table == "rules.bad")
        #expect(error.line == broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "op = \"=>\"").map { $0 + 1 })
        #expect(holder.policy.requiredApprovals(for: .medium) == 2)
        #expect(holder.text == stricter)
        #expect(holder.generation == 2)

        guard case .failure(let syntax) = holder.reload("[levels.low\napprovals = 0") else {
            Issue.record("a syntax error must be rejected")
            return
        }
        #expect(syntax.line == 1)
        #expect(holder.text == stricter)
    }
}

/// One invalid policy, where its error must point, and a fragment of the reason.
struct PolicyErrorCase: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let line: Int?
    let table: String?
    let reasonFragment: String
    var testDescription: String { name }

    static let rule = "[types.payment]\n[rules.r]\ntype = \"payment\"\nfield = \"amount\"\n"

    static let all: [PolicyErrorCase] = [
        .init(name: "syntax", text: "[defaults]\nttl_seconds = \n", line: 2, table: nil, reasonFragment: "expected a value"),
        .init(name: "array of tables", text: "[[rule]]\n", line: 1, table: nil, reasonFragment: "arrays of tables"),
        .init(name: "unknown top table", text: "[levelz.low]\napprovals = 1\n", line: 1, table: nil, reasonFragment: "unknown key 'levelz'"),
        .init(name: "unknown defaults key", text: "[defaults]\nttl = 5\n", line: 2, table: "defaults", reasonFragment: "unknown key 'ttl'"),
        .init(name: "ttl zero", text: "[defaults]\n\nttl_seconds = 0\n", line: 3, table: "defaults", reasonFragment: "outside 1...2592000"),
        .init(name: "ttl string", text: "[defaults]\nttl_seconds = \"1h\"\n", line: 2, table: "defaults", reasonFragment: "must be an integer"),
        .init(
            name: "bad default risk",
            text: "[defaults]\nrisk = \"severe\"\n",
            line: 2,
            table: "defaults",
            reasonFragment: "unknown risk level 'severe'"
        ),
        .init(name: "unknown level", text: "[levels.critical]\napprovals = 3\n", line: 1, table: "levels", reasonFragment: "unknown key 'critical'"),
        .init(name: "level typo", text: "[levels.low]\naprovals = 0\n", line: 2, table: "levels.low", reasonFragment: "unknown key 'aprovals'"),
        .init(name: "level missing count", text: "# c\n[levels.high]\n", line: 2, table: "levels.high", reasonFragment: "missing 'approvals'"),
        .init(name: "negative approvals", text: "[levels.high]\napprovals = -1\n", line: 2, table: "levels.high", reasonFragment: "outside 0...16"),
        .init(name: "required not array", text: "[types.t]\nrequired = \"a\"\n", line: 2, table: "types.t", reasonFragment: "array of field names"),
        .init(name: "required non-string", text: "[types.t]\nrequired = [\"a\", 1]\n", line: 2, table: "types.t", reasonFragment: "found integer"),
        .init(
            name: "bad field type",
            text: "[types.t.fields]\na = \"money\"\n",
            line: 2,
            table: "types.t.fields",
            reasonFragment: "field 'a' has an unknown type"
        ),
        .init(name: "unknown type key", text: "[types.t]\nrequires = []\n", line: 2, table: "types.t", reasonFragment: "unknown key 'requires'"),
        .init(name: "star type", text: "[types.\"*\"]\n", line: 1, table: "types.*", reasonFragment: "reserved"),
        .init(name: "bad op", text: rule + "op = \"=>\"\nvalue = 1\nrisk = \"high\"\n", line: 5, table: "rules.r", reasonFragment: "unknown op '=>'"),
        .init(
            name: "bad risk",
            text: rule + "op = \">\"\nvalue = 1\nrisk = \"huge\"\n",
            line: 7,
            table: "rules.r",
            reasonFragment: "unknown risk level 'huge'"
        ),
        .init(name: "missing risk", text: rule + "op = \">\"\nvalue = 1\n", line: 2, table: "rules.r", reasonFragment: "missing 'risk'"),
        .init(
            name: "missing field",
            text: "[types.payment]\n[rules.r]\ntype = \"payment\"\nop = \"exists\"\nrisk = \"low\"\n",
            line: 2,
            table: "rules.r",
            reasonFragment: "missing 'field'"
        ),
        .init(name: "missing value", text: rule + "op = \">\"\nrisk = \"low\"\n", line: 2, table: "rules.r", reasonFragment: "needs a 'value'"),
        .init(
            name: "undeclared type",
            text: "[rules.r]\ntype = \"refund\"\nfield = \"a\"\nop = \"exists\"\nrisk = \"low\"\n",
            line: 2,
            table: "rules.r",
            reasonFragment: "not declared under [types]"
        ),
        .init(
            name: "unknown rule key",
            text: rule + "op = \">\"\nvalue = 1\nrisk = \"low\"\nweight = 3\n",
            line: 8,
            table: "rules.r",
            reasonFragment: "unknown key 'weight'"
        ),
        .init(
            name: "in needs array",
            text: rule + "op = \"in\"\nvalue = 1\nrisk = \"low\"\n",
            line: 6,
            table: "rules.r",
            reasonFragment: "non-empty array"
        ),
        .init(
            name: "ordering on bool",
            text: rule + "op = \">=\"\nvalue = true\nrisk = \"low\"\n",
            line: 6,
            table: "rules.r",
            reasonFragment: "number or a string"
        ),
        .init(
            name: "array for ==",
            text: rule + "op = \"==\"\nvalue = [1]\nrisk = \"low\"\n",
            line: 6,
            table: "rules.r",
            reasonFragment: "not an array"
        ),
        .init(name: "rule not a table", text: "rules = 3\n", line: 1, table: nil, reasonFragment: "'rules' must be a table"),
    ]
}

/// Where the repository is, from this file's path, to compare the shipped docs with the code.
enum URLPath {
    static var repositoryRoot: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/AureusCoreTests/ApprovalPolicyTests.swift
        return parts.joined(separator: "/")
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
