/// How a goal is pacing: what the actuals bring to date, against the plan
/// to date, and the forecast for its whole period against its target.
public struct PacingRow: Equatable, Sendable {
    /// The goal.
    public var goal: GoalID
    /// The months of the goal's period that have actuals: through the end
    /// of actuals, or the whole period once it is past. Nil when none has.
    public var toDateThrough: Period?
    /// The metric's actuals over those months (added up, averaged, or the
    /// last, as it rolls up).
    public var toDate: Outcome?
    /// The plan over the same months.
    public var planToDate: Outcome?
    /// The forecast for the whole period: actuals where recorded, the plan
    /// where not, formulas for the rest.
    public var forecast: Outcome
    /// Whether the forecast meets the target; nil if unknown.
    public var onTrack: Bool?
    /// Forecast minus target.
    public var gap: Double?
}

extension Analysis {
    /// The goals due in `period` or in a period inside it, each paced:
    /// actuals to date (through `Workspace.actualsEnd`), plan to date, the
    /// forecast and whether it meets the target. Ordered by period, then name.
    public func pacing(in period: Period) -> [PacingRow] {
        let forecast = evaluator(.forecast)
        let actual = evaluator(.actual)
        let planned = evaluator(.plan)
        let end = workspace.actualsEnd
        var rows: [PacingRow] = []
        let goals = workspace.goals.all.filter { period.contains($0.entity.period) }.sorted {
            ($0.entity.period, $0.entity.name) < ($1.entity.period, $1.entity.name)
        }
        for (id, goal) in goals {
            if isCancelled() { break }
            let whole = forecast.value(goal.metric, in: goal.period)
            var row = PacingRow(goal: id, forecast: whole)
            if let n = whole.number {
                row.onTrack = goal.comparison.isMet(n, target: goal.target)
                row.gap = Comparison.gap(n, target: goal.target)
            }
            if let end, end.firstMonth >= goal.period.firstMonth {
                row.toDateThrough = Period.month(min(end.firstMonth, goal.period.endMonth - 1))
                row.toDate = Analysis.toDate(goal.metric, in: goal.period, through: end, actual)
                row.planToDate = planToDate(goal.metric, in: goal.period, through: end, planned)
            }
            rows.append(row)
        }
        return rows
    }

    /// A metric over the months of `period` through `end` (the part of the
    /// period to date), rolled up as the metric rolls up; nil when the
    /// period starts after `end`.
    public static func toDate(_ id: MetricID, in period: Period, through end: Period, _ evaluator: Evaluator) -> Outcome? {
        guard end.firstMonth >= period.firstMonth else { return nil }
        let last = min(end.endMonth, period.endMonth)
        return value(of: id, over: tiling(from: period.firstMonth, to: last), evaluator)
    }

    /// The plan over the part of `period` to date. A plan a flow's formula
    /// metric has of its own for a longer period that the part to date cuts
    /// (bookings planned top-down for Q2, two of its months to date) is
    /// phased over that period as its drivers' plans are: its share to date
    /// is what the drivers' plans imply to date over what they imply for
    /// the whole. So the plan to date grows month by month towards the
    /// top-down figure, instead of jumping to it when the period closes.
    func planToDate(_ id: MetricID, in period: Period, through end: Period, _ planned: Evaluator) -> Outcome? {
        guard end.firstMonth >= period.firstMonth else { return nil }
        let tiles = Self.tiling(from: period.firstMonth, to: min(end.endMonth, period.endMonth))
        let own = workspace.planList(of: id).map(\.period)
        func cut(_ t: Period) -> Period? {
            own.filter { $0 != t && $0.contains(t) }.min { $0.grain.months < $1.grain.months }
        }
        guard planned.aggregation(of: id) == .sum, tiles.contains(where: { cut($0) != nil }),
            let implied = impliedPlan(of: id, over: [period], planned)
        else { return Self.toDate(id, in: period, through: end, planned) }
        var sum = 0.0
        for t in tiles {
            let outcome: Outcome
            if let whole = cut(t) {
                let (planWhole, impliedWhole) = (planned.value(id, in: whole), implied.value(id, in: whole))
                guard let w = planWhole.number else { return planWhole }
                guard let all = impliedWhole.number, all != 0 else { return Self.toDate(id, in: period, through: end, planned) }
                outcome = implied.value(id, in: t).number.map { .known(w * $0 / all) } ?? implied.value(id, in: t)
            } else {
                outcome = planned.value(id, in: t)
            }
            guard let n = outcome.number else { return outcome }
            sum += n
        }
        return .known(sum)
    }

    /// The fewest whole periods that tile the months `from..<to`: the longest first.
    static func tiling(from start: Int, to end: Int) -> [Period] {
        var result: [Period] = []
        var month = start
        while month < end {
            let grain = Period.Grain.allCases.reversed().first { g in
                month % g.months == 0 && month + g.months <= end
            } ?? .month
            if let p = Period(grain: grain, year: month / 12, index: month % 12 / grain.months + 1) { result.append(p) }
            month += grain.months
        }
        return result
    }

    /// A metric over periods that follow one another, rolled up by its
    /// aggregation (a mean weighted by the periods' lengths).
    static func value(of id: MetricID, over periods: [Period], _ evaluator: Evaluator) -> Outcome {
        var parts: [(Double, Int)] = []
        for p in periods {
            let outcome = evaluator.value(id, in: p)
            guard let n = outcome.number else { return outcome }
            parts.append((n, p.grain.months))
        }
        guard let first = parts.first, let last = parts.last else { return .missing(id, periods.first!) }
        switch evaluator.aggregation(of: id) {
        case .sum: return .known(parts.reduce(0) { $0 + $1.0 })
        case .average:
            let months = parts.reduce(0) { $0 + $1.1 }
            return .known(parts.reduce(0) { $0 + $1.0 * Double($1.1) } / Double(months))
        case .last: return .known(last.0)
        case .first: return .known(first.0)
        }
    }
}
