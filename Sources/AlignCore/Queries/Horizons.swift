/// A goal that only a lever slower than its team's horizon can move.
public struct HorizonConflict: Equatable, Sendable {
    /// The goal.
    public var goal: GoalID
    /// Its team's horizon.
    public var horizon: Horizon
    /// The longest lag on a chain of drivers into the goal's metric.
    public var lag: Lag
    /// That chain, from the slowest driver to the goal's metric.
    public var chain: [DriverGraph.Edge]
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
                    let total = days[from.index] + (link.map { graph.linkLagDays[$0.index] } ?? 0)
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

    /// The lag an edge carries: a link's own, none for a formula.
    func lag(of edge: DriverGraph.Edge) -> Lag {
        if case .link(let id) = edge.kind { return graph.link(id).lag ?? .zero }
        return .zero
    }

    /// Goals whose driver chains carry a lag longer than their team's horizon.
    public func horizonConflicts() -> [HorizonConflict] {
        let ws = workspace
        let (days, via) = longestLags()
        var result: [HorizonConflict] = []
        for (id, goal) in ws.goals.all {
            guard let horizon = ws.teams[goal.team].horizon, days[goal.metric.index] > horizon.days + 0.5 else { continue }
            var chain: [DriverGraph.Edge] = []
            var current = goal.metric
            var guardCount = 0
            while let edge = via[current.index], guardCount < ws.metrics.slots.count {
                chain.insert(edge, at: 0)
                current = edge.from
                guardCount += 1
            }
            let total = chain.reduce(Lag.zero) { $0 + lag(of: $1) }
            result.append(HorizonConflict(goal: id, horizon: horizon, lag: total, chain: chain))
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
