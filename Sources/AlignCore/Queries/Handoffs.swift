/// A driver edge from one team's metric to another team's: where one team's
/// output is the next team's input.
public struct Handoff: Equatable, Sendable {
    /// The edge.
    public var edge: DriverGraph.Edge
    /// The team that owns the driving metric.
    public var fromTeam: TeamID
    /// The team that owns the driven metric.
    public var toTeam: TeamID
    /// Goals on the driving metric.
    public var fromGoals: [GoalID]
    /// Goals on the driven metric.
    public var toGoals: [GoalID]
}

extension Analysis {
    /// Edges whose two ends belong to different teams, in the order of the metrics.
    public func handoffs() -> [Handoff] {
        let ws = workspace
        let goals = goalsByMetric()
        var result: [Handoff] = []
        for (id, m) in ws.metrics.all {
            guard let owner = m.owner else { continue }
            for edge in graph.edges(from: id) {
                guard let other = ws.metrics[edge.to].owner, other != owner else { continue }
                result.append(
                    Handoff(edge: edge, fromTeam: owner, toTeam: other, fromGoals: goals[id.index], toGoals: goals[edge.to.index]))
            }
        }
        return result
    }
}
