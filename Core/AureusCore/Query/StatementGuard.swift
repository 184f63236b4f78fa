/// The first of two locks on `query.run`: a check of the statement's tokens that refuses,
/// with a reason a person can act on, anything that is not one read-only statement over the
/// catalogued datasets.
///
/// It is not the enforcement. The database enforces on its own (SQLite: a read-only
/// connection with an authorizer; PostgreSQL: a role that can read only the dataset views, in
/// a read-only transaction), and tests run hostile statements past this guard straight into the
/// backends to prove it. The guard exists for clear errors, for the checks a database cannot
/// express (a CTE that shadows a dataset's name, which SQLite's authorizer would take for the
/// dataset's own view), and for PostgreSQL functions the query role could otherwise call.
public struct StatementGuard: Sendable {
    /// Names the user may read (dataset views), lower-cased.
    public var datasets: Set<String>
    /// Functions the user may call, lower-cased.
    public var functions: Set<String>

    public init(datasets: Set<String>, functions: Set<String> = FunctionAllowList.standard) {
        self.datasets = Set(datasets.map { $0.lowercased() })
        self.functions = Set(functions.map { $0.lowercased() })
    }

    /// Checks `sql` and returns it ready to prepare (one statement, no trailing `;`), with the
    /// datasets it names.
    /// - Throws: `QueryRefusal` with the reason.
    public func check(_ sql: String) throws(QueryRefusal) -> GuardedStatement {
        let tokens: [SQLToken]
        do {
            tokens = try SQLLexer.tokens(sql)
        } catch {
            throw QueryRefusal(.malformed, error.reason)
        }
        var body = tokens
        while body.last?.kind == .semicolon { body.removeLast() }
        guard let first = body.first else { throw QueryRefusal(.malformed, "the statement is empty") }
        if let semicolon = body.first(where: { $0.kind == .semicolon }) {
            throw QueryRefusal(.multipleStatements, "only one statement per query; found a second after ';' at offset \(semicolon.offset)")
        }
        guard first.kind == .word, Self.leadingKeywords.contains(first.name) else {
            throw QueryRefusal(.notReadOnly, "only SELECT, WITH and VALUES statements are allowed; this one starts with '\(first.text)'")
        }
        let cteNames = try commonTableExpressionNames(body)
        var named: Set<String> = []
        for (position, token) in body.enumerated() {
            if token.kind == .word, Self.forbiddenWords.contains(token.name) {
                throw QueryRefusal(.notReadOnly, "'\(token.text.uppercased())' is not allowed in a read-only query (offset \(token.offset))")
            }
            guard token.kind == .word || token.kind == .quotedIdentifier else { continue }
            let name = token.name
            if Self.systemPrefixes.contains(where: name.hasPrefix) || Self.systemSchemas.contains(name) {
                throw QueryRefusal(.forbiddenObject, "'\(token.text)' is a system catalogue; use datasets.describe to see what you can query")
            }
            let next = position + 1 < body.count ? body[position + 1] : nil
            if next?.kind == .openParen, !(token.kind == .word && Self.keywordsBeforeParen.contains(name)), !cteNames.contains(name) {
                guard functions.contains(name) else {
                    throw QueryRefusal(.forbiddenFunction, "function '\(token.text)' is not allowed; allowed functions are listed in docs/query.md")
                }
            }
            if datasets.contains(name) { named.insert(name) }
        }
        if let shadow = cteNames.first(where: datasets.contains) {
            throw QueryRefusal(.forbiddenObject, "a WITH clause may not reuse the dataset name '\(shadow)'; pick another name")
        }
        let end = body.last?.end ?? 0
        let text = String(String.UnicodeScalarView(sql.unicodeScalars.prefix(end)))
        return GuardedStatement(sql: text, datasets: named.sorted())
    }

    /// Every name a `WITH` defines, at any depth.
    private func commonTableExpressionNames(_ tokens: [SQLToken]) throws(QueryRefusal) -> Set<String> {
        var names: Set<String> = []
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            guard tokens[index].isWord("with") else { continue }
            var cursor = index + 1
            if cursor < tokens.count, tokens[cursor].isWord("recursive") { cursor += 1 }
            while cursor < tokens.count, tokens[cursor].kind == .word || tokens[cursor].kind == .quotedIdentifier {
                names.insert(tokens[cursor].name)
                cursor += 1
                if cursor < tokens.count, tokens[cursor].kind == .openParen { cursor = Self.afterParens(tokens, from: cursor) }
                while cursor < tokens.count, tokens[cursor].kind == .word, tokens[cursor].name != "as" || false {
                    cursor += 1
                }
                guard cursor < tokens.count, tokens[cursor].isWord("as") else { break }
                cursor += 1
                while cursor < tokens.count, tokens[cursor].kind == .word { cursor += 1 }  // [NOT] MATERIALIZED
                guard cursor < tokens.count, tokens[cursor].kind == .openParen else { break }
                cursor = Self.afterParens(tokens, from: cursor)
                guard cursor < tokens.count, tokens[cursor].kind == .comma else { break }
                cursor += 1
            }
        }
        return names
    }

    /// The index after the parenthesis that closes the one at `start`.
    private static func afterParens(_ tokens: [SQLToken], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < tokens.count {
            if tokens[index].kind == .openParen { depth += 1 }
            if tokens[index].kind == .closeParen {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return index
    }

    static let leadingKeywords: Set<String> = ["select", "with", "values"]

    /// Words that only appear in statements or clauses that write, change the session or
    /// reach outside the database. `INTO` covers PostgreSQL's `SELECT … INTO new_table`;
    /// `UPDATE` and `SHARE` cover `FOR UPDATE` / `FOR SHARE` row locks.
    static let forbiddenWords: Set<String> = [
        "insert", "update", "delete", "merge", "upsert", "into", "drop", "create", "alter", "truncate",
        "attach", "detach", "pragma", "vacuum", "reindex", "analyze", "analyse", "grant", "revoke",
        "copy", "call", "do", "lock", "notify", "listen", "unlisten", "set", "reset", "begin",
        "commit", "rollback", "savepoint", "release", "prepare", "execute", "deallocate", "discard",
        "load", "checkpoint", "cluster", "refresh", "security", "share", "nowait", "import", "comment",
    ]

    /// Schemas and name prefixes of the engines' own catalogues.
    static let systemSchemas: Set<String> = ["pg_catalog", "information_schema", "main", "temp", "public", "pg_temp", "sqlite_temp_master"]
    static let systemPrefixes: [String] = ["pg_", "sqlite_", "aureus_"]

    /// Keywords that are followed by a parenthesis without being function calls.
    static let keywordsBeforeParen: Set<String> = [
        "in", "exists", "values", "as", "over", "filter", "within", "on", "using", "and", "or", "not",
        "select", "from", "where", "join", "cast", "any", "all", "some", "array", "row", "when", "then",
        "else", "case", "by", "having", "is", "like", "between", "distinct", "union", "intersect",
        "except", "lateral", "materialized", "recursive", "with", "return", "returning", "end", "limit",
        "offset", "extract", "interval", "partition", "rows", "range", "groups", "glob", "escape",
        "ilike", "similar", "to", "at", "zone", "collate", "tablesample", "fetch", "only", "for",
    ]
}

/// A statement that passed the guard.
public struct GuardedStatement: Sendable, Hashable {
    /// The statement as written, without trailing semicolons or comments after them.
    public var sql: String
    /// Dataset names it mentions, sorted (for evidence; the backend decides what is read).
    public var datasets: [String]

    public init(sql: String, datasets: [String]) {
        self.sql = sql
        self.datasets = datasets
    }
}
