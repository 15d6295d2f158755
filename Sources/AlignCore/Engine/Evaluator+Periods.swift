/// Which periods a value reads: an offset's window, a value made of its
/// finer periods, nothing before the first recorded value.
extension Evaluator {
    /// The periods a read `months` earlier covers from `period`: one period
    /// of the same grain when the offset is a whole number of them, else the
    /// shorter periods that tile the shifted span (a quarter a month back is
    /// three months). Nil when the span starts before the calendar.
    public static func window(of period: Period, back months: Int) -> [Period]? {
        let grain = Period.Grain.allCases.reversed().first { $0 <= period.grain && months % $0.months == 0 } ?? .month
        let start = period.firstMonth - months
        var result: [Period] = []
        result.reserveCapacity(period.grain.months / grain.months)
        for month in stride(from: start, to: start + period.grain.months, by: grain.months) {
            guard month >= 0, let part = Period(grain: grain, year: month / 12, index: month % 12 / grain.months + 1)
            else { return nil }
            result.append(part)
        }
        return result
    }

    /// Whether a formula metric's value in a period is its finer periods'
    /// results combined, not its formula there: for a metric that adds up
    /// (or takes the last or first), when finer values are recorded inside
    /// the period, or when an offset on its way is not a whole number of
    /// such periods.
    func combinesChildren(_ m: Int, _ period: Period, finer: Bool) -> Bool {
        period.grain != .month && plan.aggregations[m] != .average && (finer || period.grain > plan.aligned[m])
    }

    /// Whether a period ends before the first recorded value: what reads
    /// earlier periods has nothing to start from there.
    func isBeforeFloor(_ period: Period) -> Bool {
        guard let floorMonth else { return true }
        return period.firstMonth + period.grain.months <= floorMonth
    }
}
