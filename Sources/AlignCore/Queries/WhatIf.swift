/// One metric a what-if moves.
public struct Movement: Equatable, Sendable {
    /// The metric.
    public var metric: MetricID
    /// Its value before.
    public var before: Outcome
    /// Its value after.
    public var after: Outcome
}

/// What a what-if found.
public struct WhatIfResult: Equatable, Sendable {
    /// The metrics whose value changed, the changed metric first, then in
    /// driver order (each after what drives it).
    public var moved: [Movement]
    /// Metrics the change reaches only through links, which carry no arithmetic.
    public var throughLinks: [MetricID]
    /// The metric to read the answer by: revenue when the change reaches it,
    /// else the last one moved; nil when only the changed metric moved.
    public var headline: MetricID?
    /// For a change in a month, the headline metric in the quarter that adds
    /// it up (July's change in Q3), when it moves. Only the quarter: each
    /// coarser period costs an evaluation of whole periods the first time.
    public var coarser: [PeriodMovement]
}

/// A metric's value before and after in one period.
public struct PeriodMovement: Equatable, Sendable {
    public var period: Period
    public var movement: Movement
}

extension Analysis {
    /// Sets `metric` to `value` in `period` and reports every metric that moves.
    public func whatIf(_ metric: MetricID, to value: Double, in period: Period) -> WhatIfResult {
        whatIf(metric, settings: evaluator.spread(metric, in: period, to: value), in: period)
    }

    /// Sets `metric` in `period` (and the finer periods inside it) as
    /// `settings` say, and reports every metric that moves there.
    public func whatIf(_ metric: MetricID, settings: [(MetricID, Period, Double)], in period: Period) -> WhatIfResult {
        let before = evaluator
        let cone = graph.downstream(of: metric, followLinks: false)
        let after = Evaluator(reusing: before, overrides: settings, stale: cone + [metric])
        var moved: [Movement] = []
        for id in [metric] + topologicalOrder(cone) {
            let a = before.value(id, in: period)
            let b = after.value(id, in: period)
            if !a.isSame(as: b) { moved.append(Movement(metric: id, before: a, after: b)) }
        }
        var inCone = Set(cone)
        inCone.insert(metric)
        let linked = graph.downstream(of: metric, followLinks: true).filter { !inCone.contains($0) }
        let headline = moved.count < 2 ? nil : (moved.dropFirst().first { $0.metric == workspace.revenue } ?? moved.last)?.metric
        var coarser: [PeriodMovement] = []
        if let headline, period.grain == .month, let quarter = period.ancestors.first {
            let a = before.value(headline, in: quarter)
            let b = after.value(headline, in: quarter)
            if !a.isSame(as: b) { coarser.append(PeriodMovement(period: quarter, movement: Movement(metric: headline, before: a, after: b))) }
        }
        return WhatIfResult(moved: moved, throughLinks: linked, headline: headline, coarser: coarser)
    }

    /// Metrics in an order where each follows every metric among them that
    /// its formula reads; a read that closes a cycle (only through an
    /// earlier period, as a balance carried over) is passed over.
    func topologicalOrder(_ ids: [MetricID]) -> [MetricID] {
        // Per metric slot: 0 not asked for, 1 asked for, 2 placed, 3 being placed.
        var state = [UInt8](repeating: 0, count: graph.inputs.count)
        for id in ids { state[id.index] = 1 }
        var order: [MetricID] = []
        order.reserveCapacity(ids.count)
        for start in ids.sorted() where state[start.index] != 2 {
            var stack: [(MetricID, Bool)] = [(start, false)]
            while let (id, expanded) = stack.popLast() {
                if state[id.index] == 2 { continue }
                if expanded {
                    state[id.index] = 2
                    order.append(id)
                    continue
                }
                if state[id.index] == 3 { continue }
                state[id.index] = 3
                stack.append((id, true))
                for input in graph.inputs[id.index] where state[input.index] == 1 {
                    stack.append((input, false))
                }
            }
        }
        return order
    }
}
