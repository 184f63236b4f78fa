import AureusProtocol

extension ApprovalPolicy {
    /// Parses and validates a policy file. Every table and key is checked; nothing unknown is
    /// silently ignored, because a typo in a policy (`aprovals = 0`) must not weaken it.
    /// - Throws: `ApprovalPolicyError` with the line (and table) of the first problem.
    public init(parsing text: String) throws(ApprovalPolicyError) {
        let document: TOMLDocument
        do {
            document = try TOMLDocument(parsing: text)
        } catch {
            throw ApprovalPolicyError(syntax: error)
        }
        let reader = PolicyReader(lines: PolicySourceLines(text))
        let root = document.root
        try reader.allowOnly(["defaults", "levels", "types", "rules"], in: root, at: [])

        let defaults = try reader.optionalTable(root, "defaults", at: [])
        try reader.allowOnly(["ttl_seconds", "token_ttl_seconds", "risk"], in: defaults, at: ["defaults"])
        let ttl = try reader.integer(defaults, "ttl_seconds", at: ["defaults"], in: 1...2_592_000) ?? 3600
        let tokenTTL = try reader.integer(defaults, "token_ttl_seconds", at: ["defaults"], in: 1...2_592_000) ?? 900
        let defaultRisk = try reader.risk(defaults, "risk", at: ["defaults"]) ?? .medium

        let levelsTable = try reader.optionalTable(root, "levels", at: [])
        try reader.allowOnly(Set(RiskLevel.allCases.map(\.rawValue)), in: levelsTable, at: ["levels"])
        var approvals = ApprovalPolicy.defaultApprovals
        for level in RiskLevel.allCases {
            let path = ["levels", level.rawValue]
            guard levelsTable[level.rawValue] != nil else { continue }
            let table = try reader.optionalTable(levelsTable, level.rawValue, at: ["levels"])
            try reader.allowOnly(["approvals"], in: table, at: path)
            guard let count = try reader.integer(table, "approvals", at: path, in: 0...16) else {
                throw reader.fail(path, "missing 'approvals' (the number of distinct approvers, 0 to auto-approve)")
            }
            approvals[level] = Int(count)
        }

        var schemas: [String: PayloadSchema] = [:]
        let typesTable = try reader.optionalTable(root, "types", at: [])
        for name in typesTable.keys {
            schemas[name] = try reader.schema(named: name, in: typesTable)
        }

        var rules: [PolicyRule] = []
        let rulesTable = try reader.optionalTable(root, "rules", at: [])
        for name in rulesTable.keys {
            rules.append(try reader.rule(named: name, in: rulesTable, types: schemas))
        }
        self.init(
            pendingTTLSeconds: ttl,
            tokenTTLSeconds: tokenTTL,
            defaultRisk: defaultRisk,
            approvals: approvals,
            types: schemas,
            rules: rules
        )
    }
}

/// The validation half of `ApprovalPolicy(parsing:)`: typed lookups that fail with a located error.
private struct PolicyReader {
    let lines: PolicySourceLines

    func fail(_ table: [String], key: String? = nil, _ reason: String) -> ApprovalPolicyError {
        ApprovalPolicyError(line: lines.line(table: table, key: key), table: table.isEmpty ? nil : table.joined(separator: "."), reason: reason)
    }

    func allowOnly(_ allowed: Set<String>, in table: TOMLTable, at path: [String]) throws(ApprovalPolicyError) {
        for key in table.keys where !allowed.contains(key) {
            let place = path.isEmpty ? "at the top level" : "in [\(path.joined(separator: "."))]"
            throw fail(path, key: key, "unknown key '\(key)' \(place) (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func optionalTable(_ parent: TOMLTable, _ key: String, at path: [String]) throws(ApprovalPolicyError) -> TOMLTable {
        guard let value = parent[key] else { return TOMLTable() }
        guard let table = value.tableValue else { throw fail(path, key: key, "'\(key)' must be a table, got \(value.kindName)") }
        return table
    }

    func string(_ table: TOMLTable, _ key: String, at path: [String]) throws(ApprovalPolicyError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.stringValue, !text.isEmpty else {
            throw fail(path, key: key, "'\(key)' must be a non-empty string, got \(value.kindName)")
        }
        return text
    }

    func integer(_ table: TOMLTable, _ key: String, at path: [String], in range: ClosedRange<Int64>) throws(ApprovalPolicyError) -> Int64? {
        guard let value = table[key] else { return nil }
        guard let number = value.integerValue else { throw fail(path, key: key, "'\(key)' must be an integer, got \(value.kindName)") }
        guard range.contains(number) else {
            throw fail(path, key: key, "'\(key)' is \(number), outside \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    func risk(_ table: TOMLTable, _ key: String, at path: [String]) throws(ApprovalPolicyError) -> RiskLevel? {
        guard let text = try string(table, key, at: path) else { return nil }
        guard let risk = RiskLevel(rawValue: text) else {
            throw fail(path, key: key, "unknown risk level '\(text)' (expected low, medium or high)")
        }
        return risk
    }

    func schema(named name: String, in types: TOMLTable) throws(ApprovalPolicyError) -> PayloadSchema {
        let path = ["types", name]
        guard name != "*" else { throw fail(path, "'*' is reserved for rules that match every type") }
        let table = try optionalTable(types, name, at: ["types"])
        try allowOnly(["required", "fields", "risk"], in: table, at: path)
        var required: [String] = []
        if let value = table["required"] {
            guard let items = value.arrayValue else { throw fail(path, key: "required", "'required' must be an array of field names") }
            for item in items {
                guard let field = item.stringValue, !field.isEmpty else {
                    throw fail(path, key: "required", "'required' must hold only non-empty strings, found \(item.kindName)")
                }
                required.append(field)
            }
        }
        var fields: [String: JSONFieldType] = [:]
        let fieldsPath = path + ["fields"]
        let fieldsTable = try optionalTable(table, "fields", at: path)
        for field in fieldsTable.keys {
            let expected = JSONFieldType.allCases.map(\.rawValue).joined(separator: ", ")
            guard let text = fieldsTable[field]?.stringValue, let kind = JSONFieldType(rawValue: text) else {
                throw fail(fieldsPath, key: field, "field '\(field)' has an unknown type (expected one of: \(expected))")
            }
            fields[field] = kind
        }
        return PayloadSchema(type: name, required: required, fields: fields, defaultRisk: try risk(table, "risk", at: path))
    }

    func rule(named name: String, in rules: TOMLTable, types: [String: PayloadSchema]) throws(ApprovalPolicyError) -> PolicyRule {
        let path = ["rules", name]
        let table = try optionalTable(rules, name, at: ["rules"])
        try allowOnly(["type", "field", "op", "value", "risk", "priority"], in: table, at: path)
        for key in ["type", "field", "op", "risk"] where table[key] == nil {
            throw fail(path, "rule '\(name)' is missing '\(key)'")
        }
        let type = try string(table, "type", at: path) ?? "*"
        guard type == "*" || types[type] != nil else {
            throw fail(path, key: "type", "rule '\(name)' names type '\(type)', which is not declared under [types]")
        }
        let field = try string(table, "field", at: path) ?? ""
        let opText = try string(table, "op", at: path) ?? ""
        guard let op = RuleOperator(rawValue: opText) else {
            let ops = RuleOperator.allCases.map(\.rawValue).joined(separator: " ")
            throw fail(path, key: "op", "unknown op '\(opText)' (expected one of: \(ops))")
        }
        guard let risk = try risk(table, "risk", at: path) else { throw fail(path, "rule '\(name)' is missing 'risk'") }
        let priority = try integer(table, "priority", at: path, in: -1_000_000...1_000_000) ?? 0
        let value = try operand(table["value"], op: op, at: path)
        return PolicyRule(name: name, type: type, field: field, op: op, value: value, risk: risk, priority: priority)
    }

    /// The rule's `value`, checked against what its operator can compare.
    private func operand(_ raw: TOMLValue?, op: RuleOperator, at path: [String]) throws(ApprovalPolicyError) -> JSONValue {
        if op == .exists { return .null }
        guard let raw else { throw fail(path, "op '\(op.rawValue)' needs a 'value'") }
        guard let value = Self.json(raw) else { throw fail(path, key: "value", "'value' cannot be a table") }
        switch (op, value) {
        case (.oneOf, .array(let items)) where !items.isEmpty && items.allSatisfy({ $0.arrayValue == nil }): return value
        case (.oneOf, _): throw fail(path, key: "value", "op 'in' needs a non-empty array of scalars as 'value'")
        case (_, .array): throw fail(path, key: "value", "op '\(op.rawValue)' needs a single value, not an array")
        case (_, .int), (_, .double), (_, .string): return value
        case (_, .bool) where !op.isOrdering: return value
        default: throw fail(path, key: "value", "op '\(op.rawValue)' needs a number or a string as 'value', got \(raw.kindName)")
        }
    }

    private static func json(_ value: TOMLValue) -> JSONValue? {
        switch value {
        case .string(let text): return .string(text)
        case .integer(let number): return .int(number)
        case .float(let number): return .double(number)
        case .bool(let flag): return .bool(flag)
        case .table: return nil
        case .array(let items):
            var out: [JSONValue] = []
            for item in items {
                guard let converted = json(item) else { return nil }
                out.append(converted)
            }
            return .array(out)
        }
    }
}
