import AlignLanguage
import Foundation
import Testing

@testable import AlignOutput

/// What a terminal of 80 columns (or fewer) does to tables and to the
/// usage under an error.
@Suite("Narrow terminals")
struct NarrowTerminalTests {
    /// A table of money with cents, as consistency gives it.
    static func money() -> Table {
        var table = Table(
            name: "t", columns: [.init("Goal", key: "goal"), .init("Implied", numeric: true), .init("Target", numeric: true)])
        table.add([.name("arr_2026"), .number(13_938_811.75, unit: "USD"), .number(14_000_000, unit: "USD")])
        table.add([.name("h1_mqls"), .number(1_654.41, unit: nil), .number(1_700, unit: nil)])
        table.add([.name("small"), .number(12.5, unit: "USD"), .change(-2_537.08, unit: "USD")])
        return table
    }

    @Test("a table that fits keeps its cents")
    func wideKeepsCents() {
        let text = Renderer(format: .table, boxed: true, width: 200).render(Document([.table(Self.money())]))
        #expect(text.contains("13,938,811.75 USD"))
        #expect(text.contains("-2,537.08 USD"))
    }

    @Test("a column where some sum of money shows cents shows them on every sum; counts and CSV are left as they are")
    func centsLineUp() {
        let text = Renderer(format: .table, boxed: false, width: 200).render(Document([.table(Self.money())]))
        #expect(text.contains("14,000,000.00 USD"), "beside -2,537.08 USD")
        #expect(text.contains("12.50 USD"))
        #expect(text.contains("1,700\n") || text.contains("1,700 "), "a count gets no cents")
        #expect(!text.contains("1,700.00"))
        var whole = Table(name: "w", columns: [.init("Value", numeric: true)])
        whole.add([.number(1_000, unit: "USD")])
        whole.add([.change(-250, unit: "EUR")])
        let plain = Renderer(format: .table, boxed: false, width: 200).render(Document([.table(whole)]))
        #expect(plain.contains("1,000 USD") && !plain.contains(".00"), "no cents anywhere: none added")
        let csv = Renderer(format: .csv, boxed: false, width: 200).render(Document([.table(Self.money())]))
        #expect(csv.contains("14000000") && !csv.contains("14000000.00"))
        let markdown = Renderer(format: .markdown).render(Document([.table(Self.money())]))
        #expect(markdown.contains("| 14,000,000.00 USD |"), "\(markdown)")
        // Percentages: a tenth on each where one shows a tenth.
        var parts = Table(name: "p", columns: [.init("Part", numeric: true)])
        for v in [1.06, 0.551, -0.11, 0.5] { parts.add([.percent(v)]) }
        let tenths = Renderer(format: .table, boxed: false, width: 200).render(Document([.table(parts)]))
        for text in ["106.0%", "55.1%", "-11.0%", "50.0%"] { #expect(tenths.contains(text), "\(text) in \(tenths)") }
    }

    @Test("a table too wide gives money of a thousand or more whole, and keeps the rest")
    func narrowDropsCents() {
        let text = Renderer(format: .table, boxed: true, width: 40).render(Document([.table(Self.money())]))
        #expect(text.contains("13,938,812"))
        #expect(!text.contains("13,938,811.75"))
        #expect(text.contains("-2,537"))
        #expect(text.contains("1,654.41"), "a count is not money")
        #expect(text.contains("12.50"), "money under a thousand keeps its cents")
        #expect(text.contains("money of 1,000 or more shown whole"), "and says so: \(text)")
        #expect(!Renderer(format: .table, boxed: true, width: 200).render(Document([.table(Self.money())])).contains("shown whole"))
        for line in text.split(separator: "\n") { #expect(displayWidth(String(line)) <= 40, "\(line)") }
    }

    @Test("a table too wide loses the columns empty in every row first; a bare sum keeps its cents")
    func emptyColumnsGo() {
        var table = Table(
            name: "variance",
            columns: [.init("Driver"), .init("From"), .init("Actual", numeric: true), .init("Plan", numeric: true),
                .init("Share", numeric: true)])
        table.add([.name("sql_rate"), .text("2026-02 .. 2026-05"), .empty, .empty, .change(-31_604.05, unit: "USD")])
        table.add([.name("mql_rate"), .text("2026-01 .. 2026-03"), .empty, .empty, .change(-80.2391, unit: "USD")])
        let wide = Renderer(format: .table, boxed: true, width: 200).render(Document([.table(table)]))
        #expect(wide.contains("Actual") && wide.contains("-80.24 USD"), "a table that fits keeps them: \(wide)")
        let narrow = Renderer(format: .table, boxed: true, width: 50).render(Document([.table(table)]))
        #expect(!narrow.contains("Actual") && !narrow.contains("Plan"), "\(narrow)")
        #expect(narrow.contains("2026-02 .. 2026-05"), "\(narrow)")
        for line in narrow.split(separator: "\n") { #expect(displayWidth(String(line)) <= 50, "\(line)") }
        let bare = Renderer(format: .table, boxed: true, width: 44).render(Document([.table(table)]))
        #expect(bare.contains("-80.24") && !bare.contains("-80.239"), "\(bare)")
        #expect(bare.contains("2026-02") && !bare.contains("2026-\n"), "\(bare)")
        // A cell just one period wide: each period whole, `..` between.
        #expect(TextRenderer.cut("2026-01 .. 2026-06", at: 7) == ("2026-01", ".. 2026-06"))
        #expect(TextRenderer.cut(".. 2026-06", at: 7) == ("..", "2026-06"))
    }

    @Test("CSV and JSON keep every digit however narrow the terminal")
    func machinesKeepDigits() {
        for format in [OutputFormat.csv, .json] {
            let text = Renderer(format: format, width: 40).render(Document([.table(Self.money())]))
            #expect(text.contains("13938811.75"), "\(format)")
        }
    }

    @Test("a usage longer than the terminal breaks between words, under itself")
    func usageBreaks() throws {
        let source = SourceText(name: "<prompt>", text: "whatif leads +10%")
        var d = Diagnostic(.error, "expected '='", at: SourceRange(13, 14), in: source)
        let form = "whatif METRIC = NUMBER|+N%|-N%|+Npp [in|from PERIOD[..PERIOD]] [and ...] [as SCENARIO]"
        d.usage = [form]
        let lines = DiagnosticRenderer.usage(d, style: .plain, width: 60).split(separator: "\n").map(String.init)
        #expect(lines.count > 1)
        #expect(lines[0].hasPrefix("  │ usage: whatif METRIC"))
        for line in lines.dropFirst() { #expect(line.hasPrefix("  │          "), "\(line)") }
        for line in lines { #expect(displayWidth(line) <= 60, "\(line)") }
        // Nothing is lost or cut inside a word.
        let words = lines.map { $0.replacingOccurrences(of: "│ usage:", with: "").replacingOccurrences(of: "│", with: "") }
            .joined(separator: " ").split(separator: " ").map(String.init)
        #expect(words == form.split(separator: " ").map(String.init))
        #expect(DiagnosticRenderer.usage(d, style: .plain).split(separator: "\n").count == 1, "no width, no breaks")
    }

    @Test("an error under the typed line breaks between words, under the message, within the width")
    func errorBreaks() {
        let source = SourceText(name: "<prompt>", text: "query pacng 2026")
        let message = "expected 'orphans', 'conflicts', 'handoffs', 'horizons', 'gaps', 'consistency', 'path', "
            + "'drivers', 'pacing' or 'variance', found 'pacng'; did you mean 'pacing'?"
        let d = Diagnostic(.error, message, at: SourceRange(6, 11), in: source)
        let lines = DiagnosticRenderer.underLine(d, source: source, range: SourceRange(6, 11), style: .plain, width: 80)
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(lines)")
        #expect(lines[1].hasPrefix("  │       ╰─ error: expected 'orphans',"))
        for line in lines.dropFirst(2) { #expect(line.hasPrefix("  │          ") && !line.hasPrefix("  │           "), "\(line)") }
        for line in lines { #expect(displayWidth(line) <= 80, "\(line)") }
        let words = lines.dropFirst().map { $0.replacingOccurrences(of: "╰─ error:", with: "").replacingOccurrences(of: "│", with: "") }
            .joined(separator: " ").split(separator: " ").map(String.init)
        #expect(words == message.split(separator: " ").map(String.init))
        let whole = DiagnosticRenderer.underLine(d, source: source, range: SourceRange(6, 11), style: .plain)
        #expect(whole.split(separator: "\n").count == 2, "no width, no breaks")
    }

    @Test("a table that cannot fit without cutting words is shown a record at a time, every cell kept")
    func records() {
        var table = Table(
            name: "pacing",
            columns: [.init("Goal"), .init("Team"), .init("Period"), .init("To date", numeric: true), .init("Forecast", numeric: true),
                .init("Target", numeric: true), .init("On track"), .init("By", numeric: true)])
        table.add([.name("q3_bookings"), .name("sales"), .text("2026-Q3"), .empty, .number(5_270_400, unit: "USD"),
            .number(6_000_000, unit: "USD"), .status(false, "no"), .change(-729_600, unit: "USD")])
        table.add([.name("h2_mqls"), .name("marketing"), .text("2026-H2"), .number(1_200, unit: nil), .number(5_130, unit: nil),
            .number(5_500, unit: nil), .status(false, "no"), .change(-370, unit: nil)])
        let text = TextRenderer(style: .plain, boxed: true, width: 60).render(Document([.table(table)]))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines { #expect(displayWidth(line) <= 60, "\(line)") }
        #expect(lines.first == "Goal q3_bookings")
        #expect(lines.contains("  Forecast  5,270,400 USD"))
        #expect(lines.contains("  By        -729,600 USD"))
        #expect(!lines.contains { $0.hasPrefix("  To date") && $0.contains("q3") }, "an empty cell is left out")
        #expect(lines.contains("Goal h2_mqls"))
        #expect(lines.contains("  To date   1,200"))
        // Wide enough, the same table stays a box.
        let wide = TextRenderer(style: .plain, boxed: true, width: 200).render(Document([.table(table)]))
        #expect(wide.hasPrefix("┌"))
    }

    @Test("a word made of two spans (`goal` then `: the`) is not broken between them")
    func gluedSpans() {
        let spans = [Span("with h1_mqls met exactly, new_arr is 902,407.41 USD, below its goal", .warning),
            Span(": the goals do not add up")]
        for width in 40...80 {
            let text = TextRenderer(style: .plain, boxed: true, width: width).render(Document([.line(spans)]))
            let lines = text.split(separator: "\n").map(String.init)
            for line in lines {
                #expect(displayWidth(line) <= width, "\(width): \(line)")
                #expect(!line.trimmingCharacters(in: .whitespaces).hasPrefix(":"), "\(width): \(lines)")
                #expect(line.last != " ", "\(width): trailing blank: \(line)")
            }
            let words = lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
            #expect(words == (spans[0].text + spans[1].text), "\(width)")
        }
    }

    @Test("a span of periods (`2026-03 .. 2026-07`) is never broken at its `..`")
    func periodSpans() {
        let text = "h1_mqls (marketing, year) depends on leads: in 2026-Q4 it takes marketing's work of 2026-03 .. 2026-07"
        var broken = 0
        for width in 20...110 {
            let lines = TextRenderer(style: .plain, boxed: true, width: width).render(Document([.line([Span(text)])]))
                .split(separator: "\n").map(String.init)
            #expect(lines.contains { $0.contains("2026-03 .. 2026-07") }, "\(width): \(lines)")
            for line in lines { #expect(displayWidth(line) <= width, "\(width): \(line)") }
            if lines.count > 1 { broken += 1 }
        }
        #expect(broken > 0, "some width wraps the line")
    }

    @Test("a table's span of periods is not broken either: the table goes a record at a time rather than wrap it at its `..`")
    func spanInTable() {
        var table = Table(
            name: "variance",
            columns: [.init("Driver"), .init("Team"), .init("From", key: "periods"), .init("Actual", numeric: true),
                .init("Plan", numeric: true), .init("Share", key: "amount", numeric: true), .init("Of the variance", numeric: true)])
        table.add([.name("conv_rate"), .name("marketing"), .text("2026-02 .. 2026-07"), .empty, .empty, .change(186_242.7, unit: "USD"), .percent(-2.237)])
        table.add([.name("expansion"), .name("cs"), .text("2026-01 .. 2026-09"), .number(424_000, unit: "USD"), .number(450_000, unit: "USD"),
            .change(-26_000, unit: "USD"), .percent(0.312)])
        for width in [60, 80, 100] {
            let text = TextRenderer(style: .plain, boxed: true, width: width).render(Document([.table(table)]))
            for line in text.split(separator: "\n") where line.contains("2026-0") {
                #expect(line.contains("2026-02 .. 2026-07") || line.contains("2026-01 .. 2026-09"), "\(width): \(text)")
            }
            for line in text.split(separator: "\n") { #expect(displayWidth(String(line)) <= width, "\(width): \(line)") }
        }
    }

    @Test("money sheds its cents only to fit a box: a record at a time shows every digit")
    func recordsKeepCents() {
        var table = Table(
            name: "gaps",
            columns: [.init("Goal"), .init("Team"), .init("Metric"), .init("Target", numeric: true), .init("Value", numeric: true),
                .init("Gap", numeric: true), .init("Share", numeric: true), .init("Status")])
        table.add([.name("arr_2026"), .name("success"), .name("arr"), .number(14_000_000, unit: "USD"),
            .number(13_839_118.61, unit: "USD"), .change(-160_881.39, unit: "USD"), .text("-1.1%"), .status(false, "missed")])
        let narrow = TextRenderer(style: .plain, boxed: true, width: 40).render(Document([.table(table)]))
        #expect(narrow.hasPrefix("Goal arr_2026"))
        #expect(narrow.contains("13,839,118.61 USD") && narrow.contains("-160,881.39 USD"), "\(narrow)")
        // A little too wide: a column all in one currency gives its unit to
        // its title and keeps its cents; narrower, the cents go as well.
        let plain = TextRenderer(style: .plain, boxed: true, width: 200).render(Document([.table(table)]))
        let natural = plain.split(separator: "\n")[0].count
        let fits = TextRenderer(style: .plain, boxed: true, width: natural - 4).render(Document([.table(table)]))
        #expect(fits.hasPrefix("┌") && fits.contains("Value (USD)") && fits.contains("13,839,118.61 │"), "\(fits)")
        #expect(fits.contains("Target (USD)") && fits.contains("Gap (USD)") && !fits.contains(" USD "), "\(fits)")
        let whole = TextRenderer(style: .plain, boxed: true, width: natural - 16).render(Document([.table(table)]))
        #expect(whole.hasPrefix("┌") && whole.contains("13,839,119 │") && whole.contains("(USD)"), "\(whole)")
        for line in whole.split(separator: "\n") { #expect(displayWidth(String(line)) <= natural - 16) }
    }

    @Test("a tree's root label that wraps keeps its lines under the root within the width; a form breaks after a '|'")
    func treeAndForms() {
        let long = "r 61,728,394,506,000 = extraordinarily_long_metric_name_for_pipeline_coverage_ratio_calc * … (5 inputs: show r)"
        let root = TreeNode(label: [Span(long)], fields: [], children: [TreeNode(label: [Span("win_rate 0.25")], fields: [])])
        let text = TextRenderer(style: .plain, boxed: true, width: 80).render(Document([.tree(root)]))
        for line in text.split(separator: "\n") { #expect(displayWidth(String(line)) <= 80, "\(line)") }
        let (head, tail) = TextRenderer.cut("teams|terms|metrics|links|goals|values|notes|decisions|parked|votes|snapshots", at: 70)
        #expect(head == "teams|terms|metrics|links|goals|values|notes|decisions|parked|votes|")
        #expect(tail == "snapshots")
    }
}
