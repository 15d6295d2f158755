import AlignCore
import AlignLanguage
import AlignOutput

/// A document as HTML: what the report and the room's page share. Lines are
/// paragraphs, tables are tables, a tree is text in a `pre`; spans keep
/// their roles as classes.
enum HTMLBlocks {
    static func inline(_ spans: [Span]) -> String {
        spans.map { span in
            let text = HTMLReport.escape(span.text)
            switch span.role {
            case .good: return "<span class=\"good\">\(text)</span>"
            case .bad, .warning: return "<span class=\"bad\">\(text)</span>"
            case .name: return "<b>\(text)</b>"
            case .dim: return "<span class=\"dim\">\(text)</span>"
            default: return text
            }
        }.joined()
    }

    static func blocks(_ doc: Document) -> String {
        var out = ""
        for block in doc.blocks {
            switch block {
            case .heading(let text): out += "<h3>\(HTMLReport.escape(text))</h3>\n"
            case .line(let spans): out += "<p>" + inline(spans) + "</p>\n"
            case .table(let table) where table.jsonOnly: continue
            case .table(let table): out += HTMLBlocks.table(table)
            case .tree(let root):
                out += "<pre>" + HTMLReport.escape(Renderer(format: .table).render(Document([.tree(root)]))) + "</pre>\n"
            case .preformatted(let lines):
                out += "<pre>" + HTMLReport.escape(lines.joined(separator: "\n")) + "</pre>\n"
            }
        }
        return out
    }

    static func table(_ table: Table) -> String {
        var out = "<table>\n<thead><tr>"
        for column in table.columns {
            out += "<th\(column.numeric ? " class=\"n\"" : "")>\(HTMLReport.escape(column.title))</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for row in table.rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                var classes: [String] = []
                switch cell {
                case .status(let ok, _): classes.append(ok ? "good" : "bad")
                case .missing: classes.append("dim")
                case .name: classes.append("name")
                default: break
                }
                if cell.isNumeric || table.columns[i].numeric { classes.append("n") }
                var attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                // A phone's page stacks each row's cells, each named by its column.
                attribute += " data-label=\"\(HTMLReport.escape(table.columns[i].title))\""
                out += "<td\(attribute)>\(HTMLReport.escape(cell.display))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }
}
