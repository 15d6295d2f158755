/// Reading the literals that start with a digit.
public enum Literals {
    /// A number: `1200`, `2.5`, `1_000`, `1e6`, with an optional suffix:
    /// `k` (thousand), `M` (million), `B` (billion), `%` (hundredth).
    /// Nil when the text is not a number or is out of range.
    public static func number(_ text: some StringProtocol) -> Double? {
        if let simple = plainDecimal(text.utf8) { return simple }
        var body = Substring(text)
        let scale = suffixExponent(body.utf8.last)
        if scale != 0 { body = body.dropLast() }
        guard let first = body.utf8.first, (first >= 48 && first <= 57) || first == 46 else { return nil }
        var digits = ""
        var exponent = ""
        var sawExponent = false
        var previous: Character = " "
        for c in body {
            switch c {
            case "0"..."9": if sawExponent { exponent.append(c) } else { digits.append(c) }
            case ".": if sawExponent { return nil } else { digits.append(c) }
            case "_": if !(previous.isNumber) { return nil }
            case "e", "E":
                if sawExponent { return nil }
                sawExponent = true
            case "+", "-":
                if previous != "e" && previous != "E" { return nil }
                exponent.append(c)
            default: return nil
            }
            previous = c
        }
        // The suffix moves the exponent, so the text is read as one decimal
        // and rounded once: `4.1e1%` is 41/100, as `41%` is.
        guard !sawExponent || exponent.contains(where: \.isNumber), let written = sawExponent ? Int(exponent) : 0
        else { return nil }
        guard let value = Double(digits + "e" + String(written + scale)), value.isFinite else { return nil }
        return value
    }

    /// The power of ten a suffix stands for: `k` 3, `M` 6, `B` 9, `%` -2; 0 for none.
    private static func suffixExponent(_ last: UInt8?) -> Int {
        switch last {
        case UInt8(ascii: "k"), UInt8(ascii: "K"): return 3
        case UInt8(ascii: "M"): return 6
        case UInt8(ascii: "B"): return 9
        case UInt8(ascii: "%"): return -2
        default: return 0
        }
    }

    /// `number`, for text given as UTF-8 bytes: the common case read from
    /// them as they are, anything else as text.
    public static func number(utf8 bytes: ArraySlice<UInt8>) -> Double? {
        if let simple = plainDecimal(bytes) { return simple }
        return number(String(decoding: bytes, as: UTF8.self))
    }

    private static let powersOfTen: [Double] = (0...22).map { Double("1e\($0)")! }

    /// The common case, read straight from the bytes: up to 15 digits with an
    /// optional decimal point and suffix. The digits make an exact integer and
    /// the point and suffix one power of ten (exact up to 10^22), so one
    /// multiplication or division gives the double nearest the decimal
    /// written: `41%` is 41 / 100 (0.41), not 41 × 0.01 (0.41000000000000003),
    /// and `1.1k` is 11 × 100. Nil for anything else (the general path reads it).
    private static func plainDecimal<Bytes: Collection>(_ utf8: Bytes) -> Double? where Bytes.Element == UInt8 {
        var count = utf8.count
        guard count > 0 else { return nil }
        let scale = suffixExponent(utf8[utf8.index(utf8.startIndex, offsetBy: count - 1)])
        if scale != 0 { count -= 1 }
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
        let exponent = scale - fraction
        let value = Double(mantissa)
        return exponent >= 0 ? value * powersOfTen[exponent] : value / powersOfTen[-exponent]
    }

    /// Whether a number literal's text is too large rather than malformed.
    public static func isOutOfRange(_ text: some StringProtocol) -> Bool {
        let digits = text.filter { $0 != "_" && $0 != "%" && $0 != "k" && $0 != "K" && $0 != "M" && $0 != "B" }
        if let value = Double(String(digits)) { return !value.isFinite || !(value * 1e9).isFinite }
        return false
    }
}
