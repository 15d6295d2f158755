import AlignLanguage

/// Boxed tables and trees narrowed to the terminal's width.
extension TextRenderer {
    /// The columns' widths once the table fits in `width`: the widest
    /// columns give up a column at a time, together (columns alike stay
    /// alike, and a cell that wraps in one wraps in its neighbours), down to
    /// their longest word (cells wrap between words, never inside one). Nil
    /// when the table fits as it is, or when it cannot fit without cutting
    /// words: then it is shown as records (see `records`).
    static func fitted(_ natural: [Int], words: [Int], width: Int) -> [Int]? {
        guard boxWidth(natural) > width else { return nil }
        var widths = natural
        var excess = boxWidth(widths) - width
        let floors = natural.indices.map { min(natural[$0], words[$0]) }
        while excess > 0 {
            let reducible = widths.indices.filter { widths[$0] > floors[$0] }
            guard let most = reducible.map({ widths[$0] }).max() else { return nil }
            for i in reducible where widths[i] == most {
                widths[i] -= 1
                excess -= 1
            }
        }
        return widths
    }

    /// The width of a box with columns of these widths: each column's text,
    /// a blank either side, and a rule before each and after the last.
    static func boxWidth(_ widths: [Int]) -> Int { widths.reduce(3 * widths.count + 1, +) }

    /// A table too wide for the terminal even with its cells wrapped, one
    /// record at a time, as `psql -x` shows one: the row's first cell as its
    /// title, then each other column's title and value on a line of its own
    /// (values wrap under themselves). Empty cells are left out.
    func records(_ table: Table, width: Int) -> String {
        let labels = table.columns.dropFirst().map(\.title)
        let labelWidth = min(labels.map(displayWidth).max() ?? 0, max(8, width / 3))
        let room = max(12, width - labelWidth - 4)
        var out = ""
        for (r, row) in table.rows.enumerated() {
            if r > 0 { out += "\n" }
            let title = row.first.map { $0.display } ?? ""
            let head = (table.columns.first?.title).map { $0 + " " } ?? ""
            out += wrap([Span(head, .heading), Span(title, row.first.flatMap(roleOf) ?? .name)], width: width, indent: 2)
                .map(join).joined(separator: "\n") + "\n"
            for i in row.indices.dropFirst() where !row[i].display.isEmpty {
                let labelLines = wrap([Span(table.columns[i].title, nil)], width: labelWidth, indent: 0).map(join)
                let valueLines = wrap([Span(row[i].display, style.enabled ? roleOf(row[i]) : nil)], width: room, indent: 0).map(join)
                for k in 0..<max(labelLines.count, valueLines.count) {
                    let label = k < labelLines.count ? labelLines[k] : ""
                    let fill = String(repeating: " ", count: labelWidth - displayWidth(label))
                    let value = k < valueLines.count ? valueLines[k] : ""
                    let line = "  " + style.apply(.heading, label) + fill + "  " + value
                    out += String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
                }
            }
        }
        // A blank line parts the last record from what follows it.
        return table.rows.isEmpty ? out : out + "\n"
    }

    /// The widest word of each column, titles included.
    static func longestWords(_ table: Table, _ texts: [String]) -> [Int] {
        var longest = table.columns.map { column in
            column.title.split(separator: " ").map { displayWidth(String($0)) }.max() ?? 0
        }
        let n = table.columns.count
        for (k, text) in texts.enumerated() {
            // A span of periods (`2026-03 .. 2026-07`) counts as one word: the wrap never breaks it at its `..`.
            let words = text.split(separator: " ")
            var i = 0
            while i < words.count {
                var width = displayWidth(String(words[i]))
                while i + 2 < words.count, words[i + 1] == ".." {
                    width += 4 + displayWidth(String(words[i + 2]))
                    i += 2
                }
                longest[k % n] = max(longest[k % n], width)
                i += 1
            }
        }
        return longest
    }

    /// A boxed table whose cells wrap inside columns of `widths`.
    func wrappedBox(_ table: Table, widths w: [Int]) -> String {
        func rule(_ left: String, _ mid: String, _ right: String) -> String {
            left + w.map { String(repeating: "─", count: $0 + 2) }.joined(separator: mid) + right + "\n"
        }
        /// One row of cells, each wrapped to its column, as lines.
        func row(_ cells: [(text: String, role: Style.Role?, right: Bool)]) -> String {
            let wrapped = cells.indices.map { i in
                wrap([Span(cells[i].text, cells[i].role)], width: w[i], indent: 0).map { line -> (String, Int) in
                    var pieces = line
                    while let last = pieces.last, last.isBlank { pieces.removeLast() }
                    return (join(pieces), pieces.reduce(0) { $0 + $1.width })
                }
            }
            let height = wrapped.map(\.count).max() ?? 1
            var out = ""
            for line in 0..<height {
                var parts: [String] = []
                for i in cells.indices {
                    let (text, used) = line < wrapped[i].count ? wrapped[i][line] : ("", 0)
                    let fill = String(repeating: " ", count: max(0, w[i] - used))
                    parts.append(cells[i].right ? fill + text : text + fill)
                }
                out += "│ " + parts.joined(separator: " │ ") + " │\n"
            }
            return out
        }
        var out = rule("┌", "┬", "┐")
        out += row(table.columns.map { ($0.title, .heading, false) })
        out += rule("├", "┼", "┤")
        let decimals = table.columnDecimals
        for cells in table.rows {
            out += row(cells.indices.map { i in
                (cells[i].display(decimals[i]), style.enabled ? roleOf(cells[i]) : nil, table.columns[i].numeric || cells[i].isNumeric)
            })
        }
        return out + rule("└", "┴", "┘")
    }

    /// A tree whose labels wrap under themselves: a label too long for the
    /// line goes on below, two columns in from where it starts, beside the
    /// line down to its children.
    func wrappedTree(_ root: TreeNode, width: Int) -> String {
        var out = ""
        func emit(_ label: [Span], lead: String, continuation: String) {
            let room = max(12, width - max(displayWidth(lead), displayWidth(continuation)))
            let lines = wrap(label, width: room, indent: 0)
            for (i, line) in lines.enumerated() {
                out += style.apply(.dim, i == 0 ? lead : continuation) + join(line) + "\n"
            }
        }
        emit(root.label, lead: "", continuation: root.children.isEmpty ? "  " : "│ ")
        var stack: [(node: TreeNode, prefix: String, last: Bool)] = root.children.indices.reversed().map {
            (root.children[$0], "", $0 == root.children.count - 1)
        }
        while let (node, prefix, last) = stack.popLast() {
            let branch = node.viaLink ? (last ? "└┄┄ " : "├┄┄ ") : (last ? "└── " : "├── ")
            let childPrefix = prefix + (last ? "    " : "│   ")
            emit(node.label, lead: prefix + branch, continuation: childPrefix + (node.children.isEmpty ? "  " : "│ "))
            for i in node.children.indices.reversed() {
                stack.append((node.children[i], childPrefix, i == node.children.count - 1))
            }
        }
        return out
    }
}

extension Table {
    /// The table without the columns that are empty in every row (a
    /// variance's Actual and Plan when every share comes from other
    /// periods), for a terminal too narrow for them or a report; nil when
    /// none is.
    public func withoutEmptyColumns() -> Table? {
        guard !rows.isEmpty else { return nil }
        let kept = columns.indices.filter { c in
            rows.contains { row in
                guard c < row.count else { return false }
                if case .empty = row[c] { return false }
                return true
            }
        }
        guard kept.count < columns.count, !kept.isEmpty else { return nil }
        var copy = self
        copy.columns = kept.map { columns[$0] }
        copy.rows = rows.map { row in kept.map { $0 < row.count ? row[$0] : .empty } }
        return copy
    }

    /// The table with each column whose cells are all sums of one currency
    /// (or empty) titled with it, `Today (USD)`, and its cells bare
    /// numbers; nil when no column is. Saves the unit's columns on every row.
    func currencyInTitles() -> Table? {
        var copy = self
        var changed = false
        for c in columns.indices {
            var unit: String?
            var alike = true
            for row in rows where c < row.count {
                switch row[c] {
                case .empty: continue
                case .number(_, let u?), .change(_, let u?):
                    if NumberFormat.isCurrency(u) && (unit == nil || unit == u) { unit = u } else { alike = false }
                default: alike = false
                }
                if !alike { break }
            }
            guard alike, let unit else { continue }
            changed = true
            copy.columns[c].title += " (\(unit))"
            for r in copy.rows.indices where c < copy.rows[r].count {
                // Bare, a sum keeps the cents its unit gave it: -80.24, not -80.239.
                switch copy.rows[r][c] {
                case .number(let v, _): copy.rows[r][c] = .number(Self.cents(v), unit: nil)
                case .change(let v, _): copy.rows[r][c] = .change(Self.cents(v), unit: nil)
                default: break
                }
            }
        }
        return changed ? copy : nil
    }

    /// A sum of money to the cent.
    static func cents(_ v: Double) -> Double {
        let c = (v * 100).rounded() / 100
        return c.isFinite ? c : v
    }

    /// The table with every sum of money of a thousand or more given whole
    /// (13,938,811.75 USD as 13,938,812 USD), for a terminal too narrow for
    /// the cents; nil when no cell changes. CSV and JSON keep every digit.
    func wholeMoney() -> Table? {
        var changed = false
        var copy = self
        copy.rows = rows.map { row in
            row.map { cell in
                switch cell {
                case .number(let v, let unit) where NumberFormat.isCurrency(unit) && abs(v) >= 1000 && v != v.rounded():
                    changed = true
                    return .number(v.rounded(), unit: unit)
                case .change(let v, let unit) where NumberFormat.isCurrency(unit) && abs(v) >= 1000 && v != v.rounded():
                    changed = true
                    return .change(v.rounded(), unit: unit)
                default:
                    return cell
                }
            }
        }
        copy.moneyWhole = true
        return changed ? copy : nil
    }
}
