/// A goal that only a lever slower than its team's horizon can move.
public struct HorizonConflict: Equatable, Sendable {
    /// The goal.
    public var goal: GoalID
    /// Its team's horizon.
    public var horizon: Horizon
    /// The longest lag on a chain of drivers into the goal's metric, in
    /// calendar units, shortest to longest where a profile spreads it.
    public var lag: LagRange
    /// That chain, from the slowest driver to the goal's metric; of a chain
    /// longer than `Analysis.longestChainKept`, its two ends.
    public var chain: [DriverGraph.Edge]
    /// How many edges were left out of the middle of the chain (0 for most).
    public var skipped: Int = 0
    /// The lag of each edge of `chain`, in its order.
    public var steps: [LagRange] = []
    /// The periods of the chain's slowest driver that feed the goal through
    /// formulas, in time order (none when only links carry it).
    public var feeding: [Period] = []
}

/// A hand-off on the way to revenue between teams that plan over different horizons.
public struct HorizonCrossing: Equatable, Sendable {
    /// The hand-off.
    public var handoff: Handoff
    /// The horizon of the driving team.
    public var fromHorizon: Horizon
    /// The horizon of the driven team.
    public var toHorizon: Horizon
}

extension Analysis {
    /// For each metric, the longest total lag on a chain of drivers into it,
    /// and the last edge of that chain. Cycles through links are cut where a
    /// walk meets a metric it is still inside; walks start from the metrics
    /// goals sit on, so a goal's own metric is never cut from its chains.
    func longestLags() -> (days: [Double], via: [DriverGraph.Edge?]) {
        let n = workspace.metrics.slots.count
        var days = Array(repeating: 0.0, count: n)
        var via = [DriverGraph.Edge?](repeating: nil, count: n)
        var state = [UInt8](repeating: 0, count: n)  // 0 new, 1 on the stack, 2 done
        let roots = workspace.goals.all.map(\.entity.metric) + workspace.metrics.ids
        // The edges into a metric, as `graph.edges(into:)` lists them (formula
        // inputs, then links), by position: no list is built per metric.
        func edgeCount(_ id: MetricID) -> Int { graph.inputs[id.index].count + graph.linksIn[id.index].count }
        func edge(_ k: Int, into id: MetricID) -> (from: MetricID, link: LinkID?) {
            let inputs = graph.inputs[id.index]
            if k < inputs.count { return (inputs[k], nil) }
            let link = graph.linksIn[id.index][k - inputs.count]
            return (graph.linkFrom[link.index], link)
        }
        for start in roots where state[start.index] == 0 {
            var stack: [(id: MetricID, next: Int)] = [(start, 0)]
            state[start.index] = 1
            while let (id, next) = stack.last {
                if next < edgeCount(id) {
                    stack[stack.count - 1].next += 1
                    let from = edge(next, into: id).from
                    if state[from.index] == 0 {
                        state[from.index] = 1
                        stack.append((from, 0))
                    }
                    continue
                }
                for k in 0..<edgeCount(id) {
                    let (from, link) = edge(k, into: id)
                    guard state[from.index] == 2 else { continue }
                    let edgeDays =
                        link.map { graph.linkLagDays[$0.index] }
                        ?? graph.lag(of: DriverGraph.Edge(from: from, to: id, kind: .formula)).longest.approximateDays
                    let total = days[from.index] + edgeDays
                    if total > days[id.index] || (via[id.index] == nil && total > 0) {
                        days[id.index] = total
                        via[id.index] = DriverGraph.Edge(from: from, to: id, kind: link.map { .link($0) } ?? .formula)
                    }
                }
                state[id.index] = 2
                stack.removeLast()
            }
        }
        return (days, via)
    }


    /// How many edges of a goal's chain are kept, half at each end: with
    /// thousands of goals on a chain of thousands of metrics, whole chains
    /// would be goals times metrics.
    public static let longestChainKept = 64

    /// Goals whose driver chains carry a lag longer than their team's horizon.
    public func horizonConflicts() -> [HorizonConflict] {
        let ws = workspace
        let (days, via) = longestLags()
        var result: [HorizonConflict] = []
        for (id, goal) in ws.goals.all {
            if isCancelled() { break }
            guard let horizon = ws.teams[goal.team].horizon, days[goal.metric.index] > horizon.days + 0.5 else { continue }
            // Walk back from the goal's metric: the first edges met are the
            // chain's last, the last met (kept in a ring) its first.
            let half = Self.longestChainKept / 2
            var last: [DriverGraph.Edge] = []
            var first: [DriverGraph.Edge] = []
            var total = LagRange.zero
            var length = 0
            var current = goal.metric
            while let edge = via[current.index], length < ws.metrics.slots.count {
                if last.count < half { last.append(edge) } else if first.count < half { first.append(edge) } else {
                    first[(length - half) % half] = edge
                }
                total = total + graph.lag(of: edge)
                current = edge.from
                length += 1
            }
            if length > 2 * half {
                let start = (length - half) % half
                first = Array(first[start...] + first[..<start])
            }
            let chain = Array(first.reversed()) + Array(last.reversed())
            var conflict = HorizonConflict(goal: id, horizon: horizon, lag: total, chain: chain, skipped: length - chain.count)
            conflict.steps = chain.map { graph.lag(of: $0) }
            if graph.hasFormulaLags, let slowest = chain.first?.from {
                conflict.feeding = evaluator.reach(of: goal.metric, in: goal.period, from: slowest).driverPeriods
            }
            result.append(conflict)
        }
        return result
    }

    /// Hand-offs on a path to revenue between teams with different horizons.
    public func horizonCrossings() -> [HorizonCrossing] {
        let ws = workspace
        let reach = graph.reachesRevenue
        return handoffs().compactMap { h in
            guard reach[h.edge.to.index], let a = ws.teams[h.fromTeam].horizon, let b = ws.teams[h.toTeam].horizon, a != b
            else { return nil }
            return HorizonCrossing(handoff: h, fromHorizon: a, toHorizon: b)
        }
    }
}
