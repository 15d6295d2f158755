/// Reading the literals that start with a digit.
public enum Literals {
    /// A number: `1200`, `2.5`, `1_000`, `1e6`, with an optional suffix:
    /// `k` (thousand), `M` (million), `B` (billion), `%` (hundredth).
    /// Nil when the text is not a number or is out of range.
    public static func number(_ text: some StringProtocol) -> Double? {
        var body = Substring(text)
        var scale = 1.0
        switch body.last {
        case "k", "K": scale = 1e3
        case "M": scale = 1e6
        case "B": scale = 1e9
        case "%": scale = 0.01
        default: break
        }
        if scale != 1 { body = body.dropLast() }
        guard let first = body.utf8.first, (first >= 48 && first <= 57) || first == 46 else { return nil }
        var cleaned = ""
        var sawExponent = false
        var previous: Character = " "
        for c in body {
            switch c {
            case "0"..."9", ".": cleaned.append(c)
            case "_": if !(previous.isNumber) { return nil }
            case "e", "E":
                if sawExponent { return nil }
                sawExponent = true
                cleaned.append("e")
            case "+", "-": if previous != "e" && previous != "E" { return nil } else { cleaned.append(c) }
            default: return nil
            }
            previous = c
        }
        guard let value = Double(cleaned), value.isFinite else { return nil }
        let scaled = value * scale
        return scaled.isFinite ? scaled : nil
    }

    /// Whether a number literal's text is too large rather than malformed.
    public static func isOutOfRange(_ text: some StringProtocol) -> Bool {
        let digits = text.filter { $0 != "_" && $0 != "%" && $0 != "k" && $0 != "K" && $0 != "M" && $0 != "B" }
        if let value = Double(String(digits)) { return !value.isFinite || !(value * 1e9).isFinite }
        return false
    }
}
