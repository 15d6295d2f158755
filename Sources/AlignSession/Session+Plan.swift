import AlignCore
import AlignLanguage
import AlignOutput
import AlignPresent

extension Message {
    static func unknownScenario(_ name: String, suggestion: String?) -> Message {
        Message("no scenario is named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? " (see 'show scenarios')"))
    }
    static func scenarioNameTaken(_ name: String, _ kind: String) -> Message {
        Message("'\(name)' is already a \(kind): give the scenario another name")
    }
    static func scenarioNameReserved(_ name: String) -> Message {
        Message("'\(name)' names a column of 'compare': give the scenario another name")
    }
    static func unknownScenarioNearAdopted(_ name: String, adopted: String) -> Message {
        Message("no scenario is named '\(name)'; '\(adopted)' was adopted: its figures are the plan now")
    }
    static func scenarioAdopted(_ name: String) -> Message {
        Message("scenario '\(name)' was adopted: its figures are the plan now ('undo' takes the adoption back)")
    }
    static func cutoffBeforeActuals(_ period: Period, first: Period) -> Message {
        Message("no actual is recorded before \(first): through \(period), every figure is forecast")
    }
    static func cutoffAfterActuals(_ period: Period, last: Period) -> Message {
        let next = Period.month(last.endMonth).map { "\($0)" } ?? "there"
        return Message(
            "no actual is recorded after \(last): from \(next) through \(period), forecasts come from the plan, "
                + "and pacing has no actual to date there")
    }
    static func compareSameScenario(_ name: String) -> Message {
        Message("'\(name)' is already compared: name another scenario, or only one")
    }
    static func snapshotNameIsScenario(_ name: String) -> Message {
        Message("'\(name)' is a scenario: give the snapshot another name")
    }
    static func adoptClosed(_ periods: String, end: Period) -> Message {
        Message("the scenario changes periods whose actuals are in (\(periods); actuals end with \(end)): "
            + "their plan is rewritten after the fact, and their variance with it")
    }
    static func topDownAtOdds(_ metric: String, _ period: Period, plan: String, implied: String, by: String) -> Message {
        Message(
            "\(metric) has a plan of its own for \(period) (\(plan)), and its drivers' plans now imply \(implied) there: "
                + "\(by) (query variance \(metric) in \(period) shows both)")
    }
    static func topDownMoreAtOdds(_ count: Int) -> Message {
        let one = count == 1
        return Message(
            NumberFormat.count(count, "more plan", plural: "more plans")
                + " set top-down now \(one ? "disagrees" : "disagree") with \(one ? "its" : "their") drivers' plans")
    }
    static func adoptUnderValues(_ metric: String, _ values: String, count: Int) -> Message {
        Message(
            "\(metric) has \(count == 1 ? "a value" : "values") recorded after actuals end (\(values)): the forecast keeps "
                + "\(count == 1 ? "it" : "them"), so the plan adopted there does not move it "
                + "(remove value \(metric) PERIOD lets the plan drive it)")
    }
    static func planOutOfStep(_ metric: String, _ inner: Period, outer: Period, given: String, parts: String) -> Message {
        Message(
            "the plan of \(metric) for \(outer) (\(given)) is not what its parts now make (\(parts)), with \(inner) inside it "
                + "planned on its own: \(outer) keeps its plan as given, and its other periods what it spreads over them "
                + "(plan them on their own and 'remove plan \(metric) \(outer)' to have it roll up, as 'adopt' does)")
    }
    static func planOverParts(_ metric: String, _ period: Period, given: String, parts: String) -> Message {
        Message(
            "\(metric) has plans of its own inside \(period) that make \(parts), not the \(given) given for it: both stay "
                + "as given (\(period) is planned at \(given), the periods inside it at \(parts))")
    }
    static func planNoLongerSpread(_ metric: String, _ inner: Period, outer: Period, given: String, months: Int, span: String)
        -> Message
    {
        Message(
            "the plan of \(metric) for \(outer) (\(given)) is no longer spread over its months, as \(inner) inside it has a plan "
                + "of its own: \(months == 1 ? "1 month" : "\(months) months") (\(span)) \(months == 1 ? "has" : "have") no plan now "
                + "(plan \(months == 1 ? "it" : "them") on \(months == 1 ? "its" : "their") own, or change the plan with "
                + "'whatif ... as NAME' and 'adopt NAME', which keeps the rest)")
    }
    static let noPlan = Message("there is no plan to compare with: record one with 'plan METRIC PERIOD NUMBER' or 'import plan FILE'")
}

/// Plan, actual and forecast: the cutoff, scenarios kept, compared and adopted.
extension Session {
    /// The months of `outer` that no plan of `plans` (of one metric) for a
    /// period inside it covers.
    static func uncoveredMonths(_ outer: Period, _ plans: [(period: Period, value: Double)]) -> [Period] {
        var months: UInt64 = 0
        for (p, _) in plans where p != outer && outer.contains(p) {
            for m in p.firstMonth..<p.endMonth { months |= 1 << UInt64(m - outer.firstMonth) }
        }
        return (0..<outer.grain.months).filter { months & (1 << UInt64($0)) == 0 }.compactMap { Period.month(outer.firstMonth + $0) }
    }

    /// The plan layer of a workspace of one metric, `id` with its unit, its
    /// roll-up and its plan values, and nothing else.
    static func planAlone(of id: MetricID, in ws: Workspace) -> (Evaluator, MetricID) {
        var alone = Workspace()
        let metric = ws.metrics[id]
        // (A name and unit the workspace took once are taken again.)
        let copy = (try? alone.defineMetric(metric.name, unit: metric.unit, aggregation: metric.aggregation).id) ?? MetricID(0)
        for (period, value) in ws.planList(of: id) { alone.setPlan(copy, period, value) }
        return (Evaluator(alone, layer: .plan), copy)
    }

    /// How many plans out of step with their parts one command names.
    static let shownOutOfStep = 3

    /// Plan values given inside a longer plan value of the same metric (a
    /// quarter inside the year's) that leave the longer one out of step with
    /// what its parts make (the year's 28% against its halves' 28% and
    /// 28.5%): each longer one named, the first few. `adopt` rewrites such
    /// a plan; `plan` and `import plan` leave it as given.
    func warnPlansOutOfStep(
        _ given: [(MetricID, Period)], singly: Bool, places: [String]? = nil, at range: SourceRange, in source: SourceText
    ) {
        var seen = Set<UInt64>()
        var found: [(message: Message, given: Int)] = []
        var planned: Evaluator?
        for (n, (id, period)) in given.enumerated() where found.count < Self.shownOutOfStep {
            let plans = workspace.planList(of: id)
            // Each longer plan holding the one given, and the one given where finer plans lie inside it.
            var pairs = plans.filter { $0.period != period && $0.period.contains(period) }.map { (outer: $0, inner: period) }
            if let own = plans.first(where: { $0.period == period }),
                let inside = plans.first(where: { $0.period != period && period.contains($0.period) })
            {
                pairs.append((own, inside.period))
            }
            for (outer, inner) in pairs {
                guard seen.insert(UInt64(UInt32(bitPattern: id.slot)) << 32 | UInt64(outer.period.packed)).inserted else { continue }
                let name = workspace.metrics[id].name
                let unit = workspace.valueUnit(of: id)
                // A metric without a formula: its plan alone makes its parts'
                // plans (a workspace of that one metric, quick to work out
                // line after line of a script); one with a formula, the whole
                // plan (its periods without a plan of their own are what its
                // drivers' plans make).
                let (e, slot): (Evaluator, MetricID)
                if workspace.metrics[id].formula == nil {
                    // A flow's longer plan is spread over its months only while
                    // none of them has a plan of its own: the first one given
                    // (or the longer one given over some) leaves the rest unplanned.
                    let uncovered = workspace.aggregation(of: id) == .sum ? Self.uncoveredMonths(outer.period, plans) : []
                    if let first = uncovered.first, let last = uncovered.last {
                        let insideCount = plans.filter { $0.period != outer.period && outer.period.contains($0.period) }.count
                        if !singly || outer.period == period || insideCount == 1 {
                            found.append(
                                (.planNoLongerSpread(
                                    name, inner, outer: outer.period, given: NumberFormat.format(outer.value, unit: unit),
                                    months: uncovered.count, span: Period.span(first, last)), n))
                        }
                        continue
                    }
                    (e, slot) = Self.planAlone(of: id, in: workspace)
                } else {
                    e = planned ?? analysis.evaluator(.plan)
                    planned = e
                    slot = id
                }
                guard let made = Analysis.combined(e, slot, outer.period.children).number, !Noise.isSame(made, outer.value)
                else { continue }
                let (given, make) = (NumberFormat.format(outer.value, unit: unit), NumberFormat.format(made, unit: unit))
                found.append(
                    (outer.period == period
                        ? .planOverParts(name, outer.period, given: given, parts: make)
                        : .planOutOfStep(name, inner, outer: outer.period, given: given, parts: make), n))
            }
        }
        for (message, n) in found.prefix(Self.shownOutOfStep) {
            // From a file: at the row that gave the plan, as the file's other warnings are.
            if let places, n < places.count {
                var d = Diagnostic(.warning, message.text)
                d.place = places[n]
                report(d)
            } else {
                warn(message, at: range, in: source)
            }
        }
    }

    /// The scenario of a name, or "did you mean".
    func scenario(_ name: Name, _ source: SourceText) throws(Diagnostic) -> Scenario {
        if let found = workspace.scenario(named: name.text) { return found }
        if adoptedScenarios.contains(name.text) { throw Diagnostic(.scenarioAdopted(name.text), at: name.range, in: source) }
        let suggestion = Suggestions.closest(to: name.text, among: workspace.scenarios.map(\.name))
        if suggestion == nil, let spent = Suggestions.closest(to: name.text, among: adoptedScenarios) {
            throw Diagnostic(.unknownScenarioNearAdopted(name.text, adopted: spent), at: name.range, in: source)
        }
        throw Diagnostic(.unknownScenario(name.text, suggestion: suggestion), at: name.range, in: source)
    }

    /// `whatif ... as NAME`: keeps the changes under the name; returns what to confirm.
    func keepScenario(_ name: Name, _ changes: [WhatIfChangeSyntax], _ source: SourceText) throws(Diagnostic) -> String {
        if snapshots.contains(where: { $0.name == name.text }) {
            throw Diagnostic(.scenarioNameTaken(name.text, "snapshot"), at: name.range, in: source)
        }
        if workspace.metrics.id(named: name.text) != nil {
            throw Diagnostic(.scenarioNameTaken(name.text, "metric"), at: name.range, in: source)
        }
        // `compare` names its columns period, today, NAME and NAME_change.
        let lowered = name.text.lowercased()
        if lowered == "period" || lowered == "today" || lowered.hasSuffix("_change") {
            throw Diagnostic(.scenarioNameReserved(name.text), at: name.range, in: source)
        }
        // (The what-if has questioned its values already: not twice.)
        let items = try whatIfItems(changes, name.range, source, questioning: false)
        let existed = workspace.scenario(named: name.text) != nil
        let changed = try change(at: name.range, in: source) { $0.defineScenario(Scenario(name: name.text, items: items)) }
        return "\(changed ? existed ? "updated" : "kept" : "unchanged:") scenario \(name.text)"
    }

    /// `actuals through PERIOD`, or `latest`.
    func actualsThrough(_ period: Period?, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        try change(at: range, in: source) { $0.setActualsCutoff(period) }
        if let period, let first = workspace.valuesPerPeriod.keys.min(), period.endMonth <= first.firstMonth {
            warn(.cutoffBeforeActuals(period, first: first), at: range, in: source)
        } else if let period, let last = workspace.lastActualMonth, period.endMonth > last.endMonth {
            warn(.cutoffAfterActuals(period, last: last), at: range, in: source)
        }
        if let end = workspace.actualsEnd {
            confirm("actuals end with \(end); after it, figures are forecast")
        } else {
            confirm("no actuals yet: every figure is forecast")
        }
    }

    /// `compare NAME [NAME] on METRIC [in PERIOD]`.
    func compare(_ first: Name, _ second: Name?, on metricName: Name, in given: Period?, _ range: SourceRange,
        _ source: SourceText) throws(Diagnostic) -> Document
    {
        var scenarios = [try scenario(first, source)]
        if let second {
            guard second.text != first.text else {
                throw Diagnostic(.compareSameScenario(second.text), at: second.range, in: source)
            }
            scenarios.append(try scenario(second, source))
        }
        let id = try metric(metricName, source)
        let a = analysis
        let period: Period
        if let p = given ?? a.period(of: scenarios[0]) { period = p } else { period = try self.period(nil, range, source) }
        let (periods, today, values) = a.compare(scenarios, on: id, in: period)
        return presenter.compare(scenarios.map(\.name), on: id, periods: periods, today: today, values: values)
    }

    /// How many plans set top-down that an adoption puts at odds with their
    /// drivers' plans are named one by one; the rest are counted.
    static let shownTopDownWarnings = 3

    /// `adopt NAME`: the scenario's values become plan values and the
    /// scenario is spent, in one step: adopting it again would apply its
    /// changes a second time, on top of themselves.
    func adopt(_ name: Name, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        let scenario = try scenario(name, source)
        let adoption = analysis.adoption(of: scenario)
        // A plan rewritten for what has happened moves that period's variance.
        if let end = workspace.actualsEnd {
            let closed = adoption.written.map(\.period).filter { $0.endMonth <= end.endMonth }.sorted()
            if let first = closed.first, let last = closed.last {
                warn(.adoptClosed(Period.span(first, last), end: end), at: name.range, in: source)
            }
        }
        // A value recorded after the end of actuals is a forecast input: the forecast keeps it over any plan.
        if let end = workspace.actualsEnd {
            var under: [MetricID: [(period: Period, value: Double)]] = [:]
            for w in adoption.written where w.period.endMonth > end.endMonth {
                for (p, v) in workspace.valueList(of: w.metric)
                where p.firstMonth >= end.endMonth && p.overlaps(w.period)
                    && under[w.metric]?.contains(where: { $0.period == p }) != true
                {
                    under[w.metric, default: []].append((p, v))
                }
            }
            for (metric, values) in under.sorted(by: { $0.key.slot < $1.key.slot }) {
                let listed = values.sorted { $0.period < $1.period }.map { "\($0.period) \(NumberFormat.plain($0.value))" }
                warn(
                    .adoptUnderValues(workspace.metrics[metric].name, listed.joined(separator: ", "), count: values.count),
                    at: name.range, in: source)
            }
        }
        let topDownBefore = analysis.topDownPlans()
        try change(at: range, in: source) { ws in
            ws.adopt(adoption)
            try ws.spendScenario(named: scenario.name)
        }
        let atOdds = TopDownPlan.newlyAtOdds(before: topDownBefore, after: analysis.topDownPlans())
        confirm(
            "adopted \(name.text): its figures (its changes applied to the forecast, as 'compare' showed them) "
                + "are \(NumberFormat.count(adoption.written.count, "plan value")) now, and the scenario is spent")
        for old in adoption.replaced {
            let kept = adoption.carried.filter { $0.metric == old.metric && old.period.contains($0.period) }
            var text = "replaced the plan of \(workspace.metrics[old.metric].name) for \(old.period) (\(NumberFormat.plain(old.value)))"
            if !kept.isEmpty {
                text += " with " + kept.map { "\($0.period) \(NumberFormat.plain($0.value))" }.joined(separator: ", ")
            }
            confirm(text + ", so it rolls up from the periods adopted inside it")
        }
        for old in adoption.dropped {
            confirm(
                "removed the plan of \(workspace.metrics[old.metric].name) for \(old.period) (\(NumberFormat.plain(old.value))): "
                    + "it no longer agreed with the periods adopted inside it, and its other periods had no plan of their own to keep")
        }
        warnAtOdds(atOdds, at: name.range, in: source)
    }

    /// Names each plan set top-down that the adopted drivers' plans no
    /// longer add up to (the first few; the rest are counted).
    private func warnAtOdds(_ atOdds: [TopDownPlan], at range: SourceRange, in source: SourceText) {
        for odd in atOdds.prefix(Self.shownTopDownWarnings) {
            let unit = workspace.valueUnit(of: odd.metric)
            let implied = odd.implied!
            let gap = implied - odd.plan
            let share = odd.plan != 0 ? " (\(NumberFormat.percent(abs(gap) / abs(odd.plan))))" : ""
            warn(
                .topDownAtOdds(
                    workspace.metrics[odd.metric].name, odd.period, plan: NumberFormat.format(odd.plan, unit: unit),
                    implied: NumberFormat.format(implied, unit: unit),
                    by: NumberFormat.format(abs(gap), unit: unit) + share + (gap > 0 ? " more" : " less")),
                at: range, in: source)
        }
        if atOdds.count > Self.shownTopDownWarnings {
            warn(.topDownMoreAtOdds(atOdds.count - Self.shownTopDownWarnings), at: range, in: source)
        }
    }

    /// The changes of a `whatif`, resolved: names to metrics, the default
    /// period filled in; with `questioning`, a share set above 100% is questioned.
    func whatIfItems(_ changes: [WhatIfChangeSyntax], _ range: SourceRange, _ source: SourceText, questioning: Bool = true)
        throws(Diagnostic) -> [WhatIfItem]
    {
        var items: [WhatIfItem] = []
        for c in changes {
            let id = try metric(c.metric, source)
            let scope: ChangeScope
            switch c.scope {
            case .within(let span): scope = .within(span)
            case .from(let start): scope = .from(start)
            case nil:
                let p = try period(nil, range, source)
                scope = .within(p...p)
            }
            items.append(WhatIfItem(metric: id, change: c.change, scope: scope))
            // `win_rate = 30` is as surely a slip as `value win_rate 2026-Q3 30`: said the same way.
            if questioning, case .set(let value) = c.change, let bound = workspace.shareBound(value, of: id) {
                question(id, value, .share(bound), at: c.metric.range, in: source)
            }
        }
        return items
    }

    /// `query pacing PERIOD`.
    func pacing(_ period: Period) -> Document {
        presenter.pacing(analysis.pacing(in: period), period, actualsEnd: workspace.actualsEnd, hasPlan: workspace.hasPlan)
    }

    /// `query variance METRIC [in PERIOD]`.
    func variance(_ name: Name, _ given: ClosedRange<Period>?, _ range: SourceRange, _ source: SourceText) throws(Diagnostic)
        -> Document
    {
        let id = try metric(name, source)
        guard workspace.hasPlan else { throw Diagnostic(.noPlan, at: range, in: source) }
        guard let given, given.lowerBound != given.upperBound else {
            return presenter.variance(analysis.variance(of: id, in: try period(given?.lowerBound, range, source)))
        }
        return presenter.variance(analysis.variance(of: id, in: given))
    }

    /// `show scenarios`: each with what it does to revenue and to the goals.
    func scenarioList() -> Document {
        scenarioDocument(workspace.scenarios)
    }

    /// Scenarios with what each does to revenue and the goals, as `show scenarios` lists them.
    func scenarioDocument(_ scenarios: [Scenario]) -> Document {
        let a = analysis
        return presenter.scenarios(scenarios.map { ($0, a.effect(of: $0)) })
    }
}
