import AlignCore
import AlignLanguage
import AlignOutput

/// The report as one self-contained page: inline CSS and inline SVG only, no
/// scripts, fonts or images from anywhere, so it opens offline in any
/// browser and prints. The markup is well-formed XML (XHTML style), which is
/// also how the tests read it.
struct HTMLReport {
    let report: Report

    init(_ report: Report) { self.report = report }

    /// Text for an element or an attribute: markup characters escaped, and
    /// control characters made visible as the terminal shows them.
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
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(Self.escape(report.title))</title>\n<style>\n" + Self.css + "</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(Self.escape(report.title))</h1>\n"
        let sections = report.sections()
        if let overview = sections.first(where: { $0.part == .overview }) {
            for case .line(let spans) in overview.body.blocks { out += "<p class=\"overview\">" + HTMLBlocks.inline(spans) + "</p>\n" }
        }
        out += "</header>\n"
        for section in sections where section.part != .overview {
            out += "<section id=\"\(section.part.rawValue)\">\n<h2>\(Self.escape(section.title))</h2>\n"
            switch section.part {
            case .tree: out += tree(section.body)
            case .goals: out += goals(section.body)
            case .notes, .parked: out += list(section.body, cls: section.part.rawValue)
            default: out += HTMLBlocks.blocks(section.body)
            }
            out += "</section>\n"
        }
        out += "<footer>Made with align \(report.version).</footer>\n"
        return out + "</body>\n</html>\n"
    }

    /// The driver tree drawn, with a key to its colours and lines.
    private func tree(_ body: Document) -> String {
        let ws = report.ws
        guard let revenue = ws.revenue else { return HTMLBlocks.blocks(body) }
        let orphans = report.orphans.map(\.metric)
        let svg = TreeSVG(
            ws, graph: report.analysis.graph, evaluator: report.analysis.evaluator, root: revenue, orphans: orphans, period: report.period)
        var out = ""
        if let period = report.period { out += "<p>What drives \(Self.escape(ws.metrics[revenue].name)), with the values of \(period).</p>\n" }
        out += "<figure class=\"tree\">\n" + svg.render() + "</figure>\n<p class=\"legend\">"
        for (place, (_, team)) in ws.teams.all.enumerated() {
            out += "<span class=\"swatch t\(place % 6)\"></span>\(Self.escape(team.name)) "
        }
        out += "<span class=\"swatch t-none\"></span>no owner · "
        out += "solid arrow: an input of the formula · dashed arrow: a link, with its lag · "
        out += "<span class=\"good\">✓ goal met</span> · <span class=\"bad\">✗ goal missed</span></p>\n"
        return out
    }

    /// The goals as bars, then what the gaps query says of them.
    private func goals(_ body: Document) -> String {
        guard let period = report.period, !report.gaps.isEmpty else { return HTMLBlocks.blocks(body) }
        var out = "<figure class=\"bars\">\n" + GoalBarsSVG(ws: report.ws, gaps: report.gaps, period: period).render()
        out += "<figcaption>Each bar is a goal's value in \(period); the dark line is its target.</figcaption>\n</figure>\n"
        // The bars stand for the gaps' table; its sentences stay, and so
        // does all from the goals' reasons on.
        var rest = Document()
        var reasons = false
        for block in body.blocks {
            if case .heading(let text) = block, text == Report.reasonsHeading { reasons = true }
            if reasons {
                rest.add(block)
            } else if case .line = block {
                rest.add(block)
            }
        }
        return out + HTMLBlocks.blocks(rest)
    }

    /// Numbered notes or decisions as an ordered list, which numbers them
    /// itself: each line's first span, its number, is left out.
    private func list(_ body: Document, cls: String) -> String {
        var out = "<ol class=\"\(cls)\">\n"
        for case .line(let spans) in body.blocks {
            out += "<li>\(Self.escape(spans.dropFirst().map(\.text).joined()))</li>\n"
        }
        return out + "</ol>\n"
    }
}
