/// A plan value set top-down (on a metric with a formula: a budgeted
/// bookings number) beside the plan its drivers' plans imply in its period.
public struct TopDownPlan: Equatable, Sendable {
    /// The metric, which has a formula.
    public var metric: MetricID
    /// The period of its own plan value.
    public var period: Period
    /// Its own plan value there.
    public var plan: Double
    /// What its formula gives on its drivers' plans there; nil when that is unknown.
    public var implied: Double?

    /// Whether the two disagree by more than the rounding of arithmetic.
    public var disagrees: Bool {
        guard let implied else { return false }
        return !Noise.isSame(implied, plan)
    }

    /// Whether the two are apart by at least one part in two thousand of
    /// the plan: what a warning would show as 0.1% or more (30 USD on a
    /// 975,000 USD plan is not worth one).
    public var disagreesVisibly: Bool {
        guard disagrees, let implied else { return false }
        return abs(implied - plan) >= 0.0005 * abs(plan)
    }

    /// The plans set top-down in `after` that disagree visibly with what
    /// their drivers' plans imply, where that disagreement is new since
    /// `before`: the plan value, or what its drivers imply, is not what it was.
    public static func newlyAtOdds(before: [TopDownPlan], after: [TopDownPlan]) -> [TopDownPlan] {
        after.filter { now in
            guard now.disagreesVisibly else { return false }
            guard let was = before.first(where: { $0.metric == now.metric && $0.period == now.period }),
                Noise.isSame(was.plan, now.plan), let wasImplied = was.implied, let implied = now.implied
            else { return true }
            return !Noise.isSame(wasImplied, implied)
        }
    }
}

extension Analysis {
    /// Each plan value of a metric with a formula, beside what its drivers'
    /// plans imply in its period (its formula on them, as `variance` splits
    /// against), metric by metric, period by period.
    public func topDownPlans() -> [TopDownPlan] {
        var result: [TopDownPlan] = []
        for (id, metric) in workspace.metrics.all where metric.formula != nil {
            let own = workspace.planList(of: id)
            // One evaluator without the metric's own plan values reads all its periods.
            guard let first = own.first, let implied = impliedPlan(of: id, over: [first.period], evaluator(.plan)) else { continue }
            for (period, value) in own {
                if isCancelled() { return result }
                result.append(TopDownPlan(metric: id, period: period, plan: value, implied: implied.value(id, in: period).number))
            }
        }
        return result
    }
}
