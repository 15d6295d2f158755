import AlignCore
import AlignLanguage

/// How numbers print: grouped, with their unit (2,000,000 USD; 25%; 0.4).
public enum NumberFormat {
    /// A value with its unit: shares as their unit says (`percent` as 25%,
    /// `ratio` as 0.25), currencies after the number, counts bare.
    public static func format(_ value: Double, unit: String?) -> String {
        guard let unit else { return plain(value) }
        switch unit.lowercased() {
        case "percent", "%": return plain(value * 100) + "%"
        case "ratio", "share", "count", "number", "#", "score", "index": return plain(value)
        // A unit is a string the user wrote, and may hold control characters.
        default: return plain(value) + " " + Escaping.safe(unit)
        }
    }

    /// A signed change with its unit: +400,000 USD, -5%.
    public static func change(_ delta: Double, unit: String?) -> String {
        let text = format(abs(delta), unit: unit)
        if delta > 0 { return "+" + text }
        if delta < 0 { return "-" + text }
        return text
    }

    /// A share as a percentage: 0.2 → 20%.
    public static func percent(_ share: Double) -> String {
        let tenths = (share * 1000).rounded() / 10
        guard tenths.isFinite else { return plain(tenths) }
        return plain(tenths) + "%"
    }

    /// A number grouped by thousands with a few decimals, trailing zeros dropped.
    public static func plain(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "undefined" : (value > 0 ? "too large" : "too small") }
        let magnitude = abs(value)
        if magnitude >= 1e15 { return scientific(value) }
        let decimals = magnitude >= 1000 ? 2 : magnitude >= 1 ? 3 : 4
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
        var digits = grouped(whole)
        if fraction > 0 {
            var text = String(fraction)
            text = String(repeating: "0", count: decimals - text.count) + text
            while text.hasSuffix("0") { text.removeLast() }
            digits += "." + text
        }
        return (value < 0 && (whole > 0 || fraction > 0) ? "-" : "") + digits
    }

    private static func grouped(_ n: UInt64) -> String {
        let text = String(n)
        guard text.count > 3 else { return text }
        var out = ""
        for (i, c) in text.enumerated() {
            if i > 0, (text.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return out
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
