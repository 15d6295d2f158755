import AlignLanguage

/// The table format: text for people, boxed tables on a terminal.
struct TextRenderer {
    let style: Style
    let boxed: Bool

    func render(_ document: Document) -> String {
        var out = ""
        for block in document.blocks {
            switch block {
            case .heading(let text):
                out += style.apply(.heading, Escaping.safe(text)) + "\n"
            case .line(let spans):
                out += spans.map { span in
                    let text = Escaping.safe(span.text, keepNewlines: true)
                    return span.role.map { style.apply($0, text) } ?? text
                }.joined() + "\n"
            case .table(let table):
                out += boxed ? box(table) : plain(table)
            case .tree(let root):
                out += tree(root)
            case .preformatted(let lines):
                for line in lines { out += Escaping.safe(line) + "\n" }
            }
        }
        return out
    }

    private func widths(_ table: Table) -> [Int] {
        table.columns.indices.map { i in
            max(displayWidth(table.columns[i].title), table.rows.map { displayWidth($0[i].display) }.max() ?? 0)
        }
    }

    private func colour(_ cell: Cell, _ padded: String) -> String {
        switch cell {
        case .name: return style.apply(.name, padded)
        case .status(let ok, _): return style.apply(ok ? .good : .bad, padded)
        case .missing: return style.apply(.dim, padded)
        default: return padded
        }
    }

    private func cells(_ row: [Cell], _ table: Table, _ widths: [Int]) -> [String] {
        row.indices.map { i in
            let right = table.columns[i].numeric || row[i].isNumeric
            return colour(row[i], pad(row[i].display, widths[i], right: right))
        }
    }

    private func box(_ table: Table) -> String {
        let w = widths(table)
        func rule(_ left: String, _ mid: String, _ right: String) -> String {
            left + w.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right + "\n"
        }
        var out = rule("┌", "┬", "┐")
        let titles = table.columns.indices.map { style.apply(.heading, pad(table.columns[$0].title, w[$0])) }
        out += "│ " + titles.joined(separator: " │ ") + " │\n"
        out += rule("├", "┼", "┤")
        for row in table.rows { out += "│ " + cells(row, table, w).joined(separator: " │ ") + " │\n" }
        out += rule("└", "┴", "┘")
        return out
    }

    private func plain(_ table: Table) -> String {
        let w = widths(table)
        func line(_ parts: [String]) -> String {
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        var out = line(table.columns.indices.map { pad(table.columns[$0].title, w[$0]) })
        out += line(w.map { String(repeating: "-", count: $0) })
        for row in table.rows { out += line(cells(row, table, w)) }
        return out
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
