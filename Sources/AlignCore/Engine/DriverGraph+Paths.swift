/// The chains between two metrics that `query path` lists, and whether
/// there may be more than it lists.
public struct PathList: Equatable, Sendable {
    /// The chains, shortest first.
    public var paths: [[DriverGraph.Edge]]
    /// How many chains were found (more than `paths` holds when the limit cut the list).
    public var found: Int
    /// Set when the search for more chains stopped at its budget of steps:
    /// others may exist (the shortest is always among `paths`).
    public var stoppedAfter: Int?
    /// Whether the search stopped because it had found enough, with more to find.
    public var stoppedFinding: Bool
}

extension DriverGraph {
    /// How many steps the search for alternative chains may take.
    public static let pathBudget = 100_000

    /// Chains of edges from one metric to another, at most `limit` of them,
    /// shortest first; each visits a metric at most once, and no two visit
    /// the same metrics in the same order: where a link repeats a formula's
    /// edge, a chain takes the one with the longer lag (as `query horizons`
    /// counts it), the formula on a tie.
    public func paths(from start: MetricID, to end: MetricID, limit: Int = 20) -> [[Edge]] {
        searchPaths(from: start, to: end, limit: limit).paths
    }

    /// `paths`, saying whether the list is all there is. A shortest chain is
    /// found breadth-first over the metrics that can lie on one (those
    /// upstream of `end`), so one is found whenever one exists, however
    /// long or tangled the graph. Alternatives are then walked depth-first,
    /// nearest to `end` first, within a budget of steps: a step counts where
    /// the walk has a choice, so a long chain without branches costs none.
    public func searchPaths(from start: MetricID, to end: MetricID, limit: Int = 20) -> PathList {
        var result = PathList(paths: [], found: 0, stoppedAfter: nil, stoppedFinding: false)
        // Only metrics upstream of `end` can lie on a path: prune the rest.
        var useful = Array(repeating: false, count: inputs.count)
        useful[end.index] = true
        for id in upstream(of: end, followLinks: true) { useful[id.index] = true }
        guard useful[start.index], start != end else { return result }
        let distance = distancesTo(end, within: useful)
        guard let shortest = shortestPath(from: start, to: end, distance: distance) else { return result }
        var found: [[Edge]] = [shortest]
        var onPath = Array(repeating: false, count: inputs.count)
        var path: [Edge] = []
        var budget = DriverGraph.pathBudget
        // Steps without a choice cost nothing, but not without end: a chain
        // walked once for each way into it is bounded too.
        var walked = 0
        // A depth-first walk with an explicit stack (a chain can be longer
        // than the call stack is deep): each frame is a metric on the path
        // and the edges out of it still to try, nearest to the end first.
        var frames: [(edges: [Edge], next: Int)] = []
        func enter(_ id: MetricID) {
            onPath[id.index] = true
            let out = oneEdgeEach(edges(from: id).filter { useful[$0.to.index] }).sorted { distance[$0.to.index] < distance[$1.to.index] }
            walked += 1
            if out.count > 1 || walked > DriverGraph.pathBudget * 100 { budget -= 1 }
            frames.append((out, 0))
        }
        enter(start)
        while let top = frames.last {
            guard top.next < top.edges.count, found.count < limit * 4, budget > 0 else {
                frames.removeLast()
                onPath[path.popLast()?.to.index ?? start.index] = false
                continue
            }
            let edge = top.edges[top.next]
            frames[frames.count - 1].next += 1
            if onPath[edge.to.index] { continue }
            path.append(edge)
            if edge.to == end {
                if path != shortest { found.append(path) }
                path.removeLast()
            } else {
                enter(edge.to)
            }
        }
        found.sort { $0.count < $1.count }
        result.found = found.count
        result.paths = Array(found.prefix(limit))
        result.stoppedAfter = budget <= 0 ? DriverGraph.pathBudget : nil
        result.stoppedFinding = budget > 0 && found.count >= limit * 4
        return result
    }

    /// Per metric slot: how many edges lie between it and `end` over the
    /// useful metrics (breadth-first, backwards), `Int.max` where none lead.
    private func distancesTo(_ end: MetricID, within useful: [Bool]) -> [Int] {
        var distance = Array(repeating: Int.max, count: inputs.count)
        distance[end.index] = 0
        var queue = [end]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for edge in edges(into: current) where useful[edge.from.index] && distance[edge.from.index] == Int.max {
                distance[edge.from.index] = distance[current.index] + 1
                queue.append(edge.from)
            }
        }
        return distance
    }

    /// A shortest chain, following the distances down to `end`.
    private func shortestPath(from start: MetricID, to end: MetricID, distance: [Int]) -> [Edge]? {
        guard distance[start.index] != Int.max else { return nil }
        var path: [Edge] = []
        var current = start
        while current != end {
            guard let next = oneEdgeEach(edges(from: current)).first(where: { distance[$0.to.index] == distance[current.index] - 1 })
            else { return nil }
            path.append(next)
            current = next.to
        }
        return path
    }

    /// The edges of a list with one to each metric: of a formula's edge and
    /// links to the same metric, the one with the longest lag, the first on a tie.
    private func oneEdgeEach(_ list: [Edge]) -> [Edge] {
        guard list.count > 1 else { return list }
        var result: [Edge] = []
        for edge in list {
            if let k = result.firstIndex(where: { $0.to == edge.to }) {
                if lag(of: edge).longest.approximateDays > lag(of: result[k]).longest.approximateDays { result[k] = edge }
            } else {
                result.append(edge)
            }
        }
        return result
    }
}
