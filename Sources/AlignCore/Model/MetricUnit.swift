/// What a metric's unit says about how its values combine.
///
/// Units are free text (`count`, `USD`, `ratio`, `percent`, `score`, ...);
/// a few are known: `ratio` and `percent` are shares, `score` is an index,
/// `count` counts things, and three capital letters name a currency.
public enum UnitClass: Sendable, Equatable {
    /// `ratio` or `percent`: a share, dimensionless.
    case share
    /// `score`: an index that neither adds up nor scales.
    case score
    /// `count`: a number of things.
    case count
    /// A currency such as `USD` or `EUR`.
    case currency(String)
    /// Any other unit, compared by name.
    case other(String)

    /// Classifies a unit's name.
    public init(_ unit: String) {
        // Up to seven bytes, lowered, packed into a word: compared at once
        // with the names below (this runs for every metric a formula reads).
        let count = unit.utf8.count
        var key: UInt64 = 0
        var upper = 0
        if count <= 7 {
            for c in unit.utf8 {
                let isUpper = c >= 65 && c <= 90
                if isUpper { upper += 1 }
                key = key << 8 | UInt64(isUpper ? c + 32 : c)
            }
        }
        if count == 3, upper == 3 {
            self = .currency(unit)
        } else if count <= 7, case let key = key | UInt64(count) << 56, let found = Self.names.first(where: { $0.key == key }) {
            self = found.kind
        } else {
            self = .other(unit)
        }
    }

    /// The names of shares, scores and counts, in lower case, each packed
    /// as `init` packs a unit, its length in the top byte. (No letter
    /// outside ASCII lowers to one of them.)
    private static let names: [(key: UInt64, kind: UnitClass)] = [
        ("ratio", UnitClass.share), ("percent", .share), ("%", .share), ("share", .share), ("score", .score),
        ("index", .score), ("count", .count), ("number", .count), ("#", .count),
    ].map { name, kind in (name.utf8.reduce(0) { $0 << 8 | UInt64($1) } | UInt64(name.utf8.count) << 56, kind) }

    /// How values at a finer grain combine into a coarser period when the
    /// metric does not say: shares and scores are averaged, the rest add up.
    public var defaultAggregation: Aggregation {
        switch self {
        case .share, .score: return .average
        case .count, .currency, .other: return .sum
        }
    }
}

/// How a metric's values at a finer grain roll up into a coarser period.
public enum Aggregation: String, Sendable, CaseIterable {
    /// Months add up to a quarter (counts, money).
    case sum
    /// A quarter is the mean of its months (rates, prices, scores).
    case average = "avg"
    /// A quarter takes its last month's value (balances, headcount).
    case last
    /// A quarter takes its first month's value (opening balances).
    case first
}

/// The comparison a goal makes between its metric and its target.
public enum Comparison: String, Sendable, CaseIterable {
    case atLeast = ">="
    case atMost = "<="
    case equal = "="

    /// Whether `value` meets `target` under this comparison, to a relative
    /// tolerance of one part in a billion.
    public func isMet(_ value: Double, target: Double) -> Bool {
        let tolerance = Comparison.tolerance(target)
        switch self {
        case .atLeast: return value >= target - tolerance
        case .atMost: return value <= target + tolerance
        case .equal: return abs(value - target) <= tolerance
        }
    }
    /// How near a value must be to a target to count as on it: one part in
    /// a billion (of 1 for a target below 1). Nearer than that, the rest is
    /// the rounding of the arithmetic (0.1 × 3 is 0.30000000000000004).
    public static func tolerance(_ target: Double) -> Double { 1e-9 * max(1, abs(target)) }

    /// How far a value is from a target, signed (value minus target), with
    /// a distance within `tolerance` read as none: a goal met exactly has a
    /// gap of 0, not -1.11e-16.
    public static func gap(_ value: Double, target: Double) -> Double {
        abs(value - target) <= tolerance(target) ? 0 : value - target
    }
}
