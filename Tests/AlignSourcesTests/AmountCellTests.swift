import AlignSources
import Testing

/// Amounts as CRM exports write them.
@Suite("Amount cells")
struct AmountCellTests {
    static func read(_ text: String, decimalComma: Bool = false) -> AmountCell.Reading {
        var text = text
        return text.withUTF8 { AmountCell.read($0, decimalComma: decimalComma) }
    }

    @Test("separators, currency signs and codes, accounts' negatives, suffixes", arguments: [
        ("1200", 1200.0), ("-12.5", -12.5), ("1,234.56", 1234.56), ("$1,234.56", 1234.56), ("USD 1,234.56", 1234.56),
        ("1,234.56 EUR", 1234.56), ("€20", 20), ("£7.50", 7.5), ("(500)", -500), ("($1,500.00)", -1500), ("-$5", -5),
        ("$-5", -5), ("25%", 0.25), ("20k", 20_000), ("2.5M", 2_500_000), (" 42 ", 42), ("+3", 3), (".5", 0.5),
        ("1,234,567,890,123,456.5", 1_234_567_890_123_456.5),
    ])
    func reads(_ text: String, _ value: Double) {
        #expect(Self.read(text) == .number(value), "\(text)")
    }

    @Test("what is not an amount", arguments: ["1,2345", "12,34", "abc", "1,,000", ",100", "1.2.3", "$", "12 34", "1e3x"])
    func invalid(_ text: String) {
        #expect(Self.read(text) == .invalid, "\(text)")
    }

    @Test("an empty cell; a decimal comma where fields are separated by semicolons")
    func emptyAndEuropean() {
        #expect(Self.read("  ") == .empty)
        #expect(Self.read("1.234,56", decimalComma: true) == .number(1234.56))
        #expect(Self.read("1 234,5 €", decimalComma: true) == .number(1234.5))
        #expect(Self.read("12,5", decimalComma: true) == .number(12.5))
    }
}
