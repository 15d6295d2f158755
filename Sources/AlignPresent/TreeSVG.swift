import AlignCore
import AlignLanguage
import AlignOutput

/// The driver tree as an SVG picture: a box per metric with its owner, its
/// value and its goals' verdict, coloured by team; formula inputs joined by
/// solid arrows, links by dashed ones labelled with their lag; and the
/// metrics with no path to revenue in a band below.
struct TreeSVG {
    let ws: Workspace
    let layout: DriverTreeLayout
    let orphans: [MetricID]
    let period: Period?
    let evaluator: Evaluator
    let graph: DriverGraph

    static let boxWidth = 192.0
    static let boxHeight = 76.0
    static let gapX = 52.0
    static let gapY = 14.0
    static let margin = 16.0
    /// At most this many rows of orphans are drawn.
    static let orphanRows = 4

    init(
        _ ws: Workspace, graph: DriverGraph, evaluator: Evaluator, root: MetricID, orphans: [MetricID], period: Period?
    ) {
        self.ws = ws
        self.graph = graph
        self.layout = DriverTreeLayout(graph, root: root, metricSlots: ws.metrics.slots.count)
        self.orphans = orphans
        self.period = period
        self.evaluator = evaluator
    }

    private var columns: Int { layout.depth + 1 }
    private func x(depth: Int) -> Double { Self.margin + Double(layout.depth - depth) * (Self.boxWidth + Self.gapX) }
    private func y(row: Double) -> Double { Self.margin + row * (Self.boxHeight + Self.gapY) }

    /// The picture, sized to its content.
    func render() -> String {
        let width = 2 * Self.margin + Double(columns) * (Self.boxWidth + Self.gapX) - Self.gapX
        var height = y(row: Double(layout.rows)) - Self.gapY + Self.margin
        var body = ""
        for node in layout.nodes { body += edge(node) }
        for node in layout.nodes { body += box(node) }
        if !orphans.isEmpty {
            let (band, bandHeight) = orphanBand(top: height + 8)
            body += band
            height += 8 + bandHeight
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tree\" role=\"img\" "
        out += "width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\">\n"
        out += "<title>Driver tree of \(HTMLReport.escape(ws.metrics[rootMetric].name))</title>\n"
        out += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
        out += "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" class=\"arrowhead\"/></marker></defs>\n"
        return out + body + "</svg>\n"
    }

    private var rootMetric: MetricID { layout.nodes[0].metric! }

    /// A number for an attribute: whole where it is, one decimal otherwise.
    static func n(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String((value * 10).rounded() / 10)
    }

    private func edge(_ node: DriverTreeLayout.Node) -> String {
        guard let parentIndex = node.parent else { return "" }
        let parent = layout.nodes[parentIndex]
        let x1 = x(depth: node.depth) + Self.boxWidth
        let y1 = y(row: node.row) + Self.boxHeight / 2
        let x2 = x(depth: parent.depth)
        let y2 = y(row: parent.row) + Self.boxHeight / 2
        let mid = (x1 + x2) / 2
        let cls = node.link == nil ? "edge" : "edge link"
        var out = "<path class=\"\(cls)\" d=\"M\(Self.n(x1)),\(Self.n(y1)) C\(Self.n(mid)),\(Self.n(y1)) "
        out += "\(Self.n(mid)),\(Self.n(y2)) \(Self.n(x2)),\(Self.n(y2))\" marker-end=\"url(#arrow)\"/>\n"
        if let link = node.link {
            let label = graph.link(link).lag.map { "lag \($0)" } ?? "link"
            out += "<text class=\"lag\" x=\"\(Self.n(mid))\" y=\"\(Self.n((y1 + y2) / 2 - 4))\" text-anchor=\"middle\">"
            out += HTMLReport.escape(label) + "</text>\n"
        }
        return out
    }

    private func box(_ node: DriverTreeLayout.Node) -> String {
        let at = (x(depth: node.depth), y(row: node.row))
        switch node.kind {
        case .metric(let id): return metricBox(id, at: at, repeated: false)
        case .repeated(let id): return metricBox(id, at: at, repeated: true)
        case .more(let count):
            var out = "<g class=\"more\" transform=\"translate(\(Self.n(at.0)),\(Self.n(at.1)))\">"
            out += "<rect width=\"\(Self.n(Self.boxWidth))\" height=\"\(Self.n(Self.boxHeight))\" rx=\"8\"/>"
            out += "<text x=\"12\" y=\"42\">… \(NumberFormat.count(count, "more driver", plural: "more drivers"))</text></g>\n"
            return out
        }
    }

    /// The goals on a metric due in the report's period, with their verdicts.
    private func goals(_ id: MetricID) -> [(Goal, Bool?)] {
        guard let period else { return [] }
        let value = evaluator.value(id, in: period).number
        return ws.goals.all.map(\.entity).filter { $0.metric == id && $0.period == period }.map { goal in
            (goal, value.map { goal.comparison.isMet($0, target: goal.target) })
        }
    }

    /// Team colours cycle through six; the class is the team's place among the teams.
    static func teamClass(_ owner: TeamID?, _ ws: Workspace) -> String {
        guard let owner, let place = ws.teams.ids.firstIndex(of: owner) else { return "t-none" }
        return "t\(place % 6)"
    }

    private func metricBox(_ id: MetricID, at: (Double, Double), repeated: Bool) -> String {
        let m = ws.metrics[id]
        let goals = repeated ? [] : self.goals(id)
        var classes = ["node", Self.teamClass(m.owner, ws)]
        if repeated { classes.append("repeated") }
        if goals.contains(where: { $0.1 == false }) {
            classes.append("missed")
        } else if !goals.isEmpty, goals.allSatisfy({ $0.1 == true }) {
            classes.append("met")
        }
        var title = m.name
        if let f = m.formula { title += " = " + ScriptPrinter.formula(f, ws) }
        if let d = m.description { title += "\n" + d }
        var out = "<g class=\"\(classes.joined(separator: " "))\" data-metric=\"\(HTMLReport.escape(m.name))\" "
        out += "transform=\"translate(\(Self.n(at.0)),\(Self.n(at.1)))\">\n"
        out += "<title>\(HTMLReport.escape(title))</title>\n"
        out += "<rect width=\"\(Self.n(Self.boxWidth))\" height=\"\(Self.n(Self.boxHeight))\" rx=\"8\"/>\n"
        out += text(Self.clip(m.name, 22), y: 19, cls: "name")
        if repeated {
            out += text("(drawn above)", y: 37, cls: "owner")
            return out + "</g>\n"
        }
        let value = period.map { evaluator.value(id, in: $0).number }
        out += text(value.flatMap { $0.map { NumberFormat.format($0, unit: ws.valueUnit(of: id)) } } ?? "no value", y: 37, cls: "value")
        out += text(m.owner.map { Self.clip(ws.teams[$0].name, 26) } ?? "no owner", y: 53, cls: "owner")
        if let (goal, met) = goals.first {
            let mark = met.map { $0 ? "✓" : "✗" } ?? "?"
            var line = "\(mark) \(Self.clip(goal.name, 14)) \(Self.symbol(goal.comparison)) \(NumberFormat.compact(goal.target, unit: ws.valueUnit(of: id)))"
            if goals.count > 1 { line += " +\(goals.count - 1)" }
            out += text(line, y: 69, cls: "goal " + (met.map { $0 ? "good" : "bad" } ?? "unknown"))
        }
        return out + "</g>\n"
    }

    /// A line of a box; squeezed to the box's width when it would run over
    /// (the browser measures, so nothing spills whatever the font).
    private func text(_ content: String, y: Double, cls: String) -> String {
        let available = Self.boxWidth - 20
        let size: Double = cls == "name" ? 14 : cls == "value" ? 13 : cls == "owner" ? 11 : 12
        let bold = cls == "name" || cls.hasPrefix("goal")
        let estimate = Double(content.count) * size * (bold ? 0.64 : 0.58)
        let fit = estimate > available ? " textLength=\"\(Self.n(available))\" lengthAdjust=\"spacingAndGlyphs\"" : ""
        return "<text x=\"10\" y=\"\(Self.n(y))\" class=\"\(cls)\"\(fit)>\(HTMLReport.escape(content))</text>\n"
    }

    /// `>=` as `≥`: easier to read at a glance.
    static func symbol(_ comparison: Comparison) -> String {
        switch comparison {
        case .atLeast: return "≥"
        case .atMost: return "≤"
        case .equal: return "="
        }
    }

    /// Text cut to `limit` characters, with an ellipsis when cut.
    static func clip(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    private func orphanBand(top: Double) -> (String, Double) {
        let perRow = max(columns, 3)
        let shown = orphans.prefix(perRow * Self.orphanRows)
        var out = "<text class=\"band\" x=\"\(Self.n(Self.margin))\" y=\"\(Self.n(top + 14))\">"
        out += "Not connected to revenue: nothing these metrics do shows up in it</text>\n"
        let rowsUsed = (shown.count + perRow - 1) / perRow
        for (i, id) in shown.enumerated() {
            let x = Self.margin + Double(i % perRow) * (Self.boxWidth + Self.gapX)
            let y = top + 26 + Double(i / perRow) * (Self.boxHeight + Self.gapY)
            out += metricBox(id, at: (x, y), repeated: false)
        }
        var height = 26 + Double(rowsUsed) * (Self.boxHeight + Self.gapY) - Self.gapY + Self.margin
        if orphans.count > shown.count {
            out += "<text class=\"band\" x=\"\(Self.n(Self.margin))\" y=\"\(Self.n(top + height + 4))\">… and "
            out += NumberFormat.plain(Double(orphans.count - shown.count)) + " more</text>\n"
            height += 20
        }
        return (out, height)
    }
}

extension NumberFormat {
    /// A value in few characters, for a picture: 2.5M USD, 20k, 25%.
    static func compact(_ value: Double, unit: String?) -> String {
        let magnitude = abs(value)
        guard magnitude >= 10_000, value.isFinite else { return format(value, unit: unit) }
        let (scaled, suffix) = magnitude >= 1e9 ? (value / 1e9, "B") : magnitude >= 1e6 ? (value / 1e6, "M") : (value / 1e3, "k")
        let rounded = (scaled * 10).rounded() / 10
        let text = plain(rounded) + suffix
        return format(0, unit: unit) == "0" ? text : text + " " + (unit ?? "")
    }
}
