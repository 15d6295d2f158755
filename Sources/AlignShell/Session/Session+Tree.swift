import AlignCore
import AlignLanguage

/// `tree` and `chart`: pictures of the drivers and of values over time.
extension Session {
    /// How many drivers of one metric are drawn before the rest are summed up in a line.
    static let treeWidth = 12

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
            if !top.next.isEmpty, top.children.count < Session.treeWidth {
                let (child, link) = top.next.removeLast()
                stack.append(top)
                stack.append(start(child, link))
                continue
            }
            let hidden = top.next.count
            var node = label(top.id, top.link, period, evaluator, repeated: top.repeated)
            node.children = top.children
            if hidden > 0 {
                node.children.append(
                    TreeNode(label: [Span("… \(hidden) more drivers (tree METRIC to see one)", .dim)], fields: []))
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
        let id = try metric(name, source)
        let chart = BarChart(workspace, id)
        let m = chart.metric
        var doc = Document()
        doc.heading(m.name + (m.unit.map { " (\($0))" } ?? "") + " by period")
        guard !chart.rows.isEmpty else {
            doc.line(Span("no values yet: record some with 'value \(m.name) PERIOD NUMBER'", .dim))
            return doc
        }
        switch options.format {
        case .table: for line in chart.lines() { doc.add(.line(line)) }
        case .markdown: doc.add(.preformatted(chart.lines().map { $0.map(\.text).joined() }))
        case .csv, .json: doc.add(.table(chart.table()))
        }
        return doc
    }
}
