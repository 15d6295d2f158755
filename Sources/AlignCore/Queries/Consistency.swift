/// Whether two goals on one driver chain add up.
public struct ConsistencyCheck: Equatable, Sendable {
    /// The goal on the driving metric.
    public var upstream: GoalID
    /// The goal on the driven metric.
    public var downstream: GoalID
    /// The period both goals are for.
    public var period: Period
    /// The downstream metric's value with the upstream goal's target set.
    public var implied: Outcome
    /// Whether that value meets the downstream goal; nil if unknown.
    public var consistent: Bool?
    /// What the upstream metric must be for the downstream goal's target.
    public var needed: SolveResult
}

extension Analysis {
    /// For every pair of goals for the same period where one goal's metric
    /// drives the other's through formulas: what the upstream target implies
    /// downstream, and what it would have to be.
    public func consistency(in period: Period?) -> [ConsistencyCheck] {
        // The goals in question, in order, and the goals on each metric slot
        // as a chain (`first`, then `next`), so that each upstream goal meets
        // only the goals in its cone and not every goal of the workspace.
        var ids: [GoalID] = []
        var goals: [Goal] = []
        for (id, goal) in workspace.goals.all where period == nil || goal.period == period {
            ids.append(id)
            goals.append(goal)
        }
        var first = [Int32](repeating: -1, count: graph.inputs.count)
        var next = [Int32](repeating: -1, count: goals.count)
        for k in goals.indices.reversed() {
            next[k] = first[goals[k].metric.index]
            first[goals[k].metric.index] = Int32(k)
        }
        let base = evaluator
        var result: [ConsistencyCheck] = []
        var marks = DriverGraph.Marks(graph)
        var downstream: [Int] = []
        for (u, up) in goals.enumerated() {
            if isCancelled() { break }
            let cone = graph.downstream(of: up.metric, marks: &marks)
            downstream.removeAll(keepingCapacity: true)
            for metric in cone {
                var k = first[metric.index]
                while k >= 0 {
                    downstream.append(Int(k))
                    k = next[Int(k)]
                }
            }
            // In the order of the goals, which is their identifiers' order.
            downstream.sort()
            // One probe of the upstream metric serves every pair and every solve.
            var probe: DriverProbe?
            for d in downstream where d != u && goals[d].period == up.period {
                if isCancelled() { break }
                let down = goals[d]
                if probe == nil { probe = DriverProbe(base, driver: up.metric, in: up.period, cone: cone) }
                let implied = probe!.value(of: down.metric, at: up.target)
                let needed = solve(down.metric, to: down.target, probe: probe!)
                result.append(
                    ConsistencyCheck(
                        upstream: ids[u], downstream: ids[d], period: up.period, implied: implied,
                        consistent: implied.number.map { down.comparison.isMet($0, target: down.target) }, needed: needed))
            }
        }
        return result
    }
}
