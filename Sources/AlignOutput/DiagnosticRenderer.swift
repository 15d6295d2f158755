import AlignLanguage

/// Draws a diagnostic under the line it is about, as at the prompt:
///
///     1 │ metric revenue = sqls * * deal_size
///       │                         ╰─ error: expected a metric or a number
package enum DiagnosticRenderer {
    /// The line, then a marker under `range` with the message.
    package static func underLine(_ d: Diagnostic, source: SourceText, range: SourceRange, style: Style) -> String {
        let (lineText, lineStart) = source.line(containing: range.start)
        let location = source.location(of: range.start)
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        let safeLine = Escaping.safe(lineText)
        let prefixBytes = Array(source.bytes[lineStart..<min(range.start, source.bytes.count)])
        let indent = displayWidth(Escaping.safe(String(decoding: prefixBytes, as: UTF8.self)))
        let role: Style.Role = d.severity == .error ? .error : .warning
        var out = style.apply(.dim, "\(number) │ ") + safeLine + "\n"
        out += style.apply(.dim, "\(gutter) │ ") + String(repeating: " ", count: indent)
        out += style.apply(.marker, "╰─ ") + style.apply(role, d.severity.rawValue + ":") + " "
            + Escaping.safe(d.message) + "\n"
        return out
    }

    /// The syntax of the forms that came closest, under a syntax error at
    /// the prompt: the forms when they are few, a pointer to `help` when
    /// they are many.
    /// A form longer than `width` goes on under itself, broken between words.
    package static func usage(_ d: Diagnostic, style: Style, width: Int? = nil) -> String {
        guard let first = d.usage.first else { return "" }
        let verb = first.prefix { $0 != " " }
        let lines = d.usage.count <= maxUsageLines ? d.usage : ["'help \(verb)' lists its \(d.usage.count) forms"]
        let gutter = String(repeating: " ", count: String(d.location?.line ?? 1).count)
        let lead = "\(gutter) │ usage: "
        let room = width.map { max(20, $0 - displayWidth(lead) - 2) }
        var out = ""
        for line in lines {
            for (i, piece) in broken(line, room).enumerated() {
                out += style.apply(.dim, i == 0 ? lead : "\(gutter) │          ") + piece + "\n"
            }
        }
        return out
    }

    /// `text` in pieces of at most `room` columns, broken at blanks (a word
    /// longer than that stands alone); the first piece has two more columns.
    static func broken(_ text: String, _ room: Int?) -> [String] {
        guard let room, displayWidth(text) > room + 2 else { return [text] }
        var pieces: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let limit = pieces.isEmpty ? room + 2 : room
            if !current.isEmpty, displayWidth(current) + 1 + displayWidth(String(word)) > limit {
                pieces.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : " ") + word
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// How many forms of a command the prompt shows under a syntax error.
    static let maxUsageLines = 3
}
