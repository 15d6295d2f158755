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
    public let amount: Int
    /// Which unit.
    public let unit: Unit

    /// Makes a lag of `amount` units; negative amounts are not lags.
    public init?(amount: Int, unit: Unit) {
        guard amount >= 0 else { return nil }
        self.amount = amount
        self.unit = unit
    }

    /// Parses `30d`, `6w`, `2m`, `2q` or `1y`.
    public init?(_ text: some StringProtocol) {
        guard let last = text.last, let unit = Unit(rawValue: last) else { return nil }
        let number = text.dropLast()
        guard !number.isEmpty, number.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), number.count <= 6,
            let amount = Int(String(number))
        else { return nil }
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
