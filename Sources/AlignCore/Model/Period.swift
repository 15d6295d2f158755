/// A span of calendar time that values and goals are recorded against:
/// a year (`2026`), a half (`2026-H2`), a quarter (`2026-Q3`) or a month
/// (`2026-07`).
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How long a period is.
    public enum Grain: Int, Sendable, Comparable, CaseIterable {
        case month = 1, quarter = 3, half = 6, year = 12

        /// The number of months in one period of this grain.
        public var months: Int { rawValue }

        public static func < (lhs: Grain, rhs: Grain) -> Bool { lhs.rawValue < rhs.rawValue }

        /// The grain's word: `month`, `quarter`, `half`, `year`.
        public var word: String {
            switch self {
            case .month: return "month"
            case .quarter: return "quarter"
            case .half: return "half"
            case .year: return "year"
            }
        }

        /// The grain a word names.
        public init?(word: String) {
            guard let grain = Grain.allCases.first(where: { $0.word == word }) else { return nil }
            self = grain
        }
    }

    /// The grain of the period.
    public let grain: Grain
    /// Stored narrow: a period is four bytes, and a workspace keys a million
    /// values by period.
    private let storedYear: Int16
    private let storedIndex: UInt8

    /// The calendar year.
    public var year: Int { Int(storedYear) }
    /// The 1-based position within the year (half 1–2, quarter 1–4, month 1–12; 1 for a year).
    public var index: Int { Int(storedIndex) }

    /// The years a period may name.
    public static let years = 1000...9999

    /// Makes a period, or nil when the index does not fit the grain.
    public init?(grain: Grain, year: Int, index: Int) {
        guard Period.years.contains(year), index >= 1, index <= 12 / grain.months else { return nil }
        self.grain = grain
        self.storedYear = Int16(year)
        self.storedIndex = UInt8(index)
    }

    /// Parses `2026`, `2026-H2`, `2026-Q3` or `2026-07`.
    public init?(_ text: some StringProtocol) {
        self.init(utf8: Array(text.utf8)[...])
    }

    /// Parses a period written as UTF-8 bytes.
    public init?(utf8 bytes: ArraySlice<UInt8>) {
        let s = bytes.startIndex
        guard bytes.count >= 4, let year = Period.digits(bytes[s..<s + 4]) else { return nil }
        if bytes.count == 4 {
            self.init(grain: .year, year: year, index: 1)
            return
        }
        guard bytes.count == 7, bytes[s + 4] == UInt8(ascii: "-") else { return nil }
        let tag = bytes[s + 5]
        if tag == UInt8(ascii: "H") || tag == UInt8(ascii: "h"), let n = Period.digits(bytes[(s + 6)...]) {
            self.init(grain: .half, year: year, index: n)
        } else if tag == UInt8(ascii: "Q") || tag == UInt8(ascii: "q"), let n = Period.digits(bytes[(s + 6)...]) {
            self.init(grain: .quarter, year: year, index: n)
        } else if let n = Period.digits(bytes[(s + 5)...]) {
            self.init(grain: .month, year: year, index: n)
        } else {
            return nil
        }
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var n = 0
        for b in bytes {
            guard b >= 48, b <= 57 else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }

    /// The period in 32 bits (year, grain, index), for compact records;
    /// the top bit is always clear.
    public var packed: UInt32 {
        UInt32(UInt16(bitPattern: storedYear)) << 16 | UInt32(grain.rawValue) << 8 | UInt32(storedIndex)
    }

    /// The period `packed` gave.
    public init(packed: UInt32) {
        self.storedYear = Int16(bitPattern: UInt16(truncatingIfNeeded: packed >> 16))
        self.grain = Grain(rawValue: Int(packed >> 8 & 0xFF))!
        self.storedIndex = UInt8(truncatingIfNeeded: packed)
    }

    /// Hashes the four bytes at once.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(packed)
    }

    /// Months since year 0 of the first month in the period.
    public var firstMonth: Int { year * 12 + (index - 1) * grain.months }

    /// The canonical spelling: `2026`, `2026-H2`, `2026-Q3`, `2026-07`.
    public var description: String {
        switch grain {
        case .year: return String(year)
        case .half: return "\(year)-H\(index)"
        case .quarter: return "\(year)-Q\(index)"
        case .month: return index < 10 ? "\(year)-0\(index)" : "\(year)-\(index)"
        }
    }

    /// The periods one grain finer that make up this one (none for a month).
    public var children: [Period] {
        let finer: Grain
        switch grain {
        case .year: finer = .half
        case .half: finer = .quarter
        case .quarter: finer = .month
        case .month: return []
        }
        let count = grain.months / finer.months
        let first = (index - 1) * count + 1
        return (first..<(first + count)).compactMap { Period(grain: finer, year: year, index: $0) }
    }

    /// The periods one grain coarser that contain this one, up to the year.
    public var ancestors: [Period] {
        Grain.allCases.filter { $0 > grain }.compactMap { g in
            Period(grain: g, year: year, index: (firstMonth - year * 12) / g.months + 1)
        }
    }

    /// Whether `other` lies within this period.
    public func contains(_ other: Period) -> Bool {
        other.firstMonth >= firstMonth && other.firstMonth + other.grain.months <= firstMonth + grain.months
    }

    /// Whether the two periods share a month.
    public func overlaps(_ other: Period) -> Bool { firstMonth < other.endMonth && other.firstMonth < endMonth }

    /// Chronological order; a coarser period sorts before the finer ones it starts with.
    public static func < (lhs: Period, rhs: Period) -> Bool {
        if lhs.firstMonth != rhs.firstMonth { return lhs.firstMonth < rhs.firstMonth }
        return lhs.grain > rhs.grain
    }
}

extension Period {
    /// A span of periods as answers write it: `2026-03 .. 2026-07`, or one
    /// period when the two are the same.
    public static func span(_ first: Period, _ last: Period) -> String {
        first == last ? "\(first)" : "\(first) .. \(last)"
    }

    /// The span from the first of `periods` to the last; empty for none.
    public static func span(_ periods: [Period]) -> String {
        guard let first = periods.first, let last = periods.last else { return "" }
        return span(first, last)
    }
}
