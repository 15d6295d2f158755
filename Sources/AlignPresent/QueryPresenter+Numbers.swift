import AlignCore
import AlignLanguage
import AlignOutput

/// The numeric queries: gaps, consistency, paths, drivers, what-if, solve.
extension QueryPresenter {
    /// What a figure for a period is, once there is a plan: the actual, a
    /// forecast (after the actuals end), or an actual in part.
    func figure(_ period: Period) -> String { figure(fromMonth: period.firstMonth, endMonth: period.endMonth) }

    /// `figure` for the months from `first` up to `end` (a range of periods).
    func figure(fromMonth first: Int, endMonth end: Int) -> String {
        guard let actualsEnd = ws.actualsEnd else { return "forecast" }
        if end <= actualsEnd.endMonth { return "actual" }
        return first > actualsEnd.firstMonth ? "forecast" : "part forecast"
    }

    /// `query gaps PERIOD`: each goal due then against its value.
    public func gaps(_ list: [GoalGap], _ period: Period) -> Document {
        var doc = Document()
        doc.heading("goals due in \(period) against their values")
        guard !list.isEmpty else {
            if ws.goals.count == 0 {
                doc.line(Span("no goals yet: goal NAME TEAM METRIC >= TARGET by PERIOD", .dim))
            } else {
                doc.line(Span("no goal is due in \(period)", .dim))
                dueElsewhere(period, in: &doc)
            }
            return doc
        }
        // With a plan, each value is an actual, a forecast, or partly both.
        let figures = ws.hasPlan
        var columns: [Table.Column] = [
            .init("Goal"), .init("Team"), .init("Metric"), .init("Target", numeric: true), .init("Value", numeric: true),
        ]
        if figures { columns.append(.init("Figure")) }
        columns += [.init("Gap", numeric: true), .init("Share", numeric: true), .init("Status")]
        var table = Table(name: "gaps", columns: columns)
        for g in shownPart(list) {
            let goal = ws.goals[g.goal]
            let status: Cell = g.met.map { $0 ? .status(true, "met") : .status(false, "missed") } ?? .missing("no value")
            var cells: [Cell] = [.name(goal.name), .name(team(goal.team)), .name(name(goal.metric)),
                .number(goal.target, unit: unit(goal.metric)), valueCell(g.value, goal.metric)]
            if figures { cells.append(.text(figure(goal.period))) }
            cells += [g.difference.map { .change($0, unit: unit(goal.metric)) } ?? .empty,
                g.shortfallShare.map { .percent(-$0, signed: true) } ?? .empty, status]
            table.add(cells)
        }
        doc.add(.table(table))
        leftOut(list.count, "goal", in: &doc)
        for g in describedPart(list) {
            let goal = ws.goals[g.goal]
            guard let value = g.value.number, let met = g.met else {
                doc.line(Span(goal.name, .name), Span(": " + explain(g.value), .dim))
                continue
            }
            var spans: [Span] = [Span(goal.name, .name), ": \(format(value, goal.metric)) against \(format(goal.target, goal.metric))"]
            let shortfall = abs(g.difference ?? value - goal.target)
            if met {
                spans.append(Span(", met", .good))
            } else {
                let word = goal.comparison == .atMost ? "over" : (value < goal.target ? "short" : "off")
                let share = g.shortfallShare.map { " (\(NumberFormat.percent($0)))" } ?? ""
                spans.append(Span(", \(word) by \(format(shortfall, goal.metric))\(share)", .bad))
            }
            doc.add(.line(spans))
        }
        dueElsewhere(period, in: &doc)
        return doc
    }

    /// The goals due in other periods, by period, and how to ask about them:
    /// those due within `period` (its quarters, its months) apart from the rest.
    private func dueElsewhere(_ period: Period, in doc: inout Document) {
        var inside: [Period: Int] = [:]
        var outside: [Period: Int] = [:]
        for (_, goal) in ws.goals.all where goal.period != period {
            if period.contains(goal.period) {
                inside[goal.period, default: 0] += 1
            } else {
                outside[goal.period, default: 0] += 1
            }
        }
        for (counts, within) in [(inside, true), (outside, false)] {
            guard let first = counts.keys.min() else { continue }
            let total = NumberFormat.count(counts.values.reduce(0, +), "goal is", plural: "goals are")
            guard counts.count > 1 else {
                doc.line(Span("\(total) due in \(first)\(within ? " (within \(period))" : ""): see query gaps \(first)", .dim))
                continue
            }
            let shown = counts.keys.sorted().prefix(Self.periodsListed).map { "\($0) (\(counts[$0]!))" }
            let more = counts.count > Self.periodsListed ? ", ..." : ""
            let place = within ? "within \(period), in shorter periods" : "in other periods"
            doc.line(
                Span("\(total) due \(place): " + shown.joined(separator: ", ") + more + "; see query gaps \(first)", .dim))
        }
    }

    /// The answer when no two goals sit on one chain.
    func nothingToAddUp(_ period: Period?) -> Document {
        var doc = Document()
        let scope = period.map { " for \($0)" } ?? ""
        doc.line(Span("no two goals\(scope) sit on one chain of formulas, so there is nothing to add up", .dim))
        return doc
    }

    /// How many other periods the gaps answer names.
    static let periodsListed = 4

    /// `query consistency`: whether goals on one chain add up.
    public func consistency(_ checks: [ConsistencyCheck], _ period: Period?) -> Document {
        guard !checks.isEmpty else { return nothingToAddUp(period) }
        var doc = Document()
        var table = Table(
            name: "consistency",
            columns: [.init("Upstream goal", key: "upstream"), .init("Downstream goal", key: "downstream"), .init("Period"),
                .init("Implied", numeric: true), .init("Target", numeric: true), .init("Adds up", key: "consistent"),
                .init("Upstream needed", key: "needed", numeric: true)])
        for c in shownPart(checks) {
            let up = ws.goals[c.upstream]
            let down = ws.goals[c.downstream]
            var needed: Cell = .empty
            if case .solved(let v, _) = c.needed {
                needed = .number(isCount(up.metric) ? suggestedTarget(v, up.metric, up.comparison) : v, unit: unit(up.metric))
            }
            table.add([.name(up.name), .name(down.name), .text(c.period.description), valueCell(c.implied, down.metric),
                .number(down.target, unit: unit(down.metric)),
                c.consistent.map { $0 ? .status(true, "yes") : .status(false, "no") } ?? .missing("unknown"), needed])
        }
        doc.add(.table(table))
        leftOut(checks.count, "pair of goals", plural: "pairs of goals", in: &doc)
        for c in describedPart(checks) {
            let up = ws.goals[c.upstream]
            let down = ws.goals[c.downstream]
            let upText = "\(up.name) (\(format(up.target, up.metric)) \(name(up.metric)))"
            guard let implied = c.implied.number, let ok = c.consistent else {
                doc.line(Span(upText), Span(": cannot compute \(name(down.metric)): " + explain(c.implied), .dim))
                continue
            }
            let relation = implied < down.target ? "below" : implied > down.target ? "above" : "equal to"
            var spans: [Span] = [Span(up.name, .name), Span(" (\(format(up.target, up.metric)) \(name(up.metric))) implies \(name(down.metric)) \(format(implied, down.metric)), \(relation) the \(format(down.target, down.metric)) of "), Span(down.name, .name)]
            spans.append(ok ? Span(": the goals add up", .good) : Span(": the goals do not add up", .bad))
            doc.add(.line(spans))
            switch c.needed {
            case .solved(let v, _) where !ok:
                if let line = impossibleNeed(v, of: up.metric, for: down.name) {
                    doc.line(line)
                    break
                }
                let goal = suggestedTarget(v, up.metric, up.comparison)
                doc.line("  meeting ", Span(down.name, .name), " takes \(needText(v, up.metric, up.comparison)); ",
                    Span("goal \(up.name) \(team(up.team)) \(name(up.metric)) \(up.comparison.rawValue) \(ScriptPrinter.number(goal)) by \(up.period)", .dim))
            case .unreachable(let low, let high):
                // The downstream target is out of the metric's reach: either
                // every value of the upstream metric meets the goal (a floor
                // above an "at least" target), which needs no line, or none does.
                let everyValueMeets =
                    switch down.comparison {
                    case .atLeast: down.comparison.isMet(low, target: down.target)
                    case .atMost: down.comparison.isMet(high, target: down.target)
                    case .equal: false
                    }
                if !everyValueMeets {
                    let seen = reach(low, high, beyond: down.target, down.metric)
                    doc.line(Span("  no value of \(name(up.metric)) meets \(down.name): \(name(down.metric)) " + seen, .bad))
                }
            default:
                break
            }
        }
        return doc
    }

    /// `query drivers METRIC`: each driver ranked by what a 10% change does, by team.
    public func drivers(_ ranking: DriverRanking, of metric: MetricID, in period: Period, graph: DriverGraph) -> Document {
        var doc = Document()
        doc.heading("what moves \(name(metric)) in \(period): each driver up by 10%")
        guard !ranking.effects.isEmpty || !ranking.linked.isEmpty else {
            doc.line(Span("\(name(metric)) has no drivers: give it a formula or link a driver to it", .dim))
            return doc
        }
        // Group by owning team, teams in order of their strongest driver.
        var teams: [String] = []
        var byTeam: [String: [DriverEffect]] = [:]
        for e in ranking.effects {
            let t = owner(e.driver) ?? "(no team)"
            if byTeam[t] == nil { teams.append(t) }
            byTeam[t, default: []].append(e)
        }
        // With lags, the periods of each driver that the rise moves.
        let lagged = ranking.effects.contains { $0.feeding != nil }
        var columns: [Table.Column] = [.init("Team"), .init("Driver"), .init("Value", numeric: true)]
        if lagged { columns.append(.init("Its periods", key: "feeding")) }
        columns += [.init("Effect", numeric: true), .init("Change", numeric: true)]
        var table = Table(name: "drivers", columns: columns)
        var rows = 0
        for t in teams {
            for e in byTeam[t] ?? [] where rows < (shown ?? .max) {
                rows += 1
                var cells: [Cell] = [.name(t), .name(name(e.driver)), valueCell(e.value, e.driver)]
                if lagged { cells.append(e.feeding.map { .text(span($0)) } ?? .empty) }
                cells += [
                    e.effect.map { .percent($0) } ?? .missing("unknown"), e.change.map { .change($0, unit: unit(metric)) } ?? .empty,
                ]
                table.add(cells)
            }
        }
        doc.add(.table(table))
        leftOut(ranking.effects.count, "driver", in: &doc)
        if ranking.estimated > 0 {
            doc.line(Span("the \(ranking.estimated) weakest drivers are ranked by their derivative", .dim))
        }
        for l in describedPart(ranking.linked) {
            let link = ws.links[l.link]
            let lag = link.lag.map { " (lag \($0))" } ?? ""
            doc.line(Span(name(l.driver), .name), " moves \(name(metric)) only through a link to \(name(link.to))\(lag): not in the arithmetic")
        }
        leftOut(ranking.linked.count, "linked driver", in: &doc)
        return doc
    }

    /// `whatif`: every metric the change moves, and where it lands.
    public func whatIf(_ result: WhatIfResult, _ period: Period) -> Document {
        var doc = Document()
        guard let first = result.moved.first else {
            doc.line(Span("nothing moves: the value is the same", .dim))
            return doc
        }
        doc.heading("what if \(name(first.metric)) were \(first.after.number.map { format($0, first.metric) } ?? "?") in \(period)")
        var table = Table(name: "moved", columns: [.init("Metric"), .init("Before", numeric: true), .init("After", numeric: true),
            .init("Change", numeric: true), .init("Share", numeric: true)])
        for m in result.moved {
            var change: Cell = .empty
            var share: Cell = .empty
            if let a = m.before.number, let b = m.after.number {
                let delta = Noise.change(from: a, to: b)
                change = .change(delta, unit: unit(m.metric))
                if a != 0 { share = .percent(delta / abs(a), signed: true) }
            }
            table.add([.name(name(m.metric)), valueCell(m.before, m.metric), valueCell(m.after, m.metric), change, share])
        }
        doc.add(.table(table))
        if let set = first.after.number, let line = beyondShare([(first.metric, period, set)], Self.impossibleWhatIf) {
            doc.line(line)
        }
        // The line to read, then the same metric in the periods that roll this one up.
        if let id = result.headline, let last = result.moved.first(where: { $0.metric == id }), let a = last.before.number,
            let b = last.after.number
        {
            doc.line(Span(name(id), .name), " \(format(b, id)) (\(NumberFormat.change(Noise.change(from: a, to: b), unit: unit(id))))")
        }
        for c in result.coarser {
            let id = c.movement.metric
            guard let a = c.movement.before.number, let b = c.movement.after.number else {
                doc.line(Span(name(id), .name), Span(" in \(c.period): " + explain(c.movement.after), .dim))
                continue
            }
            doc.line(
                Span(name(id), .name),
                " in \(c.period): \(format(a, id)) → \(format(b, id)) (\(NumberFormat.change(Noise.change(from: a, to: b), unit: unit(id))))")
        }
        if !result.throughLinks.isEmpty {
            doc.line(Span("also reached through links, not computed: " + result.throughLinks.map(name).joined(separator: ", "), .dim))
        }
        return doc
    }
}
