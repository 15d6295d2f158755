import AlignCore
import AlignLanguage
import AlignOutput

/// `tree`: what drives a metric, drawn as a tree, with each driver's value
/// in a period and the goals due then. Values in, a document out.
public struct TreePresenter {
    /// The workspace drawn.
    public let workspace: Workspace
    /// Its driver graph.
    public let graph: DriverGraph
    /// What gives the values.
    public let evaluator: Evaluator
    /// At a terminal, how many metrics are drawn at most before the rest are
    /// left to the lines that count them; nil draws the whole tree (a pipe,
    /// a file, json, the report). A tree of 100,000 metrics is as many lines.
    public var shown: Int?

    /// Draws trees of `workspace`, with its graph and an evaluator of it.
    public init(_ workspace: Workspace, graph: DriverGraph, evaluator: Evaluator) {
        self.workspace = workspace
        self.graph = graph
        self.evaluator = evaluator
    }

    /// How many drivers of one metric are drawn before the rest are summed up in a line.
    static let treeWidth = 12
    /// How long a node's formula may be before it is shortened: a line of a
    /// tree should fit a terminal, and the drivers below show every value.
    static let formulaWidth = 72
    /// How many levels are drawn below the root. A chain can be as long as
    /// the workspace is large; drawn whole, a chain of 100,000 would indent
    /// its last line by 400,000 columns and nest JSON beyond what readers take.
    static let treeDepth = 100

    /// The tree of `root`'s drivers, with their values in `period` (names
    /// and formulas alone without one).
    public func tree(_ root: MetricID, in period: Period?) -> Document {
        var doc = Document()
        if let period {
            var heading = "\(workspace.metrics[root].name) in \(period)"
            // With a plan, what lies after the actuals is forecast: say so.
            if evaluator.layer == .forecast, let end = workspace.actualsEnd, period.endMonth > end.endMonth {
                heading += period.firstMonth > end.firstMonth ? " (forecast: actuals end with \(end))" : " (actuals through \(end), forecast after)"
            }
            doc.heading(heading)
        }
        let (node, cut) = treeNode(root, period, evaluator)
        doc.add(.tree(node))
        if cut, let shown {
            doc.line(
                Span(
                    "… the tree is cut after \(NumberFormat.count(shown, "metric")) at a terminal: tree METRIC draws "
                        + "one branch; a pipe, a file or format json gets it whole", .dim))
        }
        return doc
    }

    /// Where a node of the tree is read: a metric in a period, or over the
    /// window of periods a read `back` months earlier covers from it
    /// (`mqls[-1m]` in 2026-Q3 reads 2026-06..2026-08). A window of one
    /// period is that period, with `back` 0.
    struct Spot: Hashable {
        var id: MetricID
        var period: Period?
        var back: Int

        init(_ id: MetricID, _ period: Period?, back: Int = 0) {
            self.id = id
            self.period = period
            self.back = back
            if let period, back > 0, let window = Evaluator.window(of: period, back: back), window.count == 1 {
                self.period = window[0]
                self.back = 0
            }
        }
    }

    /// One read of a formula: a metric, how many months before the
    /// formula's period, and the share a profile weights it by (nil outside
    /// a profile; in a profile of an expression, the share of the term the
    /// read is part of).
    struct Read: Hashable {
        var id: MetricID
        var months: Int
        var share: Double?
    }

    /// The reads of a formula in the order written, profiles written out
    /// lag by lag, each read once.
    static func reads(of formula: Formula) -> [Read] {
        var all: [Read] = []
        func visit(_ f: Formula, _ months: Int, _ share: Double?) {
            switch f {
            case .number: return
            case .metric(let id): all.append(Read(id: id, months: months, share: share))
            case .shifted(let id, let offset): all.append(Read(id: id, months: months + offset.months, share: share))
            case .binary(_, let lhs, let rhs):
                visit(lhs, months, share)
                visit(rhs, months, share)
            case .negate(let operand): visit(operand, months, share)
            case .profile(let operand, let step, let shares):
                for (i, weight) in shares.enumerated() where weight != 0 {
                    visit(operand, months + i * step.months, (share ?? 1) * weight)
                }
            }
        }
        visit(formula, 0, nil)
        var seen = Set<Read>()
        return all.filter { seen.insert($0).inserted }
    }

    /// A driver to draw: by a formula (with the link that repeats it, if
    /// one does) or by a link alone.
    struct Step {
        var spot: Spot
        var read: Read?
        var link: LinkID?
        var viaLink: Bool
        /// For an input shown at the period of a node summed from its
        /// months, though each month reads it earlier: how many months back.
        var readBack: [Int] = []
    }

    /// Builds the tree without recursion; a metric reached a second time in
    /// the same period is drawn once more without its drivers, marked "see
    /// above". A driver read through an offset or a profile is drawn in the
    /// period it is read at, with its own drivers there, so that what a node
    /// shows reproduces its value.
    /// The tree, and whether `shown` cut it short.
    private func treeNode(_ root: MetricID, _ period: Period?, _ evaluator: Evaluator) -> (TreeNode, Bool) {
        let ws = workspace
        let g = graph
        var drawn = Set<Spot>()
        // The goals due, by metric and period, found once for the whole tree.
        var goals: [Spot: [Goal]] = [:]
        if period != nil {
            for (_, goal) in ws.goals.all { goals[Spot(goal.metric, goal.period), default: []].append(goal) }
        }
        struct Pending {
            var step: Step
            var children: [TreeNode] = []
            var next: [Step]
            var repeated: Bool
        }
        func start(_ step: Step) -> Pending {
            let spot = step.spot
            let id = spot.id
            let repeated = !drawn.insert(spot).inserted
            var next: [Step] = []
            if !repeated {
                // A balance reads its own earlier periods: not a driver to draw under itself.
                if let formula = ws.metrics[id].formula, let at = spot.period, spot.back == 0,
                    evaluator.source(id, in: at) == .rolledUp
                {
                    // A period summed (or averaged) from its months, as its
                    // line says: an input read only whole periods back is
                    // shown at those periods; one read over windows of
                    // months that are no period is shown once, for the
                    // node's own period.
                    let reads = Self.reads(of: formula).filter { $0.id != id }
                    let windowed = Set(reads.filter { Spot($0.id, at, back: $0.months).back != 0 }.map(\.id))
                    var shown = Set<Spot>()
                    next = reads.compactMap { read in
                        let step =
                            windowed.contains(read.id)
                            ? Step(
                                spot: Spot(read.id, at), read: nil, link: nil, viaLink: false,
                                readBack: reads.filter { $0.id == read.id }.map(\.months).sorted())
                            : Step(spot: Spot(read.id, at, back: read.months), read: read, link: nil, viaLink: false)
                        return shown.insert(step.spot).inserted ? step : nil
                    }
                } else if let formula = ws.metrics[id].formula, let at = spot.period {
                    next = Self.reads(of: formula).filter { $0.id != id }.map {
                        Step(spot: Spot($0.id, at, back: spot.back + $0.months), read: $0, link: nil, viaLink: false)
                    }
                } else {
                    next = g.inputs[id.index].filter { $0 != id }.map {
                        Step(spot: Spot($0, nil), read: nil, link: nil, viaLink: false)
                    }
                }
                // A link that repeats a formula's input is drawn on that input, not again.
                for link in g.linksIn[id.index] {
                    let from = g.link(link).from
                    if let k = next.firstIndex(where: { $0.spot.id == from && !$0.viaLink }) {
                        next[k].link = link
                    } else {
                        next.append(Step(spot: Spot(from, spot.period, back: spot.back), read: nil, link: link, viaLink: true))
                    }
                }
            }
            return Pending(step: step, next: next.reversed(), repeated: repeated)
        }
        var stack = [start(Step(spot: Spot(root, period), read: nil, link: nil, viaLink: false))]
        var started = 1
        var cut = false
        while true {
            var top = stack.removeLast()
            let deepest = stack.count + 1 >= Self.treeDepth
            let full = shown.map { started >= $0 } ?? false
            if !top.next.isEmpty, full { cut = true }
            if !top.next.isEmpty, top.children.count < Self.treeWidth, !deepest, !full {
                started += 1
                let child = top.next.removeLast()
                stack.append(top)
                stack.append(start(child))
                continue
            }
            let hidden = top.next.count
            let step = top.step
            var node = label(
                step, root: period, evaluator, goals: goals[step.spot] ?? [], repeated: top.repeated)
            node.children = top.children
            if hidden > 0 {
                let text =
                    deepest
                    ? "… \(hidden) driver\(hidden == 1 ? "" : "s") deeper down (tree \(ws.metrics[step.spot.id].name) to go on)"
                    : "… \(NumberFormat.count(hidden, "more driver")) (tree METRIC to see one)"
                node.children.append(
                    TreeNode(label: [Span(text, .dim)], fields: [("hidden", .number(Double(hidden), unit: nil))]))
            }
            if stack.isEmpty { return (node, cut) }
            stack[stack.count - 1].children.append(node)
        }
    }

    /// How a value over a window of periods is made of them.
    func windowNote(_ id: MetricID, _ window: [Period]) -> String {
        switch evaluator.aggregation(of: id) {
        case .sum: return "added up"
        case .average: return "averaged"
        case .last: return "as in \(window[window.count - 1])"
        case .first: return "as in \(window[0])"
        }
    }

    /// A profile's weight on a read, as the node shows it.
    func shareText(_ read: Read?) -> String? {
        guard let read, let share = read.share else { return nil }
        let percent = NumberFormat.plain((share * 100 * 1e6).rounded() / 1e6) + "%"
        return " (share \(percent))"
    }

    private func label(
        _ step: Step, root: Period?, _ evaluator: Evaluator, goals: [Goal], repeated: Bool
    ) -> TreeNode {
        let ws = workspace
        let id = step.spot.id
        let m = ws.metrics[id]
        let unit = ws.valueUnit(of: id)
        var spans: [Span] = [Span(m.name, .name)]
        var fields: [(key: String, value: Cell)] = [("metric", .name(m.name))]
        var rolledUp = false
        let period = step.spot.period
        let back = step.spot.back
        if let period, back > 0 {
            // A window of several periods: its value rolled up from them.
            let window = Evaluator.window(of: period, back: back)
            let text = window.map { "\($0[0])..\($0[$0.count - 1])" } ?? "before the calendar"
            spans.append(Span(" " + text, .dim))
            fields.append(("period", .text(text)))
            let outcome = evaluator.value(id, back: back, from: period)
            spans.append(" ")
            spans.append(valueSpan(outcome, of: id, in: window?[0] ?? period))
            fields.append(("value", outcome.number.map { .number($0, unit: unit) } ?? .empty))
            if let window, outcome.number != nil { spans.append(Span(" (\(windowNote(id, window)))", .dim)) }
            rolledUp = true
        } else if let period {
            if period != root {
                spans.append(Span(" \(period)", .dim))
            }
            fields.append(("period", .text(period.description)))
            let outcome = evaluator.value(id, in: period)
            spans.append(" ")
            spans.append(valueSpan(outcome, of: id, in: period))
            fields.append(("value", outcome.number.map { .number($0, unit: unit) } ?? .empty))
            let source = evaluator.source(id, in: period)
            if source == .recorded, let computed = evaluator.computed(id, in: period) {
                let text = computed.number.map { "computed " + NumberFormat.format($0, unit: unit) }
                    ?? "its formula fails: " + problem(computed, of: id)!
                spans.append(Span(" (actual; \(text))", .dim))
            }
            rolledUp = source == .rolledUp && m.formula != nil
            if rolledUp, let first = period.children.first, let last = period.children.last {
                let how =
                    switch evaluator.aggregation(of: id) {
                    case .sum, .average: "the sum of \(first) to \(last)"
                    case .last: "as in \(last)"
                    case .first: "as in \(first)"
                    }
                spans.append(Span(" (\(how))", .dim))
            }
            if source == .planned { spans.append(Span(" (plan)", .dim)) }
            if source == .carried, let from = evaluator.carriedFrom(id, period) {
                let how = evaluator.aggregation(of: id) == .sum ? "spread from \(from)" : "from \(from)"
                spans.append(Span(" (\(how))", .dim))
            }
        }
        // Shown for the period, though the months read it earlier: what they read, said beside it.
        if let period, back == 0, let first = step.readBack.first, let last = step.readBack.last, last > 0 {
            if first == last, let window = Evaluator.window(of: period, back: first) {
                let read = evaluator.value(id, back: first, from: period)
                let value = read.number.map { NumberFormat.format($0, unit: unit) } ?? "unknown"
                spans.append(Span(" (read \(first)m back: \(value) over \(window[0])..\(window[window.count - 1]))", .dim))
            } else {
                spans.append(Span(" (read \(first)m to \(last)m back, month by month)", .dim))
            }
        }
        if let share = shareText(step.read) {
            spans.append(Span(share, .dim))
            fields.append(("share", .number(step.read!.share!, unit: nil)))
        }
        fields.append(("unit", unit.map(Cell.text) ?? .empty))
        if let owner = m.owner {
            spans.append(Span(" [\(ws.teams[owner].name)]", .dim))
            fields.append(("owner", .name(ws.teams[owner].name)))
        } else {
            fields.append(("owner", .empty))
        }
        if repeated {
            spans.append(Span(" (see above)", .dim))
        } else if let f = m.formula {
            var text = f.rendered(
                name: { input in
                    guard let period, !rolledUp else { return ws.metrics[input].name }
                    let value = evaluator.value(input, in: period).number
                    return ws.metrics[input].name + " " + (value.map { NumberFormat.format($0, unit: ws.valueUnit(of: input)) } ?? "?")
                }, number: { NumberFormat.plain($0) },
                operand: { part in
                    // An earlier period's read, and a profile, with the value they give here.
                    guard let period, !rolledUp else { return nil }
                    let written = part.rendered(name: { ws.metrics[$0].name }, number: { NumberFormat.plain($0) })
                    switch part {
                    case .shifted(let input, _):
                        let value = evaluator.value(of: part, for: id, in: period).number
                        return written + " " + (value.map { NumberFormat.format($0, unit: ws.valueUnit(of: input)) } ?? "?")
                    case .profile:
                        let value = evaluator.value(of: part, for: id, in: period).number
                        return written + " " + (value.map { NumberFormat.plain($0) } ?? "?")
                    default: return nil
                    }
                })
            if text.count > Self.formulaWidth {
                // Without the values first (the drivers below show them), then cut.
                text = f.rendered(name: { ws.metrics[$0].name }, number: { NumberFormat.plain($0) })
                if text.count > Self.formulaWidth {
                    var cut = text.prefix(Self.formulaWidth)
                    if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
                    let inputs = Set(f.inputs).count
                    text = cut + " … (\(NumberFormat.count(inputs, "input")): show \(m.name))"
                }
            }
            spans.append(Span(" = " + text))
            fields.append(("formula", .text(ScriptPrinter.formula(f, ws))))
        }
        if let link = step.link {
            let l = graph.link(link)
            let suffix = ShowPresenter.linkSuffix(l)
            spans.append(Span(step.viaLink ? suffix : " (also " + suffix.dropFirst(2), .dim))
            fields.append(("lag", l.lag.map { .text($0.description) } ?? .empty))
        }
        if let period {
            for goal in goals {
                let value = evaluator.value(id, in: period).number
                let met = value.map { goal.comparison.isMet($0, target: goal.target) }
                let aim = "\(goal.name) \(goal.comparison.rawValue) \(NumberFormat.format(goal.target, unit: unit))"
                spans.append(" ")
                // Not known whether met: said in words, as a "?" beside the value's own "?" read as two unknown values.
                guard let met else {
                    spans.append(Span("(goal \(aim): not known)", .dim))
                    continue
                }
                spans.append(Span("\(met ? "✓" : "✗") \(aim)", met ? .good : .bad))
            }
        }
        return TreeNode(label: spans, fields: fields, viaLink: step.viaLink)
    }

    /// A metric's value in a period, or why there is none, as a short span:
    /// `?` when the metric itself has no value, `? (no deal_size in 2026-Q4)`
    /// when an input is missing, the error where the computation fails.
    func valueSpan(_ outcome: Outcome, of id: MetricID, in period: Period) -> Span {
        switch outcome {
        case .known(let v): return Span(NumberFormat.format(v, unit: workspace.valueUnit(of: id)), .number)
        case .missing(let missing, let at) where missing == id && at == period: return Span("?", .dim)
        case .missing: return Span("? (\(problem(outcome, of: id)!))", .dim)
        case .failed: return Span("error: " + problem(outcome, of: id)!, .bad)
        }
    }

    /// Why `metric` has no number, in a few words; nil when it has one.
    func problem(_ outcome: Outcome, of metric: MetricID) -> String? {
        switch outcome {
        case .known: return nil
        case .missing(let id, let period): return "no \(workspace.metrics[id].name) in \(period)"
        case .failed: return QueryPresenter(workspace).explainShort(outcome, of: metric)
        }
    }
}
