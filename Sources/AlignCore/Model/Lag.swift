/// A delay between a driver and what it drives: `30d`, `6w`, `2m`, `2q`, `1y`.
public struct Lag: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The calendar unit of a lag.
    public enum Unit: Character, Sendable, CaseIterable {
        case day = "d", week = "w", month = "m", quarter = "q", year = "y"

        /// The unit's length in days, months counted as a twelfth of a year.
        var days: Double {
            switch self {
            case .day: return 1
            case .week: return 7
            case .month: return 365.25 / 12
            case .quarter: return 365.25 / 4
            case .year: return 365.25
            }
        }
    }

    /// How many units.
    public var amount: Int { Int(storedAmount) }
    /// In 32 bits: a lag is part of every link.
    private let storedAmount: Int32
    /// Which unit.
    public let unit: Unit

    /// Makes a lag of `amount` units; negative amounts are not lags.
    public init?(amount: Int, unit: Unit) {
        guard amount >= 0, let stored = Int32(exactly: amount) else { return nil }
        self.storedAmount = stored
        self.unit = unit
    }

    /// Parses `30d`, `6w`, `2m`, `2q` or `1y`: up to six digits and a unit,
    /// read as bytes (a link's lag is parsed once a line of a script).
    public init?(_ text: some StringProtocol) {
        var amount = 0
        var digits = 0
        var unit: Unit?
        for byte in text.utf8 {
            guard unit == nil else { return nil }
            switch byte {
            case 48...57:
                digits += 1
                guard digits <= 6 else { return nil }
                amount = amount * 10 + Int(byte - 48)
            case UInt8(ascii: "d"): unit = .day
            case UInt8(ascii: "w"): unit = .week
            case UInt8(ascii: "m"): unit = .month
            case UInt8(ascii: "q"): unit = .quarter
            case UInt8(ascii: "y"): unit = .year
            default: return nil
            }
        }
        guard let unit, digits > 0 else { return nil }
        self.init(amount: amount, unit: unit)
    }

    /// The lag's length in days (months are a twelfth of a year).
    public var days: Double { Double(amount) * unit.days }

    /// The zero lag.
    public static let zero = Lag(amount: 0, unit: .day)!

    public var description: String { "\(amount)\(unit.rawValue)" }

    /// Adds two lags; the result is in days unless both share a unit.
    public static func + (lhs: Lag, rhs: Lag) -> Lag {
        if lhs.amount == 0 { return rhs }
        if rhs.amount == 0 { return lhs }
        if lhs.unit == rhs.unit { return Lag(amount: lhs.amount + rhs.amount, unit: lhs.unit)! }
        return Lag(amount: Int((lhs.days + rhs.days).rounded()), unit: .day)!
    }

    public static func < (lhs: Lag, rhs: Lag) -> Bool { lhs.days < rhs.days }
}

/// A delay in calendar units, kept in the units it was written in: a link
/// of `1q` after an offset of `[-1m]` is `1q 1m`, never turned into days
/// nor into `4m`.
public struct CalendarLag: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How many of each unit, longest first: years, halves, quarters, months, weeks, days.
    public private(set) var amounts: [Int] = [0, 0, 0, 0, 0, 0]
    private static let letters = ["y", "h", "q", "m", "w", "d"]
    private static let days = [365.25, 365.25 / 2, 365.25 / 4, 365.25 / 12, 7, 1]

    /// No delay.
    public init() {}

    /// A link's lag, in its unit.
    public init(_ lag: Lag) {
        let position: Int
        switch lag.unit {
        case .year: position = 0
        case .quarter: position = 2
        case .month: position = 3
        case .week: position = 4
        case .day: position = 5
        }
        amounts[position] = lag.amount
    }

    /// An offset of a formula, in its unit.
    public init(_ offset: Offset) {
        let position: Int
        switch offset.unit {
        case .year: position = 0
        case .half: position = 1
        case .quarter: position = 2
        case .month: position = 3
        }
        amounts[position] = offset.steps
    }

    /// No delay.
    public static let zero = CalendarLag()

    /// About how many days, for comparing with a horizon (a month is a twelfth of a year).
    public var approximateDays: Double { zip(amounts, Self.days).reduce(0) { $0 + Double($1.0) * $1.1 } }

    public static func + (a: CalendarLag, b: CalendarLag) -> CalendarLag {
        var sum = a
        for i in sum.amounts.indices { sum.amounts[i] += b.amounts[i] }
        return sum
    }

    /// The lag `n` times over.
    public static func * (n: Int, lag: CalendarLag) -> CalendarLag {
        var product = lag
        for i in product.amounts.indices { product.amounts[i] *= n }
        return product
    }

    public static func < (a: CalendarLag, b: CalendarLag) -> Bool { a.approximateDays < b.approximateDays }

    /// `1q 1m`, `30d`; `0m` for none.
    public var description: String {
        let parts = zip(amounts, Self.letters).filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }
        return parts.isEmpty ? "0m" : parts.joined(separator: " ")
    }
}

/// The shortest and longest delay along a chain: a profile spreads its
/// effect over several months (`1m to 3m`).
public struct LagRange: Hashable, Sendable, CustomStringConvertible {
    public var shortest: CalendarLag
    public var longest: CalendarLag

    public init(_ shortest: CalendarLag, _ longest: CalendarLag) {
        self.shortest = shortest
        self.longest = longest
    }

    /// No delay.
    public static let zero = LagRange(.zero, .zero)

    public static func + (a: LagRange, b: LagRange) -> LagRange {
        LagRange(a.shortest + b.shortest, a.longest + b.longest)
    }

    /// `2m`, or `2m to 4m`.
    public var description: String {
        shortest == longest ? longest.description : "\(shortest) to \(longest)"
    }
}

/// How far ahead a team plans: the span its goals are set over.
public enum Horizon: String, Sendable, CaseIterable, Comparable {
    case month, quarter, half, year

    /// The horizon's length in days.
    public var days: Double {
        switch self {
        case .month: return 365.25 / 12
        case .quarter: return 365.25 / 4
        case .half: return 365.25 / 2
        case .year: return 365.25
        }
    }

    public static func < (lhs: Horizon, rhs: Horizon) -> Bool { lhs.days < rhs.days }
}
