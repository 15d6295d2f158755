import AlignCore
import AlignLanguage
import AlignOutput

/// `show`: listings of the workspace, and everything known of one name.
/// Values in, documents out: the workspace and the snapshots kept beside it;
/// a description also reads the driver graph and an evaluator, made only
/// when the name needs them.
public struct ShowPresenter {
    /// The workspace shown.
    public let workspace: Workspace
    /// Snapshots kept of it, by name, in the order they were taken.
    public let snapshots: [(name: String, workspace: Workspace)]
    /// Evaluators of the actuals and the plan, when a caller keeps them.
    let layers: ((ValueLayer) -> Evaluator)?
    /// `show METRIC in PERIOD`: a metric's values only in the periods
    /// inside this one (itself included); nil shows every period.
    public var within: Period?

    /// Shows `workspace`, with the snapshots kept of it; `layers` gives
    /// evaluators of the actuals and the plan (made when needed without it).
    public init(
        _ workspace: Workspace, snapshots: [(name: String, workspace: Workspace)] = [],
        layers: ((ValueLayer) -> Evaluator)? = nil
    ) {
        self.workspace = workspace
        self.snapshots = snapshots
        self.layers = layers
    }

    /// `show`, or `show teams|terms|metrics|...`: a summary or a listing.
    public func list(_ list: ShowList?) -> Document {
        let ws = workspace
        var doc = Document()
        switch list {
        case nil:
            doc.line(Span(summaryLine()))
            if let revenue = ws.revenue {
                doc.line("revenue is measured by ", Span(ws.metrics[revenue].name, .name))
            } else if !ws.metrics.isEmpty {
                doc.line(Span("no revenue metric yet: add 'metric revenue' or choose one with 'revenue METRIC'", .dim))
            }
            if ws.isEmpty { doc.line(Span("start with 'team NAME', or type 'help'", .dim)) }
        case .teams:
            var table = Table(
                name: "teams",
                columns: [.init("Team"), .init("Horizon"), .init("Metrics", numeric: true), .init("Goals", numeric: true),
                    .init("Description")])
            var owned = [Int](repeating: 0, count: ws.teams.slots.count)
            for (_, m) in ws.metrics.all { if let o = m.owner { owned[o.index] += 1 } }
            var goals = [Int](repeating: 0, count: ws.teams.slots.count)
            for (_, g) in ws.goals.all { goals[g.team.index] += 1 }
            for (id, t) in ws.teams.all {
                table.add([
                    .name(t.name), t.horizon.map { .text($0.rawValue) } ?? .empty, .number(Double(owned[id.index]), unit: nil),
                    .number(Double(goals[id.index]), unit: nil), t.description.map(Cell.text) ?? .empty,
                ])
            }
            doc.add(.table(table))
        case .terms:
            var table = Table(name: "terms", columns: [.init("Term"), .init("Team"), .init("Definition"), .init("Aka")])
            for (_, t) in ws.terms.all {
                let aka = t.synonyms.map(\.name).joined(separator: ", ")
                if t.definitions.isEmpty {
                    table.add([.name(t.name), .empty, .text("(not defined)"), aka.isEmpty ? .empty : .text(aka)])
                }
                for (i, d) in t.definitions.enumerated() {
                    table.add([
                        .name(t.name), d.team.map { .name(ws.teams[$0].name) } ?? .text("(everyone)"), .text(d.text),
                        i == 0 && !aka.isEmpty ? .text(aka) : .empty,
                    ])
                }
            }
            doc.add(.table(table))
        case .metrics:
            var table = Table(
                name: "metrics",
                columns: [.init("Metric"), .init("Owner"), .init("Unit"), .init("Term"), .init("Formula"),
                    .init("Description")])
            for (_, m) in ws.metrics.all {
                table.add([
                    .name(m.name), m.owner.map { .name(ws.teams[$0].name) } ?? .empty, m.unit.map(Cell.text) ?? .empty,
                    m.term.map { .name(ws.terms[$0].name) } ?? .empty,
                    m.formula.map { .text(ScriptPrinter.formula($0, ws)) } ?? .empty,
                    m.description.map(Cell.text) ?? .empty,
                ])
            }
            doc.add(.table(table))
        case .links:
            var table = Table(
                name: "links", columns: [.init("From"), .init("To"), .init("Lag"), .init("Weight", numeric: true), .init("Why")])
            for (_, l) in ws.links.all {
                table.add([
                    .name(ws.metrics[l.from].name), .name(ws.metrics[l.to].name), l.lag.map { .text($0.description) } ?? .empty,
                    l.weight.map { .number($0, unit: nil) } ?? .empty, l.why.map(Cell.text) ?? .empty,
                ])
            }
            doc.add(.table(table))
        case .goals:
            doc.add(.table(goalTable(ws.goals.all.map(\.id))))
        case .values:
            var table = Table(name: "values", columns: [.init("Metric"), .init("Period"), .init("Value", numeric: true)])
            for (id, m) in ws.metrics.all {
                for (period, value) in ws.valueList(of: id) {
                    table.add([.name(m.name), .text(period.description), .number(value, unit: ws.valueUnit(of: id))])
                }
            }
            doc.add(.table(table))
        case .notes, .decisions, .parked:
            let kind: Note.Kind = list == .notes ? .note : list == .decisions ? .decision : .parked
            doc.add(.table(noteTable(kind, name: list!.rawValue)))
        case .votes:
            doc.add(.table(voteTable()))
        case .scenarios:
            // What each does needs the evaluation: the session shows it; listed plainly here.
            var table = Table(name: "scenarios", columns: [.init("Scenario"), .init("Changes")])
            for scenario in ws.scenarios {
                table.add([.name(scenario.name), .text(ScriptPrinter.changes(scenario.items, ws, readable: true))])
            }
            doc.add(.table(table))
        case .snapshots:
            var table = Table(
                name: "snapshots",
                columns: [.init("Snapshot"), .init("Metrics", numeric: true), .init("Values", numeric: true), .init("Goals", numeric: true)])
            for (name, snap) in snapshots {
                table.add([
                    .name(name), .number(Double(snap.metrics.count), unit: nil), .number(Double(snap.valueCount), unit: nil),
                    .number(Double(snap.goals.count), unit: nil),
                ])
            }
            doc.add(.table(table))
        case .sources:
            doc.add(.table(DataPresenter(ws).sources()))
        }
        return doc
    }

    /// "3 teams, 3 terms, 10 metrics, ..."
    public func summaryLine() -> String {
        let ws = workspace
        func count(_ n: Int, _ noun: String) -> String { NumberFormat.count(n, noun) }
        return [
            count(ws.teams.count, "team"), count(ws.terms.count, "term"), count(ws.metrics.count, "metric"),
            count(ws.links.count, "link"), count(ws.valueCount, "value"), count(ws.goals.count, "goal"),
            count(ws.notes.filter { $0.kind == .note }.count, "note"),
            count(ws.notes.filter { $0.kind == .decision }.count, "decision"),
        ].joined(separator: ", ") + roomSummary()
    }

    /// Goals as a table: name, team, metric, target, period, why.
    func goalTable(_ ids: [GoalID]) -> Table {
        let ws = workspace
        var table = Table(
            name: "goals",
            columns: [.init("Goal"), .init("Team"), .init("Metric"), .init("", key: "comparison"),
                .init("Target", numeric: true), .init("By"), .init("Why")])
        for id in ids {
            let g = ws.goals[id]
            let unit = ws.valueUnit(of: g.metric)
            // The comparison in a column of its own, so that machines read the target as a number.
            table.add([
                .name(g.name), .name(ws.teams[g.team].name), .name(ws.metrics[g.metric].name),
                .text(g.comparison.rawValue), .number(g.target, unit: unit), .text(g.period.description),
                g.why.map(Cell.text) ?? .empty,
            ])
        }
        return table
    }

    /// `show NAME`: everything of that name, empty when nothing has it.
    /// The graph and the evaluator are asked for only if a metric or a goal
    /// has the name.
    public func describe(
        _ name: String, graph: @autoclosure () -> DriverGraph, evaluator: @autoclosure () -> Evaluator
    ) -> Document {
        if within != nil, let id = workspace.metrics.id(named: name) {
            // Narrowed to a period: the metric alone, whose values it narrows.
            var doc = Document()
            describeMetric(id, graph(), evaluator(), into: &doc)
            return doc
        }
        let ws = workspace
        var doc = Document()
        if let id = ws.teams.id(named: name) { describeTeam(id, into: &doc) }
        if let id = ws.terms.id(named: name) { describeTerm(id, into: &doc) }
        // Another name for a term (`aka`): the term it names, said so.
        for (id, term) in ws.terms.all {
            let named = term.synonyms.filter { $0.name == name }
            guard !named.isEmpty else { continue }
            let teams = named.compactMap(\.team).map { ws.teams[$0].name }
            let whose = teams.isEmpty ? "" : " for " + teams.joined(separator: ", ")
            doc.line(Span(name, .name), Span(" is another name for "), Span(term.name, .name), Span(whose))
            describeTerm(id, into: &doc)
        }
        if let id = ws.metrics.id(named: name) { describeMetric(id, graph(), evaluator(), into: &doc) }
        if let id = ws.goals.id(named: name) { describeGoal(id, evaluator(), into: &doc) }
        if let id = ws.sources.id(named: name) { DataPresenter(ws).describeSource(id, into: &doc) }
        if let snap = snapshots.first(where: { $0.name == name }) {
            doc.heading("snapshot \(snap.name)")
            let kept = snap.workspace
            doc.line(
                Span(
                    [NumberFormat.count(kept.metrics.count, "metric"), NumberFormat.count(kept.valueCount, "value"),
                        NumberFormat.count(kept.goals.count, "goal")].joined(separator: ", ")))
        }
        return doc
    }

    /// Every word `show` takes: the names it describes and the listings, for
    /// "did you mean" when a name is unknown.
    public func words() -> [String] {
        let ws = workspace
        let synonyms = ws.terms.all.flatMap { $0.entity.synonyms.map(\.name) }
        return ws.teams.names + ws.terms.names + synonyms + ws.metrics.names + ws.goals.names + ws.sources.names
            + snapshots.map(\.name)
            + ShowList.allCases.map(\.rawValue)
    }

    private func describeTeam(_ id: TeamID, into doc: inout Document) {
        let ws = workspace
        let t = ws.teams[id]
        doc.heading("team \(t.name)")
        if let d = t.description { doc.line(Span(d)) }
        doc.line("horizon: ", Span(t.horizon?.rawValue ?? "not set"))
        let owned = ws.metrics.all.filter { $0.entity.owner == id }.map(\.entity.name)
        doc.line("metrics: ", Span(owned.isEmpty ? "none" : owned.joined(separator: ", "), .name))
        let goals = ws.goals.all.filter { $0.entity.team == id }.map(\.id)
        if !goals.isEmpty { doc.add(.table(goalTable(goals))) }
    }

    private func describeTerm(_ id: TermID, into doc: inout Document) {
        let ws = workspace
        let t = ws.terms[id]
        doc.heading("term \(t.name)")
        var table = Table(name: "definitions", columns: [.init("Team"), .init("Definition")])
        for d in t.definitions {
            table.add([d.team.map { .name(ws.teams[$0].name) } ?? .text("(everyone)"), .text(d.text)])
        }
        if t.definitions.isEmpty {
            doc.line(Span("not defined by any team yet", .warning))
        } else {
            doc.add(.table(table))
        }
        if t.hasClashingDefinitions {
            doc.line(Span("the teams define \(t.name) differently: see 'query conflicts'", .warning))
        }
        if !t.synonyms.isEmpty {
            let list = t.synonyms.map { s in s.name + (s.team.map { " (\(ws.teams[$0].name))" } ?? "") }
            doc.line("also called: ", Span(list.joined(separator: ", ")))
        }
        let users = ws.metrics.all.filter { $0.entity.term == id }.map(\.entity.name)
        if !users.isEmpty { doc.line("counted by: ", Span(users.joined(separator: ", "), .name)) }
    }

    private func describeMetric(_ id: MetricID, _ graph: DriverGraph, _ evaluator: Evaluator, into doc: inout Document) {
        let ws = workspace
        let m = ws.metrics[id]
        doc.heading("metric \(m.name)")
        if let d = m.description { doc.line(Span(d)) }
        var facts: [String] = []
        if let o = m.owner { facts.append("owner: \(ws.teams[o].name)") }
        if let u = m.unit {
            facts.append("unit: \(u)")
        } else if let u = ws.valueUnit(of: id) {
            facts.append("unit: \(u) (from its formula)")
        }
        if let t = m.term { facts.append("term: \(ws.terms[t].name)") }
        let aggregation = ws.aggregation(of: id)
        facts.append(
            "rolls up by: "
                + (aggregation == .average && m.formula != nil ? "its formula, recomputed" : aggregation.rawValue))
        doc.line(Span(facts.joined(separator: "; ")))
        if let f = m.formula { doc.line("formula: ", Span(m.name, .name), Span(" = " + ScriptPrinter.formula(f, ws))) }
        if let line = DataPresenter(ws).actualsLine(id) { doc.add(.line(line)) }
        if ws.revenue == id { doc.line(Span("this is the revenue metric", .good)) }
        if let (table, partForecast) = valueTable(id, evaluator) {
            if let within { doc.line(Span("values in \(within)", .dim)) }
            doc.add(.table(table))
            // Where the actuals end, said once rather than in every row.
            if let end = ws.actualsEnd, partForecast {
                doc.line(Span("actuals end with \(end): a part forecast holds the actuals through \(end) and the forecast after", .dim))
            }
        } else if let within {
            doc.line(Span("no values in \(within)", .dim))
        }
        let g = graph
        // Each driven metric once: a link that repeats a formula's edge is said on it.
        var drives: [String] = []
        var driven: [MetricID] = []
        for edge in g.edges(from: id) {
            let name = ws.metrics[edge.to].name
            guard case .link(let l) = edge.kind else {
                drives.append(name)
                driven.append(edge.to)
                continue
            }
            if let k = driven.firstIndex(of: edge.to) {
                drives[k] = name + " (also " + Self.linkSuffix(g.link(l)).dropFirst(2)
            } else {
                drives.append(name + Self.linkSuffix(g.link(l)))
                driven.append(edge.to)
            }
        }
        if !drives.isEmpty { doc.line("drives: ", Span(drives.joined(separator: ", "), .name)) }
        let drivenBy = g.linksIn[id.index].map { ws.metrics[g.link($0).from].name + Self.linkSuffix(g.link($0)) }
        if !drivenBy.isEmpty { doc.line("linked from: ", Span(drivenBy.joined(separator: ", "), .name)) }
        let goals = ws.goals.all.filter { $0.entity.metric == id }.map(\.id)
        if !goals.isEmpty { doc.add(.table(goalTable(goals))) }
    }

    /// A metric's values in every period that holds a recorded value, and in
    /// the quarters, halves and years around them: recorded, computed or
    /// rolled up, with the computed value beside an actual, and the reason
    /// where the computation fails. Periods with no value are left out.
    /// With a plan, also whether a period the end of actuals falls inside is shown.
    private func valueTable(_ id: MetricID, _ evaluator: Evaluator) -> (table: Table, partForecast: Bool)? {
        let ws = workspace
        if ws.hasPlan { return planTable(id, evaluator) }
        let unit = ws.valueUnit(of: id)
        var periods = Set<Period>()
        for period in ws.valuesPerPeriod.keys {
            periods.insert(period)
            periods.formUnion(period.ancestors)
        }
        guard !periods.isEmpty else { return nil }
        let presenter = QueryPresenter(ws)
        var table = Table(
            name: "values",
            columns: [.init("Period"), .init("Value", numeric: true), .init("Source"), .init("Computed", numeric: true)])
        for period in withParts(periods, id, evaluator) {
            let outcome = evaluator.value(id, in: period)
            if case .missing = outcome { continue }
            let source = evaluator.source(id, in: period)
            // Carried down from a longer period: that period's row says it.
            if source == .carried { continue }
            var computed: Cell = .empty
            if source == .recorded, let c = evaluator.computed(id, in: period) {
                if case .missing(id, _) = c, ws.metrics[id].formula?.reads(id) == true {
                    // A balance's first recorded value has nothing before it to be computed from.
                    computed = .text("opening balance")
                } else {
                    computed = c.number.map { .number($0, unit: unit) } ?? .missing(presenter.explainShort(c, of: id))
                }
            }
            table.add([
                .text(period.description), presenter.valueCell(outcome, id), .text(source?.rawValue ?? "error"), computed,
            ])
        }
        return table.rows.isEmpty ? nil : (table, false)
    }

    /// With a plan: each period's actual, plan, forecast and the forecast's
    /// variance from plan; periods after the actuals end are marked forecast,
    /// and whether one the end falls inside (part forecast) is shown.
    private func planTable(_ id: MetricID, _ forecast: Evaluator) -> (table: Table, partForecast: Bool)? {
        let ws = workspace
        let unit = ws.valueUnit(of: id)
        let actual = layers?(.actual) ?? Evaluator(ws, plan: forecast.plan, layer: .actual)
        let planned = layers?(.plan) ?? Evaluator(ws, plan: forecast.plan, layer: .plan)
        let end = ws.actualsEnd
        let planStart = ws.plansPerPeriod.keys.map(\.firstMonth).min()
        var periods = Set<Period>()
        for period in Array(ws.valuesPerPeriod.keys) + Array(ws.plansPerPeriod.keys) {
            periods.insert(period)
            periods.formUnion(period.ancestors)
        }
        let presenter = QueryPresenter(ws)
        var table = Table(
            name: "values",
            columns: [.init("Period"), .init("Actual", numeric: true), .init("Plan", numeric: true),
                .init("Forecast", numeric: true), .init("Variance", numeric: true), .init("Source")])
        func cell(_ o: Outcome) -> Cell { o.number.map { .number($0, unit: unit) } ?? .empty }
        var partForecast = false
        for period in withParts(periods, id, forecast) {
            // After the end of actuals there is no actual: a value recorded
            // there is a forecast input. A period the end falls inside shows
            // its actuals to date.
            var a = actual.value(id, in: period)
            var toDate = false
            if let end, period.endMonth > end.endMonth {
                a = Analysis.toDate(id, in: period, through: end, actual) ?? .missing(id, period)
                toDate = period.firstMonth <= end.firstMonth
            }
            let p = planned.value(id, in: period)
            let f = forecast.value(id, in: period)
            // A period after the actuals end whose forecast cannot be worked
            // out is shown with the reason (an input with no value there):
            // left out, the months would go missing without a word while the
            // quarter and the year say why they are unknown.
            if a.number == nil && p.number == nil && f.number == nil, end.map({ period.endMonth <= $0.endMonth }) ?? true {
                continue
            }
            // Before the plan starts, its values are the history it starts from: not shown as plan.
            // Where the plan takes the actual as it is, there is no plan to show.
            let afterPlanStart = planStart.map { period.endMonth > $0 } ?? false
            let planned = afterPlanStart && !ws.planTakesActual(id, in: period)
            var variance: Cell = .empty
            if planned, let x = f.number, let y = p.number { variance = .change(Noise.change(from: y, to: x), unit: unit) }
            var source = forecast.source(id, in: period)?.rawValue ?? (f.number == nil ? presenter.explainShort(f, of: id) : "")
            if let end, period.endMonth > end.endMonth {
                source = (toDate ? "part forecast: " : "forecast: ") + source
                partForecast = partForecast || toDate
            }
            // (After a reason of its own, in the same parentheses.)
            if !planned, afterPlanStart {
                source = source.hasSuffix(")") ? source.dropLast() + "; not planned)" : source + " (not planned)"
            }
            // A plan of its own for a formula metric: set top-down, the periods inside it keep their drivers' plans.
            if planned, ws.metrics[id].formula != nil, ws.plan(of: id, in: period) != nil { source += " (plan set top-down)" }
            table.add([.text(period.description), cell(a), planned ? cell(p) : .empty, cell(f), variance, .text(source)])
        }
        return table.rows.isEmpty ? nil : (table, partForecast)
    }

    /// `periods` sorted, with the finer periods a formula metric's value is
    /// made of wherever it is rolled up from them: a quarter's total shows
    /// the months that make it, those computed through an offset included,
    /// not only the months that hold a recorded input.
    private func withParts(_ periods: Set<Period>, _ id: MetricID, _ evaluator: Evaluator) -> [Period] {
        // `in PERIOD`: the period asked for and those inside it.
        let periods = within.map { within in periods.filter { within.contains($0) } } ?? periods
        guard workspace.metrics[id].formula != nil else { return periods.sorted() }
        var all = periods
        var work = Array(periods)
        while let period = work.popLast() {
            guard period.grain != .month, evaluator.source(id, in: period) == .rolledUp else { continue }
            for child in period.children where all.insert(child).inserted { work.append(child) }
        }
        return all.sorted()
    }

    /// How a link reads after the metric it joins: " (link, lag 2q, weight 0.5)".
    static func linkSuffix(_ link: Link) -> String {
        var parts = ["link"]
        if let lag = link.lag { parts.append("lag \(lag)") }
        if let w = link.weight { parts.append("weight \(NumberFormat.plain(w))") }
        return " (" + parts.joined(separator: ", ") + ")"
    }

    private func describeGoal(_ id: GoalID, _ evaluator: Evaluator, into doc: inout Document) {
        let ws = workspace
        let g = ws.goals[id]
        doc.heading("goal \(g.name)")
        doc.add(.table(goalTable([id])))
        let outcome = evaluator.value(g.metric, in: g.period)
        let unit = ws.valueUnit(of: g.metric)
        if let value = outcome.number {
            let met = g.comparison.isMet(value, target: g.target)
            doc.line(
                "\(ws.metrics[g.metric].name) in \(g.period): ", Span(NumberFormat.format(value, unit: unit)), " ",
                Span(met ? "✓ met" : "✗ not met", met ? .good : .bad))
        } else {
            doc.line(Span("no value for \(ws.metrics[g.metric].name) in \(g.period) yet", .dim))
        }
    }
}
