import AlignCore
import AlignLanguage
import AlignOutput

/// Consistency across periods and grains.
extension QueryPresenter {
    /// A span of periods: `2026-03 .. 2026-07`, or one period.
    func span(_ periods: [Period]) -> String { Period.span(periods) }

    /// Pairs of goals on one chain with lags: the periods that feed the
    /// downstream goal, what the upstream goal implies there, and what it takes.
    public func chainChecks(_ checks: [ChainCheck], _ period: Period?) -> Document {
        var doc = Document()
        guard !checks.isEmpty else { return nothingToAddUp(period) }
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
                c.needed.map {
                    .number(isCount(up.metric) ? suggestedTarget($0, up.metric, up.comparison) : $0, unit: unit(up.metric))
                } ?? .empty,
            ])
        }
        doc.add(.table(table))
        // With a plan, what lies after the actuals is forecast: said under
        // the table, and only when a row shown reads a period after them.
        if ws.hasPlan, let end = ws.actualsEnd,
            shownPart(checks).contains(where: { c in
                (c.feeding + [ws.goals[c.upstream].period, ws.goals[c.downstream].period]).contains { $0.endMonth > end.endMonth }
            })
        {
            doc.line(Span("figures after \(end) are forecast: actuals, then the plan, through the formulas", .dim))
        }
        leftOut(checks.count, "pair of goals", plural: "pairs of goals", in: &doc)
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
                let takes = isCount(up.metric) ? needText(needed, up.metric, up.comparison) : NumberFormat.plain(needed, decimals: 2) + " " + upName
                fed.append(Span("; meeting it takes \(takes) over those periods (×\(NumberFormat.plain(factor, decimals: 6, fixed: true)))"))
            } else if case .unknown(let outcome) = c.factor {
                fed.append(Span("; what it takes is unknown: " + explain(outcome), .dim))
            }
            doc.add(.line(fed))
            // A share's need over several periods is their mean (a sum of rates means nothing).
            if let needed = c.needed, ws.aggregation(of: up.metric) != .sum, let line = impossibleNeed(needed, of: up.metric, for: down.name) {
                doc.line(line)
            }
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
