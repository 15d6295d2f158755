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

    @Test("a number is the double nearest the decimal written: 41% is 0.41, not 41 × 0.01")
    func nearestToTheDecimal() {
        for n in 0...1000 {
            let percent = "\(n / 10)" + (n % 10 == 0 ? "" : ".\(n % 10)")
            #expect(Literals.number(percent + "%") == Double(percent + "e-2"), "\(percent)%")
            #expect(Literals.number(percent + "k") == Double(percent + "e3"), "\(percent)k")
            #expect(Literals.number(percent + "M") == Double(percent + "e6"), "\(percent)M")
        }
        #expect(Literals.number("41%") == 0.41)
        #expect(Literals.number("1.1k") == 1100)
        #expect(Literals.number("4.1e1%") == 0.41)
        #expect(Literals.number("4_1%") == 0.41)
        #expect(Literals.number("0.000000000000041%") == 4.1e-16)
    }

    @Test("malformed numbers are refused", arguments: ["12x", "1e", "1..2", "1e400", "k"])
    func malformed(_ text: String) {
        #expect(Literals.number(text) == nil)
    }

    @Test("a number written short for showing reads back as the same number", arguments: [
        (11_000.0, false, "11k"), (2_500_000, false, "2.5M"), (1234, false, "1234"), (1250, false, "1.25k"), (1_234_567, false, "1234567"),
        (0.3, true, "30%"), (0.3, false, "0.3"), (3e9, false, "3B"), (999, false, "999"), (12.5, true, "1250%"),
    ])
    func short(_ value: Double, _ share: Bool, _ text: String) {
        #expect(ScriptPrinter.short(value, share: share) == text)
        #expect(Literals.number(text) == value)
    }

    @Test("every short form reads back exactly")
    func shortReadsBack() {
        var x = 0.37
        for _ in 0..<4000 {
            // A spread of magnitudes and digits: sixteen decades, a few figures each.
            x = (x * 7919.123).truncatingRemainder(dividingBy: 1)
            let value = (x * 1e6).rounded() / [1.0, 10, 1000, 1e6][Int(x * 97) % 4] * [1.0, 1e3, 1e6, 1e9][Int(x * 89) % 4]
            for share in [false, true] {
                let text = ScriptPrinter.short(value, share: share)
                #expect(Literals.number(text) == value, "\(value) written \(text)")
            }
        }
    }
}
