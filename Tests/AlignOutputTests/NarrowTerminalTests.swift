import AlignLanguage
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

    @Test("a table too wide gives money of a thousand or more whole, and keeps the rest")
    func narrowDropsCents() {
        let text = Renderer(format: .table, boxed: true, width: 40).render(Document([.table(Self.money())]))
        #expect(text.contains("13,938,812"))
        #expect(!text.contains("13,938,811.75"))
        #expect(text.contains("-2,537"))
        #expect(text.contains("1,654.41"), "a count is not money")
        #expect(text.contains("12.50"), "money under a thousand keeps its cents")
        for line in text.split(separator: "\n") { #expect(displayWidth(String(line)) <= 40, "\(line)") }
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
}
