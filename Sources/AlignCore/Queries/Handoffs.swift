/// A driver edge from one team's metric to another team's: where one team's
/// output is the next team's input.
public struct Handoff: Equatable, Sendable {
    /// The edge: the formula's where a formula joins the two metrics.
    public var edge: DriverGraph.Edge
    /// A link between the same two metrics that repeats the formula's edge
    /// (`link mqls -> sqls lag=1m` beside `sqls = mqls * sql_rate`): one
    /// hand-off, made by both.
    public var link: LinkID? = nil
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
    /// Edges whose two ends belong to different teams, in the order of the
    /// metrics: one a pair of metrics, even when a link repeats a formula.
    public func handoffs() -> [Handoff] {
        let owners = self.owners
        let goals = goalsByMetric()
        var result: [Handoff] = []
        for id in workspace.metrics.ids {
            guard let owner = owners[id.index] else { continue }
            // The edges out of the metric, as `graph.edges(from:)` lists them: readers, then links.
            func consider(_ to: MetricID, _ kind: DriverGraph.Edge.Kind) {
                guard let other = owners[to.index], other != owner else { return }
                result.append(
                    Handoff(
                        edge: DriverGraph.Edge(from: id, to: to, kind: kind), fromTeam: owner, toTeam: other,
                        fromGoals: Array(goals[id.index]), toGoals: Array(goals[to.index])))
            }
            let first = result.count
            for reader in graph.readers[id.index] { consider(reader, .formula) }
            for link in graph.linksOut[id.index] {
                let to = graph.linkTo[link.index]
                if let k = result[first...].firstIndex(where: { $0.edge.to == to && $0.edge.kind == .formula }) {
                    result[k].link = link
                } else {
                    consider(to, .link(link))
                }
            }
        }
        return result
    }
}
