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
        var result: [ConsistencyCheck] = []
        for (upID, up) in goals {
            if isCancelled() { break }
            let cone = Set(graph.downstream(of: up.metric, followLinks: false))
            for (downID, down) in goals where downID != upID && down.period == up.period && cone.contains(down.metric) {
                if isCancelled() { break }
                let evaluator = Evaluator(
                    ws, overrides: [(up.metric, up.period, up.target)])
                let implied = evaluator.value(down.metric, in: up.period)
                let needed = solve(down.metric, to: down.target, by: up.metric, in: up.period)
                result.append(
                    ConsistencyCheck(
                        upstream: upID, downstream: downID, period: up.period, implied: implied,
                        consistent: implied.number.map { down.comparison.isMet($0, target: down.target) }, needed: needed))
            }
        }
        return result
    }
}
