/// A metric computed from metrics on revenue's tree that drives nothing
/// on it: net revenue retention read off ARR, a win rate of the quarter.
/// It has no path to revenue, yet it is no orphan: it measures what the
/// tree did rather than moving it, and a goal on it is a goal on the tree's
/// results.
public struct OutcomeMeasure: Equatable, Sendable {
    /// The metric.
    public var metric: MetricID
    /// The metrics its formula reads that are on revenue's tree or read off
    /// it in turn, in the formula's order, at most
    /// `Analysis.outcomeSourcesKept` of them.
    public var readsFrom: [MetricID]
    /// Goals on it.
    public var goals: [GoalID]
}

extension Analysis {
    /// How many of the tree's metrics an outcome measure names.
    public static let outcomeSourcesKept = 8

    /// The metrics off revenue's path that are computed, through formulas,
    /// from metrics on its tree, in the order of the metrics. Empty when
    /// there is no revenue metric.
    public func outcomeMeasures() -> [OutcomeMeasure] {
        guard workspace.revenue != nil else { return [] }
        let read = readOffTheTree()
        let goals = goalsByMetric()
        return workspace.metrics.ids.compactMap { id in
            read[id.index].map { OutcomeMeasure(metric: id, readsFrom: $0, goals: Array(goals[id.index])) }
        }
    }

    /// By metric slot, for each metric that does not reach revenue and
    /// reads metrics on revenue's tree or read off it in turn: those
    /// metrics. Metrics without any are left out, so the map holds only the
    /// few off the tree (an entry for every slot took 8 bytes a metric at
    /// the peak of a large replay's last query). Worked out once per metric,
    /// inputs first, with an explicit stack (a chain can be long).
    func readOffTheTree() -> [Int: [MetricID]] {
        let reach = graph.reachesRevenue
        let n = workspace.metrics.slots.count
        var result: [Int: [MetricID]] = [:]
        guard workspace.revenue != nil else { return result }
        var state = [UInt8](repeating: 0, count: n)  // 0 new, 1 on the stack, 2 done
        for start in workspace.metrics.ids where !reach[start.index] && state[start.index] == 0 {
            var stack: [(id: MetricID, next: Int)] = [(start, 0)]
            state[start.index] = 1
            while let (id, next) = stack.last {
                let inputs = graph.inputs[id.index]
                if next < inputs.count {
                    stack[stack.count - 1].next += 1
                    let input = inputs[next]
                    if !reach[input.index], state[input.index] == 0 {
                        state[input.index] = 1
                        stack.append((input, 0))
                    }
                    continue
                }
                var found: [MetricID] = []
                for input in inputs where input != id && found.count < Self.outcomeSourcesKept && !found.contains(input) {
                    if reach[input.index] || result[input.index] != nil { found.append(input) }
                }
                if !found.isEmpty { result[id.index] = found }
                state[id.index] = 2
                stack.removeLast()
            }
        }
        return result
    }
}
