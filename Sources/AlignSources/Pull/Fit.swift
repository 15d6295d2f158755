/// A conversion measured from pairs of dates: of the rows that reached the
/// first stage in a month, the share that reached the second, and how many
/// whole months later (the lag profile a `profile(...)` formula takes).
public struct Fit: Equatable, Sendable {
    /// Conversions at each lag, from 0 months up to `lags.count - 1`.
    public var lags: [Int]
    /// Rows that reached the first stage in the months used.
    public var candidates: Int
    /// Of them, those that reached the second within the longest lag kept.
    public var converted: Int
    /// The months used (counted from year 0), first and last.
    public var months: ClosedRange<Int>
    /// Months with rows left out as too recent to have converted in full.
    public var recentMonths: Int
    /// Rows whose second date comes before the first, left out.
    public var earlier: Int
    /// Conversions later than the longest lag kept, left out.
    public var later: Int

    /// The share that converts.
    public var share: Double { candidates == 0 ? 0 : Double(converted) / Double(candidates) }

    /// The share of the conversions at each lag.
    public var profile: [Double] { lags.map { converted == 0 ? 0 : Double($0) / Double(converted) } }

    /// The longest lag kept covers this share of all conversions.
    public static let coverage = 0.99
    /// Lags past two years are not kept.
    public static let longestLag = 24

    /// Measures the conversion in `counts`; nil when no row converted.
    ///
    /// The longest lag kept is the shortest that covers 99% of the
    /// conversions. Months too recent for that lag to have passed are left
    /// out (unless no month is old enough), so that the share is not made
    /// small by rows that have not had the time to convert.
    public init?(_ counts: PairCounts) {
        var all: [Int: Int] = [:]
        for (_, byLag) in counts.cohorts {
            for case (let lag?, let n) in byLag { all[lag, default: 0] += n }
        }
        let total = all.values.reduce(0, +)
        guard total > 0, let last = counts.lastMonth else { return nil }
        var longest = 0
        var covered = 0
        for lag in all.keys.sorted() {
            covered += all[lag]!
            longest = lag
            if Double(covered) >= Fit.coverage * Double(total) { break }
        }
        longest = min(longest, Fit.longestLag)
        let complete = counts.cohorts.keys.filter { $0 + longest <= last }
        let used = complete.isEmpty ? Array(counts.cohorts.keys) : complete
        lags = [Int](repeating: 0, count: longest + 1)
        candidates = 0
        later = 0
        for month in used {
            for (lag, n) in counts.cohorts[month]! {
                candidates += n
                guard let lag else { continue }
                if lag <= longest { lags[lag] += n } else { later += n }
            }
        }
        converted = lags.reduce(0, +)
        months = used.min()!...used.max()!
        recentMonths = counts.cohorts.count - used.count
        earlier = counts.earlier
    }

    /// Percentages that add up to exactly 100: each share rounded down, and
    /// the points left over given to the largest remainders.
    public static func wholePercents(_ shares: [Double]) -> [Int] {
        let raw = shares.map { $0 * 100 }
        var whole = raw.map { Int($0.rounded(.down)) }
        var left = 100 - whole.reduce(0, +)
        let order = raw.indices.sorted { raw[$0] - Double(whole[$0]) > raw[$1] - Double(whole[$1]) }
        for i in order where left > 0 {
            whole[i] += 1
            left -= 1
        }
        return whole
    }

    /// The formula line to paste: `metric sqls = profile(mqls, 1m, 20%, 50%, 30%) * 40%`;
    /// a single lag is written as an offset (`mqls[-1m] * 40%`).
    public func formula(metric: String, upstream: String) -> String {
        var percents = Fit.wholePercents(profile)
        while percents.count > 1, percents.last == 0 { percents.removeLast() }
        let rate = (share * 1000).rounded() / 10
        let rateText = rate == rate.rounded() ? String(Int(rate)) : String(rate)
        let input: String
        if let only = percents.firstIndex(of: 100) {
            input = only == 0 ? upstream : "\(upstream)[-\(only)m]"
        } else {
            input = "profile(\(upstream), 1m, " + percents.map { "\($0)%" }.joined(separator: ", ") + ")"
        }
        return "metric \(metric) = \(input) * \(rateText)%"
    }
}
