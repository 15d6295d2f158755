/// Reading an amount as CRM exports write one.
public enum AmountCell {
    /// What a cell holds.
    public enum Reading: Equatable, Sendable {
        case number(Double)
        case empty
        case invalid
    }

    /// Reads `1200`, `-12.5`, `1,234.56`, `$1,234.56`, `USD 1,234.56`,
    /// `1,234.56 EUR`, `€20`, `(500)` for -500, `25%`, `20k`. With
    /// `decimalComma` (files whose fields are separated by `;`), `1.234,56`
    /// and `1 234,56` are read as in Europe.
    public static func read(_ cell: UnsafeBufferPointer<UInt8>, decimalComma: Bool = false) -> Reading {
        var currency: Currency?
        return read(cell, decimalComma: decimalComma, currency: &currency)
    }

    /// The currency an amount is written in: `$` is USD, `€` EUR, `£` GBP,
    /// `¥` JPY, and a code of three capitals (`USD 20,000`, `1,200 EUR`) itself.
    public struct Currency: Hashable, Sendable {
        /// The code's three letters, packed.
        let bits: UInt32

        init(_ a: UInt8, _ b: UInt8, _ c: UInt8) { bits = UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c) }

        /// The ISO code: `USD`.
        public var code: String {
            String(decoding: [UInt8(truncatingIfNeeded: bits >> 16), UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits)], as: UTF8.self)
        }
    }

    /// `read`, also giving the currency the cell is written in (nil for a bare number).
    public static func read(_ cell: UnsafeBufferPointer<UInt8>, decimalComma: Bool = false, currency: inout Currency?)
        -> Reading
    {
        currency = nil
        var start = 0
        var end = cell.count
        trim(cell, &start, &end)
        guard start < end else { return .empty }
        var sign = 1.0
        if end - start > 2, cell[start] == 40, cell[end - 1] == 41 {  // (500)
            sign = -1
            start += 1
            end -= 1
        }
        if cell[start] == 45 || cell[start] == 43 {
            if cell[start] == 45 { sign = -sign }
            start += 1
        }
        currency = stripCurrency(cell, &start, &end)
        if start < end, cell[start] == 45, sign == 1 {  // $-5
            sign = -1
            start += 1
        }
        guard start < end else { return .invalid }
        var scale = 1.0
        switch cell[end - 1] {
        case 37: scale = 0.01  // %
        case 107, 75: scale = 1e3  // k K
        case 77: scale = 1e6  // M
        case 66: scale = 1e9  // B
        default: break
        }
        if scale != 1 { end -= 1 }
        // Past 1.8e308 Double reads a number as infinity: not an amount align can add up or save.
        guard let value = digits(cell, start, end, decimalComma: decimalComma), (value * scale).isFinite else {
            return .invalid
        }
        return .number(sign * value * scale)
    }

    private static func trim(_ cell: UnsafeBufferPointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        while start < end, cell[start] == 32 || cell[start] == 9 { start += 1 }
        while end > start, cell[end - 1] == 32 || cell[end - 1] == 9 { end -= 1 }
    }

    /// The signs and the currencies they stand for.
    private static let signs: [(bytes: [UInt8], currency: Currency)] = [
        ([0x24], Currency(85, 83, 68)), ([0xE2, 0x82, 0xAC], Currency(69, 85, 82)),
        ([0xC2, 0xA3], Currency(71, 66, 80)), ([0xC2, 0xA5], Currency(74, 80, 89)),
    ]

    /// Takes a currency sign or code off either end: `$`, `€`, `£`, `¥`, `USD `;
    /// the currency it names (the code when there are both, as in `USD $5`).
    private static func stripCurrency(_ cell: UnsafeBufferPointer<UInt8>, _ start: inout Int, _ end: inout Int) -> Currency? {
        var found: Currency?
        for (s, currency) in signs {
            if end - start >= s.count, (0..<s.count).allSatisfy({ cell[start + $0] == s[$0] }) {
                start += s.count
                found = currency
            } else if end - start >= s.count, (0..<s.count).allSatisfy({ cell[end - s.count + $0] == s[$0] }) {
                end -= s.count
                found = currency
            }
        }
        func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
        if end - start > 4, isUpper(cell[start]), isUpper(cell[start + 1]), isUpper(cell[start + 2]), cell[start + 3] == 32 {
            found = Currency(cell[start], cell[start + 1], cell[start + 2])
            start += 4
        } else if end - start > 4, isUpper(cell[end - 1]), isUpper(cell[end - 2]), isUpper(cell[end - 3]), cell[end - 4] == 32 {
            found = Currency(cell[end - 3], cell[end - 2], cell[end - 1])
            end -= 4
        }
        trim(cell, &start, &end)
        return found
    }

    private static let powersOfTen: [Double] = (0...15).map { Double("1e\($0)")! }

    /// The digits with their group and decimal separators; nil when the
    /// groups are not of three digits or anything else is there.
    private static func digits(_ cell: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool) -> Double? {
        let decimal: UInt8 = decimalComma ? 44 : 46
        var mantissa: UInt64 = 0
        var count = 0
        var fraction = 0
        var seenDecimal = false
        var group = -1  // digits since the last group separator; -1 before any
        var leading = 0  // digits before the first group separator
        var plain: [UInt8] = []  // past 15 digits, the number spelled plainly for Double to read
        for i in start..<end {
            let b = cell[i]
            if b >= 48, b <= 57 {
                if count < 15 {
                    mantissa = mantissa * 10 + UInt64(b - 48)
                } else if plain.isEmpty {
                    plain = Array(String(mantissa).utf8)
                    while plain.count <= fraction { plain.insert(48, at: 0) }
                    if fraction > 0 { plain.insert(46, at: plain.count - fraction) }
                }
                if count >= 15 { plain.append(b) }
                count += 1
                if seenDecimal { fraction += 1 } else if group >= 0 { group += 1 } else { leading += 1 }
            } else if b == decimal, !seenDecimal {
                if group >= 0, group != 3 { return nil }
                seenDecimal = true
                if !plain.isEmpty { plain.append(46) }
            } else if !seenDecimal, b == (decimalComma ? 46 : 44) || (decimalComma && b == 32) {
                if group >= 0 ? group != 3 : !(1...3).contains(leading) { return nil }
                group = 0
            } else {
                return nil
            }
        }
        guard count > 0, group < 0 || group == 3 || seenDecimal else { return nil }
        if !plain.isEmpty { return Double(String(decoding: plain, as: UTF8.self)) }
        var value = Double(mantissa)
        if fraction > 0 { value /= powersOfTen[fraction] }
        return value
    }
}
