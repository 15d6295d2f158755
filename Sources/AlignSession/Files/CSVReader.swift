import AlignLanguage

/// Reads CSV as CRM exports write it: a header row, quoted fields with `""`
/// for a quote, commas and line breaks inside quotes, CRLF or LF line ends,
/// an optional byte-order mark.
struct CSVReader {
    /// A row: its fields and the line it starts on (1-based).
    struct Row {
        var fields: [String]
        var line: Int
    }

    /// Why the text is not CSV.
    struct Failure: Error {
        var message: String
        var line: Int
    }

    static func rows(_ bytes: [UInt8]) throws(Failure) -> [Row] {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var rowLine = 1
        var quoted = false
        var fieldStarted = false
        func endField() throws(Failure) {
            guard let text = String(validating: field, as: UTF8.self) else {
                throw Failure(message: Message.csvNotUTF8.text, line: rowLine)
            }
            fields.append(text)
            field.removeAll(keepingCapacity: true)
            fieldStarted = false
        }
        func endRow() throws(Failure) {
            try endField()
            if !(fields.count == 1 && fields[0].isEmpty) { rows.append(Row(fields: fields, line: rowLine)) }
            fields.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 34 {
                    if i + 1 < bytes.count, bytes[i + 1] == 34 {
                        field.append(34)
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    if b == 10 { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case 34 where !fieldStarted && field.isEmpty:
                quoted = true
                fieldStarted = true
            case 44:
                try endField()
            case 13 where i + 1 < bytes.count && bytes[i + 1] == 10:
                break
            case 10, 13:
                try endRow()
                line += 1
                rowLine = line
            default:
                field.append(b)
                fieldStarted = true
            }
            i += 1
        }
        if quoted { throw Failure(message: Message.csvOpenQuote.text, line: rowLine) }
        if fieldStarted || !field.isEmpty || !fields.isEmpty { try endRow() }
        return rows
    }
}
