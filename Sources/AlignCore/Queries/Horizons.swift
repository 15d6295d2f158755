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
        for start in roots where state[start.index] == 0 {
            var stack: [(MetricID, [DriverGraph.Edge], Int)] = [(start, graph.edges(into: start), 0)]
            state[start.index] = 1
            while !stack.isEmpty {
                let (id, edges, next) = stack[stack.count - 1]
                if next < edges.count {
                    stack[stack.count - 1].2 += 1
                    let from = edges[next].from
                    if state[from.index] == 0 {
                        state[from.index] = 1
                        stack.append((from, graph.edges(into: from), 0))
                    }
                    continue
                }
                for edge in edges where state[edge.from.index] == 2 {
                    let total = days[edge.from.index] + lag(of: edge).days
                    if total > days[id.index] || (via[id.index] == nil && total > 0) {
                        days[id.index] = total
                        via[id.index] = edge
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
