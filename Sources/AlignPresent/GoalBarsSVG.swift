import AlignCore
import AlignOutput

/// Goals against their targets as bars: for each goal, a bar to its value
/// with a line at its target, green when met and red when not, and the gap
/// in words beside it.
///
/// Each goal is stacked on its own lines (its name and value, what it is,
/// the bar, the gap), in a drawing narrow enough to read on a phone (it
/// shrinks with the screen, never below nine tenths on a phone of 390
/// pixels), so nothing needs scrolling sideways.
struct GoalBarsSVG {
    let ws: Workspace
    let gaps: [GoalGap]
    let period: Period

    static let width = 400.0
    static let rowHeight = 100.0
    static let trackStart = 4.0
    static let trackWidth = 392.0

    func render() -> String {
        let height = Double(gaps.count) * Self.rowHeight + 4
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" role=\"img\" "
        out += "width=\"\(TreeSVG.n(Self.width))\" height=\"\(TreeSVG.n(height))\" "
        out += "viewBox=\"0 0 \(TreeSVG.n(Self.width)) \(TreeSVG.n(height))\">\n"
        out += "<title>Goals against their targets in \(period)</title>\n"
        for (i, gap) in gaps.enumerated() { out += row(gap, top: 4 + Double(i) * Self.rowHeight) }
        return out + "</svg>\n"
    }

    private func row(_ gap: GoalGap, top: Double) -> String {
        let goal = ws.goals[gap.goal]
        let unit = ws.valueUnit(of: goal.metric)
        let value = gap.value.number
        let verdict = gap.met.map { $0 ? "met" : "missed" } ?? "unknown"
        var out = "<g class=\"goalbar \(verdict)\" data-goal=\"\(HTMLReport.escape(goal.name))\">\n"
        let about = "\(ws.teams[goal.team].name) · \(ws.metrics[goal.metric].name) \(TreeSVG.symbol(goal.comparison)) "
            + "\(NumberFormat.format(goal.target, unit: unit)) by \(goal.period)"
        let figure = value.map { NumberFormat.format($0, unit: unit) } ?? "no value"
        out += text(TreeSVG.clip(goal.name, max(12, 44 - figure.count)), x: 4, y: top + 18, cls: "goalname")
        out += text(figure, x: Self.width - 4, y: top + 18, cls: "figure", end: true)
        out += text(TreeSVG.clip(about, 60), x: 4, y: top + 36, cls: "about")
        let scale = max(abs(value ?? 0), abs(goal.target)) * 1.15
        func position(_ v: Double) -> Double { scale > 0 ? min(abs(v) / scale, 1) * Self.trackWidth : 0 }
        out += rect(x: Self.trackStart, y: top + 46, width: Self.trackWidth, height: 22, cls: "track")
        if let value { out += rect(x: Self.trackStart, y: top + 46, width: position(value), height: 22, cls: "bar") }
        let targetX = Self.trackStart + position(goal.target)
        out += "<line class=\"target\" x1=\"\(TreeSVG.n(targetX))\" y1=\"\(TreeSVG.n(top + 40))\" "
        out += "x2=\"\(TreeSVG.n(targetX))\" y2=\"\(TreeSVG.n(top + 74))\"/>\n"
        out += text(gapText(goal, gap, unit), x: 4, y: top + 88, cls: "gap")
        return out + "</g>\n"
    }

    /// "short by 500,000 USD (20%)", "ahead by 100 (11.1%)", "no nps in 2026-Q3".
    private func gapText(_ goal: Goal, _ gap: GoalGap, _ unit: String?) -> String {
        guard let difference = gap.difference, let met = gap.met else {
            return "no \(ws.metrics[goal.metric].name) in \(period)"
        }
        if difference == 0 { return "on target" }
        let amount = NumberFormat.format(abs(difference), unit: unit)
        let share = goal.target != 0 ? " (" + NumberFormat.percent(abs(difference / goal.target)) + ")" : ""
        return "\(goal.comparison.gapWord(met: met)) by \(amount)\(share)"
    }

    private func text(_ content: String, x: Double, y: Double, cls: String, end: Bool = false) -> String {
        "<text x=\"\(TreeSVG.n(x))\" y=\"\(TreeSVG.n(y))\" class=\"\(cls)\"\(end ? " text-anchor=\"end\"" : "")>"
            + "\(HTMLReport.escape(content))</text>\n"
    }

    private func rect(x: Double, y: Double, width: Double, height: Double, cls: String) -> String {
        "<rect class=\"\(cls)\" x=\"\(TreeSVG.n(x))\" y=\"\(TreeSVG.n(y))\" width=\"\(TreeSVG.n(width))\" "
            + "height=\"\(TreeSVG.n(height))\" rx=\"3\"/>\n"
    }
}

extension Comparison {
    /// How a value stands against a target of this kind, before "by" and
    /// the amount: a floor's is ahead of it or short of it, a ceiling's
    /// under it or over it, an exact one's off it.
    func gapWord(met: Bool) -> String {
        switch self {
        case .atLeast: met ? "ahead" : "short"
        case .atMost: met ? "under" : "over"
        case .equal: "off"
        }
    }
}
