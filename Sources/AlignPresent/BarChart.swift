import AlignCore
import AlignLanguage
import AlignOutput

/// A metric's values over its periods as horizontal bars, with a mark where
/// each goal's target lies: big, plain shapes that read from the back of a
/// room. One grain at a time, so every bar is on the same scale: a year is
/// not drawn beside its months.
public struct BarChart {
    /// One period: its value (recorded or computed) and the goals due then.
    struct Row {
        var period: Period
        var value: Double?
        var goals: [Goal]
    }

    let metric: Metric
    /// The unit of the metric's values: its own, or its formula's.
    let unit: String?
    /// The grain charted.
    let grain: Period.Grain
    let rows: [Row]
    /// The other grains with values recorded or goals due, for the line that names them.
    let otherGrains: [Period.Grain]
    /// How many character cells the longest bar takes.
    var width = 36

    /// The periods of one grain with a value for the metric or a goal on
    /// it, in order, within `span` if given. Without `grain`, the grain with
    /// the most values recorded (of any metric: a formula's values are its
    /// inputs') and goals due on the metric there, the finer on a tie.
    init(_ ws: Workspace, _ id: MetricID, evaluator: Evaluator, in span: Period? = nil, by chosen: Period.Grain? = nil) {
        metric = ws.metrics[id]
        unit = ws.valueUnit(of: id)
        let goals = ws.goals.all.map(\.entity).filter { $0.metric == id }
        let known = Set(ws.valuesPerPeriod.keys).union(ws.plansPerPeriod.keys).union(goals.map(\.period))
            .filter { span?.contains($0) ?? true }
        var count: [Period.Grain: Int] = [:]
        for period in known { count[period.grain, default: 0] += 1 }
        let grains = Period.Grain.allCases.filter { $0 <= span?.grain ?? .year }
        let grain = chosen ?? grains.max { (count[$0] ?? 0, -$0.rawValue) < (count[$1] ?? 0, -$1.rawValue) } ?? .month
        self.grain = grain
        otherGrains = grains.filter { $0 != grain && count[$0] ?? 0 > 0 }
        // Every period of the grain from the first month anything is known to the last.
        let first = span?.firstMonth ?? known.map(\.firstMonth).min() ?? 0
        let end = span.map { $0.firstMonth + $0.grain.months } ?? known.map { $0.firstMonth + $0.grain.months }.max() ?? 0
        var periods: [Period] = []
        var month = first - first % grain.months
        while month < end, periods.count < Self.mostBars {
            if let p = Period(grain: grain, year: month / 12, index: month % 12 / grain.months + 1) { periods.append(p) }
            month += grain.months
        }
        rows = periods.compactMap { period in
            let row = Row(
                period: period, value: evaluator.value(id, in: period).number,
                goals: goals.filter { $0.period == period })
            return row.value == nil && row.goals.isEmpty ? nil : row
        }
    }

    /// How many bars one chart draws at most (ten years of months).
    static let mostBars = 120

    /// `chart METRIC [in PERIOD] [by GRAIN]`: the bars on a terminal (a
    /// picture in Markdown), a table of the same figures in CSV and JSON.
    public static func document(
        _ ws: Workspace, _ id: MetricID, evaluator: Evaluator, format: OutputFormat, in span: Period? = nil,
        by grain: Period.Grain? = nil
    ) -> Document {
        let chart = BarChart(ws, id, evaluator: evaluator, in: span, by: grain)
        let m = chart.metric
        var doc = Document()
        doc.heading(
            m.name + (ws.valueUnit(of: id).map { " (\($0))" } ?? "") + " by \(chart.grain.word)" + (span.map { " in \($0)" } ?? ""))
        guard !chart.rows.isEmpty else {
            if span == nil, grain == nil {
                doc.line(Span("no values yet: record some with 'value \(m.name) PERIOD NUMBER'", .dim))
            } else {
                doc.line(Span("no values by \(chart.grain.word)" + (span.map { " in \($0)" } ?? ""), .dim))
            }
            return doc
        }
        switch format {
        case .table: for line in chart.lines() { doc.add(.line(line)) }
        case .markdown: doc.add(.preformatted(chart.lines().map { $0.map(\.text).joined() }))
        case .csv, .json: doc.add(.table(chart.table()))
        }
        if let other = chart.otherGrains.first, format == .table || format == .markdown {
            let words = chart.otherGrains.map(\.word)
            let list = words.count == 1 ? words[0] : words.dropLast().joined(separator: ", ") + " and " + words.last!
            doc.line(Span("also by \(list): chart \(m.name)" + (span.map { " in \($0)" } ?? "") + " by \(other.word)", .dim))
        }
        return doc
    }

    /// The largest magnitude drawn: the scale's end.
    var top: Double {
        rows.flatMap { row in [abs(row.value ?? 0)] + row.goals.map { abs($0.target) } }.max() ?? 0
    }

    /// Whether a row's value meets all its goals (nil: no goal, or no value).
    static func verdict(_ row: Row) -> Bool? {
        guard let value = row.value, !row.goals.isEmpty else { return nil }
        return row.goals.allSatisfy { $0.comparison.isMet(value, target: $0.target) }
    }

    /// The picture, a line of coloured spans per row, then the scale and a key.
    func lines() -> [[Span]] {
        let top = self.top
        let periodWidth = rows.map { displayWidth($0.period.description) }.max() ?? 0
        let values = rows.map { $0.value.map { NumberFormat.format($0, unit: unit) } ?? "no value" }
        let valueWidth = values.map(displayWidth).max() ?? 0
        func cells(_ x: Double) -> Double { top > 0 ? abs(x) / top * Double(width) : 0 }
        var out: [[Span]] = []
        for (row, valueText) in zip(rows, values) {
            var bar = Array(repeating: Character(" "), count: width)
            if let value = row.value {
                let length = cells(value)
                let full = min(width, Int(length))
                for i in 0..<full { bar[i] = "█" }
                let eighths = Int((length - Double(full)) * 8)
                if full < width, eighths > 0 { bar[full] = Array("▏▎▍▌▋▊▉")[eighths - 1] }
            }
            let marks = row.goals.map { min(width - 1, max(0, Int(cells($0.target).rounded()) - 1)) }
            let verdict = Self.verdict(row)
            let barRole: Style.Role = verdict.map { $0 ? .good : .bad } ?? .number
            var spans: [Span] = [Span(pad(row.period.description, periodWidth) + "  ")]
            var start = 0
            for mark in Set(marks).sorted() {
                spans.append(Span(String(bar[start..<mark]), barRole))
                spans.append(Span("┃", .heading))
                start = mark + 1
            }
            spans.append(Span(String(bar[start...]), barRole))
            spans.append(Span("  " + pad(valueText, valueWidth, right: true), row.value == nil ? .dim : nil))
            for goal in row.goals {
                let met = row.value.map { goal.comparison.isMet($0, target: goal.target) }
                let mark = met.map { $0 ? "✓" : "✗" } ?? "?"
                let target = NumberFormat.format(goal.target, unit: unit)
                spans.append(Span("  \(mark) \(goal.name) \(goal.comparison.rawValue) \(target)", met.map { $0 ? .good : .bad } ?? .dim))
            }
            out.append(spans)
        }
        let indent = String(repeating: " ", count: periodWidth + 2)
        let end = NumberFormat.format(top, unit: unit)
        out.append([Span(indent + "0" + pad(end, width - 1, right: true), .dim)])
        if rows.contains(where: { !$0.goals.isEmpty }) {
            out.append([Span(indent + "┃ goal target   ✓ met   ✗ missed", .dim)])
        }
        return out
    }

    /// The same as a table, for CSV and JSON: a row per period and goal.
    func table() -> Table {
        var table = Table(
            name: "chart",
            columns: [.init("Period"), .init("Value", numeric: true), .init("Goal"), .init("Comparison"),
                .init("Target", numeric: true), .init("Met")])
        for row in rows {
            let value: Cell = row.value.map { .number($0, unit: unit) } ?? .missing("no value")
            if row.goals.isEmpty { table.add([.text(row.period.description), value, .empty, .empty, .empty, .empty]) }
            for goal in row.goals {
                let met = row.value.map { goal.comparison.isMet($0, target: goal.target) }
                table.add([
                    .text(row.period.description), value, .name(goal.name), .text(goal.comparison.rawValue),
                    .number(goal.target, unit: unit),
                    met.map { .status($0, $0 ? "met" : "missed") } ?? .missing("no value"),
                ])
            }
        }
        return table
    }
}
