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
            let points = NumberFormat.plain(abs(p) * 100)
            return "\(points) \(points == "1" ? "point" : "points") \(direction(p)) (each value \(p < 0 ? "-" : "+") \(NumberFormat.plain(abs(p))))"
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
            if case .within(let range) = item.scope, range.lowerBound != range.upperBound, ws.aggregation(of: item.metric) == .sum {
                // A value set or an amount added over a range of a metric that adds up is the range's total.
                let over = "over \(range.lowerBound)..\(range.upperBound), spread as today's value is"
                switch item.change {
                case .set(let v): line = "what if \(name(item.metric)) were \(format(v, item.metric)) \(over)"
                case .delta(let d):
                    line = "what if \(name(item.metric)) were \(format(abs(d), item.metric)) \(d < 0 ? "lower" : "higher") in total \(over)"
                case .relative, .points: break
                }
            }
            if let first = finest.map(\.period).min(), let last = finest.map(\.period).max(), finest.count > 1 {
                line += ": \(finest.count) values, \(first) to \(last)"
            }
            doc.heading(line)
        }
        guard !result.rows.isEmpty else {
            doc.line(Span("nothing moves: the values are the same", .dim))
            return doc
        }
        if let line = beyondShare(result.settings.map { ($0.metric, $0.period, $0.after) }, Self.impossibleWhatIf) {
            doc.line(line)
        }
        if machine {
            var table = Table(
                name: "moved",
                columns: [.init("Metric"), .init("Period"), .init("Before", numeric: true), .init("After", numeric: true),
                    .init("Change", numeric: true)])
            for row in result.rows {
                for (i, period) in result.periods.enumerated() where !row.before[i].isSame(as: row.after[i]) {
                    var change: Cell = .empty
                    if let a = row.before[i].number, let b = row.after[i].number { change = .change(Noise.change(from: a, to: b), unit: unit(row.metric)) }
                    table.add([.name(name(row.metric)), .text(period.description), valueCell(row.before[i], row.metric),
                        valueCell(row.after[i], row.metric), change])
                }
            }
            doc.add(.table(table))
            unreached(result.unreached, into: &doc)
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
                    cells.append(.text(Noise.isSame(a, b) ? "0" : changeText(b - a, row.metric)))
                } else if row.before[i] == row.after[i] {
                    cells.append(.empty)
                } else if let b = row.after[i].number {
                    // Unknown before, known after (a deal size given for Q4): the value it now has.
                    cells.append(.text("new: " + format(b, row.metric)))
                } else {
                    cells.append(.missing("unknown after"))
                }
            }
            table.add(cells)
        }
        doc.add(.table(table))
        for row in result.rows {
            // A recorded longer period the change leaves as recorded: say what its column is.
            for period in row.rolledUp where columns.contains(period) {
                let inside = result.settings.filter { $0.metric == row.metric && $0.period != period && period.contains($0.period) }
                guard let grain = inside.map(\.period.grain).min() else { continue }
                let how =
                    switch ws.aggregation(of: row.metric) {
                    case .sum: "total"
                    case .average: "average"
                    case .last: "last \(grain.word)"
                    case .first: "first \(grain.word)"
                    }
                let parts = grain == .half ? "halves" : grain.word + "s"
                doc.line(
                    Span(name(row.metric), .name),
                    Span(
                        " in \(period) is a recorded value and stays as recorded; its column is the change in its \(parts)' \(how)",
                        .dim))
            }
        }
        if let id = result.headline, let row = result.rows.first(where: { $0.metric == id }) {
            // The headline in its longest period, then where it lands within it.
            let moved = columns.compactMap { p -> (Period, Double, Double)? in
                let i = index[p]!
                guard let a = row.before[i].number, let b = row.after[i].number, !Noise.isSame(a, b) else { return nil }
                return (p, a, b)
            }
            let at = ws.aggregation(of: id) == .last ? "at the end of " : "in "
            if let whole = moved.last(where: { $0.0.grain == moved.map(\.0.grain).max() }) {
                let parts = moved.filter { $0.0 != whole.0 }.map { "\(changeText($0.2 - $0.1, id)) in \($0.0)" }
                doc.line(
                    Span(name(id), .name),
                    Span(" \(at)\(whole.0): \(format(whole.1, id)) → \(format(whole.2, id)) (\(changeText(whole.2 - whole.1, id))"
                        + (parts.isEmpty ? ")" : "; " + parts.joined(separator: ", ") + ")")))
            } else if let i = columns.indices.last(where: { k in
                let j = index[columns[k]]!
                return row.before[j].number == nil && row.after[j].number != nil
            }) {
                // Unknown before, known after (a deal size set where there was none): both said, no change.
                let j = index[columns[i]]!
                doc.line(
                    Span(name(id), .name),
                    Span(
                        " \(at)\(columns[i]): unknown before (\(explain(row.before[j]))), \(format(row.after[j].number!, id)) after"
                    ))
            }
        }
        unreached(result.unreached, into: &doc)
        if !result.throughLinks.isEmpty {
            doc.line(Span("also reached through links, not computed: " + result.throughLinks.map(name).joined(separator: ", "), .dim))
        }
        return doc
    }

    /// The metrics a what-if cannot be followed to, and why: "bookings and
    /// revenue have no value in 2026-10 (no deal_size in 2026-10)".
    private func unreached(_ list: [PeriodWhatIf.Unreached], into doc: inout Document) {
        var groups: [(key: String, names: [String])] = []
        for u in list {
            let key = "in \(u.period) (\(explain(u.outcome)))"
            if let i = groups.firstIndex(where: { $0.key == key }) {
                groups[i].names.append(name(u.metric))
            } else {
                groups.append((key, [name(u.metric)]))
            }
        }
        for g in groups {
            let names = g.names.count == 1 ? g.names[0] : g.names.dropLast().joined(separator: ", ") + " and " + g.names.last!
            doc.line(
                Span(names, .name),
                Span(" \(g.names.count == 1 ? "has" : "have") no value \(g.key): the change cannot be followed to "
                    + (g.names.count == 1 ? "it" : "them") + " there", .dim))
        }
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
        // Closed periods of the driver are held: say which, and how to move them.
        var held: Span?
        if let through = answer.through, !answer.held.isEmpty {
            held = Span(
                "held as actuals (through \(through)), not moved: the \(name(driver)) of \(span(answer.held)); "
                    + "name the periods to move with 'over FROM..TO'", .dim)
        }
        if answer.parts.isEmpty, let held {
            doc.line(
                Span(
                    "every period of \(name(driver)) that reaches \(name(metric)) in \(answer.period) is closed: "
                        + "nothing after the actuals is left to move", .bad))
            doc.line(held)
            return doc
        }
        guard let exactParts = answer.solvedParts, case .solved(let factor, let exact) = answer.result else {
            var answerDoc = solve(answer.result, metric: metric, target: answer.target, driver: driver, current: .known(0), answer.period)
            if let held { answerDoc.line(held) }
            return answerDoc
        }
        // A count is whole in each period: rounded the way the factor moves it.
        let way: Precision.Direction = answer.even || factor >= 1 ? .up : .down
        let solved = isCount(driver) ? exactParts.map { Precision.rounded($0, unit: unit(driver), way) } : exactParts
        let rounded = zip(solved, exactParts).contains { abs($0 - $1) > Comparison.tolerance($1) }
        let first = answer.parts.first!.period
        let last = answer.parts.last!.period
        let span = Period.span(first, last)
        let today = answer.parts.reduce(0) { $0 + $1.today }
        doc.line(
            Span("the \(name(driver)) that reach \(name(metric)) in \(answer.period)\(held == nil ? "" : " after the actuals") are those of \(span)"))
        let shape = answer.even ? "set to \(NumberFormat.precise(factor, unit: unit(driver))) each (all are 0 today)"
            : "scaled by one factor (×\(NumberFormat.plain(factor, decimals: 6, fixed: true)))"
        func list(_ values: [Double], decimals: Int) -> String {
            func fixed(_ x: Double) -> String { NumberFormat.plain(x, decimals: decimals, fixed: true) }
            var text = values.map(fixed).joined(separator: ", ")
            if answer.parts.count > 1, ws.aggregation(of: driver) == .sum {
                let total = values.reduce(0, +)
                text += " (\(fixed(total)) in all, \(total >= today ? "+" : "-")\(fixed(abs(total - today))))"
            }
            return text
        }
        doc.line(Span("\(shape) they become " + list(exactParts, decimals: 2)))
        doc.line(Span("and bring \(name(metric)) to \(format(answer.target, metric)) in \(answer.period)"))
        if let held { doc.line(held) }
        if rounded {
            doc.line(Span("\(name(driver)) is a count: as whole ones, each rounded \(way == .up ? "up" : "down"), they are " + list(solved, decimals: 0)))
        }
        if let line = beyondShare(zip(answer.parts, solved).map { (driver, $0.period, $1) }, Self.impossibleSolve) {
            doc.line(line)
        }
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
                    // What a stage that counts needs is a whole number of things.
                    let need = s.after.number.map { isCount(id) ? Precision.rounded($0, unit: unit(id), way) : $0 }
                    cells.append(need.map { .number($0, unit: nil) } ?? .missing("?"))
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
