import AlignLanguage
import AlignSources

/// Reads a whole CSV file into rows of text, for `import values`: the
/// streaming scanner of AlignSources (quotes, line breaks in quotes, CRLF,
/// a byte-order mark, the delimiter found from the header), kept in memory.
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
        var scanner = CSVScanner.over(bytes)
        var rows: [Row] = []
        do {
            try scanner.forEachRow { row throws(SourceError) in
                var fields: [String] = []
                fields.reserveCapacity(row.count)
                for i in 0..<row.count {
                    guard let text = row.string(i) else { throw SourceError(text: Message.csvNotUTF8.text, line: row.line) }
                    fields.append(text)
                }
                rows.append(Row(fields: fields, line: row.line))
                return true
            }
        } catch {
            throw Failure(message: error.message, line: error.line ?? 1)
        }
        return rows
    }
}
