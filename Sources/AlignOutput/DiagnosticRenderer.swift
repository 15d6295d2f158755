import AlignLanguage

/// Draws a diagnostic under the line it is about, as at the prompt:
///
///     1 │ metric revenue = sqls * * deal_size
///       │                         ╰─ error: expected a metric or a number
package enum DiagnosticRenderer {
    /// The line, then a marker under `range` with the message.
    /// With a `width`, the message goes on under itself, broken between
    /// words, so that no line is wider than the terminal.
    package static func underLine(_ d: Diagnostic, source: SourceText, range: SourceRange, style: Style, width: Int? = nil)
        -> String
    {
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
        let lead = displayWidth(gutter) + 3 + indent + 3 + d.severity.rawValue.count + 2
        guard let width else { return out + Escaping.safe(d.message) + "\n" }
        // Lines after the first start under the message, or near the
        // gutter when that leaves less than 30 columns.
        let hang = width - displayWidth(gutter) - 3 - (indent + 3) >= 30 ? indent + 3 : 2
        let room = max(20, width - displayWidth(gutter) - 3 - hang)
        let pieces = broken(Escaping.safe(d.message), first: max(10, width - lead), room)
        for (i, piece) in pieces.enumerated() {
            if i > 0 { out += style.apply(.dim, "\(gutter) │ ") + String(repeating: " ", count: hang) }
            out += piece + "\n"
        }
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
        guard let room else { return [text] }
        return broken(text, first: room + 2, room)
    }

    /// `text` in pieces, the first of at most `first` columns, the others
    /// of at most `room`, broken at blanks (a word longer stands alone).
    static func broken(_ text: String, first: Int, _ room: Int) -> [String] {
        guard displayWidth(text) > first else { return [text] }
        var pieces: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let limit = pieces.isEmpty ? first : room
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
