import AlignLanguage

/// Markdown: headings, paragraphs, pipe tables, trees in code blocks.
struct MarkdownRenderer {
    func render(_ document: Document) -> String {
        var out: [String] = []
        for block in document.blocks {
            switch block {
            case .heading(let text): out.append("## " + Self.inert(Escaping.safe(text)) + "\n")
            case .line(let spans):
                out.append(Self.paragraph(Self.inert(Escaping.safe(spans.map(\.text).joined(), keepNewlines: true))) + "\n")
            case .table(let table) where table.jsonOnly: continue
            case .table(let table):
                var text = "| " + table.columns.map { cell($0.title) }.joined(separator: " | ") + " |\n"
                text += "|" + table.columns.map { $0.numeric ? " ---: |" : " --- |" }.joined() + "\n"
                let decimals = table.columnDecimals
                for row in table.rows {
                    text += "| " + row.indices.map { cell(row[$0].display(decimals[$0])) }.joined(separator: " | ") + " |\n"
                }
                out.append(text)
            case .tree(let root):
                out.append(Self.fenced(TextRenderer(style: .plain, boxed: false).render(Document([.tree(root)]))))
            case .preformatted(let lines):
                out.append(Self.fenced(lines.map { Escaping.safe($0) + "\n" }.joined()))
            }
        }
        return out.joined(separator: "\n")
    }

    private func cell(_ text: String) -> String {
        var out = ""
        for c in Self.inert(text) {
            if c == "|" { out += "\\|" } else if c == "\n" { out += "<br>" } else { out.append(c) }
        }
        return out
    }

    /// Text with nothing a Markdown reader would take for HTML, an entity
    /// or a link: a `<` that could open a tag or an autolink (`<script>`,
    /// `</b>`, `<!--`, `<javascript:...>`) and an `&` that could start an
    /// entity are written as entities; `[` and `]`, which every link and
    /// image needs (`[x](javascript:...)`, `[x][ref]`), get a backslash, and
    /// so does a backslash, so that one typed before a `[` cannot undo it.
    /// `<= 5,000` stays.
    static func inert(_ text: String) -> String {
        guard text.contains(where: { $0 == "<" || $0 == "&" || $0 == "[" || $0 == "]" || $0 == "\\" }) else { return text }
        var out = ""
        var characters = text.makeIterator()
        var current = characters.next()
        while let c = current {
            let next = characters.next()
            let opensTag = c == "<" && next.map { $0.isLetter || $0 == "/" || $0 == "!" || $0 == "?" } == true
            let opensEntity = c == "&" && next.map { $0.isLetter || $0 == "#" } == true
            if c == "[" || c == "]" || c == "\\" { out.append("\\") }
            out += opensTag ? "&lt;" : opensEntity ? "&amp;" : String(c)
            current = next
        }
        return out
    }

    /// Text as one paragraph whatever it holds: no line of it starts a block
    /// of its own (a heading, a code fence, a quote, a list, a rule, a table,
    /// a link definition, indented code), and its line breaks are hard
    /// breaks (`\` at the end of a line), never the blank line that would
    /// end the paragraph. Only the first line may open a list item (the
    /// report numbers its notes so); what follows its marker is escaped too.
    static func paragraph(_ text: String) -> String {
        var out: [String] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let marker = i == 0 ? listMarker(line) : 0
            out.append(String(line.prefix(marker)) + plainStart(line.dropFirst(marker)))
        }
        return out.joined(separator: "\\\n")
    }

    /// A line with nothing at its start that would open a block: blanks that
    /// would make it code dropped (a paragraph shows none), then a backslash
    /// before a character that would open a block, or before the `.` or `)`
    /// of what would read as an ordered list's number. Characters that only
    /// sometimes open one (`*` a bullet or a rule, but `**bold**` not) are
    /// escaped only then.
    private static func plainStart(_ line: Substring) -> String {
        let blanks = line.prefix { $0 == " " || $0 == "\t" }
        let indent = blanks.count >= 4 || blanks.contains("\t") ? "" : String(blanks)
        let text = line.dropFirst(blanks.count)
        guard let first = text.first else { return "" }
        let rule = text.allSatisfy { $0 == first || $0 == " " || $0 == "\t" }
        let bullet = text.dropFirst().first.map { $0 == " " || $0 == "\t" } ?? true
        if "#>+-=_~`|:[".contains(first) || first == "*" && (rule || bullet) { return indent + "\\" + text }
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count < 10, let after = text.dropFirst(digits.count).first, after == "." || after == ")" {
            return indent + digits + "\\" + text.dropFirst(digits.count)
        }
        return indent + text
    }

    /// The length of a list item's marker that starts a line (`1. `, `- `), or 0.
    private static func listMarker(_ line: Substring) -> Int {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " { return 2 }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count < 10 else { return 0 }
        let rest = line.dropFirst(digits.count)
        guard let dot = rest.first, dot == "." || dot == ")", rest.dropFirst().first == " " else { return 0 }
        return digits.count + 2
    }

    /// Text in a code block whose fence is longer than any run of backticks in it.
    static func fenced(_ text: String) -> String {
        var longest = 0
        var run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "\n" + text + fence + "\n"
    }
}
