import AlignCore
import AlignLanguage

/// How numbers print: grouped, with their unit (2,000,000 USD; 25%; 0.4).
public enum NumberFormat {
    /// A count with its noun, grouped by thousands: "1 metric", "28,742 metrics".
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        plain(Double(n)) + " " + (n == 1 ? noun : plural ?? noun + "s")
    }

    /// A value with its unit: shares as their unit says (`percent` as 25%,
    /// `ratio` as 0.25), currencies after the number, counts bare.
    /// Money with cents shows them both: 12,316,860.50 USD, not 12,316,860.5 USD.
    public static func format(_ value: Double, unit: String?, decimals: Int? = nil) -> String {
        guard let unit else { return plain(value, decimals: decimals) }
        switch lowercasedName(unit) {
        case "percent", "%": return plain(value * 100, decimals: decimals) + "%"
        case "ratio", "share", "count", "number", "#", "score", "index": return plain(value, decimals: decimals)
        // A unit is a string the user wrote, and may hold control characters.
        default:
            if decimals == nil, isCurrency(unit), abs(value) >= 1 {
                return plain(value, decimals: 2, fixed: value != value.rounded()) + " " + unit
            }
            return plain(value, decimals: decimals) + " " + Escaping.safe(unit)
        }
    }

    /// Whether a unit names a currency: three capital letters (USD, EUR).
    public static func isCurrency(_ unit: String?) -> Bool {
        guard let unit else { return false }
        let bytes = unit.utf8
        return bytes.count == 3 && bytes.allSatisfy { $0 >= 65 && $0 <= 90 }
    }

    /// A unit's name in lower case, for the names above: a short ASCII name
    /// is lowered byte by byte (no Unicode tables), a long one is none of them.
    private static func lowercasedName(_ unit: String) -> String {
        let utf8 = unit.utf8
        guard utf8.count <= 7 else { return "" }
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return unit.lowercased() }
        guard utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return unit }
        return String(decoding: utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// A signed change with its unit: +400,000 USD, -5%.
    public static func change(_ delta: Double, unit: String?, decimals: Int? = nil) -> String {
        let text = decimals.map { plain(abs(delta), decimals: $0, fixed: isCurrency(unit) || unit == nil) + (unit.map { " " + Escaping.safe($0) } ?? "") }
            ?? format(abs(delta), unit: unit)
        if delta > 0 { return "+" + text }
        if delta < 0 { return "-" + text }
        return text
    }

    /// Two different values, each with its unit, with as many decimals as
    /// it takes to tell them apart (up to six; past that, each in the shortest
    /// spelling that reads back to it): a change never reads "0.41 → 0.41".
    public static func distinct(_ a: Double, _ b: Double, unit: String?) -> (String, String) {
        var pair = (format(a, unit: unit), format(b, unit: unit))
        var decimals = 1
        while pair.0 == pair.1, a != b, decimals <= 6 {
            pair = (format(a, unit: unit, decimals: decimals), format(b, unit: unit, decimals: decimals))
            decimals += 1
        }
        if pair.0 == pair.1, a != b { pair = (ScriptPrinter.number(a), ScriptPrinter.number(b)) }
        return pair
    }

    /// A share as a percentage: 0.2 → 20%.
    public static func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded() / 10
        guard tenths.isFinite else { return plain(tenths) }
        return plain(tenths) + "%"
    }

    /// A value with its unit, with enough decimals to be used as it is
    /// (about seven significant digits): what a solve finds (1.08525, not 1.085).
    public static func precise(_ value: Double, unit: String?) -> String {
        let magnitude = abs(value)
        guard magnitude < 1e9, magnitude > 0 else { return format(value, unit: unit) }
        var digits = 1
        var rest = magnitude
        while rest >= 10 { rest /= 10; digits += 1 }
        return format(value, unit: unit, decimals: max(magnitude >= 1000 ? 2 : magnitude >= 1 ? 3 : 4, min(6, 7 - digits)))
    }

    /// A number grouped by thousands with a few decimals (or `decimals`,
    /// at most 6), trailing zeros dropped unless `fixed` (a whole number
    /// keeps no decimals either way).
    public static func plain(_ value: Double, decimals wanted: Int? = nil, fixed: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "undefined" : (value > 0 ? "too large" : "too small") }
        let magnitude = abs(value)
        if magnitude >= 1e15 { return scientific(value) }
        let usual = magnitude >= 1000 ? 2 : magnitude >= 1 ? 3 : 4
        let decimals = magnitude < 1e9 ? min(6, wanted ?? usual) : usual
        var scale: Double = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (magnitude * scale).rounded()
        var whole = UInt64(scaled / scale)
        var fraction = UInt64(scaled - Double(whole) * scale)
        if Double(fraction) >= scale {
            whole += 1
            fraction = 0
        }
        if magnitude > 0, whole == 0, fraction == 0 { return scientific(value) }
        // Written as bytes on the stack: a number is at most 27 of them
        // (a sign, 15 digits with 4 commas, a point and 6 decimals).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { text in
            var count = 0
            if value < 0 { text[0] = UInt8(ascii: "-"); count = 1 }
            // The whole part, grouped by thousands, written from its last digit.
            var digits = 1
            var rest = whole
            while rest >= 10 { rest /= 10; digits += 1 }
            count += digits + (digits - 1) / 3
            var position = count - 1
            rest = whole
            for i in 0..<digits {
                if i > 0, i % 3 == 0 {
                    text[position] = UInt8(ascii: ",")
                    position -= 1
                }
                text[position] = 48 + UInt8(rest % 10)
                position -= 1
                rest /= 10
            }
            if fraction > 0 {
                text[count] = UInt8(ascii: ".")
                rest = fraction
                for i in stride(from: decimals, through: 1, by: -1) {
                    text[count + i] = 48 + UInt8(rest % 10)
                    rest /= 10
                }
                count += decimals + 1
                if !fixed { while text[count - 1] == UInt8(ascii: "0") { count -= 1 } }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: text[0..<count]), as: UTF8.self)
        }
    }

    private static func scientific(_ value: Double) -> String {
        var exponent = 0
        var mantissa = abs(value)
        while mantissa >= 10 {
            mantissa /= 10
            exponent += 1
        }
        while mantissa < 1, mantissa > 0 {
            mantissa *= 10
            exponent -= 1
        }
        let rounded = (mantissa * 1000).rounded() / 1000
        var text = String(rounded)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return (value < 0 ? "-" : "") + text + "e" + String(exponent)
    }
}
