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
        let ws = workspace
        let goals = ws.goals.all.filter { period == nil || $0.entity.period == period }
        // The goals on each metric, so each upstream goal meets only the goals
        // in its cone and not every goal of the workspace.
        var onMetric: [MetricID: [(id: GoalID, goal: Goal)]] = [:]
        for (id, goal) in goals { onMetric[goal.metric, default: []].append((id, goal)) }
        let base = evaluator
        var result: [ConsistencyCheck] = []
        var marks = DriverGraph.Marks(graph)
        for (upID, up) in goals {
            let cone = graph.downstream(of: up.metric, marks: &marks)
            var downstream: [(id: GoalID, goal: Goal)] = []
            for metric in cone { downstream += onMetric[metric] ?? [] }
            downstream.sort { $0.id < $1.id }
            // One probe of the upstream metric serves every pair and every solve.
            var probe: DriverProbe?
            for (downID, down) in downstream where downID != upID && down.period == up.period {
                if probe == nil { probe = DriverProbe(base, driver: up.metric, in: up.period, cone: cone) }
                let implied = probe!.value(of: down.metric, at: up.target)
                let needed = solve(down.metric, to: down.target, probe: probe!)
                result.append(
                    ConsistencyCheck(
                        upstream: upID, downstream: downID, period: up.period, implied: implied,
                        consistent: implied.number.map { down.comparison.isMet($0, target: down.target) }, needed: needed))
            }
        }
        return result
    }
}
