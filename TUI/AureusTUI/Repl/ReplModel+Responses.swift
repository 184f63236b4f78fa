import AureusCore
import AureusProtocol

/// Answers from the host.
extension ReplModel {
    public mutating func receive(_ response: ReplResponse) -> [ReplEffect] {
        switch response {
        case .page(let id, let page, let roundTrip):
            return receive(page: page, id: id, roundTrip: roundTrip)
        case .failed(let id, let reason):
            if let current = pending, current.id == id {
                pending = nil
                if !current.cancelled { show("ERROR: " + reason, error: true) }
            } else if result?.queryID == id, result?.stopped == nil {
                result?.stop("fetch failed")
                show("fetching more rows failed: " + reason, error: true)
            }
        case .cancelled(let id, _):
            quietCancels.remove(id)
        case .proposal(let proposal):
            asking = false
            var sql = Sanitizer.clean(proposal.sql, keepNewlines: true).trimmingWhitespace()
            if StatementScanner.verdict(sql) != .complete { sql += ";" }
            input.set(sql)
            proposalQuestion = proposal.question
            focus = .input
            let explanation = proposal.explanation.map { ": " + $0 } ?? ""
            show("\(proposal.model) proposes this SQL\(explanation). Enter runs it; edit it first if you like.")
        case .askFailed(let reason):
            asking = false
            show("\\ask: " + reason, error: true)
        case .datasets(let list):
            catalog = list
            if showCatalogOnArrival {
                showCatalogOnArrival = false
                return replaceResult(with: Self.catalogTable(list))
            }
        case .datasetsFailed(let reason):
            catalogRequested = false
            showCatalogOnArrival = false
            show("datasets.list: " + reason, error: true)
        case .described(let description):
            panel = Panel(title: description.dataset.name, lines: Self.describe(description))
            panelTop = 0
        case .describeFailed(let name, let reason):
            show("\\d \(name): \(reason)", error: true)
        case .exported(let path, let rows, let truncated, let evidenceID):
            exporting = false
            let limit = truncated ? " (truncated at your role's row limit)" : ""
            show("wrote \(NumberText.grouped(rows)) \(rows == 1 ? "row" : "rows") to \(path)\(limit) · evidence \(evidenceID)")
        case .exportFailed(let path, let reason):
            exporting = false
            show("\\o \(path): \(reason)", error: true)
        }
        return []
    }

    private mutating func receive(page: QueryPage, id: Int, roundTrip: Double) -> [ReplEffect] {
        if let current = pending, current.id == id {
            pending = nil
            if current.cancelled {
                // Ctrl-C came before the first page: close the cursor the server just opened.
                guard let cursor = page.cursor, !page.done else { return [] }
                return [.request(.cancel(id: id, cursor: cursor))]
            }
            var effects = replaceResult(with: ResultWindow(queryID: id, first: page, roundTripMilliseconds: roundTrip, capacity: capacity))
            lastQuery = LastQuery(sql: current.sql, question: current.question)
            if page.rows.isEmpty, page.done { show("(0 rows)") }
            effects += fetchIfNeeded()
            return effects
        }
        guard result?.queryID == id, result?.stopped == nil else { return [] }
        result?.append(page)
        clampScroll()
        return fetchIfNeeded()
    }

    /// `\dt`: one row per dataset.
    static func catalogTable(_ list: [DatasetSummary]) -> ResultWindow {
        let columns = [
            QueryColumn(name: "dataset", type: "TEXT"), QueryColumn(name: "rows", type: "INTEGER"),
            QueryColumn(name: "columns", type: "INTEGER"), QueryColumn(name: "pii", type: "TEXT"),
            QueryColumn(name: "description", type: "TEXT"),
        ]
        let rows: [[JSONValue]] = list.map { dataset in
            let pii = dataset.columns.filter(\.pii).map { "\($0.name) (\($0.masking.rawValue))" }.joined(separator: ", ")
            return [
                .string(dataset.name), .int(dataset.rowCount), .int(Int64(dataset.columns.count)), .string(pii),
                .string(dataset.description + (dataset.builtIn ? "" : " (imported)")),
            ]
        }
        return ResultWindow(columns: columns, rows: rows, caption: list.count == 1 ? "1 dataset" : "\(list.count) datasets")
    }

    /// `\d NAME`: the description, the columns with their masking, and the DDL.
    static func describe(_ description: DatasetDescription) -> [String] {
        let dataset = description.dataset
        let nameWidth = max(6, dataset.columns.map { TextWidth.width(of: $0.name) }.max() ?? 0)
        var lines = [dataset.description, "\(NumberText.grouped(Int(dataset.rowCount))) rows", ""]
        lines.append(TextWidth.fit("column", to: nameWidth) + "  " + TextWidth.fit("type", to: 8) + "  pii  masking for you")
        for column in dataset.columns {
            let pii = column.pii ? "yes" : "no "
            lines.append(
                TextWidth.fit(column.name, to: nameWidth) + "  " + TextWidth.fit(column.type, to: 8) + "  " + pii + "  " + column.masking.rawValue
            )
        }
        lines.append("")
        lines += description.ddl.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return lines.map { Sanitizer.clean($0) }
    }
}
