import AlignCore
import AlignLanguage
@testable import AlignOutput
@testable import AlignSession
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The reports of the reference scenario after a short workshop: their
/// content (golden files), the HTML's structure, and the graph exports.
@Suite("Reports and exports")
struct ReportTests {
    /// The reference scenario with a decision and a note, as after a workshop.
    static func workshop() throws -> WorkshopSession {
        let w = try WorkshopSession()
        w.run(
            """
            decide "MQL means a booked first meeting, for both teams" at=10:40
            note "Sales will report sqls weekly from next quarter"
            """)
        return w
    }

    static func html(_ w: WorkshopSession) throws -> XMLDocument {
        let text = w.run("export html").out
        return try XMLDocument(xmlString: text, options: [])
    }

    @Test("markdown: the whole report, golden")
    func markdown() throws {
        let w = try Self.workshop()
        let (out, err) = w.run("export markdown")
        #expect(err == "")
        Golden.check(out, against: Golden.root.appendingPathComponent("Tests/Fixtures/reports/report.md"))
    }

    @Test("html: the text a reader sees, golden")
    func htmlText() throws {
        let doc = try Self.html(try Self.workshop())
        Golden.check(HTMLText.lines(doc).joined(separator: "\n") + "\n", against: Golden.root.appendingPathComponent("Tests/Fixtures/reports/report.html.txt"))
    }

    @Test("html: well-formed, one page, no scripts and nothing fetched from elsewhere")
    func selfContained() throws {
        let w = try Self.workshop()
        let text = w.run("export html").out
        #expect(text.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let doc = try XMLDocument(xmlString: text, options: [])
        #expect(try doc.nodes(forXPath: "//*[local-name()='script']").isEmpty)
        #expect(try doc.nodes(forXPath: "//*[local-name()='link' or local-name()='img' or local-name()='iframe']").isEmpty)
        for attribute in try doc.nodes(forXPath: "//@*[local-name()='src' or local-name()='href']") {
            Issue.record("an external reference: \(attribute.stringValue ?? "")")
        }
        let style = try doc.nodes(forXPath: "//*[local-name()='style']").map { $0.stringValue ?? "" }.joined()
        #expect(!style.contains("@import") && !style.contains("url(") && !style.contains("@font-face"))
        #expect(!text.contains("http:") && !text.contains("https:") || text.components(separatedBy: "http").count - 1 == 2)
        #expect(try doc.nodes(forXPath: "//*[local-name()='style']").count == 1)
        #expect(style.contains("@media print"))
    }

    @Test("html: the driver tree is an SVG with a box per metric, its owner, value and goal verdict")
    func svgTree() throws {
        let w = try Self.workshop()
        let doc = try Self.html(w)
        let trees = try doc.nodes(forXPath: "//*[local-name()='svg'][contains(@class,'tree')]")
        #expect(trees.count == 1)
        let boxes = try doc.nodes(forXPath: "//*[local-name()='g'][@data-metric]").compactMap { $0 as? XMLElement }
        let names = Set(boxes.compactMap { HTMLText.attribute($0, "data-metric") })
        #expect(names == Set(w.session.workspace.metrics.names))
        #expect(boxes.count == 10)
        func box(_ name: String) throws -> XMLElement {
            try #require(boxes.first { HTMLText.attribute($0, "data-metric") == name })
        }
        let revenue = try box("revenue")
        #expect(revenue.classes == "node t-none missed")
        #expect(HTMLText.texts(revenue) == ["revenue", "2,000,000 USD", "no owner", "✗ q3_bookings ≥ 2.5M USD"])
        #expect(HTMLText.texts(try box("mqls")) == ["mqls", "1,000", "marketing", "✓ q3_mqls ≥ 900"])
        #expect(try box("mqls").classes == "node t0 met")
        #expect(try box("sqls").classes == "node t1")
        // The link is dashed and labelled with its lag; formula inputs are solid.
        let links = try doc.nodes(forXPath: "//*[local-name()='path'][@class='edge link']")
        #expect(links.count == 1)
        #expect(try doc.nodes(forXPath: "//*[local-name()='path'][@class='edge']").count == 7)
        let lags = try doc.nodes(forXPath: "//*[local-name()='text'][@class='lag']").map { $0.stringValue ?? "" }
        #expect(lags == ["lag 2q"])
    }

    @Test("markdown: what a note says is text, never HTML a wiki would run")
    func markdownInert() throws {
        let w = try Self.workshop()
        w.run(#"note "<script>alert(1)</script> & co, R&D, a <= b""#)
        let out = w.run("export markdown").out
        #expect(out.contains("&lt;script>alert(1)&lt;/script> & co, R&amp;D, a <= b\n"))
        #expect(!out.contains("<script"))
        #expect(MarkdownRenderer.inert("<= 5,000 & <!-- x -->") == "<= 5,000 & &lt;!-- x -->")
    }

    @Test("html: the goals as bars against their targets")
    func goalBars() throws {
        let w = try Self.workshop()
        // A goal due in the report's period with no value there; nps_up is due in Q4, not shown.
        w.run("goal nps_q3 marketing nps >= 30 by 2026-Q3")
        let doc = try Self.html(w)
        let bars = try doc.nodes(forXPath: "//*[local-name()='g'][contains(@class,'goalbar')]").compactMap { $0 as? XMLElement }
        #expect(bars.map { HTMLText.attribute($0, "data-goal") } == ["q3_bookings", "q3_mqls", "nps_q3"])
        #expect(bars.map { $0.classes } == ["goalbar missed", "goalbar met", "goalbar unknown"])
        // The report's reader types nothing: the hint to ask about Q4 is left out.
        #expect(w.run("export html").out.contains("1 goal is due in 2026-Q4<"))
        #expect(!w.run("export html").out.contains("see query gaps"))
        #expect(HTMLText.texts(bars[0]).contains("short by 500,000 USD (20%)"))
        #expect(try bars[0].nodes(forXPath: ".//*[local-name()='line'][@class='target']").count == 1)
    }

    @Test("html: the goals' reasons, as the Markdown report has them")
    func htmlReasons() throws {
        let w = try Self.workshop()
        let html = w.run("export html").out
        let markdown = w.run("export markdown").out
        #expect(markdown.contains("The board number"))
        #expect(html.contains("<h3>Why each goal was set</h3>"), "\(html)")
        #expect(html.contains("<td data-label=\"Why\">The board number</td>"))
    }

    @Test("what changed reads as sentences for the chosen period: no >=, no open yes/no, no 'revenue is measured by revenue'")
    func changesInProse() throws {
        let w = try Self.workshop()
        w.run(
            """
            snapshot before
            vote "Which MQL definition?" options=meeting,form
            vote meeting 6
            vote form 3
            vote close
            goal q4_bookings sales revenue >= 2.5M by 2026-Q4
            value revenue 2026-Q4 2.6M
            value revenue 2026-Q3 2.4M
            """)
        for format in ["markdown", "html"] {
            let out = w.run("export \(format) in 2026-Q4").out.replacing("<b>", with: "").replacing("</b>", with: "")
            #expect(out.contains("q4_bookings: revenue at least 2,500,000 USD by 2026-Q4, set by sales"), "\(format)")
            #expect(out.contains("The vote on &quot;Which MQL definition?&quot; was held: meeting 6, form 3; it was closed.")
                || out.contains(#"The vote on "Which MQL definition?" was held: meeting 6, form 3; it was closed."#), "\(format)")
            #expect(out.contains("against a target of at least 2,500,000 USD"), "\(format)")
            #expect(out.contains("What it means for the goals due in 2026-Q4"), "\(format)")
            #expect(!out.contains("Revenue is measured by"), "\(format)")
            let changes = out.components(separatedBy: "What changed in this session").last?.components(separatedBy: "Decisions").first ?? ""
            for notation in ["open no", "open yes", ">=", "added    "] {
                #expect(!changes.contains(notation), "\(format): \(notation)")
            }
            // The goals of 2026-Q3 moved too, but the report is for 2026-Q4.
            let goals = changes.components(separatedBy: "What it means for the goals").last ?? ""
            #expect(!goals.contains("q3_bookings") && goals.contains("q4_bookings"), "\(format): \(goals)")
        }
    }

    @Test("html at phone width: goal bars drawn narrow enough to read, table cells named for stacking, nothing dark on the contrast page left white")
    func phoneWidth() throws {
        let w = try Self.workshop()
        let text = w.run("export html").out
        let doc = try XMLDocument(xmlString: text, options: [])
        let bars = try #require(try doc.nodes(forXPath: "//*[local-name()='svg'][contains(@class,'bars')]").first as? XMLElement)
        #expect(Double(HTMLText.attribute(bars, "width") ?? "") ?? 1000 <= 400)
        let cells = try doc.nodes(forXPath: "//*[local-name()='td']").compactMap { $0 as? XMLElement }
        #expect(!cells.isEmpty && cells.allSatisfy { HTMLText.attribute($0, "data-label") != nil })
        #expect(text.contains("td::before{content:attr(data-label)"))
        #expect(!text.contains("figure.bars svg{max-width:none"))
    }

    @Test("html: a wide tree shows the first drivers and how many more, and stays well-formed")
    func wideTree() throws {
        let w = try WorkshopSession(scenario: false)
        var script = "metric revenue unit=USD\n"
        let inputs = (0..<30).map { "d\($0)" }
        for name in inputs { script += "metric \(name)\nvalue \(name) 2026-Q1 1\n" }
        script += "metric revenue = " + inputs.joined(separator: " + ") + "\n"
        w.run(script)
        let doc = try Self.html(w)
        #expect(try doc.nodes(forXPath: "//*[local-name()='g'][@data-metric]").count == 13)
        let more = try doc.nodes(forXPath: "//*[local-name()='g'][@class='more']").map { $0.stringValue ?? "" }
        #expect(more == ["… 18 more drivers"])
    }

    @Test("html: without a revenue metric, the report says there is no tree to draw")
    func noRevenue() throws {
        let w = try WorkshopSession(scenario: false)
        w.run("team sales\nmetric calls owner=sales")
        let lines = HTMLText.lines(try Self.html(w))
        #expect(lines.contains { $0.hasPrefix("No revenue metric is chosen") })
    }

    @Test("export to a file: written whole, and confirmed at the prompt")
    func exportToFile() throws {
        let w = try WorkshopSession(interactive: true)
        #expect(w.run("export html report.html").out == "wrote html to report.html\n")
        #expect(try w.read("report.html").hasSuffix("</html>\n"))
        w.run("export markdown report.md")
        #expect(try w.read("report.md").hasPrefix("# Alignment report\n"))
    }

    @Test("export to a path that cannot be written: a clear error, and nothing lost")
    func unwritable() throws {
        let w = try Self.workshop()
        try w.write("report.html", "the old report\n")
        let script = w.script
        let (out, err) = w.run("export html nosuch/report.html")
        #expect(out == "")
        #expect(err.hasPrefix("<prompt>:1:13: error: cannot write '"))
        #expect(err.hasSuffix("nosuch/report.html': the folder does not exist; nothing was written\n"))
        #expect(w.run("export markdown .").err.contains("is a folder, not a file"))
        #expect(w.script == script)
        #expect(try w.read("report.html") == "the old report\n")
        #expect(w.run("undo").err == "")  // the note before is still there to undo
        #expect(!w.script.contains("Sales will report"))
    }

    @Test("export dot: a digraph, teams as clusters, formula edges solid, links dashed with their lag")
    func dot() throws {
        let w = try WorkshopSession()
        let out = w.run("export dot").out
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.first == "digraph align {" && lines.last == "}")
        #expect(out.filter { $0 == "{" }.count == out.filter { $0 == "}" }.count)
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.hasSuffix(";") || $0.hasSuffix("{") || $0.hasSuffix("}") })
        #expect(lines.filter { $0.contains(" -> ") }.count == 8)
        #expect(lines.contains("  \"brand_awareness\" -> \"leads\" [style=dashed, label=\"2q\"];"))
        #expect(lines.contains("  \"mqls\" -> \"sqls\";"))
        #expect(lines.contains("  subgraph \"cluster_marketing\" {"))
        for name in w.session.workspace.metrics.names { #expect(out.contains("\"\(name)\";")) }
    }

    @Test("export mermaid: a flowchart whose edges join declared nodes")
    func mermaid() throws {
        let w = try WorkshopSession()
        let out = w.run("export mermaid").out
        let lines = out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "flowchart LR")
        #expect(lines.filter { $0.hasPrefix("subgraph ") }.count == lines.filter { $0 == "end" }.count)
        var declared = Set<String>()
        var edges = 0
        for line in lines.dropFirst() where !line.hasPrefix("subgraph") && line != "end" {
            if let bracket = line.firstIndex(of: "["), !line.contains("-->"), !line.contains(".->") {
                declared.insert(String(line[..<bracket]))
                #expect(line.hasSuffix("\"]"))
                continue
            }
            let parts = line.split(separator: " ")
            #expect(declared.contains(String(parts.first!)) && declared.contains(String(parts.last!)), "\(line)")
            edges += 1
        }
        #expect(declared.count == 10 && edges == 8)
        #expect(lines.contains("m3 -. 2q .-> m0") || out.contains(" -. 2q .-> "))
    }

    @Test("export json: parses, and gives back every name, value and goal")
    func json() throws {
        let w = try WorkshopSession()
        w.run("team équipe\nmetric café owner=équipe unit=USD\nvalue café 2026-Q3 12.5\nnote \"a \\\"quoted\\\" note\"")
        let out = w.run("export json").out
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let ws = w.session.workspace
        func names(_ key: String) -> [String] { (object[key] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String } }
        #expect(names("teams") == ws.teams.names)
        #expect(names("terms") == ws.terms.names)
        #expect(names("metrics") == ws.metrics.names)
        #expect(names("goals") == ws.goals.names)
        #expect(object["revenue"] as? String == "revenue")
        let metrics = try #require(object["metrics"] as? [[String: Any]])
        let cafe = try #require(metrics.first { $0["name"] as? String == "café" })
        #expect(cafe["owner"] as? String == "équipe")
        #expect((cafe["values"] as? [String: Double])?["2026-Q3"] == 12.5)
        let notes = try #require(object["notes"] as? [[String: Any]])
        #expect(notes.first?["text"] as? String == "a \"quoted\" note")
        #expect(object["actualsThrough"] is NSNull)
        #expect((object["scenarios"] as? [Any])?.isEmpty == true)
    }

    @Test("with a plan, the summary says whether revenue is actual or forecast, and where it stands against its plan")
    func summaryAgainstPlan() throws {
        let w = try WorkshopSession(scenario: false)
        w.run("metric revenue unit=USD\nrevenue revenue\nvalue revenue 2026-07 100\nvalue revenue 2026-08 120")
        w.run("plan revenue 2026-07 110\nplan revenue 2026-08 110\nplan revenue 2026-09 110")
        let part = w.run("export markdown in 2026-Q3").out
        #expect(part.contains("Revenue in 2026-Q3 is forecast at 330 USD (actuals through 2026-08), on its plan."), "\(part)")
        let closed = w.run("export markdown in 2026-07").out
        #expect(closed.contains("Revenue in 2026-07 is 100 USD, 10 USD below its plan of 110 USD."), "\(closed)")
    }

    @Test("with a plan and goals, the report paces the goals as query pacing does and splits revenue's variance: five drivers, how many more, the method")
    func pacingAndVariance() throws {
        let w = try WorkshopSession(starting: "examples/plan-review.align", interactive: false, boxed: false)
        // More drivers off plan than the report names: three more plans, and an actual of a formula metric.
        w.run("plan mql_rate 2026 26%\nplan churn_rate 2026 0.9%\nplan deal_size 2026 10.5k\nvalue new_arr 2026-03 350k")
        let (report, err) = w.run("export markdown")
        #expect(err == "")
        // The report's period is 2026, the period with the most goals due.
        #expect(report.contains("Figures are for 2026, the period with the most goals due."), "\(report)")
        #expect(report.contains("## Pacing against the plan\n"), "\(report)")
        #expect(report.contains("## Revenue against its plan\n"), "\(report)")
        let pacing = w.run("format markdown\nquery pacing 2026").out
        let variance = w.run("query variance revenue in 2026").out
        w.run("format table")
        // The same figures: every row of the pacing table, and the five largest shares of the variance.
        func rows(_ text: String) -> [Substring] { text.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| ---") } }
        let pacingRows = rows(pacing)
        #expect(pacingRows.count == 5, "\(pacing)")
        for row in pacingRows { #expect(report.contains(row + "\n"), "\(row)") }
        // A row's filled cells: the report leaves out columns empty in every row it shows.
        func filled(_ row: Substring) -> [Substring] {
            row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces)[...] }.filter { !$0.isEmpty }
        }
        let reported = rows(report).map(filled)
        let shares = rows(variance)
        let drivers = shares.count - 1
        #expect(drivers > 5, "\(variance)")
        for row in shares.dropFirst().prefix(5) { #expect(reported.contains(filled(row)), "\(row)") }
        for row in shares.dropFirst(6) { #expect(!reported.contains(filled(row)), "\(row)") }
        // A share from other periods (through a lag) names them; the table's columns are the variance's.
        #expect(report.contains("| Driver | Team | From |"), "\(report)")
        #expect(report.contains("… and \(drivers - 5) more drivers\n"), "\(report)")
        #expect(!report.contains("format csv or format json"))
        #expect(report.contains("split at each formula by Shapley values"))
        // In the page: a section each, in that order, after the goals.
        let html = w.run("export html").out
        let ids = ["id=\"goals\"", "id=\"pacing\"", "id=\"variance\"", "id=\"consistency\""].map { html.range(of: $0)?.lowerBound }
        #expect(ids.allSatisfy { $0 != nil } && zip(ids, ids.dropFirst()).allSatisfy { $0! < $1! }, "\(html)")
        // Without a plan, neither section.
        let plain = try Self.workshop().run("export markdown").out
        #expect(!plain.contains("Pacing against the plan") && !plain.contains("Revenue against its plan"))
    }

    @Test("export json holds the plan, the scenarios and where actuals end")
    func jsonPlan() throws {
        let w = try WorkshopSession()
        w.run("metric café unit=USD\nvalue café 2026-07 10\nplan café 2026-08 11k\nactuals through 2026-07")
        w.run("whatif café = 12k in 2026-08 as more")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(w.run("export json").out.utf8)) as? [String: Any])
        let metrics = try #require(object["metrics"] as? [[String: Any]])
        let cafe = try #require(metrics.first { $0["name"] as? String == "café" })
        #expect((cafe["plan"] as? [String: Double]) == ["2026-08": 11_000])
        #expect(object["actualsThrough"] as? String == "2026-07")
        let scenarios = try #require(object["scenarios"] as? [[String: String]])
        #expect(scenarios == [["name": "more", "changes": "café = 12000 in 2026-08"]])
    }
}

/// The text of an XHTML page as a reader meets it: a line per heading,
/// paragraph, list item, table row and SVG text.
enum HTMLText {
    static let blocks: Set<String> = ["h1", "h2", "h3", "p", "li", "figcaption", "footer", "text"]

    static func lines(_ doc: XMLDocument) -> [String] {
        var out: [String] = []
        guard let body = try? doc.nodes(forXPath: "//*[local-name()='body']").first else { return out }
        walk(body, into: &out)
        return out
    }

    private static func walk(_ node: XMLNode, into out: inout [String]) {
        guard let element = node as? XMLElement, let name = element.localName else { return }
        if name == "h2" { out.append("") }
        if name == "tr" {
            out.append((element.children ?? []).map { squeeze($0.stringValue ?? "") }.joined(separator: " | "))
        } else if name == "title" {
            out.append("[tooltip] " + squeeze(element.stringValue ?? ""))
        } else if blocks.contains(name) {
            out.append((name == "li" ? "- " : "") + squeeze(element.stringValue ?? ""))
        } else {
            for child in element.children ?? [] { walk(child, into: &out) }
        }
    }

    /// An attribute's value, found by XPath (namespaced SVG elements hide it from `attribute(forName:)`).
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        (try? element.nodes(forXPath: "@" + name))?.first?.stringValue
    }

    /// The `<text>` lines inside an element, in order.
    static func texts(_ element: XMLElement) -> [String] {
        ((try? element.nodes(forXPath: ".//*[local-name()='text']")) ?? []).map { squeeze($0.stringValue ?? "") }
    }

    static func squeeze(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }
}

extension XMLElement {
    /// The class attribute.
    var classes: String? { HTMLText.attribute(self, "class") }
}
