/// The alignment questions, asked of one workspace. Each answer is plain
/// data; the shell decides how it reads.
public struct Analysis {
    /// The workspace asked.
    public let workspace: Workspace
    /// Its driver graph.
    public let graph: DriverGraph
    private let cache = Cache()

    /// What several questions need, worked out once, when first asked for.
    private final class Cache {
        var owners: [TeamID?]?
        var evaluator: Evaluator?
        var supply: (() -> Evaluator)?
        var layers: [ValueLayer: Evaluator] = [:]
        var layerSupply: ((ValueLayer) -> Evaluator)?
    }

    /// Asked now and then by questions that can take long (consistency,
    /// solve, drivers, horizons): true makes them give up early with an answer that
    /// is to be thrown away. The shell passes Ctrl-C in here; the core
    /// itself knows nothing of signals.
    public var isCancelled: () -> Bool = { false }

    /// Asks questions of `workspace`, with its graph (built if not given).
    /// `evaluator` supplies an evaluator of the workspace when a question
    /// needs values (a session keeps one between commands); without it, one
    /// is made.
    /// `layers` supplies evaluators of the actuals, the plan or the forecast
    /// (a session keeps one of each); without it, they are made when asked for.
    public init(
        _ workspace: Workspace, graph: DriverGraph? = nil, evaluator: (() -> Evaluator)? = nil,
        layers: ((ValueLayer) -> Evaluator)? = nil
    ) {
        self.workspace = workspace
        self.graph = graph.flatMap { $0.version == workspace.structureVersion ? $0 : nil } ?? DriverGraph(workspace)
        cache.supply = evaluator
        cache.layerSupply = layers
    }

    /// An evaluator of the workspace's actuals, plan or forecast.
    public func evaluator(_ layer: ValueLayer) -> Evaluator {
        if evaluator.layer == layer { return evaluator }
        if let made = cache.layers[layer] { return made }
        let made = cache.layerSupply?(layer) ?? Evaluator(workspace, plan: evaluator.plan, layer: layer)
        cache.layers[layer] = made
        return made
    }

    /// The evaluator the questions share.
    public var evaluator: Evaluator {
        if let made = cache.evaluator { return made }
        let made = cache.supply?() ?? Evaluator(workspace)
        cache.evaluator = made
        return made
    }

    /// Per metric slot: the team that owns the metric.
    var owners: [TeamID?] {
        if let known = cache.owners { return known }
        let slots = workspace.metrics.slots
        let found = slots.indices.map { slots[$0]?.owner }
        cache.owners = found
        return found
    }

    /// Per metric slot, the goals on the metric, in order: built once, so
    /// that asking for every metric's goals is not goals times metrics. One
    /// flat list and four bytes a slot (an array a slot took eight, and a
    /// heap block for each metric with a goal).
    func goalsByMetric() -> Adjacency<GoalID> {
        Adjacency(rows: workspace.metrics.slots.count, pairs: workspace.goals.all.map { (Int32($1.metric.index), $0) })
    }
}

/// A metric with no driver path to revenue, and not computed from one that
/// has (that is an `OutcomeMeasure`), and the goals that sit on it.
public struct Orphan: Equatable, Sendable {
    /// The metric.
    public var metric: MetricID
    /// Goals on it: effort that cannot show up in revenue.
    public var goals: [GoalID]
}

extension Analysis {
    /// Metrics from which no chain of formulas or links reaches revenue,
    /// leaving out the outcome measures (computed from metrics on revenue's
    /// tree). Nil when there is no revenue metric to reach.
    public func orphans() -> [Orphan]? {
        guard workspace.revenue != nil else { return nil }
        let reach = graph.reachesRevenue
        let read = readOffTheTree()
        let goals = goalsByMetric()
        return workspace.metrics.ids.filter { !reach[$0.index] && read[$0.index] == nil }.map {
            Orphan(metric: $0, goals: Array(goals[$0.index]))
        }
    }
}
