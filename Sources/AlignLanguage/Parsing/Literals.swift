/// Reading the literals that start with a digit.
public enum Literals {
    /// A number: `1200`, `2.5`, `1_000`, `1e6`, with an optional suffix:
    /// `k` (thousand), `M` (million), `B` (billion), `%` (hundredth).
    /// Nil when the text is not a number or is out of range.
    public static func number(_ text: some StringProtocol) -> Double? {
        if let simple = plainDecimal(text.utf8) { return simple }
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

    /// `number`, for text given as UTF-8 bytes: the common case read from
    /// them as they are, anything else as text.
    public static func number(utf8 bytes: ArraySlice<UInt8>) -> Double? {
        if let simple = plainDecimal(bytes) { return simple }
        return number(String(decoding: bytes, as: UTF8.self))
    }

    private static let powersOfTen: [Double] = (0...15).map { Double("1e\($0)")! }

    /// The common case, read straight from the bytes: up to 15 digits with an
    /// optional decimal point and suffix, so the digits make an exact integer
    /// and one correctly rounded division by a power of ten gives exactly what
    /// parsing the text would. Nil for anything else (the general path reads it).
    private static func plainDecimal<Bytes: Collection>(_ utf8: Bytes) -> Double? where Bytes.Element == UInt8 {
        var count = utf8.count
        guard count > 0 else { return nil }
        let last = utf8[utf8.index(utf8.startIndex, offsetBy: count - 1)]
        var scale = 1.0
        switch last {
        case UInt8(ascii: "k"), UInt8(ascii: "K"): scale = 1e3
        case UInt8(ascii: "M"): scale = 1e6
        case UInt8(ascii: "B"): scale = 1e9
        case UInt8(ascii: "%"): scale = 0.01
        default: break
        }
        if scale != 1 { count -= 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var dot = false
        for b in utf8.prefix(count) {
            if b >= 48 && b <= 57 {
                // Past 15 digits the general path reads it (and a UInt64 would overflow).
                guard digits < 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(b - 48)
                digits += 1
                if dot { fraction += 1 }
            } else if b == UInt8(ascii: "."), !dot, digits > 0 {
                dot = true
            } else {
                return nil
            }
        }
        guard digits > 0, digits <= 15, !dot || fraction > 0 else { return nil }
        var value = Double(mantissa)
        if fraction > 0 { value /= powersOfTen[fraction] }
        return scale != 1 ? value * scale : value
    }

    /// Whether a number literal's text is too large rather than malformed.
    public static func isOutOfRange(_ text: some StringProtocol) -> Bool {
        let digits = text.filter { $0 != "_" && $0 != "%" && $0 != "k" && $0 != "K" && $0 != "M" && $0 != "B" }
        if let value = Double(String(digits)) { return !value.isFinite || !(value * 1e9).isFinite }
        return false
    }
}
