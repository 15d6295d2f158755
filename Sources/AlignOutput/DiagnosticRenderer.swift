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
    package static func usage(_ d: Diagnostic, style: Style) -> String {
        guard let first = d.usage.first else { return "" }
        let verb = first.prefix { $0 != " " }
        let lines = d.usage.count <= maxUsageLines ? d.usage : ["'help \(verb)' lists its \(d.usage.count) forms"]
        let gutter = String(repeating: " ", count: String(d.location?.line ?? 1).count)
        return lines.map { style.apply(.dim, "\(gutter) │ usage: ") + $0 + "\n" }.joined()
    }

    /// How many forms of a command the prompt shows under a syntax error.
    static let maxUsageLines = 3
}
