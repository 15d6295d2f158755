import AlignLanguage

/// CSV: each table with a header row; a tree as one row per node.
package struct CSVRenderer {
    /// Makes a renderer.
    package init() {}

    func render(_ document: Document) -> String {
        var parts: [String] = []
        var lines: [String] = []
        for block in document.blocks {
            switch block {
            case .table(let table) where table.jsonOnly: continue
            case .table(let table):
                var out: [UInt8] = []
                out.append(contentsOf: table.columns.map { field($0.key) }.joined(separator: ",").utf8)
                out.append(10)
                for row in table.rows {
                    for (i, cell) in row.enumerated() {
                        if i > 0 { out.append(UInt8(ascii: ",")) }
                        out.append(contentsOf: field(cell.raw, number: cell.isNumeric).utf8)
                    }
                    out.append(10)
                }
                parts.append(String(decoding: out, as: UTF8.self))
            case .tree(let root):
                parts.append(tree(root))
            case .line(let spans):
                lines.append(spans.map(\.text).joined())
            case .heading, .preformatted:
                break
            }
        }
        if parts.isEmpty { return lines.map { Escaping.safe($0) + "\n" }.joined() }
        return parts.joined(separator: "\n")
    }

    private func tree(_ root: TreeNode) -> String {
        let keys = root.fields.map(\.key)
        var out = (["depth", "via"] + keys).joined(separator: ",") + "\n"
        var stack: [(TreeNode, Int)] = [(root, 0)]
        while let (node, depth) = stack.popLast() {
            let values = keys.map { key in
                node.fields.first { $0.key == key }.map { field($0.value.raw, number: $0.value.isNumeric) } ?? ""
            }
            out += ([String(depth), node.viaLink ? "link" : (depth == 0 ? "" : "formula")] + values)
                .joined(separator: ",") + "\n"
            for child in node.children.reversed() { stack.append((child, depth + 1)) }
        }
        return out
    }

    /// A field, quoted when it holds a comma, a quote, a tab or a line
    /// break. A line break and a tab stay what they are (inside quotes, as
    /// CSV has them); every other control character is escaped, as in the
    /// other formats, so a CSV answer printed to a terminal cannot drive it.
    /// Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`,
    /// or a tab, first) gets a `'` before it, which makes it text there; a
    /// number stays as it is.
    package func field(_ raw: String, number: Bool = false) -> String {
        var text = Escaping.safe(raw, keepNewlines: true, keepTabs: true)
        if !number, let first = text.utf8.first, Self.formulaStarts.contains(first), Double(text) == nil {
            text = "'" + text
        }
        // Bytes, not characters: a comma, a quote, a tab or a line break is one byte in UTF-8.
        guard Escaping.hasByte(text, where: { $0 == 44 || $0 == 34 || $0 == 9 || $0 == 10 || $0 == 13 }) else { return text }
        return "\"" + text.replacingQuotes() + "\""
    }

    /// The first bytes that make a spreadsheet cell a formula: `=` `+` `-`
    /// `@`, and the tab and carriage return some read past first (a carriage
    /// return is escaped before this is asked, but a caller may not have).
    static let formulaStarts: Set<UInt8> = [61, 43, 45, 64, 9, 13]
}

extension String {
    func replacingQuotes() -> String {
        var out = ""
        for c in self {
            out.append(c)
            if c == "\"" { out.append("\"") }
        }
        return out
    }
}

/// JSON: `{"lines": [...], "tables": {"name": [{...}]}, "tree": {...}}`.
struct JSONRenderer {
    func render(_ document: Document) -> String {
        var members: [(String, String)] = []
        var lines: [String] = []
        var tables: [(String, String)] = []
        for block in document.blocks {
            switch block {
            case .heading(let text): members.append(("title", JSON.string(text)))
            case .line(let spans): lines.append(JSON.string(spans.map(\.text).joined()))
            case .table(let table):
                let rows = table.rows.map { row in
                    JSON.object(table.columns.indices.map { (table.columns[$0].key, JSON.value(row[$0])) })
                }
                tables.append((table.name, "[" + rows.joined(separator: ",") + "]"))
                lines.append(contentsOf: Self.whyNull(table).map(JSON.string))
            case .tree(let root): members.append(("tree", tree(root)))
            case .preformatted(let text): lines.append(contentsOf: text.map(JSON.string))
            }
        }
        if !lines.isEmpty { members.append(("lines", "[" + lines.joined(separator: ",") + "]")) }
        if !tables.isEmpty { members.append(("tables", JSON.object(tables))) }
        return JSON.object(members)
    }

    /// How many sentences say why a table's cells are null, at most; the rest are counted.
    static let shownWhyNull = 12

    /// Why each cell that is null because its value cannot be worked out
    /// (`unknown (no deal_size in 2026-10)`, a division by zero) is, as the
    /// table shows it in words: "q4 before: unknown (…)", the row named by
    /// its first cell, each sentence once.
    static func whyNull(_ table: Table) -> [String] {
        var seen = Set<String>()
        var said: [String] = []
        var more = 0
        // A row is named by its first cell, and its period where it has a column of one (a what-if's rows).
        let periodColumn = table.columns.indices.dropFirst().first { table.columns[$0].key == "period" }
        for row in table.rows {
            let name = periodColumn.map { "\(row[0].raw) \(row[$0].raw)" } ?? row[0].raw
            for (i, cell) in row.enumerated() where i > 0 && i < table.columns.count {
                // (A value that cannot be worked out; not a cell left empty on purpose, "none".)
                guard case .missing(let why) = cell,
                    why.hasPrefix("unknown") || why.hasPrefix("division by zero") || why.hasPrefix("too large")
                else { continue }
                let sentence = "\(name) \(table.columns[i].key): \(why)"
                guard seen.insert(sentence).inserted else { continue }
                if said.count < shownWhyNull { said.append(sentence) } else { more += 1 }
            }
        }
        if more > 0 { said.append("and \(more) more null for a reason") }
        return said
    }

    private func tree(_ node: TreeNode) -> String {
        var members = node.fields.map { ($0.key, JSON.value($0.value)) }
        if node.viaLink { members.append(("via", JSON.string("link"))) }
        if !node.children.isEmpty { members.append(("drivers", "[" + node.children.map(tree).joined(separator: ",") + "]")) }
        return JSON.object(members)
    }
}

/// Writing JSON values.
public enum JSON {
    /// A string literal with every control character escaped.
    public static func string(_ text: String) -> String {
        // Plain text (printable ASCII without quotes or backslashes) needs no escapes.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 34 && $0 != 92 }) { return "\"" + text + "\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || Escaping.isUnsafe(scalar) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// An object from ordered members whose values are already JSON.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// A number as recorded, exactly; JSON has no infinity, so non-finite numbers become null.
    public static func number(_ value: Double) -> String {
        value.isFinite ? ScriptPrinter.number(value) : "null"
    }

    static func value(_ cell: Cell) -> String {
        switch cell {
        case .text(let s), .name(let s): return string(s)
        case .number(let v, _), .change(let v, _), .percent(let v, _): return v.isFinite ? Cell.rawNumber(v) : "null"
        case .status(let ok, _): return ok ? "true" : "false"
        case .missing, .empty: return "null"
        }
    }
}
