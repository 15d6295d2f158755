import AlignCore

/// Where each box of a driver tree goes: a layered layout with the metric at
/// the root on the right and its drivers in columns to the left, one column
/// per step away, so that the picture reads as drivers flowing into revenue.
///
/// Leaves take one row each, in the order `tree` lists them; a metric sits
/// level with the middle of its drivers. Like `tree`, a metric reached a
/// second time is drawn again without its drivers, and a metric with many
/// drivers shows the first ones and a box saying how many more there are,
/// so a wide tree grows downwards and stays readable.
struct DriverTreeLayout {
    /// A box in the tree.
    struct Node {
        /// What the box shows.
        enum Kind: Equatable {
            /// A metric with its drivers.
            case metric(MetricID)
            /// A metric drawn already: its drivers are not repeated.
            case repeated(MetricID)
            /// How many drivers were left out.
            case more(Int)
        }

        var kind: Kind
        /// Steps from the root (0 for the root).
        var depth: Int
        /// The row, from 0; a fraction for a metric between its drivers' rows.
        var row: Double
        /// The box this one drives, or nil for the root.
        var parent: Int?
        /// The link to the parent, when the edge is a link rather than a formula input.
        var link: LinkID?

        /// The metric shown, if the box is one.
        var metric: MetricID? {
            switch kind {
            case .metric(let id), .repeated(let id): return id
            case .more: return nil
            }
        }
    }

    /// The boxes, parents before their drivers.
    private(set) var nodes: [Node] = []
    /// How many rows the leaves take.
    private(set) var rows = 0
    /// The greatest depth.
    private(set) var depth = 0

    /// Makes the layout of the tree that drives `root`, showing at most
    /// `width` drivers of one metric and about `budget` boxes in all.
    init(_ graph: DriverGraph, root: MetricID, metricSlots: Int, width: Int = 12, budget: Int = 400) {
        var drawn = Array(repeating: false, count: metricSlots)
        struct Frame {
            var node: Int
            var pending: [(MetricID, LinkID?)]
            var shown = 0
            var firstRow: Double?
            var lastRow: Double?
        }
        func open(_ id: MetricID, _ link: LinkID?, parent: Int?, depth: Int) -> Frame {
            let repeated = drawn[id.index]
            drawn[id.index] = true
            nodes.append(Node(kind: repeated ? .repeated(id) : .metric(id), depth: depth, row: 0, parent: parent, link: link))
            self.depth = max(self.depth, depth)
            var pending: [(MetricID, LinkID?)] = []
            if !repeated {
                // A link that repeats a formula's input is not drawn a second time.
                let inputs = graph.inputs[id.index]
                pending = inputs.map { ($0, nil) }
                    + graph.linksIn[id.index].map { (graph.link($0).from, $0) }.filter { !inputs.contains($0.0) }
            }
            return Frame(node: nodes.count - 1, pending: pending.reversed())
        }
        var stack = [open(root, nil, parent: nil, depth: 0)]
        while var top = stack.popLast() {
            if !top.pending.isEmpty, top.shown < width, nodes.count < budget {
                let (child, link) = top.pending.removeLast()
                top.shown += 1
                stack.append(top)
                stack.append(open(child, link, parent: top.node, depth: nodes[top.node].depth + 1))
                continue
            }
            if !top.pending.isEmpty {
                let depth = nodes[top.node].depth + 1
                nodes.append(Node(kind: .more(top.pending.count), depth: depth, row: Double(rows), parent: top.node))
                self.depth = max(self.depth, depth)
                top.firstRow = top.firstRow ?? Double(rows)
                top.lastRow = Double(rows)
                rows += 1
            }
            let row: Double
            if let first = top.firstRow, let last = top.lastRow {
                row = (first + last) / 2
            } else {
                row = Double(rows)
                rows += 1
            }
            nodes[top.node].row = row
            if !stack.isEmpty {
                stack[stack.count - 1].firstRow = stack[stack.count - 1].firstRow ?? row
                stack[stack.count - 1].lastRow = row
            }
        }
    }
}
