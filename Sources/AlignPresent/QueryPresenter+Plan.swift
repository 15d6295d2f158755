import AlignCore
import AlignLanguage
import AlignOutput

/// Plan, actual and forecast: pacing, variance, scenarios.
extension QueryPresenter {
    /// `query pacing PERIOD`: each goal's actuals to date against the plan
    /// to date, and its forecast against its target.
    public func pacing(_ rows: [PacingRow], _ period: Period, actualsEnd: Period?, hasPlan: Bool) -> Document {
        var doc = Document()
        // Goals due in the period and in the periods inside it (a year's quarters) are paced alike.
        let inside = rows.contains { ws.goals[$0.goal].period != period }
        doc.heading(
            "goals due \(inside ? "within" : "in") \(period), paced"
                + (actualsEnd.map { ": actuals through \($0), forecast after" } ?? ": no actuals yet"))
        guard !rows.isEmpty else {
            doc.line(Span("no goal is due in \(period) or in a period inside it", .dim))
            return doc
        }
        var table = Table(
            name: "pacing",
            columns: [.init("Goal"), .init("Team"), .init("Period"), .init("To date", key: "to_date", numeric: true),
                .init("Plan to date", key: "plan_to_date", numeric: true), .init("Forecast", numeric: true),
                .init("Target", numeric: true), .init("On track", key: "on_track"), .init("By", key: "gap", numeric: true)])
        for row in shownPart(rows) {
            let goal = ws.goals[row.goal]
            let m = goal.metric
            table.add([
                .name(goal.name), .name(team(goal.team)), .text(goal.period.description),
                row.toDate.map { valueCell($0, m) } ?? .empty, (hasPlan ? row.planToDate : nil).map { valueCell($0, m) } ?? .empty,
                valueCell(row.forecast, m), .number(goal.target, unit: unit(m)),
                row.onTrack.map { $0 ? .status(true, "yes") : .status(false, "no") } ?? .missing("unknown"),
                row.gap.map { .change($0, unit: unit(m)) } ?? .empty,
            ])
        }
        doc.add(.table(table))
        leftOut(rows.count, "goal", in: &doc)
        for row in describedPart(rows) {
            let goal = ws.goals[row.goal]
            let m = goal.metric
            var spans: [Span] = [Span(goal.name, .name), Span(": ")]
            if let through = row.toDateThrough, let toDate = row.toDate?.number {
                var text = "\(format(toDate, m)) to date (through \(through))"
                // With no plan at all, the plan's evaluation is the actuals: nothing to compare.
                if hasPlan, let plan = row.planToDate?.number {
                    text += ", \(NumberFormat.change(Noise.change(from: plan, to: toDate), unit: unit(m))) against the plan to date"
                }
                spans.append(Span(text + "; "))
            } else if row.toDateThrough == nil {
                spans.append(Span("no actuals yet; "))
            }
            if let forecast = row.forecast.number, let gap = row.gap, let ok = row.onTrack {
                spans.append(Span("forecast \(format(forecast, m)) for \(goal.period) against \(format(goal.target, m)): "))
                let by = gap == 0 ? "on target" : "\(goal.comparison.gapWord(met: ok)) by \(format(abs(gap), m))"
                spans.append(ok ? Span("on track, " + by, .good) : Span("off track, " + by, .bad))
            } else {
                spans.append(Span("forecast unknown: " + explain(row.forecast), .dim))
            }
            doc.add(.line(spans))
        }
        if !hasPlan { doc.line(Span("no plan is recorded: the forecast after the actuals is the formulas' alone", .dim)) }
        return doc
    }

    /// Below what part of the shares' sizes added up a net variance is too
    /// small for its shares to be shown as parts of it.
    static let offsetShare = 0.1

    /// `query variance METRIC in PERIOD`: actual against plan, split into drivers' shares.
    public func variance(_ answer: VarianceAnswer) -> Document {
        var doc = Document()
        let m = answer.metric
        // After the end of actuals the figure is a forecast: the column says so.
        let figure = self.figure(fromMonth: answer.firstMonth, endMonth: answer.endMonth)
        let asked = answer.periodText

        let column = figure == "actual" ? "Actual" : "Forecast"
        let what: String
        switch figure {
        case "actual": what = "actual"
        case "part forecast": what = "forecast (actuals through \(ws.actualsEnd!), forecast after)"
        default: what = ws.actualsEnd.map { "forecast (actuals end with \($0))" } ?? "forecast (no actuals yet)"
        }
        doc.heading("\(name(m)) in \(asked): \(what) against plan")
        guard let actual = answer.actual.number, let plan = answer.plan.number else {
            let (which, side) = answer.actual.number == nil ? (answer.actual, figure) : (answer.plan, "plan")
            // (On the plan's side, what is missing is a plan: the metric may well have an actual there.)
            let why = side == "plan" ? explain(which).replacing("no value for ", with: "no plan for ") : explain(which)
            doc.line(Span("cannot compare: its \(side) there is unknown: " + why, .bad))
            return doc
        }
        let hasPlan = answer.periods.contains { ws.hasPlan(overlapping: $0) }
        if hasPlan, answer.periods.allSatisfy({ ws.planTakesActual(m, in: $0) }) {
            doc.line(
                Span(name(m), .name),
                Span(" \(format(actual, m)): no plan value of its own falls in \(asked), so the plan there is"
                    + " its actual and there is nothing to compare", .dim))
            return doc
        }
        let total = answer.difference ?? actual - plan
        let share = plan != 0 ? " (\(total > 0 ? "+" : "")\(NumberFormat.percent(total / abs(plan))))" : ""
        doc.line(
            Span(name(m), .name),
            Span(" \(format(actual, m)) against a plan of \(format(plan, m)): \(NumberFormat.change(total, unit: unit(m)))\(share)"))
        // The headline's figures, as numbers, for a program reading JSON.
        var headline = Table(
            name: "total",
            columns: [.init("Metric"), .init("Period"), .init("Figure"), .init("Actual", numeric: true), .init("Plan", numeric: true),
                .init("Implied plan", numeric: true), .init("Difference", numeric: true), .init("Part", numeric: true)])
        headline.jsonOnly = true
        headline.add([
            .name(name(m)), .text(asked), .text(figure), .number(actual, unit: unit(m)), .number(plan, unit: unit(m)),
            answer.impliedPlan?.number.map { .number($0, unit: unit(m)) } ?? .empty, .change(total, unit: unit(m)),
            plan != 0 ? .percent(total / abs(plan)) : .empty,
        ])
        doc.add(.table(headline))
        guard total != 0 else {
            if hasPlan {
                doc.line(Span("on plan: nothing to split", .good))
            } else {
                // The plan layer holds the actuals where no plan is given: equal, but not on plan.
                doc.line(Span("no plan value falls in \(asked): the plan there is the actual, so there is nothing to compare", .dim))
            }
            return doc
        }
        // Where a share comes from other periods (leads months before, through
        // a lag), a column says which, and the driver's own figures are left
        // out: its figures in the period asked are not what moved.
        let shown = shownPart(answer.shares)
        func elsewhere(_ s: VarianceAnswer.Share) -> Bool {
            guard let from = s.from, let through = s.through else { return false }
            return from.firstMonth != answer.firstMonth || through.endMonth != answer.endMonth
        }
        let periods = shown.contains(where: elsewhere)
        var columns: [Table.Column] = [.init("Driver"), .init("Team")]
        if periods { columns.append(.init("From", key: "periods")) }
        // Shares that mostly cancel out make a small net: as parts of it,
        // they would read as thousands of percent. Left out then, and said.
        let offsetting = abs(total) < Self.offsetShare * answer.shares.reduce(0) { $0 + abs($1.amount) }
        columns += [.init(column, key: "actual", numeric: true), .init("Plan", numeric: true), .init("Share", key: "amount", numeric: true)]
        if !offsetting { columns.append(.init("Of the variance", key: "part", numeric: true)) }
        var table = Table(name: "variance", columns: columns)
        for s in shown {
            var row: [Cell] = [
                .name(s.topDown ? name(s.driver) + " (plan set top-down)" : name(s.driver)), owner(s.driver).map { .name($0) } ?? .empty,
            ]
            if periods {
                let span = s.from.flatMap { from in s.through.map { Period.span(from, $0) } }
                row.append(span.map { .text($0) } ?? .empty)
            }
            // The top-down line's figure is a plan (the driver-implied one,
            // which the note under the table gives), not the actual or forecast.
            row += [
                s.topDown ? .empty : s.actual.map { .number($0, unit: unit(s.driver)) } ?? .empty,
                s.plan.map { .number($0, unit: unit(s.driver)) } ?? .empty, .change(s.amount, unit: unit(m)),
            ]
            if !offsetting { row.append(.percent(s.amount / total)) }
            table.add(row)
        }
        doc.add(.table(table))
        leftOut(answer.shares.count, "driver", in: &doc)
        if offsetting, describesRows {
            doc.line(
                Span(
                    "the shares mostly cancel out (the net is under a tenth of their sizes added up): "
                        + "their parts of the variance are left out", .dim))
        }
        // By team: what each team's drivers explain.
        // (Added up by the core, in the order of the metrics' slots: tens of thousands of shares in a large workspace.)
        var teams: [String] = []
        var byTeam: [String: Double] = [:]
        for part in answer.byTeam {
            // (The top-down line apart from its team's drivers, named with the team that owns the metric, as its row is.)
            let t =
                part.topDown
                ? ws.metrics[m].owner.map { "the top-down plan (\(team($0)))" } ?? "the top-down plan"
                : part.team.map(team) ?? "(no team)"
            if byTeam[t] == nil { teams.append(t) }
            byTeam[t, default: 0] += part.amount
        }
        if describesRows {
            // Its own plans in the periods asked, set top-down (a quarter's, inside a range of quarters).
            let own = ws.metrics[m].formula == nil ? [] : ws.planList(of: m).filter { p in answer.periods.contains { $0.overlaps(p.period) } }
            let ownText = own.map { "\($0.period) (\(format($0.value, m)))" }.joined(separator: ", ")
            if let implied = answer.impliedPlan?.number {
                // Over a range, its own plan is one period's, and makes the plan over the range with the others'.
                let whose = own.count == 1 && own[0].period == answer.period && answer.through == nil
                    ? "a plan of its own (\(format(plan, m)))"
                    : "a plan of its own for \(ownText), which makes its plan over \(asked) \(format(plan, m))"
                doc.line(
                    Span(
                        "\(name(m)) has \(whose); its drivers' plans imply \(format(implied, m)): "
                            + "the drivers' shares are of the \(figure == "actual" ? "actual" : "forecast") against the "
                            + "driver-implied plan, and the line '\(name(m)) (plan set top-down)' is the driver-implied plan "
                            + "against its own (\(NumberFormat.change(implied - plan, unit: unit(m))))", .dim))
            }
            if answer.impliedPlan == nil, !own.isEmpty, own.allSatisfy({ p in !answer.periods.contains { $0.contains(p.period) } }) {
                // A top-down plan for a longer period than those asked: not spread over them, so not compared with here.
                doc.line(
                    Span(
                        "\(name(m)) has a plan of its own for \(ownText), set top-down: the periods asked keep their drivers' "
                            + "plans, and this compares with those (ask for whole \(own[0].period.grain.word)s to compare with it)", .dim))
            }
            doc.line(
                Span(
                    "by team: " + teams.map { "\($0) \(NumberFormat.change(byTeam[$0]!, unit: unit(m)))" }.joined(separator: ", ")))
            // A formula metric keeping a share itself: what its drivers cannot explain, and why that can be.
            if ws.metrics[m].formula != nil, let own = answer.shares.first(where: { $0.driver == m && !$0.topDown }) {
                doc.line(
                    Span(
                        "\(name(m)) keeps \(NumberFormat.change(own.amount, unit: unit(m))) itself, as its drivers do not "
                            + "explain it: a value of its own recorded or planned inside the period, or a part of the period "
                            + "whose drivers' figures are unknown", .dim))
            }
            // (A metric without a formula is its own one share: there is nothing to split.)
            if answer.shares.contains(where: { $0.driver != m || $0.topDown }) {
                doc.line(
                    Span(
                        "split at each formula by Shapley values (each input's effect averaged over every order in which "
                            + "the inputs could move from plan to actual), then down the tree in proportion: the shares add up "
                            + "to the variance exactly", .dim))
            }
        }
        return doc
    }

    /// `show scenarios`: each scenario, what it changes, and what it does.
    public func scenarios(_ list: [(Scenario, ScenarioEffect)]) -> Document {
        var doc = Document()
        guard !list.isEmpty else {
            doc.line(Span("no scenarios: keep a what-if with 'whatif METRIC = ... as NAME'", .dim))
            return doc
        }
        var table = Table(
            name: "scenarios",
            columns: [.init("Scenario"), .init("Changes"), .init("Period"), .init("Revenue before", key: "before", numeric: true),
                .init("After", numeric: true), .init("Change", numeric: true), .init("Goals moved", key: "goals")])
        for (scenario, effect) in list {
            let changes = ScriptPrinter.changes(scenario.items, ws, readable: true)
            var cells: [Cell] = [.name(scenario.name), .text(changes), .text(effect.period.description)]
            if let metric = effect.metric, let before = effect.before, let after = effect.after {
                // Unknown before or after (an input with no value in a month of the period): said, with why.
                cells += [valueCell(before, metric), valueCell(after, metric)]
                if let a = before.number, let b = after.number {
                    cells.append(.change(Noise.change(from: a, to: b), unit: unit(metric)))
                } else {
                    cells.append(.empty)
                }
            } else {
                cells += [.empty, .empty, .empty]
            }
            cells.append(.text(effect.goals.map { goalName($0.goal) }.joined(separator: ", ")))
            table.add(cells)
        }
        doc.add(.table(table))
        for (scenario, effect) in list where describesRows {
            for g in effect.goals {
                let goal = ws.goals[g.goal]
                guard let a = g.before.number, let b = g.after.number else { continue }
                var text = " moves \(goalName(g.goal)) (\(goal.period)): \(format(a, goal.metric)) → \(format(b, goal.metric))"
                if let was = g.metBefore, let now = g.metAfter, was != now { text += now ? ", now met" : ", now missed" }
                doc.line(Span(scenario.name, .name), Span(text))
            }
        }
        return doc
    }

    /// `compare`: a metric today and under each scenario, period by period.
    public func compare(_ names: [String], on metric: MetricID, periods: [Period], today: [Outcome], values: [[Outcome]])
        -> Document
    {
        var doc = Document()
        doc.heading("\(name(metric)) today and under \(names.joined(separator: " and "))")
        var columns: [Table.Column] = [.init("Period"), .init("Today", numeric: true)]
        for n in names {
            columns.append(.init(n, key: n, numeric: true))
            columns.append(.init("Change", key: n + "_change", numeric: true))
        }
        var table = Table(name: "compare", columns: columns)
        for (i, p) in periods.enumerated() {
            var cells: [Cell] = [.text(p.description), valueCell(today[i], metric)]
            for v in values {
                cells.append(valueCell(v[i], metric))
                if let a = today[i].number, let b = v[i].number { cells.append(.change(Noise.change(from: a, to: b), unit: unit(metric))) } else {
                    cells.append(.empty)
                }
            }
            table.add(cells)
        }
        doc.add(.table(table))
        return doc
    }
}
