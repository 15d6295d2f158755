import AlignLanguage
import Testing

@Suite("Number literals")
struct LiteralTests {
    @Test("suffixes scale numbers", arguments: [
        ("1200", 1200.0), ("2.5", 2.5), ("20k", 20_000), ("2.5M", 2_500_000), ("1B", 1e9), ("25%", 0.25), ("1_000", 1000),
        ("1e3", 1000),
    ])
    func scaled(_ text: String, _ value: Double) {
        #expect(Literals.number(text) == value)
    }

    @Test("malformed numbers are refused", arguments: ["12x", "1e", "1..2", "1e400", "k"])
    func malformed(_ text: String) {
        #expect(Literals.number(text) == nil)
    }
}
