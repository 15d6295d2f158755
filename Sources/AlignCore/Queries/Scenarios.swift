/// What a kept scenario does: to a metric in a period, and to every goal.
public struct ScenarioEffect: Equatable, Sendable {
    /// The scenario's name.
    public var name: String
    /// How many values it sets.
    public var settings: Int
    /// The metric looked at (revenue, by default), in `period`, before and after.
    public var metric: MetricID?
    public var period: Period
    public var before: Outcome?
    public var after: Outcome?
    /// Each goal it moves: its value in its own period, before and after.
    public var goals: [GoalChange]

    /// A goal's value before and after.
    public struct GoalChange: Equatable, Sendable {
        public var goal: GoalID
        public var before: Outcome
        public var after: Outcome
        public var metBefore: Bool?
        public var metAfter: Bool?
    }
}

/// What `adopt` writes into the plan: the scenario's values, and what it
/// does to longer plan values of the same metrics so that the plan still
/// adds up across grains.
public struct Adoption: Equatable, Sendable {
    /// A plan value: a metric, a period, a number.
    public struct Value: Equatable, Sendable {
        public var metric: MetricID
        public var period: Period
        public var value: Double
    }
    /// The scenario's values, each the finest it sets, worked out on the
    /// forecast (the workspace as queries read it, as `compare` shows it).
    public var written: [Value]
    /// Plan values for longer periods holding an adopted one: removed, as
    /// they no longer agree with the periods inside them.
    public var replaced: [Value] = []
    /// What those longer plan values said for their periods outside the
    /// scenario, written as the fewest whole periods, so the plan there is kept.
    public var carried: [Value] = []
    /// Replaced values whose other periods have no number to carry: the
    /// plan there is gone.
    public var dropped: [Value] = []
}

extension Analysis {
    /// What adopting a scenario writes: each finest value it sets becomes a
    /// plan value; a plan value of the same metric for a longer period
    /// holding one of them is replaced by its plan for the periods the
    /// scenario leaves alone (the fewest whole periods that cover them), so
    /// a year's plan rolls up from its parts again.
    public func adoption(of scenario: Scenario) -> Adoption {
        let settings = settings(for: scenario)
        // Each finest value set is written; the longer periods they roll up to follow.
        let finest = settings.filter { s in
            !settings.contains { $0.0 == s.0 && $0.1 != s.1 && s.1.contains($0.1) }
        }
        // (Worked out, `1,300 × 1.1` is 1430.0000000000002: the plan keeps 1430.)
        var adoption = Adoption(
            written: finest.map { Adoption.Value(metric: $0.0, period: $0.1, value: Noise.cleaned($0.2)) })
        let planned = evaluator(.plan)
        var metrics: [MetricID] = []
        for (id, _, _) in finest where !metrics.contains(id) { metrics.append(id) }
        for id in metrics {
            let adopted = finest.filter { $0.0 == id }.map(\.1)
            let own = workspace.planList(of: id)
            let stale = own.filter { o in adopted.contains { o.period != $0 && o.period.contains($0) } }
            for old in stale {
                // The months the scenario leaves alone that no other plan
                // value (its own, or a kept longer one) already says.
                let free = (old.period.firstMonth..<old.period.endMonth).filter { m in
                    let month = Period.month(m)!
                    return !adopted.contains { $0.contains(month) }
                        && !own.contains { o in o.period.contains(month) && !stale.contains { $0.period == o.period } }
                }
                // Each run of them, as the fewest whole periods.
                var runs: [Range<Int>] = []
                for m in free {
                    if let last = runs.last, last.upperBound == m { runs[runs.count - 1] = last.lowerBound..<m + 1 } else { runs.append(m..<m + 1) }
                }
                var lost = false
                for part in runs.flatMap({ Analysis.tiling(from: $0.lowerBound, to: $0.upperBound) }) {
                    guard let value = planned.value(id, in: part).number else {
                        lost = true
                        continue
                    }
                    adoption.carried.append(Adoption.Value(metric: id, period: part, value: value))
                }
                let value = Adoption.Value(metric: id, period: old.period, value: old.value)
                if lost { adoption.dropped.append(value) } else { adoption.replaced.append(value) }
            }
        }
        return adoption
    }

    /// The values a scenario sets, as the workspace is now.
    public func settings(for scenario: Scenario) -> [(MetricID, Period, Double)] {
        scenario.items.flatMap { settings(for: $0) }
    }

    /// The period a scenario is read in by default: the year of its first change.
    public func period(of scenario: Scenario) -> Period? {
        let first = settings(for: scenario).map(\.1).min()
        return first.flatMap { Period(grain: .year, year: $0.year, index: 1) }
    }

    /// An evaluator of the workspace with a scenario's values set.
    func evaluator(with scenario: Scenario) -> Evaluator {
        let settings = settings(for: scenario)
        var stale: [MetricID] = []
        var seen = Set<MetricID>()
        for (id, _, _) in settings where seen.insert(id).inserted {
            stale.append(id)
            stale += graph.downstream(of: id, followLinks: false)
        }
        return Evaluator(reusing: evaluator, overrides: settings, stale: stale)
    }

    /// What a scenario does to `metric` (revenue by default) in `period`
    /// (the year of its first change by default), and to every goal it moves.
    public func effect(of scenario: Scenario, on metric: MetricID? = nil, in period: Period? = nil) -> ScenarioEffect {
        let base = evaluator
        let after = evaluator(with: scenario)
        let p = period ?? self.period(of: scenario) ?? base.endMonth.flatMap { Period.month($0 - 1) }
            ?? Period(grain: .year, year: 2000, index: 1)!
        let target = metric ?? workspace.revenue
        var effect = ScenarioEffect(
            name: scenario.name, settings: settings(for: scenario).count, metric: target, period: p,
            before: target.map { base.value($0, in: p) }, after: target.map { after.value($0, in: p) }, goals: [])
        for (id, goal) in workspace.goals.all {
            let a = base.value(goal.metric, in: goal.period)
            let b = after.value(goal.metric, in: goal.period)
            guard a != b else { continue }
            effect.goals.append(
                ScenarioEffect.GoalChange(
                    goal: id, before: a, after: b, metBefore: a.number.map { goal.comparison.isMet($0, target: goal.target) },
                    metAfter: b.number.map { goal.comparison.isMet($0, target: goal.target) }))
        }
        return effect
    }

    /// A metric today and under each scenario, in `period` and the periods
    /// one grain finer inside it (the quarters of a year, the months of a quarter).
    public func compare(_ scenarios: [Scenario], on metric: MetricID, in period: Period)
        -> (periods: [Period], today: [Outcome], scenarios: [[Outcome]])
    {
        // A year by its quarters; a half by its quarters; a quarter by its months.
        var periods = period.grain == .year ? period.children.flatMap(\.children) : period.children
        periods.append(period)
        let base = evaluator
        return (
            periods, periods.map { base.value(metric, in: $0) },
            scenarios.map { s in
                let after = evaluator(with: s)
                return periods.map { after.value(metric, in: $0) }
            }
        )
    }
}
