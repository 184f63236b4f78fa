internal import AureusCore

/// TOML documents (server configuration, policies and themes all go through `TOMLDocument`).
///
/// Besides parsing, every path the document reports is looked up again, so the table
/// bookkeeping (`keys` against `values`, dotted and nested paths) is exercised too.
public enum TOMLHarness {
    public static func run(_ input: FuzzInput) {
        var input = input
        guard let document = try? TOMLDocument(parsing: String(decoding: input.rest(), as: UTF8.self)) else { return }
        visit(document.root, path: [], in: document, depth: 0)
    }

    private static func visit(_ table: TOMLTable, path: [String], in document: TOMLDocument, depth: Int) {
        guard depth < 32 else { return }
        for key in table.keys {
            let childPath = path + [key]
            _ = document.value(at: childPath)
            _ = document[childPath.joined(separator: ".")]
            guard let value = table[key] else { continue }
            _ = value.kindName
            if let child = value.tableValue { visit(child, path: childPath, in: document, depth: depth + 1) }
            for item in value.arrayValue ?? [] {
                if let child = item.tableValue { visit(child, path: childPath, in: document, depth: depth + 1) }
            }
        }
    }
}
