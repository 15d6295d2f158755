import AlignCore
import AlignLanguage
import AlignOutput

/// The answers of a what-if and a solve across periods: each change where
/// it lands, and the reverse waterfall.
extension QueryPresenter {
    /// How a change reads: "10% higher (each value × 1.1)", "5 points higher (each value + 0.05)".
    func describe(_ change: ValueChange, of metric: MetricID) -> String {
        func direction(_ x: Double) -> String { x < 0 ? "lower" : "higher" }
        switch change {
        case .set(let v): return "set to \(format(v, metric))"
        case .relative(let r):
            return "\(NumberFormat.plain(abs(r) * 100))% \(direction(r)) (each value × \(NumberFormat.plain(1 + r, decimals: 6)): a share, not points)"
        case .delta(let d): return "\(format(abs(d), metric)) \(direction(d)) (an amount, spread as today's value is)"
        case .points(let p):
            return "\(NumberFormat.plain(abs(p) * 100)) points \(direction(p)) (each value \(p < 0 ? "-" : "+") \(NumberFormat.plain(abs(p))))"
        }
    }

    /// Where a change applies, in words.
    func describe(_ scope: ChangeScope) -> String {
        switch scope {
        case .within(let range) where range.lowerBound == range.upperBound: return "in \(range.lowerBound)"
        case .within(let range): return "in each period of \(range.lowerBound)..\(range.upperBound)"
        case .from(let start): return "from \(start) on"
        }
    }

    /// A what-if across periods: what was set, then each moved metric's
    /// change in every quarter and year it lands in (every period in CSV and JSON).
    public func periodWhatIf(_ result: PeriodWhatIf, items: [WhatIfItem], machine: Bool) -> Document {
        var doc = Document()
        for item in items {
            let set = result.settings.filter { $0.metric == item.metric }
            let finest = set.filter { s in !set.contains { $0.period != s.period && s.period.contains($0.period) } }
            var line = "what if \(name(item.metric)) were \(describe(item.change, of: item.metric)) \(describe(item.scope))"
            if case .set = item.change { line = "what if \(name(item.metric)) were \(describe(item.change, of: item.metric).dropFirst(7)) \(describe(item.scope))" }
            if let first = finest.map(\.period).min(), let last = finest.map(\.period).max(), finest.count > 1 {
                line += ": \(finest.count) values, \(first) to \(last)"
            }
            doc.heading(line)
        }
        guard !result.rows.isEmpty else {
            doc.line(Span("nothing moves: the values are the same", .dim))
            return doc
        }
        if machine {
            var table = Table(
                name: "moved",
                columns: [.init("Metric"), .init("Period"), .init("Before", numeric: true), .init("After", numeric: true),
                    .init("Change", numeric: true)])
            for row in result.rows {
                for (i, period) in result.periods.enumerated() where row.before[i] != row.after[i] {
                    var change: Cell = .empty
                    if let a = row.before[i].number, let b = row.after[i].number { change = .change(b - a, unit: unit(row.metric)) }
                    table.add([.name(name(row.metric)), .text(period.description), valueCell(row.before[i], row.metric),
                        valueCell(row.after[i], row.metric), change])
                }
            }
            doc.add(.table(table))
            return doc
        }
        let columns = summaryPeriods(result.periods)
        let index = Dictionary(uniqueKeysWithValues: result.periods.enumerated().map { ($1, $0) })
        var table = Table(name: "moved", columns: [.init("Change in")] + columns.map { .init($0.description, numeric: true) })
        for row in result.rows {
            var cells: [Cell] = [.name(name(row.metric))]
            for p in columns {
                let i = index[p]!
                if let a = row.before[i].number, let b = row.after[i].number {
                    cells.append(.text(a == b ? "0" : changeText(b - a, row.metric)))
                } else if row.before[i] == row.after[i] {
                    cells.append(.empty)
                } else {
                    cells.append(.missing("?"))
                }
            }
            table.add(cells)
        }
        doc.add(.table(table))
        if let id = result.headline, let row = result.rows.first(where: { $0.metric == id }) {
            // The headline in its longest period, then where it lands within it.
            let moved = columns.compactMap { p -> (Period, Double, Double)? in
                let i = index[p]!
                guard let a = row.before[i].number, let b = row.after[i].number, a != b else { return nil }
                return (p, a, b)
            }
            if let whole = moved.last(where: { $0.0.grain == moved.map(\.0.grain).max() }) {
                let parts = moved.filter { $0.0 != whole.0 }.map { "\(changeText($0.2 - $0.1, id)) in \($0.0)" }
                let at = ws.aggregation(of: id) == .last ? "at the end of " : "in "
                doc.line(
                    Span(name(id), .name),
                    Span(" \(at)\(whole.0): \(format(whole.1, id)) → \(format(whole.2, id)) (\(changeText(whole.2 - whole.1, id))"
                        + (parts.isEmpty ? ")" : "; " + parts.joined(separator: ", ") + ")")))
            }
        }
        if !result.throughLinks.isEmpty {
            doc.line(Span("also reached through links, not computed: " + result.throughLinks.map(name).joined(separator: ", "), .dim))
        }
        return doc
    }

    /// The periods a summary shows: the quarters of a span within one year
    /// and the year; over several years, the years.
    func summaryPeriods(_ periods: [Period]) -> [Period] {
        let years = periods.filter { $0.grain == .year }
        if years.count <= 1 { return periods.filter { $0.grain == .quarter } + years }
        return years
    }

    /// A change in a cell: money to the cent, other numbers as usual.
    func changeText(_ delta: Double, _ metric: MetricID) -> String {
        NumberFormat.change(delta, unit: nil, decimals: NumberFormat.isCurrency(unit(metric)) ? 2 : nil)
    }

    /// A solve across periods: the driver's periods scaled, then what each
    /// stage needs in each month, with its owning team.
    public func periodSolve(_ answer: PeriodSolve, machine: Bool) -> Document {
        var doc = Document()
        let driver = answer.driver
        let metric = answer.metric
        guard let solved = answer.solvedParts, case .solved(let factor, let exact) = answer.result else {
            return solve(answer.result, metric: metric, target: answer.target, driver: driver, current: .known(0), answer.period)
        }
        let first = answer.parts.first!.period
        let last = answer.parts.last!.period
        let span = first == last ? "\(first)" : "\(first) .. \(last)"
        let today = answer.parts.reduce(0) { $0 + $1.today }
        let total = solved.reduce(0, +)
        doc.line(
            Span("the \(name(driver)) that reach \(name(metric)) in \(answer.period) are those of \(span)"))
        let shape = answer.even ? "set to \(NumberFormat.precise(factor, unit: unit(driver))) each (all are 0 today)"
            : "scaled by one factor (×\(NumberFormat.plain(factor, decimals: 6, fixed: true)))"
        func fixed(_ x: Double) -> String { NumberFormat.plain(x, decimals: 2, fixed: true) }
        var line = "\(shape) they become " + solved.map(fixed).joined(separator: ", ")
        if answer.parts.count > 1, ws.aggregation(of: driver) == .sum {
            line += " (\(fixed(total)) in all, \(total >= today ? "+" : "-")\(fixed(abs(total - today))))"
        }
        doc.line(Span(line))
        doc.line(Span("and bring \(name(metric)) to \(format(answer.target, metric)) in \(answer.period)"))
        if !exact { doc.line(Span("found numerically", .dim)) }
        // The waterfall: a row a month, a column a stage.
        let stages = answer.order
        if machine {
            var table = Table(
                name: "needs", columns: [.init("Metric"), .init("Team"), .init("Period"), .init("Before", numeric: true), .init("Needed", numeric: true)])
            for (part, value) in zip(answer.parts, solved) {
                table.add([.name(name(driver)), owner(driver).map { .name($0) } ?? .empty, .text(part.period.description),
                    .number(part.today, unit: unit(driver)), .number(value, unit: unit(driver))])
            }
            for s in answer.stages {
                table.add([.name(name(s.metric)), owner(s.metric).map { .name($0) } ?? .empty, .text(s.period.description),
                    valueCell(s.before, s.metric), valueCell(s.after, s.metric)])
            }
            doc.add(.table(table))
            return doc
        }
        var periods = Set(answer.parts.map(\.period))
        for s in answer.stages where s.period.grain == .month || s.period == answer.period { periods.insert(s.period) }
        var table = Table(
            name: "needs",
            columns: [.init("Period")] + stages.map { id in .init(name(id) + (owner(id).map { " (\($0))" } ?? ""), key: name(id), numeric: true) })
        // Months in order, then the longer period asked about.
        for period in periods.sorted(by: { ($0.grain, $0) < ($1.grain, $1) }) {
            var cells: [Cell] = [.text(period.description)]
            for id in stages {
                if id == driver, let k = answer.parts.firstIndex(where: { $0.period == period }) {
                    cells.append(.number(solved[k], unit: nil))
                } else if let s = answer.stages.first(where: { $0.metric == id && $0.period == period }) {
                    cells.append(s.after.number.map { .number($0, unit: nil) } ?? .missing("?"))
                } else {
                    cells.append(.empty)
                }
            }
            table.add(cells)
        }
        doc.add(.table(table))
        return doc
    }
}

/// Consistency across periods and grains.
extension QueryPresenter {
    /// A span of periods: `2026-03 .. 2026-07`, or one period.
    func span(_ periods: [Period]) -> String {
        guard let first = periods.first, let last = periods.last else { return "" }
        return first == last ? "\(first)" : "\(first) .. \(last)"
    }

    /// Pairs of goals on one chain with lags: the periods that feed the
    /// downstream goal, what the upstream goal implies there, and what it takes.
    public func chainChecks(_ checks: [ChainCheck], _ period: Period?) -> Document {
        var doc = Document()
        guard !checks.isEmpty else { return nothingToAddUp(period) }
        // With a plan, what lies after the actuals is forecast.
        if ws.hasPlan, let end = ws.actualsEnd {
            doc.line(Span("figures after \(end) are forecast: actuals, then the plan, through the formulas", .dim))
        }
        var table = Table(
            name: "consistency",
            columns: [.init("Upstream goal", key: "upstream"), .init("Downstream goal", key: "downstream"),
                .init("Fed by", key: "feeding"), .init("Implied", numeric: true), .init("Target", numeric: true),
                .init("Adds up", key: "consistent"), .init("Needed", key: "needed", numeric: true)])
        for c in shownPart(checks) {
            let up = ws.goals[c.upstream]
            let down = ws.goals[c.downstream]
            table.add([
                .name(up.name), .name(down.name), .text(span(c.feeding)), valueCell(c.implied, down.metric),
                .number(down.target, unit: unit(down.metric)),
                c.consistent.map { $0 ? .status(true, "yes") : .status(false, "no") } ?? .missing("unknown"),
                c.needed.map { .text(NumberFormat.format($0, unit: unit(up.metric), decimals: 2)) } ?? .empty,
            ])
        }
        doc.add(.table(table))
        leftOut(checks.count, "pairs of goals", in: &doc)
        for c in describedPart(checks) {
            let up = ws.goals[c.upstream]
            let down = ws.goals[c.downstream]
            let upName = name(up.metric)
            var fed: [Span] = [
                Span(down.name, .name),
                Span(" (\(format(down.target, down.metric)) in \(down.period)) is fed by the \(upName) of \(span(c.feeding))"),
            ]
            if let today = c.feedingToday.number { fed.append(Span(" (\(format(today, up.metric)) now)")) }
            if let needed = c.needed, case .solved(let factor, _) = c.factor {
                fed.append(Span("; meeting it takes \(NumberFormat.plain(needed, decimals: 2)) \(upName) over those periods (×\(NumberFormat.plain(factor, decimals: 6, fixed: true)))"))
            } else if case .unknown(let outcome) = c.factor {
                fed.append(Span("; what it takes is unknown: " + explain(outcome), .dim))
            }
            doc.add(.line(fed))
            if !c.reached.isEmpty {
                doc.line(
                    Span(up.name, .name),
                    Span(" is a goal on the \(upName) of \(span(c.upstreamParts)): they feed \(name(down.metric)) from \(c.reached.first!) to \(c.reached.last!)"))
            }
            guard let implied = c.implied.number, let ok = c.consistent else {
                doc.line(Span("  with \(up.name) met, \(name(down.metric)) cannot be computed: " + explain(c.implied), .dim))
                continue
            }
            let relation = implied < down.target ? "below" : implied > down.target ? "above" : "equal to"
            doc.line(
                Span("  with \(up.name) met exactly, \(name(down.metric)) in \(down.period) is \(format(implied, down.metric)), \(relation) its goal"),
                ok ? Span(": the goals add up", .good) : Span(": the goals do not add up", .bad))
        }
        return doc
    }

    /// Goals on one metric at different grains, each longer one against the shorter ones inside it.
    public func grainChecks(_ checks: [GrainCheck]) -> Document {
        var doc = Document()
        guard !checks.isEmpty else { return doc }
        doc.heading("goals on one metric over different periods")
        var table = Table(
            name: "grains",
            columns: [.init("Goal"), .init("Period"), .init("Target", numeric: true), .init("Inside it"),
                .init("Combined", numeric: true), .init("Adds up", key: "consistent")])
        for c in shownPart(checks) {
            let goal = ws.goals[c.goal]
            table.add([
                .name(goal.name), .text(goal.period.description), .number(goal.target, unit: unit(goal.metric)),
                .text(c.parts.map { ws.goals[$0].name }.joined(separator: ", ")),
                c.combined.isNaN ? .empty : .number(c.combined, unit: unit(goal.metric)),
                c.consistent.map { $0 ? .status(true, "yes") : .status(false, "no") } ?? .missing(c.covers ? "unknown" : "partly"),
            ])
        }
        doc.add(.table(table))
        for c in describedPart(checks) {
            let goal = ws.goals[c.goal]
            let parts = c.parts.map { ws.goals[$0] }
            let list = parts.map { "\($0.name) (\($0.period))" }.joined(separator: ", ")
            let how: String
            switch ws.aggregation(of: goal.metric) {
            case .sum: how = "add up to"
            case .average: how = "average"
            case .last: how = "end at"
            case .first: how = "start at"
            }
            var spans: [Span] = [Span(goal.name, .name), Span(" (\(goal.comparison.rawValue) \(format(goal.target, goal.metric)) in \(goal.period)): ")]
            if c.covers || !c.combined.isNaN {
                spans.append(Span("the goals inside it, \(list), \(how) \(format(c.combined, goal.metric))"))
            }
            if let ok = c.consistent {
                spans.append(ok ? Span(": meeting them meets it", .good) : Span(": meeting them all still misses it", .bad))
            } else if let rest = c.rest {
                spans.append(Span("; the rest of \(goal.period) must bring \(format(rest, goal.metric)) more"))
            }
            doc.add(.line(spans))
        }
        return doc
    }
}
