import Synchronization

/// The metrics as a graph: formula edges (an input drives the metric that
/// reads it) and link edges (a driver moves a metric, often with a lag).
///
/// Built from a workspace in one pass and immutable after; walks use explicit
/// stacks and visited sets, so cycles through links always terminate. The one
/// answer kept once worked out (what reaches revenue) is kept under a lock,
/// so a graph can be shared between threads.
public final class DriverGraph: Sendable {
    /// One edge of the graph, pointing from driver to driven.
    public struct Edge: Equatable, Sendable {
        /// What makes the edge.
        public enum Kind: Equatable, Sendable {
            /// The driven metric's formula reads the driver.
            case formula
            /// A `link` statement.
            case link(LinkID)
        }

        /// The driver.
        public var from: MetricID
        /// The driven metric.
        public var to: MetricID
        /// Formula or link.
        public var kind: Kind
    }

    /// The workspace's structure version this graph was built from.
    public let version: Int
    /// The revenue metric.
    public let revenue: MetricID?
    /// Per metric slot: the metrics its formula reads.
    public let inputs: Adjacency<MetricID>
    /// Per metric slot: the metrics whose formulas read it.
    public let readers: Adjacency<MetricID>
    /// Per metric slot: the links that start at it.
    public let linksOut: Adjacency<LinkID>
    /// Per metric slot: the links that end at it.
    public let linksIn: Adjacency<LinkID>
    /// Per link slot: the metrics it joins, and its lag in days (0 without
    /// one), for walks that meet many links.
    public let linkFrom: [MetricID]
    public let linkTo: [MetricID]
    public let linkLagDays: [Double]
    private let links: LinkTable
    private let reachesRevenueCache = Mutex<[Bool]?>(nil)
    /// How much earlier a formula reads an input, shortest and longest, for
    /// the edges that read one earlier (`mqls[-1m]`, a profile); keyed by the
    /// reader's slot above the input's.
    private let formulaLags: [UInt64: LagRange]

    /// Builds the graph of a workspace.
    public init(_ workspace: Workspace) {
        let n = workspace.metrics.slots.count
        // The inputs' rows are written as they are met, in slot order, into
        // a list made once at the size of every read (repeats counted, so
        // at least what the rows need): grown by doubling, it held twice
        // the edges for a moment at the end of a large replay.
        var starts: [Int32] = [0]
        starts.reserveCapacity(n + 1)
        var flat: [MetricID] = []
        flat.reserveCapacity(workspace.metrics.slots.reduce(0) { $0 + ($1?.formula?.readCount ?? 0) })
        var formulaLags: [UInt64: LagRange] = [:]
        for (i, slot) in workspace.metrics.slots.enumerated() {
            defer { starts.append(Int32(flat.count)) }
            guard let formula = slot?.formula else { continue }
            formula.appendInputs(to: &flat)
            guard formula.readsEarlierPeriods else { continue }
            for (input, lag) in DriverGraph.reads(formula, after: .zero) {
                let key = UInt64(UInt32(i)) << 32 | UInt64(UInt32(input.slot))
                let known = formulaLags[key] ?? LagRange(lag, lag)
                formulaLags[key] = LagRange(min(known.shortest, lag), max(known.longest, lag))
            }
        }
        self.formulaLags = formulaLags
        let inputs = Adjacency(starts: starts, flat: flat)
        self.inputs = inputs
        self.readers = Adjacency(transposing: inputs, rows: n)
        let linkSlots = workspace.links.slots.count
        var linkFrom = [MetricID](repeating: MetricID(-1), count: linkSlots)
        var linkTo = [MetricID](repeating: MetricID(-1), count: linkSlots)
        var linkLagDays = [Double](repeating: 0, count: linkSlots)
        var outs: [(row: Int32, element: LinkID)] = []
        var ins: [(row: Int32, element: LinkID)] = []
        for (i, slot) in workspace.links.slots.enumerated() {
            guard let link = slot else { continue }
            let id = LinkID(Int32(i))
            outs.append((link.from.slot, id))
            ins.append((link.to.slot, id))
            linkFrom[i] = link.from
            linkTo[i] = link.to
            linkLagDays[i] = (link.lag ?? .zero).days
        }
        self.linksOut = Adjacency(rows: n, pairs: outs)
        self.linksIn = Adjacency(rows: n, pairs: ins)
        self.linkFrom = linkFrom
        self.linkTo = linkTo
        self.linkLagDays = linkLagDays
        self.version = workspace.structureVersion
        self.revenue = workspace.revenue
        self.links = workspace.links
    }

    /// The link in a live slot.
    public func link(_ id: LinkID) -> Link { links[id] }

    /// Each read of a formula with how much earlier it reads, in the units
    /// written: an offset's, a profile's steps (the terms that have a share).
    static func reads(_ formula: Formula, after lag: CalendarLag) -> [(MetricID, CalendarLag)] {
        switch formula {
        case .number: return []
        case .metric(let id): return [(id, lag)]
        case .shifted(let id, let offset): return [(id, lag + CalendarLag(offset))]
        case .negate(let operand): return reads(operand, after: lag)
        case .binary(_, let lhs, let rhs): return reads(lhs, after: lag) + reads(rhs, after: lag)
        case .profile(let operand, let step, let shares):
            return shares.enumerated().filter { $0.element != 0 }.flatMap { i, _ in
                reads(operand, after: lag + i * CalendarLag(step))
            }
        }
    }

    /// The delay an edge carries: a link's lag, or how much earlier a
    /// formula reads its input (shortest to longest).
    public func lag(of edge: Edge) -> LagRange {
        switch edge.kind {
        case .link(let id):
            let lag = links[id].lag.map(CalendarLag.init) ?? .zero
            return LagRange(lag, lag)
        case .formula:
            return formulaLags[UInt64(UInt32(edge.to.slot)) << 32 | UInt64(UInt32(edge.from.slot))] ?? .zero
        }
    }

    /// Whether any formula reads an earlier period.
    public var hasFormulaLags: Bool { !formulaLags.isEmpty }

    /// The edges out of a metric: to the metrics that read it, then its links.
    public func edges(from id: MetricID, followLinks: Bool = true) -> [Edge] {
        var result = readers[id.index].map { Edge(from: id, to: $0, kind: .formula) }
        if followLinks {
            for linkID in linksOut[id.index] { result.append(Edge(from: id, to: links[linkID].to, kind: .link(linkID))) }
        }
        return result
    }

    /// The edges into a metric: from its formula's inputs, then its links.
    public func edges(into id: MetricID, followLinks: Bool = true) -> [Edge] {
        var result = inputs[id.index].map { Edge(from: $0, to: id, kind: .formula) }
        if followLinks {
            for linkID in linksIn[id.index] { result.append(Edge(from: links[linkID].from, to: id, kind: .link(linkID))) }
        }
        return result
    }

    /// Every metric `id` drives, directly or not (not including itself unless on a cycle).
    public func downstream(of id: MetricID, followLinks: Bool) -> [MetricID] {
        if !followLinks { return walk(from: id) { self.readers[$0.index] } }
        return walk(from: id) { self.edges(from: $0, followLinks: true).map(\.to) }
    }

    /// Every metric that drives `id`, directly or not.
    public func upstream(of id: MetricID, followLinks: Bool) -> [MetricID] {
        if !followLinks { return walk(from: id) { self.inputs[$0.index] } }
        return walk(from: id) { self.edges(into: $0, followLinks: true).map(\.from) }
    }

    /// Marks for many walks in a row: a metric is marked when it holds the
    /// current walk's stamp, so no walk clears what the last one marked.
    public struct Marks {
        fileprivate var stamp: UInt32 = 0
        fileprivate var marks: [UInt32]

        /// Marks for a graph.
        public init(_ graph: DriverGraph) { marks = Array(repeating: 0, count: graph.inputs.count) }
    }

    /// `downstream(of: id, followLinks: false)`, in the same order, with marks kept between calls.
    public func downstream(of id: MetricID, marks: inout Marks) -> [MetricID] {
        marks.stamp &+= 1
        if marks.stamp == 0 {
            marks.marks = Array(repeating: 0, count: marks.marks.count)
            marks.stamp = 1
        }
        var result: [MetricID] = []
        result.reserveCapacity(8)
        var stack = [id]
        stack.reserveCapacity(8)
        while let current = stack.popLast() {
            for reader in readers[current.index] where marks.marks[reader.index] != marks.stamp {
                marks.marks[reader.index] = marks.stamp
                result.append(reader)
                stack.append(reader)
            }
        }
        return result
    }

    private func walk<Next: Sequence<MetricID>>(from start: MetricID, next: (MetricID) -> Next) -> [MetricID] {
        // One bit per metric: a walk from a leaf meets a handful of metrics,
        // and clearing a bit set costs a sixty-fourth of an array of flags.
        var seen = [UInt64](repeating: 0, count: (inputs.count + 63) / 64)
        var result: [MetricID] = []
        var stack = [start]
        while let current = stack.popLast() {
            for neighbour in next(current) {
                let (word, bit) = (neighbour.index >> 6, UInt64(1) << UInt64(neighbour.index & 63))
                guard seen[word] & bit == 0 else { continue }
                seen[word] |= bit
                result.append(neighbour)
                stack.append(neighbour)
            }
        }
        return result
    }

    /// Per metric slot: whether a chain of formulas or links leads from the
    /// metric to revenue (revenue itself counts as reaching it).
    public var reachesRevenue: [Bool] {
        if let cached = reachesRevenueCache.withLock({ $0 }) { return cached }
        var reach = Array(repeating: false, count: inputs.count)
        if let revenue {
            reach[revenue.index] = true
            for id in upstream(of: revenue, followLinks: true) { reach[id.index] = true }
        }
        reachesRevenueCache.withLock { $0 = reach }
        return reach
    }
}
