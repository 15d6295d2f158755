/// The plan beside the actuals: plan values, where actuals end, scenarios.
extension Workspace {
    /// Records (or, with nil, erases) a metric's plan value in a period.
    public mutating func setPlan(_ id: MetricID, _ period: Period, _ value: Double?) {
        guard plan(of: id, in: period) != value else { return }
        apply(.plan(id, period, value))
    }

    /// Erases a plan value.
    public mutating func removePlan(_ id: MetricID, _ period: Period) throws {
        guard plan(of: id, in: period) != nil else { throw WorkspaceError.noSuchPlan(id, period) }
        apply(.plan(id, period, nil))
    }

    /// Says where actuals end (nil: at the last recorded one).
    public mutating func setActualsCutoff(_ period: Period?) {
        guard actualsCutoff != period else { return }
        apply(.actualsCutoff(period))
    }

    /// The month that ends the period set with `actuals through`, or, when
    /// none is set, the last month of the latest value recorded at the
    /// finest grain any value is recorded at: what "to date" means. A value
    /// for a longer period (a rate given for the year, beside leads by
    /// month) is an assumption for that period, not a sign that its months
    /// have happened, so it does not move the end. Nil without actuals.
    public var actualsEnd: Period? {
        if let cutoff = actualsCutoff { return Period.month(cutoff.endMonth - 1) }
        return lastActualMonth
    }

    /// Where actuals end without `actuals through`: the last month of the
    /// latest value recorded at the finest grain any value is recorded at.
    public var lastActualMonth: Period? {
        guard let finest = valuesPerPeriod.keys.map(\.grain).min() else { return nil }
        let last = valuesPerPeriod.keys.filter { $0.grain == finest }.map(\.endMonth).max()!
        return Period.month(last - 1)
    }

    /// The periods the workspace speaks of, in order: those of its values,
    /// plan values and goals and the end of actuals, with the quarters,
    /// halves and years that hold them (what completion offers for a period).
    public var periodsInUse: [Period] {
        var used = Set(valuesPerPeriod.keys).union(plansPerPeriod.keys)
        for goal in goals.all { used.insert(goal.entity.period) }
        if let actualsCutoff { used.insert(actualsCutoff) }
        for p in Array(used) { used.formUnion(p.ancestors) }
        return used.sorted()
    }

    /// Whether any plan value's period overlaps `period`: where none does,
    /// every plan figure there is an actual standing in for a plan.
    public func hasPlan(overlapping period: Period) -> Bool {
        plansPerPeriod.keys.contains { $0.overlaps(period) }
    }

    /// Whether the plan takes a metric's actual as it is in `period`: a
    /// metric without a formula that no plan value of its own covers there
    /// (a deal size nobody budgeted).
    public func planTakesActual(_ id: MetricID, in period: Period) -> Bool {
        metrics[id].formula == nil
            && !planList(of: id).contains { $0.period.overlaps(period) }
    }

    /// The scenario with this name, if any.
    public func scenario(named name: String) -> Scenario? {
        scenarios.first { $0.name == name }
    }

    /// Keeps a scenario, replacing one of the same name.
    @discardableResult
    public mutating func defineScenario(_ scenario: Scenario) -> Bool {
        var list = scenarios
        if let i = list.firstIndex(where: { $0.name == scenario.name }) {
            guard list[i] != scenario else { return false }
            list[i] = scenario
        } else {
            list.append(scenario)
        }
        apply(.scenarios(list))
        return true
    }

    /// Removes a scenario.
    public mutating func removeScenario(named name: String) throws {
        guard scenarios.contains(where: { $0.name == name }) else { throw WorkspaceError.noSuchScenario(name) }
        apply(.scenarios(scenarios.filter { $0.name != name }))
    }

    /// Spends a scenario: it leaves the scenarios for the list of those adopted.
    public mutating func spendScenario(named name: String) throws {
        guard let scenario = scenarios.first(where: { $0.name == name }) else { throw WorkspaceError.noSuchScenario(name) }
        try removeScenario(named: name)
        apply(.adopted(adopted + [scenario]))
    }

    /// Writes a scenario's changes into the plan (one step to undo): the
    /// longer plan values it replaces are removed, what they said for the
    /// periods outside the scenario is written at the finer grain, and each
    /// value the scenario sets becomes the plan value of its metric and period.
    public mutating func adopt(_ adoption: Adoption) {
        for v in adoption.replaced + adoption.dropped { setPlan(v.metric, v.period, nil) }
        for v in adoption.carried + adoption.written { setPlan(v.metric, v.period, v.value) }
    }
}

extension Period {
    /// The month `month` months after the start of year 0, if it is one.
    public static func month(_ month: Int) -> Period? {
        guard month >= 0 else { return nil }
        return Period(grain: .month, year: month / 12, index: month % 12 + 1)
    }

    /// The first month after the period.
    public var endMonth: Int { firstMonth + grain.months }
}

/// Which values an evaluator starts from.
public enum ValueLayer: String, Sendable, CaseIterable {
    /// The actuals alone: what `value` recorded.
    case actual
    /// The plan alone: what `plan` recorded, actuals set aside.
    case plan
    /// The actual where one is recorded; else, for a metric without a
    /// formula, the plan; formulas compute the rest.
    case forecast
}

extension Workspace {
    /// The values an evaluator of `layer` starts from, per metric slot, and
    /// the periods that hold any.
    ///
    /// The forecast keeps every actual and adds the plan of a metric without
    /// a formula where it has no actual: not in a period an actual covers
    /// (recorded there or for a longer period holding it); in a period with
    /// actuals for part of it, the plan goes to the months that have none
    /// (a share of it for a flow, the value itself for a rate, the last or
    /// first month for a balance). The plan keeps every plan value and the
    /// actuals of what the plan does not cover: a metric without a formula
    /// keeps its actuals before its own first plan value (all of them when it
    /// has none: what is not planned is taken as it is), a metric with a
    /// formula those before the first month anything is planned (the history
    /// a plan starts from: last year's leads that close this year, the
    /// balance it opens on).
    func layered(_ layer: ValueLayer) -> (values: [RecordedValues], periods: Set<Period>) {
        switch layer {
        case .actual:
            return (recordedValues, Set(valuesPerPeriod.keys))
        case .plan:
            guard let start = plansPerPeriod.keys.map(\.firstMonth).min() else { return (recordedValues, Set(valuesPerPeriod.keys)) }
            let plans = planValues
            var values = plans
            var periods = Set(plansPerPeriod.keys)
            for i in recordedValues.indices where !recordedValues[i].isEmpty {
                // A leaf's actuals before its own plan starts (all of them,
                // when it has none: what is not planned is taken as it is);
                // a formula's before the plan starts, as history.
                let leaf = metrics.entity(MetricID(Int32(i)))?.formula == nil
                var own = Int.max
                plans[i].forEach { p, _ in own = min(own, p.firstMonth) }
                let from = leaf ? own : start
                recordedValues[i].forEach { p, v in
                    guard p.endMonth <= from else { return }
                    values[i].set(p, v)
                    periods.insert(p)
                }
            }
            return (values, periods)
        case .forecast:
            guard hasPlan else { return (recordedValues, Set(valuesPerPeriod.keys)) }
            var values = recordedValues
            var periods = Set(valuesPerPeriod.keys)
            let plans = planValues
            for i in plans.indices where !plans[i].isEmpty && metrics.entity(MetricID(Int32(i)))?.formula == nil {
                let actual = recordedValues[i]
                let aggregation = self.aggregation(of: MetricID(Int32(i)))
                var recorded: [Period] = []
                actual.forEach { p, _ in recorded.append(p) }
                var planned: [Period] = []
                plans[i].forEach { p, _ in planned.append(p) }
                plans[i].forEach { period, value in
                    // A finer plan value of its own wins over a share of a longer one.
                    let finer = planned.filter { $0.grain < period.grain && period.contains($0) }
                    for (p, v) in Self.forecastParts(period, value, actual: recorded, aggregation)
                    where p == period || !finer.contains(where: { $0.contains(p) }) {
                        values[i].set(p, v)
                        periods.insert(p)
                    }
                }
            }
            return (values, periods)
        }
    }

    /// Where a plan value goes in the forecast, given the metric's actuals.
    private static func forecastParts(
        _ period: Period, _ value: Double, actual recorded: [Period], _ aggregation: Aggregation
    ) -> [(Period, Double)] {
        // An actual for the period, or for a longer one holding it: the actual stands.
        if recorded.contains(where: { $0.contains(period) }) { return [] }
        let inside = recorded.filter { period.contains($0) }
        if inside.isEmpty { return [(period, value)] }
        // Actuals for part of it: the plan for the months without one.
        let months = (period.firstMonth..<period.endMonth).compactMap(Period.month)
        let open = months.filter { m in !inside.contains { $0.contains(m) } }
        switch aggregation {
        case .sum: return open.map { ($0, value / Double(months.count)) }
        case .average: return open.map { ($0, value) }
        case .last: return open.last == months.last ? [(months.last!, value)] : []
        case .first: return open.first == months.first ? [(months.first!, value)] : []
        }
    }
}
