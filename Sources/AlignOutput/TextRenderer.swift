import AlignLanguage

/// The table format: text for people, boxed tables on a terminal.
struct TextRenderer {
    let style: Style
    let boxed: Bool
    /// The width to wrap to; nil keeps every line whole (a pipe).
    var width: Int? = nil

    func render(_ document: Document) -> String {
        var out = ""
        for block in document.blocks {
            switch block {
            case .heading(let text):
                if let width, displayWidth(Escaping.safe(text)) > width {
                    out += wrappedLine([Span(text, .heading)], width: width, keepNewlines: false)
                } else {
                    out += style.apply(.heading, Escaping.safe(text)) + "\n"
                }
            case .line(let spans):
                if let width, Self.width(spans) > width {
                    out += wrappedLine(spans, width: width, keepNewlines: true)
                    continue
                }
                out += spans.map { span in
                    let text = Escaping.safe(span.text, keepNewlines: true)
                    return span.role.map { style.apply($0, text) } ?? text
                }.joined() + "\n"
            case .table(let table):
                if table.jsonOnly { continue }
                out += boxed ? box(table) : plain(table)
            case .tree(let root):
                out += width.map { wrappedTree(root, width: $0) } ?? tree(root)
            case .preformatted(let lines):
                for line in lines { out += Escaping.safe(line) + "\n" }
            }
        }
        return out
    }

    /// A table's cells as shown, each worked out once, with their widths.
    struct Laid {
        var texts: [String] = []
        var textWidths: [Int] = []
        var widths: [Int]
    }

    private func lay(_ table: Table) -> Laid {
        var laid = Laid(widths: table.columns.map { displayWidth($0.title) })
        laid.texts.reserveCapacity(table.rows.count * table.columns.count)
        laid.textWidths.reserveCapacity(table.rows.count * table.columns.count)
        // A column where some sum of money shows cents shows them on every sum (560,000.00 USD beside 629,907.60 USD).
        let decimals = table.columnDecimals
        for row in table.rows {
            for (i, cell) in row.enumerated() {
                let text = cell.display(decimals[i])
                let width = displayWidth(text)
                laid.texts.append(text)
                laid.textWidths.append(width)
                if width > laid.widths[i] { laid.widths[i] = width }
            }
        }
        return laid
    }

    func roleOf(_ cell: Cell) -> Style.Role? {
        switch cell {
        case .name: return .name
        case .status(let ok, _): return ok ? .good : .bad
        case .missing: return .dim
        default: return nil
        }
    }

    /// Appends one row's cells, padded to their columns and coloured, joined by `separator`.
    private func appendRow(
        _ row: [Cell], _ first: Int, _ laid: Laid, _ table: Table, separator: String, to out: inout [UInt8]
    ) {
        for i in row.indices {
            if i > 0 { out.append(contentsOf: separator.utf8) }
            let right = table.columns[i].numeric || row[i].isNumeric
            let fill = max(0, laid.widths[i] - laid.textWidths[first + i])
            let text = laid.texts[first + i]
            if style.enabled, let role = roleOf(row[i]) {
                out.append(contentsOf: style.apply(role, right ? spaces(fill) + text : text + spaces(fill)).utf8)
                continue
            }
            if right { appendSpaces(fill, to: &out) }
            out.append(contentsOf: text.utf8)
            if !right { appendSpaces(fill, to: &out) }
        }
    }

    private func spaces(_ n: Int) -> String { String(repeating: " ", count: n) }

    private func appendSpaces(_ n: Int, to out: inout [UInt8]) {
        for _ in 0..<n { out.append(32) }
    }

    private func box(_ table: Table) -> String {
        let laid = lay(table)
        let w = laid.widths
        // Too wide: a column of money in one currency gives its unit to its
        // title, then money of a thousand or more sheds its cents, each only
        // where it lets the box fit; a table still too wide is shown a record
        // at a time, where every digit has room.
        if let width, Self.boxWidth(w) > width {
            // Columns empty in every row go first.
            if let narrower = table.withoutEmptyColumns() { return box(narrower) }
            let whole = table.wholeMoney()
            let candidates = [table.currencyInTitles(), whole, whole?.currencyInTitles() ?? nil].compactMap { $0 }
                .map { ($0, lay($0)) }
            for (candidate, laidCandidate) in candidates where Self.boxWidth(laidCandidate.widths) <= width {
                return box(candidate) + wholeMoneyNote(candidate)
            }
            for (candidate, laidCandidate) in candidates.reversed() + [(table, laid)] {
                if let fitted = Self.fitted(laidCandidate.widths, words: Self.longestWords(candidate, laidCandidate.texts), width: width) {
                    return wrappedBox(candidate, widths: fitted) + wholeMoneyNote(candidate)
                }
            }
            return records(table, width: width)
        }
        func rule(_ left: String, _ mid: String, _ right: String) -> String {
            left + w.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right + "\n"
        }
        var out: [UInt8] = []
        out.append(contentsOf: rule("┌", "┬", "┐").utf8)
        let titles = table.columns.indices.map { style.apply(.heading, pad(table.columns[$0].title, w[$0])) }
        out.append(contentsOf: ("│ " + titles.joined(separator: " │ ") + " │\n").utf8)
        out.append(contentsOf: rule("├", "┼", "┤").utf8)
        for (r, row) in table.rows.enumerated() {
            out.append(contentsOf: "│ ".utf8)
            appendRow(row, r * table.columns.count, laid, table, separator: " │ ", to: &out)
            out.append(contentsOf: " │\n".utf8)
        }
        out.append(contentsOf: rule("└", "┴", "┘").utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// Under a table whose money was given whole to fit: that it was, and
    /// where the cents are (the figures no longer add up to the cent).
    private func wholeMoneyNote(_ table: Table) -> String {
        guard table.moneyWhole, let width else { return "" }
        return wrappedLine([Span("money of 1,000 or more shown whole to fit; format csv gives the cents", .dim)], width: width, keepNewlines: false)
    }

    private func plain(_ table: Table) -> String {
        let laid = lay(table)
        let w = laid.widths
        var out: [UInt8] = []
        /// Ends a line begun at `start`: no trailing blanks.
        func endLine(_ start: Int) {
            while out.count > start, out[out.count - 1] == 32 { out.removeLast() }
            out.append(10)
        }
        var start = out.count
        for (i, column) in table.columns.enumerated() {
            if i > 0 { out.append(contentsOf: "  ".utf8) }
            out.append(contentsOf: pad(column.title, w[i]).utf8)
        }
        endLine(start)
        start = out.count
        for (i, width) in w.enumerated() {
            if i > 0 { out.append(contentsOf: "  ".utf8) }
            out.append(contentsOf: repeatElement(UInt8(ascii: "-"), count: width))
        }
        endLine(start)
        for (r, row) in table.rows.enumerated() {
            start = out.count
            appendRow(row, r * table.columns.count, laid, table, separator: "  ", to: &out)
            endLine(start)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func tree(_ root: TreeNode) -> String {
        var out = label(root.label) + "\n"
        // An explicit stack: trees can be deeper than the call stack.
        var stack: [(node: TreeNode, prefix: String, last: Bool)] = root.children.indices.reversed().map {
            (root.children[$0], "", $0 == root.children.count - 1)
        }
        while let (node, prefix, last) = stack.popLast() {
            let branch = node.viaLink ? (last ? "└┄┄ " : "├┄┄ ") : (last ? "└── " : "├── ")
            out += style.apply(.dim, prefix + branch) + label(node.label) + "\n"
            let childPrefix = prefix + (last ? "    " : "│   ")
            for i in node.children.indices.reversed() {
                stack.append((node.children[i], childPrefix, i == node.children.count - 1))
            }
        }
        return out
    }

    private func label(_ spans: [Span]) -> String {
        spans.map { span in
            let text = Escaping.safe(span.text)
            return span.role.map { style.apply($0, text) } ?? text
        }.joined()
    }
}
