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

extension Analysis {
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
