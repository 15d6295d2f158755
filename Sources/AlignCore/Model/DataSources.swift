/// Where rows come from: a CRM or marketing-automation export (CSV), an
/// SQLite file, or a PostgreSQL database. A source is only a name and a
/// place; nothing is read until `refresh` pulls the actuals defined on it.
public struct DataSource: Equatable, Sendable, Named {
    /// What kind of place the rows are in.
    public enum Kind: String, Sendable, CaseIterable {
        case csv, sqlite, postgres
    }

    /// The source's name, unique among sources.
    public var name: String
    /// What kind of place.
    public var kind: Kind
    /// The file (csv, sqlite) or the connection string (postgres), as written.
    public var location: String
    /// The table that `count()`, `sum()` and `avg()` read (sqlite, postgres).
    public var table: String?
    /// The folder a relative file path starts from: that of the script that
    /// named the source, or the working folder.
    public var folder: String

    /// Makes a source.
    public init(name: String, kind: Kind, location: String, table: String? = nil, folder: String = ".") {
        self.name = name
        self.kind = kind
        self.location = location
        self.table = table
        self.folder = folder
    }
}

/// Identifies a source.
public typealias SourceID = EntityID<DataSource>

/// How a metric's actual values are pulled from a source: rows counted,
/// summed or averaged by the month of a date column, or a query of one's own.
public struct ActualsDefinition: Equatable, Sendable {
    /// What is made of the rows of a period.
    public enum Aggregate: Equatable, Sendable {
        case count
        case sum(String)
        case avg(String)

        /// The column read, if any.
        public var column: String? {
            switch self {
            case .count: return nil
            case .sum(let c), .avg(let c): return c
            }
        }
    }

    /// A condition on a column: `Stage = "Closed Won"`, `Won = true`, `Amount = 0`.
    public struct Filter: Equatable, Sendable {
        /// What a cell is compared with.
        public enum Value: Equatable, Sendable {
            /// Text, compared exactly (blanks around a cell set aside).
            case text(String)
            /// true or false: `true`, `1`, `yes` (any case) are true.
            case boolean(Bool)
            /// A number, compared with the cell read as an amount.
            case number(Double)
        }

        /// The column, as written.
        public var column: String
        /// The value.
        public var value: Value

        /// Makes a filter.
        public init(column: String, value: Value) {
            self.column = column
            self.value = value
        }
    }

    /// How the rows become values.
    public enum Pull: Equatable, Sendable {
        /// `count()`, `sum(COL)` or `avg(COL)` of the rows, by the period of a date column.
        case rows(Aggregate, date: String, filters: [Filter])
        /// A query whose first column is a period or a date and whose second is a number.
        case sql(String)
    }

    /// The source pulled from.
    public var source: SourceID
    /// How.
    public var pull: Pull
    /// The periods values land in; nil for the grain the metric is recorded
    /// at (months when it has no values yet).
    public var grain: Period.Grain?

    /// Makes a definition.
    public init(source: SourceID, pull: Pull, grain: Period.Grain? = nil) {
        self.source = source
        self.pull = pull
        self.grain = grain
    }
}

extension Period.Grain {
    /// How the grain is written: month, quarter, half, year.
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
        guard let grain = Period.Grain.allCases.first(where: { $0.word == word }) else { return nil }
        self = grain
    }
}
