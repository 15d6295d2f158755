/// A metric without a formula: its value in a period from what is recorded
/// at it, inside it (rolled up), or for a longer period holding it (carried down).
extension Evaluator {
    /// A leaf metric's value in a period: rolled up from values recorded
    /// inside it, or else carried down from a longer period.
    func leaf(_ id: MetricID, _ aggregation: Aggregation, _ period: Period) -> Outcome {
        let values = id.index < recorded.count ? recorded[id.index] : RecordedValues()
        if values.isEmpty && overrides.isEmpty { return .missing(id, period) }
        if hasFinerData(period) {
            let outcome = rollUp(id, values, aggregation, period)
            if outcome != .missing(id, period) { return outcome }
        }
        return carried(id, values, aggregation, period)
    }

    private func rollUp(_ id: MetricID, _ values: RecordedValues, _ aggregation: Aggregation, _ period: Period)
        -> Outcome
    {
        // A value set by a what-if wins over the one recorded, as in `step`.
        if !overrides.isEmpty, let value = overrides[Key(id, period)] { return .known(value) }
        if let value = values[period] { return .known(value) }
        let children = period.children
        if children.isEmpty { return .missing(id, period) }
        var parts: [Double] = []
        var outcomes: [Outcome] = []
        var firstMissing: Outcome?
        var wholeChildrenMissing = 0
        for child in children {
            var outcome = rollUp(id, values, aggregation, child)
            if outcome == .missing(id, child) {
                wholeChildrenMissing += 1
                outcome = carried(id, values, aggregation, child)
            }
            outcomes.append(outcome)
            if let number = outcome.number { parts.append(number) } else if firstMissing == nil { firstMissing = outcome }
        }
        // Nothing at all inside the period: say so of the period, not of its first month.
        if wholeChildrenMissing == children.count { return .missing(id, period) }
        switch aggregation {
        case .sum:
            if let firstMissing { return firstMissing }
            return finite(parts.reduce(0, +), id, period)
        case .average:
            // As a sum: an average over a period some of whose parts are not
            // known is not known either (a deal size known through September
            // has no average for the second half of the year).
            if let firstMissing { return firstMissing }
            return finite(parts.reduce(0, +) / Double(parts.count), id, period)
        case .last: return outcomes[outcomes.count - 1]
        case .first: return outcomes[0]
        }
    }

    /// A leaf's value in a period inside which nothing is recorded, from the
    /// nearest longer period that holds one: a rate or an average holds in
    /// each part; a flow is spread evenly, unless some of it is recorded at
    /// a finer grain (then the rest is not known); a balance is known only
    /// at the part that ends (`last`) or starts (`first`) the longer period.
    private func carried(_ id: MetricID, _ values: RecordedValues, _ aggregation: Aggregation, _ period: Period)
        -> Outcome
    {
        guard let (from, value) = carrier(id, values, period) else { return .missing(id, period) }
        switch aggregation {
        case .average:
            return .known(value)
        case .sum:
            guard !values.hasValue(inside: from) else { return .missing(id, period) }
            return .known(value * Double(period.grain.months) / Double(from.grain.months))
        case .last:
            let end = period.firstMonth + period.grain.months
            return end == from.firstMonth + from.grain.months ? .known(value) : .missing(id, period)
        case .first:
            return period.firstMonth == from.firstMonth ? .known(value) : .missing(id, period)
        }
    }

    /// The nearest longer period holding a value (set or recorded) of the metric.
    private func carrier(_ id: MetricID, _ values: RecordedValues, _ period: Period) -> (Period, Double)? {
        // The longer periods holding this one, nearest first, made one by one.
        for grain in Period.Grain.allCases where grain > period.grain {
            guard let ancestor = Period(grain: grain, year: period.year, index: (period.firstMonth - period.year * 12) / grain.months + 1)
            else { continue }
            if !overrides.isEmpty, let value = overrides[Key(id, ancestor)] { return (ancestor, value) }
            if let value = values[ancestor] { return (ancestor, value) }
        }
        return nil
    }

    /// The longer period a leaf's value in `period` is carried down from,
    /// when it is: nothing is recorded in the period or inside it.
    public func carriedFrom(_ id: MetricID, _ period: Period) -> Period? {
        guard !plan.hasFormula(id.index), recordedValue(id, period) == nil, overrides[Key(id, period)] == nil else {
            return nil
        }
        let values = id.index < recorded.count ? recorded[id.index] : RecordedValues()
        if hasFinerData(period), values.hasValue(inside: period) { return nil }
        return carrier(id, values, period)?.0
    }
}
