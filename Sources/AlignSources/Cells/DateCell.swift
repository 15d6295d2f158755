/// Reading the month of a date as CRM and marketing exports write it.
///
/// Only the month matters to a metric's periods, so the day is checked but
/// not kept, and a time after the date (`T10:20:30.000Z`, ` 10:20 AM`) is
/// passed over: the date is taken as written, in the zone of the export.
public enum DateCell {
    /// What a cell holds.
    public enum Reading: Equatable, Sendable {
        /// The month, counted from year 0: `year * 12 + month - 1`.
        case month(Int)
        /// Nothing: an empty cell.
        case empty
        /// Not a date.
        case invalid
        /// `15/07/2026`: a slash date whose month is past 12, written day first.
        case dayFirst
    }

    /// Reads a cell: ISO `2026-07-15` (with a time or not), `2026/07/15`,
    /// a month `2026-07`, US `07/15/2026`, `7/15/26` or `07-15-2026` (with a
    /// time or not), and `15.07.2026`.
    public static func read(_ cell: UnsafeBufferPointer<UInt8>) -> Reading {
        var start = 0
        var end = cell.count
        while start < end, cell[start] == 32 || cell[start] == 9 { start += 1 }
        while end > start, cell[end - 1] == 32 || cell[end - 1] == 9 { end -= 1 }
        guard start < end else { return .empty }
        var numbers = (0, 0, 0)
        var digits = (0, 0, 0)
        var separators: (UInt8, UInt8) = (0, 0)
        var part = 0
        var i = start
        // Up to three runs of digits joined by one separator each.
        while i < end {
            let b = cell[i]
            if b >= 48, b <= 57 {
                let d = Int(b - 48)
                switch part {
                case 0: numbers.0 = numbers.0 * 10 + d; digits.0 += 1
                case 1: numbers.1 = numbers.1 * 10 + d; digits.1 += 1
                default: numbers.2 = numbers.2 * 10 + d; digits.2 += 1
                }
                if digits.0 > 4 || digits.1 > 4 || digits.2 > 4 { return .invalid }
            } else if part < 2, b == 45 || b == 47 || b == 46 {
                if part == 0 { separators.0 = b } else { separators.1 = b }
                part += 1
            } else {
                break
            }
            i += 1
        }
        // What follows the date: nothing, or a time after a blank or a T.
        if i < end, !(cell[i] == 32 || cell[i] == 84 || cell[i] == 116) || part < 2 { return .invalid }
        if part == 1, separators.0 == 45, digits.0 == 4, digits.1 == 2, i == end {
            return month(numbers.0, numbers.1, day: 1)  // 2026-07
        }
        guard part == 2, separators.0 == separators.1, digits.0 > 0, digits.1 > 0, digits.2 > 0 else {
            return .invalid
        }
        switch separators.0 {
        case 45 where digits.0 == 4, 47 where digits.0 == 4:  // 2026-07-15, 2026/07/15
            guard digits.1 <= 2, digits.2 <= 2 else { return .invalid }
            return month(numbers.0, numbers.1, day: numbers.2)
        case 45, 47:  // 07/15/2026, 7/15/26, 07-15-2026
            guard digits.0 <= 2, digits.1 <= 2, digits.2 == 4 || digits.2 == 2 else { return .invalid }
            let year = digits.2 == 2 ? 2000 + numbers.2 : numbers.2
            if numbers.0 > 12, numbers.1 <= 12 { return .dayFirst }
            return month(year, numbers.0, day: numbers.1)
        case 46:  // 15.07.2026
            guard digits.0 <= 2, digits.1 <= 2, digits.2 == 4 else { return .invalid }
            return month(numbers.2, numbers.1, day: numbers.0)
        default:
            return .invalid
        }
    }

    /// Reads a cell given as text.
    public static func read(_ text: String) -> Reading {
        var text = text
        return text.withUTF8 { read($0) }
    }

    private static func month(_ year: Int, _ month: Int, day: Int) -> Reading {
        guard (1000...9999).contains(year), (1...12).contains(month), day >= 1, day <= days(in: month, of: year) else {
            return .invalid
        }
        return .month(year * 12 + month - 1)
    }

    private static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
