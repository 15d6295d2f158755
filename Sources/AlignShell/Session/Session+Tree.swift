import AlignCore
import AlignLanguage

/// `tree` and `chart`: pictures of the drivers and of values over time.
extension Session {
    /// How many drivers of one metric are drawn before the rest are summed up in a line.
    static let treeWidth = 12
    /// How many levels are drawn below the root. A chain can be as long as
    /// the workspace is large; drawn whole, a chain of 100,000 would indent
    /// its last line by 400,000 columns and nest JSON beyond what readers take.
    static let treeDepth = 100

    /// The period to show when none is given: the latest with any recorded value.
    func defaultPeriod() -> Period? {
        workspace.valuesPerPeriod.keys.max()
    }

    func tree(_ name: Name?, _ period: Period?, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) -> Document {
        let root: MetricID
        if let name { root = try metric(name, source) } else { root = try revenueMetric(at: range, source) }
        let period = period ?? defaultPeriod()
        let evaluator = Evaluator(workspace)
        var doc = Document()
        if let period { doc.heading("\(workspace.metrics[root].name) in \(period)") }
        doc.add(.tree(treeNode(root, period, evaluator)))
        return doc
    }

    /// Builds the tree without recursion; a metric reached a second time is
    /// drawn once more without its drivers, marked "see above".
    private func treeNode(_ root: MetricID, _ period: Period?, _ evaluator: Evaluator) -> TreeNode {
        let ws = workspace
        let g = graph
        var drawn = Array(repeating: false, count: ws.metrics.slots.count)
        struct Pending {
            var id: MetricID
            var link: LinkID?
            var children: [TreeNode] = []
            var next: [(MetricID, LinkID?)]
            var repeated: Bool
        }
        func start(_ id: MetricID, _ link: LinkID?) -> Pending {
            let repeated = drawn[id.index]
            drawn[id.index] = true
            var next: [(MetricID, LinkID?)] = []
            if !repeated {
                next = g.inputs[id.index].map { ($0, nil) } + g.linksIn[id.index].map { (g.link($0).from, $0) }
            }
            return Pending(id: id, link: link, next: next.reversed(), repeated: repeated)
        }
        var stack = [start(root, nil)]
        while true {
            var top = stack.removeLast()
            let deepest = stack.count + 1 >= Session.treeDepth
            if !top.next.isEmpty, top.children.count < Session.treeWidth, !deepest {
                let (child, link) = top.next.removeLast()
                stack.append(top)
                stack.append(start(child, link))
                continue
            }
            let hidden = top.next.count
            var node = label(top.id, top.link, period, evaluator, repeated: top.repeated)
            node.children = top.children
            if hidden > 0 {
                let text =
                    deepest
                    ? "… \(hidden) driver\(hidden == 1 ? "" : "s") deeper down (tree \(ws.metrics[top.id].name) to go on)"
                    : "… \(hidden) more drivers (tree METRIC to see one)"
                node.children.append(
                    TreeNode(label: [Span(text, .dim)], fields: [("hidden", .number(Double(hidden), unit: nil))]))
            }
            if stack.isEmpty { return node }
            stack[stack.count - 1].children.append(node)
        }
    }

    private func label(_ id: MetricID, _ link: LinkID?, _ period: Period?, _ evaluator: Evaluator, repeated: Bool)
        -> TreeNode
    {
        let ws = workspace
        let m = ws.metrics[id]
        var spans: [Span] = [Span(m.name, .name)]
        var fields: [(key: String, value: Cell)] = [("metric", .name(m.name))]
        if let period {
            let outcome = evaluator.value(id, in: period)
            spans.append(" ")
            spans.append(valueSpan(outcome, unit: m.unit))
            fields.append(("value", outcome.number.map { .number($0, unit: m.unit) } ?? .empty))
            if evaluator.source(id, in: period) == .recorded, let computed = evaluator.computed(id, in: period)?.number {
                spans.append(Span(" (actual; computed \(NumberFormat.format(computed, unit: m.unit)))", .dim))
            }
        }
        fields.append(("unit", m.unit.map(Cell.text) ?? .empty))
        if let owner = m.owner {
            spans.append(Span(" [\(ws.teams[owner].name)]", .dim))
            fields.append(("owner", .name(ws.teams[owner].name)))
        } else {
            fields.append(("owner", .empty))
        }
        if repeated {
            spans.append(Span(" (see above)", .dim))
        } else if let f = m.formula {
            let text = f.rendered(
                name: { input in
                    guard let period else { return ws.metrics[input].name }
                    let value = evaluator.value(input, in: period).number
                    return ws.metrics[input].name + " " + (value.map { NumberFormat.format($0, unit: ws.metrics[input].unit) } ?? "?")
                }, number: NumberFormat.plain)
            spans.append(Span(" = " + text))
            fields.append(("formula", .text(ScriptPrinter.formula(f, ws))))
        }
        if let link {
            let l = graph.link(link)
            spans.append(Span(linkSuffix(l), .dim))
            fields.append(("lag", l.lag.map { .text($0.description) } ?? .empty))
        }
        if let period {
            for (_, goal) in ws.goals.all where goal.metric == id && goal.period == period {
                let value = evaluator.value(id, in: period).number
                let met = value.map { goal.comparison.isMet($0, target: goal.target) }
                let mark = met == nil ? "?" : met! ? "✓" : "✗"
                spans.append(" ")
                spans.append(
                    Span(
                        "\(mark) \(goal.name) \(goal.comparison.rawValue) \(NumberFormat.format(goal.target, unit: m.unit))",
                        met == nil ? .dim : met! ? .good : .bad))
            }
        }
        return TreeNode(label: spans, fields: fields, viaLink: link != nil)
    }

    /// A value, or why there is none, as a short span.
    func valueSpan(_ outcome: Outcome, unit: String?) -> Span {
        switch outcome {
        case .known(let v): return Span(NumberFormat.format(v, unit: unit), .number)
        case .missing: return Span("?", .dim)
        case .failed(.divisionByZero): return Span("division by zero", .bad)
        case .failed(.overflow): return Span("too large", .bad)
        }
    }

    func chart(_ name: Name, _ source: SourceText) throws(Diagnostic) -> Document {
        let ws = workspace
        let id = try metric(name, source)
        let m = ws.metrics[id]
        let evaluator = Evaluator(ws)
        var points: [(Period, Double)] = []
        for period in ws.valuesPerPeriod.keys.sorted() {
            if let v = evaluator.value(id, in: period).number { points.append((period, v)) }
        }
        let goals = ws.goals.all.map(\.entity).filter { $0.metric == id }
        var doc = Document()
        doc.heading(m.name + (m.unit.map { " (\($0))" } ?? ""))
        guard !points.isEmpty else {
            doc.line(Span("no values yet: record some with 'value \(m.name) PERIOD NUMBER'", .dim))
            return doc
        }
        let top = max(points.map { abs($0.1) }.max() ?? 0, goals.map { abs($0.target) }.max() ?? 0)
        let width = 40
        var lines: [String] = []
        for (period, value) in points {
            let cells = top > 0 ? abs(value) / top * Double(width) : 0
            var bar = String(repeating: "█", count: Int(cells))
            let eighths = Int((cells - Double(Int(cells))) * 8)
            if eighths > 0 { bar += ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][eighths] }
            var line = pad(period.description, 8) + " " + pad(bar, width) + " " + NumberFormat.format(value, unit: m.unit)
            for goal in goals where goal.period == period {
                let met = goal.comparison.isMet(value, target: goal.target)
                line += "  \(met ? "✓" : "✗") \(goal.name) \(goal.comparison.rawValue) \(NumberFormat.format(goal.target, unit: m.unit))"
            }
            lines.append(line)
        }
        for goal in goals where top > 0 {
            let at = Int(abs(goal.target) / top * Double(width))
            lines.append(pad("", 8) + " " + String(repeating: " ", count: max(0, min(width, at) - 1)) + "▲ \(goal.name) (\(goal.period))")
        }
        doc.add(.preformatted(lines))
        return doc
    }
}
