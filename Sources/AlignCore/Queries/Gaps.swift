/// A goal's target against the value its metric has in a period.
public struct GoalGap: Equatable, Sendable {
    /// The goal.
    public var goal: GoalID
    /// The metric's value in the period, or why there is none.
    public var value: Outcome
    /// Where the value comes from.
    public var source: ValueSource?
    /// Whether the target is met; nil without a value.
    public var met: Bool?
    /// How far the value is from the target, signed: value minus target.
    public var difference: Double?
    /// The shortfall (positive when the goal is missed) as a share of the target.
    public var shortfallShare: Double?
}

extension Analysis {
    /// Every goal due in `period` against its metric's value there: missed
    /// goals first, the furthest from target first; then met goals; then
    /// goals without a value. A goal due in another period is not measured
    /// against this one's value (a Q4 target is not missed in Q3).
    public func gaps(in period: Period) -> [GoalGap] {
        let ws = workspace
        var result: [GoalGap] = []
        for (id, goal) in ws.goals.all where goal.period == period {
            let outcome = evaluator.value(goal.metric, in: period)
            var gap = GoalGap(goal: id, value: outcome, source: evaluator.source(goal.metric, in: period))
            if let value = outcome.number {
                gap.met = goal.comparison.isMet(value, target: goal.target)
                let difference = Comparison.gap(value, target: goal.target)
                gap.difference = difference
                let shortfall: Double
                switch goal.comparison {
                case .atLeast: shortfall = -difference
                case .atMost: shortfall = difference
                case .equal: shortfall = abs(difference)
                }
                gap.shortfallShare = goal.target != 0 ? shortfall / abs(goal.target) : nil
            }
            result.append(gap)
        }
        func rank(_ g: GoalGap) -> (Int, Double) {
            guard let met = g.met else { return (2, 0) }
            return (met ? 1 : 0, -(g.shortfallShare ?? 0))
        }
        return result.enumerated().sorted { a, b in
            let ra = rank(a.element)
            let rb = rank(b.element)
            if ra.0 != rb.0 { return ra.0 < rb.0 }
            if ra.1 != rb.1 { return ra.1 < rb.1 }
            return a.offset < b.offset
        }.map(\.element)
    }
}
