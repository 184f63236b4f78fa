/// RFC 4180 CSV, read record by record with the physical line each record starts on, so an
/// import can say "line 1042: …" about a record whose quoted field spans lines.
///
/// Accepts `\r\n` and `\n` line ends, `""` inside quoted fields, and a final line without a
/// line end. A quote in the middle of an unquoted field, or text after a closing quote, is an
/// error for that record, not a guess.
public struct CSVReader: Sendable {
    public struct Record: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    public struct Problem: Error, Sendable, Hashable {
        public var line: Int
        public var reason: String
    }

    /// Every record, or the problems (all of them, up to `maxProblems`).
    public static func records(_ text: String, maxProblems: Int = 100) -> (records: [Record], problems: [Problem]) {
        var records: [Record] = []
        var problems: [Problem] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var broken: String?
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            if let reason = broken {
                if problems.count < maxProblems { problems.append(Problem(line: recordLine, reason: reason)) }
            } else if !(fields.count == 1 && fields[0].isEmpty) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
            broken = nil
            afterQuote = false
        }

        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" {
                        field.append("\"")
                        pending = iterator.next()
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case ",":
                fields.append(String(field))
                field = String.UnicodeScalarView()
                afterQuote = false
            case "\r" where pending == "\n":
                continue
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            case "\"":
                if field.isEmpty && !afterQuote {
                    inQuotes = true
                } else if broken == nil {
                    broken = "a quote inside an unquoted field (quote the whole field and double the quote)"
                }
            default:
                if afterQuote && broken == nil {
                    broken = "text after a closing quote"
                }
                field.append(scalar)
            }
        }
        if inQuotes {
            if problems.count < maxProblems { problems.append(Problem(line: recordLine, reason: "a quoted field is never closed")) }
        } else if !field.isEmpty || !fields.isEmpty || afterQuote {
            endRecord()
        }
        return (records, problems)
    }
}
