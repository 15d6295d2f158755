import AlignTestSupport
import Foundation
import Testing

@testable import AlignOutput

/// Numbers as people read them. `plain` writes its digits as bytes; here
/// they are written the plain way, with strings, from the same rounding.
@Suite("Number format")
struct NumberFormatTests {
    static func reference(_ value: Double) -> String {
        let magnitude = abs(value)
        let decimals = magnitude >= 1000 ? 2 : magnitude >= 1 ? 3 : 4
        let scale = [1.0, 10, 100, 1000, 10000][decimals]
        let scaled = (magnitude * scale).rounded()
        var whole = UInt64(scaled / scale)
        var fraction = UInt64(scaled - Double(whole) * scale)
        if Double(fraction) >= scale {
            whole += 1
            fraction = 0
        }
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + String(digits.suffix(3)) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        if fraction > 0 {
            var text = String(fraction)
            while text.count < decimals { text = "0" + text }
            while text.hasSuffix("0") { text.removeLast() }
            grouped += "." + text
        }
        return (value < 0 && (whole > 0 || fraction > 0) ? "-" : "") + grouped
    }

    @Test("grouped digits, a few decimals without trailing zeros, and the sign")
    func plain() {
        let fixed: [Double] = [0, -0.0, 1, -1, 0.5, 999.9995, 999.9994, 1000, 1234.5, 1_000_000, 123_456_789.126,
            999_999_999_999_999, 0.0001, 0.00005, -0.25, 12.3456, 2_500_000, 0.31, 0.1 + 0.2, 4000.005]
        let seed = SeededGenerator.testSeed(environment: ProcessInfo.processInfo.environment)
        var rng = SeededGenerator(seed: seed)
        var values = fixed
        let scales: [Double] = [1, 10, 100, 1000, 10000, 100_000, 1_000_000]
        for _ in 0..<3000 {
            let digits = Int64.random(in: -999_999_999_999_999...999_999_999_999_999, using: &rng) >> Int64.random(in: 0...48, using: &rng)
            values.append(Double(digits) / scales.randomElement(using: &rng)!)
        }
        for value in values where abs(value) >= 0.00005 || value == 0 {
            #expect(NumberFormat.plain(value) == Self.reference(value), "\(value); \(SeededGenerator.replay(seed))")
        }
        #expect(NumberFormat.plain(1_234_567.5) == "1,234,567.5")
        #expect(NumberFormat.plain(-0.05) == "-0.05")
    }

    @Test("units as their names say, whatever their case")
    func units() {
        #expect(NumberFormat.format(0.25, unit: "percent") == "25%")
        #expect(NumberFormat.format(0.25, unit: "Percent") == "25%")
        #expect(NumberFormat.format(0.25, unit: "RATIO") == "0.25")
        #expect(NumberFormat.format(2_000_000, unit: "USD") == "2,000,000 USD")
        #expect(NumberFormat.format(12, unit: "customers") == "12 customers")
        #expect(NumberFormat.format(12, unit: "") == "12 ")
        #expect(NumberFormat.format(12, unit: "ÜBER") == "12 ÜBER")
    }

    @Test("counts are grouped and take the plural past one")
    func counts() {
        #expect(NumberFormat.count(0, "metric") == "0 metrics")
        #expect(NumberFormat.count(1, "metric") == "1 metric")
        #expect(NumberFormat.count(28_742, "metric") == "28,742 metrics")
        #expect(NumberFormat.count(2, "metric has", plural: "metrics have") == "2 metrics have")
    }

    @Test("precise: about seven significant digits, with the unit as format gives it")
    func precise() {
        #expect(NumberFormat.precise(1.08525, unit: nil) == "1.08525")
        #expect(NumberFormat.precise(0.27125, unit: "ratio") == "0.27125")
        #expect(NumberFormat.precise(0.271254, unit: "percent") == "27.1254%")
        #expect(NumberFormat.precise(34_285.714285, unit: "count") == "34,285.71")
        #expect(NumberFormat.precise(2_500_000, unit: "USD") == "2,500,000 USD")
        #expect(NumberFormat.precise(1250, unit: nil) == "1,250")
        #expect(NumberFormat.precise(0, unit: nil) == "0")
    }
}
