import AlignCore

/// What one pull asks of a source's rows: the rows whose conditions hold,
/// counted by the month of a date column, with a column added up.
public struct RowQuery: Equatable, Sendable {
    /// The date column that places a row in a month.
    public var date: String
    /// The column added up (for `sum` and `avg`), if any.
    public var value: String?
    /// The conditions a row must meet.
    public var filters: [ActualsDefinition.Filter]

    /// Makes a query.
    public init(date: String, value: String? = nil, filters: [ActualsDefinition.Filter] = []) {
        self.date = date
        self.value = value
        self.filters = filters
    }
}

/// One month's rows: how many, and the column's values added up and counted.
public struct MonthTotal: Equatable, Sendable {
    /// Rows in the month.
    public var rows = 0
    /// Rows with a value in the column added up.
    public var values = 0
    /// The values added up.
    public var sum = 0.0

    /// Makes a total.
    public init(rows: Int = 0, values: Int = 0, sum: Double = 0) {
        self.rows = rows
        self.values = values
        self.sum = sum
    }
}

/// What a pull brought back: totals by month (counted from year 0:
/// `year * 12 + month - 1`), and what was read to get them.
public struct PullResult: Equatable, Sendable {
    /// The totals of each month that has rows.
    public var months: [Int: MonthTotal] = [:]
    /// Rows read (all of a file's, or those a database counted).
    public var rowsRead = 0
    /// Rows that met the conditions but had no date, left out.
    public var rowsWithoutDate = 0

    /// Makes an empty result.
    public init() {}

    /// The values of an aggregate at a grain: months rolled up into
    /// quarters, halves or years; a count or sum is 0 in a period between
    /// the first and the last that has no rows; an average is the sum over
    /// the values counted, and has no value where none were.
    public func values(_ aggregate: ActualsDefinition.Aggregate, grain: Period.Grain) -> [(period: Period, value: Double)] {
        var periods: [Int: MonthTotal] = [:]
        for (month, total) in months {
            let start = month - month % grain.months
            periods[start, default: MonthTotal()].rows += total.rows
            periods[start, default: MonthTotal()].values += total.values
            periods[start, default: MonthTotal()].sum += total.sum
        }
        guard let first = periods.keys.min(), let last = periods.keys.max() else { return [] }
        var result: [(period: Period, value: Double)] = []
        for start in stride(from: first, through: last, by: grain.months) {
            let total = periods[start] ?? MonthTotal()
            let value: Double
            switch aggregate {
            case .count: value = Double(total.rows)
            case .sum: value = total.sum
            case .avg:
                guard total.values > 0 else { continue }
                value = total.sum / Double(total.values)
            }
            guard let period = Period(grain: grain, year: start / 12, index: (start % 12) / grain.months + 1) else {
                continue
            }
            result.append((period, value))
        }
        return result
    }
}

/// Rows that carry a first date, by its month, and by how many whole
/// months later their second date falls (nil: no second date).
public struct PairCounts: Equatable, Sendable {
    /// Rows by the month of the first date, then by lag.
    public var cohorts: [Int: [Int?: Int]] = [:]
    /// Rows whose second date comes before the first, left out.
    public var earlier = 0
    /// The latest month either date reaches: where the data ends.
    public var lastMonth: Int?

    /// Makes empty counts.
    public init() {}

    /// Counts one row.
    public mutating func add(first: Int, second: Int?, count: Int = 1) {
        lastMonth = max(lastMonth ?? first, max(first, second ?? first))
        if let second, second < first {
            earlier += count
            return
        }
        cohorts[first, default: [:]][second.map { $0 - first }, default: 0] += count
    }
}
