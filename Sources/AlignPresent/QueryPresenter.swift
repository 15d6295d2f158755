import AlignCore
import AlignLanguage
import AlignOutput

/// Turns the answers of the alignment queries into documents a workshop
/// reads without the manual: what was found, why it matters, what to type.
public struct QueryPresenter {
    let ws: Workspace
    /// At a terminal, how many rows of a long answer are shown; nil shows
    /// them all (in a pipe, a file, csv and json).
    let shown: Int?
    /// Whether the lines that describe a table's rows are wanted: csv prints
    /// the tables alone, so they are not made for it.
    let describesRows: Bool

    /// Presents answers about `workspace`; `shown` rows of a long table at
    /// most (all without it), with lines that describe them unless `describesRows` is false.
    public init(_ workspace: Workspace, shown: Int? = nil, describesRows: Bool = true) {
        self.ws = workspace
        self.shown = shown
        self.describesRows = describesRows
    }

    /// The rows of a long answer that are shown.
    func shownPart<T>(_ items: [T]) -> ArraySlice<T> { items.prefix(shown ?? items.count) }

    /// The rows that get a line of their own below the table.
    func describedPart<T>(_ items: [T]) -> ArraySlice<T> { describesRows ? shownPart(items) : [] }

    /// Says how many rows of a long answer were left out, and how to see them all.
    /// `noun` is one of the rows, singular ("1 more goal", "2 more goals").
    func leftOut(_ total: Int, _ noun: String, plural: String? = nil, in doc: inout Document) {
        guard let shown, total > shown else { return }
        let more = NumberFormat.count(total - shown, "more " + noun, plural: plural.map { "more " + $0 })
        doc.line(Span("… and \(more): format csv or format json lists them all", .dim))
    }

    func name(_ id: MetricID) -> String { ws.metrics[id].name }
    func team(_ id: TeamID) -> String { ws.teams[id].name }
    func goalName(_ id: GoalID) -> String { ws.goals[id].name }
    func unit(_ id: MetricID) -> String? { ws.valueUnit(of: id) }
    func owner(_ id: MetricID) -> String? { ws.metrics[id].owner.map(team) }

    func format(_ value: Double, _ metric: MetricID) -> String { NumberFormat.format(value, unit: unit(metric)) }

    /// Why a value is unknown, in words.
    public func explain(_ outcome: Outcome) -> String {
        switch outcome {
        case .known(let v): return NumberFormat.plain(v)
        case .missing(let id, let period): return "no value for \(name(id)) in \(period)"
        case .failed(.divisionByZero(let id, let divisor, let period)):
            return "division by zero in the formula of \(name(id)): " + zeroDivisor(divisor) + " in \(period)"
        case .failed(.overflow(let id, let period)): return "\(name(id)) is too large to compute in \(period)"
        }
    }

    /// What was 0: `deals is 0`, or `it divides by 0` for a literal zero.
    private func zeroDivisor(_ divisor: Formula) -> String {
        if case .number = divisor { return "it divides by 0" }
        return "\(ScriptPrinter.formula(divisor, ws)) is 0"
    }

    func valueCell(_ outcome: Outcome, _ metric: MetricID) -> Cell {
        outcome.number.map { .number($0, unit: unit(metric)) } ?? .missing(explainShort(outcome, of: metric))
    }

    /// Why an outcome has no number, in a few words; where the failure is in
    /// `metric` itself, its name is left out.
    func explainShort(_ outcome: Outcome, of metric: MetricID? = nil) -> String {
        func place(_ id: MetricID) -> String { id == metric ? "" : " in \(name(id))" }
        switch outcome {
        case .known: return ""
        case .missing(let id, let period): return "unknown (no \(name(id)) in \(period))"
        case .failed(.divisionByZero(let id, let divisor, _)):
            return "division by zero\(place(id)): " + zeroDivisor(divisor)
        case .failed(.overflow(let id, _)): return "too large to compute\(place(id))"
        }
    }

    func goalList(_ goals: [GoalID]) -> String {
        goals.map { "\(goalName($0)) (\(team(ws.goals[$0].team)))" }.joined(separator: ", ")
    }

    // MARK: conflicts

    /// `query conflicts`: terms the teams define differently, terms never defined, clashing synonyms.
    public func conflicts(_ c: GlossaryConflicts) -> Document {
        var doc = Document()
        guard !c.isEmpty else {
            doc.line(Span("no conflicts: every term has one definition and every synonym one meaning", .good))
            return doc
        }
        if !c.clashes.isEmpty {
            var table = Table(name: "definitions", columns: [.init("Term"), .init("Team"), .init("Definition"), .init("Used by")])
            for clash in c.clashes {
                let users = clash.metrics.map(name).joined(separator: ", ")
                for (i, d) in clash.definitions.enumerated() {
                    table.add([.name(ws.terms[clash.term].name), d.team.map { .name(team($0)) } ?? .text("(everyone)"),
                        .text(d.text), i == 0 && !users.isEmpty ? .name(users) : .empty])
                }
            }
            doc.add(.table(table))
            for clash in c.clashes {
                let term = ws.terms[clash.term].name
                let teams = clash.definitions.map { $0.team.map(team) ?? "everyone" }.joined(separator: ", ")
                var spans: [Span] = [Span(term, .name), Span(" has \(clash.definitions.count) definitions (\(teams))")]
                if !clash.metrics.isEmpty {
                    let users = clash.metrics.map(name).joined(separator: ", ")
                    spans.append(Span("; metric\(clash.metrics.count == 1 ? "" : "s") "))
                    spans.append(Span(users, .name))
                    spans.append(Span(" use\(clash.metrics.count == 1 ? "s" : "") it, so \(clash.metrics.count == 1 ? "its number means" : "their numbers mean") different things to each team"))
                }
                doc.add(.line(spans))
            }
            doc.line(Span("agree on one wording and give it to each team: term NAME \"...\" by=TEAM", .dim))
        }
        if !c.undefined.isEmpty {
            var table = Table(name: "undefined", columns: [.init("Term"), .init("Used by")])
            for u in c.undefined { table.add([.name(ws.terms[u.term].name), .name(u.metrics.map(name).joined(separator: ", "))]) }
            doc.heading("terms used but never defined")
            doc.add(.table(table))
            doc.line(Span("define each with: term NAME \"...\" by=TEAM", .dim))
        }
        if !c.synonyms.isEmpty {
            var table = Table(name: "synonyms", columns: [.init("Name"), .init("Meaning"), .init("Team")])
            for s in c.synonyms {
                if let named = s.termNamed { table.add([.name(s.name), .text("the term \(ws.terms[named].name)"), .empty]) }
                for use in s.synonymOf {
                    table.add([.name(s.name), .text("another name for \(ws.terms[use.term].name)"),
                        use.team.map { .name(team($0)) } ?? .empty])
                }
            }
            doc.heading("synonyms that clash")
            doc.add(.table(table))
        }
        return doc
    }

    // MARK: handoffs

    func edgeLabel(_ edge: DriverGraph.Edge) -> String {
        if case .link(let id) = edge.kind { return linkLabel(id) }
        return "formula"
    }

    /// A link as a hand-off's Via reads it: `link, lag 1m`.
    func linkLabel(_ id: LinkID) -> String {
        "link" + (ws.links[id].lag.map { ", lag \($0)" } ?? "")
    }

    /// `query handoffs`: drivers that cross from one team's metric to another's.
    public func handoffs(_ list: [Handoff]) -> Document {
        var doc = Document()
        guard !list.isEmpty else {
            doc.line(Span("no hand-offs: no driver crosses from one team's metric to another's", .dim))
            return doc
        }
        var table = Table(
            name: "handoffs",
            columns: [.init("From"), .init("Team", key: "from_team"), .init("To"), .init("Team", key: "to_team"), .init("Via"),
                .init("Goal on from", key: "from_goals"), .init("Goal on to", key: "to_goals")])
        for h in shownPart(list) {
            table.add([.name(name(h.edge.from)), .name(team(h.fromTeam)), .name(name(h.edge.to)), .name(team(h.toTeam)),
                .text(h.link.map { "formula and " + linkLabel($0) } ?? edgeLabel(h.edge)),
                h.fromGoals.isEmpty ? .missing("none") : .text(h.fromGoals.map(goalName).joined(separator: ", ")),
                h.toGoals.isEmpty ? .missing("none") : .text(h.toGoals.map(goalName).joined(separator: ", "))])
        }
        doc.add(.table(table))
        leftOut(list.count, "hand-off", in: &doc)
        for h in describedPart(list) {
            doc.line(Span(name(h.edge.from), .name), " (\(team(h.fromTeam))) drives ", Span(name(h.edge.to), .name),
                " (\(team(h.toTeam))): a hand-off between the teams")
            for (metric, t, goals) in [(h.edge.from, h.fromTeam, h.fromGoals), (h.edge.to, h.toTeam, h.toGoals)] where goals.isEmpty {
                doc.line(Span("  \(team(t)) has no goal on \(name(metric)): goal NAME \(team(t)) \(name(metric)) >= TARGET by PERIOD", .dim))
            }
        }
        return doc
    }

    // MARK: horizons

    /// A chain of edges: `leads -> mqls -(1m)-> sqls`, a link's lag or a
    /// formula's offset on its arrow.
    func chainText(_ chain: [DriverGraph.Edge], skipped: Int = 0, graph: DriverGraph? = nil) -> String {
        guard let first = chain.first else { return "" }
        var text = name(first.from)
        for (i, edge) in chain.enumerated() {
            if skipped > 0, i == chain.count / 2 {
                text += " -> … (\(skipped) more step\(skipped == 1 ? "" : "s")) -> " + name(edge.from)
            }
            if case .link(let id) = edge.kind {
                text += " -(" + (ws.links[id].lag?.description ?? "link") + ")-> " + name(edge.to)
            } else if let lag = graph?.lag(of: edge), lag != .zero {
                text += " -(" + lag.description + ")-> " + name(edge.to)
            } else {
                text += " -> " + name(edge.to)
            }
        }
        return text
    }

    /// `query horizons`: goals moved by levers slower than their team's horizon.
    public func horizons(_ conflicts: [HorizonConflict], _ crossings: [HorizonCrossing]) -> Document {
        var doc = Document()
        if conflicts.isEmpty && crossings.isEmpty {
            doc.line(Span("no horizon conflicts: every goal's drivers act within its team's horizon", .good))
        }
        if !conflicts.isEmpty {
            var table = Table(name: "goals", columns: [.init("Goal"), .init("Team"), .init("Horizon"), .init("Lag"), .init("Chain")])
            for c in shownPart(conflicts) {
                let g = ws.goals[c.goal]
                table.add([.name(g.name), .name(team(g.team)), .text(c.horizon.rawValue), .text(c.lag.description), .text(chainText(c.chain, skipped: c.skipped))])
            }
            doc.add(.table(table))
            leftOut(conflicts.count, "goal", in: &doc)
            // A chain of lags, each step: said once, naming the goals it holds for.
            var chains: [(from: String, to: String, text: String, goals: [String])] = []
            for c in describedPart(conflicts) {
                let g = ws.goals[c.goal]
                let steps = c.steps.filter { $0 != .zero }
                guard steps.count > 1 || c.lag.shortest != c.lag.longest else { continue }
                let from = c.chain.first.map { name($0.from) } ?? name(g.metric)
                let text = " \(c.lag) later (\(steps.map(\.description).joined(separator: ", then ")))"
                if let k = chains.firstIndex(where: { $0.from == from && $0.to == name(g.metric) && $0.text == text }) {
                    chains[k].goals.append(g.name)
                } else {
                    chains.append((from, name(g.metric), text, [g.name]))
                }
            }
            for chain in chains {
                let goals = chain.goals.count == 1 ? "goal " + chain.goals[0] : "goals " + chain.goals.joined(separator: ", ")
                doc.line(Span(chain.from, .name), " reaches ", Span(chain.to, .name), Span(chain.text + ", for \(goals)"))
            }
            for c in describedPart(conflicts) {
                let g = ws.goals[c.goal]
                let slowest = c.chain.first.map { name($0.from) } ?? name(g.metric)
                var line: [Span] = [Span(g.name, .name), " (\(team(g.team)), \(c.horizon.rawValue)) depends on ", Span(slowest, .name),
                    " through a \(c.lag) lag: a lever slower than the team's horizon"]
                if let first = c.feeding.first, let last = c.feeding.last {
                    let whose = c.chain.first.flatMap { owner($0.from) }.map { "\($0)'s" } ?? "the"
                    let span = Period.span(first, last)
                    line.append(Span("; in \(g.period) it takes \(whose) work of \(span)"))
                }
                doc.add(.line(line))
            }
            doc.line(Span("set the goal over a longer horizon, or agree a goal on the faster driver", .dim))
        }
        if !crossings.isEmpty {
            var table = Table(name: "crossings", columns: [.init("From"), .init("Team", key: "from_team"), .init("Horizon", key: "from_horizon"),
                .init("To"), .init("Team", key: "to_team"), .init("Horizon", key: "to_horizon")])
            for c in shownPart(crossings) {
                table.add([.name(name(c.handoff.edge.from)), .name(team(c.handoff.fromTeam)), .text(c.fromHorizon.rawValue),
                    .name(name(c.handoff.edge.to)), .name(team(c.handoff.toTeam)), .text(c.toHorizon.rawValue)])
            }
            doc.heading("revenue paths across teams with different horizons")
            doc.add(.table(table))
            leftOut(crossings.count, "hand-off", in: &doc)
        }
        // Without a revenue metric there are no revenue paths to cross teams on.
        if ws.revenue == nil { doc.line(Span("revenue paths are not checked: " + Message.noRevenue.text, .dim)) }
        return doc
    }
}
