import AlignCore
import AlignLanguage

/// The report as one self-contained HTML page: no scripts, fonts or images
/// from elsewhere, so it opens offline and prints.
struct HTMLReport {
    let report: Report

    init(_ report: Report) { self.report = report }

    static func escape(_ text: String) -> String {
        var out = ""
        for c in Escaping.safe(text, keepNewlines: true) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Alignment report</title>\n"
        out += "<style>\nbody{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\n"
        out += "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}\n"
        out += "td.n{text-align:right}.good{color:#176b2c}.bad{color:#a31515}pre{background:#f6f6f6;padding:.5rem}\n"
        out += "@media print{body{margin:0}}\n</style>\n</head>\n<body>\n<h1>Alignment report</h1>\n"
        for (title, body) in report.sections() {
            out += "<section>\n<h2>\(Self.escape(title))</h2>\n" + blocks(body) + "</section>\n"
        }
        return out + "</body>\n</html>\n"
    }

    private func blocks(_ doc: Document) -> String {
        var out = ""
        for block in doc.blocks {
            switch block {
            case .heading(let text): out += "<h3>\(Self.escape(text))</h3>\n"
            case .line(let spans):
                out += "<p>" + spans.map { span in
                    let text = Self.escape(span.text)
                    switch span.role {
                    case .good: return "<span class=\"good\">\(text)</span>"
                    case .bad: return "<span class=\"bad\">\(text)</span>"
                    case .name: return "<b>\(text)</b>"
                    default: return text
                    }
                }.joined() + "</p>\n"
            case .table(let table):
                out += "<table>\n<tr>" + table.columns.map { "<th>\(Self.escape($0.title))</th>" }.joined() + "</tr>\n"
                for row in table.rows {
                    out += "<tr>" + row.map { cell in
                        let cls: String
                        switch cell {
                        case .status(let ok, _): cls = ok ? " class=\"good\"" : " class=\"bad\""
                        case .number, .change, .percent: cls = " class=\"n\""
                        default: cls = ""
                        }
                        return "<td\(cls)>\(Self.escape(cell.display))</td>"
                    }.joined() + "</tr>\n"
                }
                out += "</table>\n"
            case .tree(let root):
                out += "<pre>" + Self.escape(TextRenderer(style: .plain, boxed: false).render(Document([.tree(root)]))) + "</pre>\n"
            case .preformatted(let lines):
                out += "<pre>" + Self.escape(lines.joined(separator: "\n")) + "</pre>\n"
            }
        }
        return out
    }
}
