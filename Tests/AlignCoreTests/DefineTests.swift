@testable import AlignCore
import Testing

@Suite("Defining: a repeated line updates what it gives")
struct DefineTests {
    @Test("a team's second line updates the attributes it gives and keeps the others")
    func teamUpdate() {
        var ws = Workspace()
        let first = ws.defineTeam("sales", horizon: .quarter, description: "Closes")
        #expect(first.created)
        let second = ws.defineTeam("sales", horizon: .half)
        #expect(!second.created)
        #expect(second.id == first.id)
        #expect(ws.teams[first.id] == Team(name: "sales", horizon: .half, description: "Closes"))
        ws.defineTeam("sales", description: "Closes the quarter")
        #expect(ws.teams[first.id] == Team(name: "sales", horizon: .half, description: "Closes the quarter"))
        #expect(ws.teams.count == 1)
    }

    @Test("a metric's second line updates the attributes it gives and keeps the formula")
    func metricUpdate() throws {
        var ws = Workspace()
        let sales = ws.defineTeam("sales").id
        let leads = try ws.defineMetric("leads", unit: "count").id
        let id = try ws.defineMetric("mqls", owner: sales, unit: "count", description: "Scored leads").id
        try ws.setFormula(id, .binary(.multiply, .metric(leads), .number(0.25)))
        let again = try ws.defineMetric("mqls", term: "MQL", aggregation: .last)
        #expect(!again.created)
        let m = ws.metrics[id]
        #expect(m.owner == sales)
        #expect(m.unit == "count")
        #expect(m.description == "Scored leads")
        #expect(m.aggregation == .last)
        #expect(m.term == ws.terms.id(named: "MQL"))
        #expect(m.formula == .binary(.multiply, .metric(leads), .number(0.25)))
    }

    @Test("repeating a metric line with nothing new changes nothing, so undo has nothing to take back")
    func metricNoChange() throws {
        var ws = Workspace()
        try ws.defineMetric("leads", unit: "count")
        let (_, undo) = try ws.transaction { ws in try ws.defineMetric("leads", unit: "count") }
        #expect(undo.isEmpty)
    }

    @Test("repeating any line with nothing new changes nothing: team, term, link, goal, revenue")
    func noChange() throws {
        var ws = Workspace()
        let sales = ws.defineTeam("sales", horizon: .quarter).id
        ws.defineTerm("SQL", definition: "Accepted", by: sales, synonyms: ["SAL"])
        let a = try ws.defineMetric("a", unit: "count").id
        let b = try ws.defineMetric("b", unit: "count").id
        try ws.link(a, b, lag: Lag("1q"), why: "later")
        let goal = Goal(name: "g", team: sales, metric: b, comparison: .atLeast, target: 5, period: Period("2026-Q1")!, why: nil)
        ws.defineGoal(goal)
        ws.chooseRevenue(b)
        let version = ws.structureVersion
        let (_, undo) = try ws.transaction { ws in
            ws.defineTeam("sales", horizon: .quarter)
            ws.defineTeam("sales")
            ws.defineTerm("SQL", definition: "Accepted", by: sales, synonyms: ["SAL"])
            try ws.link(a, b, lag: Lag("1q"))
            ws.defineGoal(goal)
            ws.chooseRevenue(b)
        }
        #expect(undo.isEmpty)
        #expect(ws.structureVersion == version)
        // A real change still is one.
        let (_, changed) = try ws.transaction { ws in ws.defineTeam("sales", horizon: .half) }
        #expect(!changed.isEmpty)
    }

    @Test("a team's second term line replaces only its own definition")
    func termPerTeam() {
        var ws = Workspace()
        let marketing = ws.defineTeam("marketing").id
        let sales = ws.defineTeam("sales").id
        let id = ws.defineTerm("MQL", definition: "Scored", by: marketing).id
        ws.defineTerm("MQL", definition: "Booked a meeting", by: sales)
        ws.defineTerm("MQL", definition: "Shared wording")
        ws.defineTerm("MQL", definition: "Scored and checked", by: marketing)
        let term = ws.terms[id]
        #expect(term.definitions == [
            .init(team: marketing, text: "Scored and checked"), .init(team: sales, text: "Booked a meeting"),
            .init(team: nil, text: "Shared wording"),
        ])
        #expect(term.definition(by: sales)?.text == "Booked a meeting")
    }

    @Test("synonyms are added once per team, and a line without a definition keeps the definitions")
    func synonyms() {
        var ws = Workspace()
        let sales = ws.defineTeam("sales").id
        let id = ws.defineTerm("Opportunity", definition: "A qualified deal", by: sales, synonyms: ["Opp"]).id
        ws.defineTerm("Opportunity", definition: nil, by: sales, synonyms: ["Opp", "Deal"])
        ws.defineTerm("Opportunity", definition: nil, synonyms: ["Opp"])
        let term = ws.terms[id]
        #expect(term.definitions == [.init(team: sales, text: "A qualified deal")])
        #expect(term.synonyms == [.init(name: "Opp", team: sales), .init(name: "Deal", team: sales), .init(name: "Opp", team: nil)])
    }

    @Test("a metric may count a term no team has defined yet")
    func undefinedTerm() throws {
        var ws = Workspace()
        let id = try ws.defineMetric("demos", term: "Demo").id
        let term = try #require(ws.metrics[id].term)
        #expect(ws.terms[term].name == "Demo")
        #expect(ws.terms[term].definitions.isEmpty)
    }

    @Test("a link's second line updates it; a link from a metric to itself is refused")
    func links() throws {
        var ws = Workspace()
        let a = try ws.defineMetric("a").id
        let b = try ws.defineMetric("b").id
        let first = try ws.link(a, b, lag: Lag("2q"), why: "because")
        let second = try ws.link(a, b, weight: 0.5)
        #expect(first.created && !second.created && first.id == second.id)
        #expect(ws.links[first.id] == Link(from: a, to: b, lag: Lag("2q"), weight: 0.5, why: "because"))
        #expect(throws: WorkspaceError.selfLink(a)) { try ws.link(a, a) }
        #expect(ws.links.count == 1)
    }

    @Test("a goal with the same name is replaced, keeping its reason unless it is given one")
    func goals() throws {
        var ws = Workspace()
        let t = ws.defineTeam("sales").id
        let m = try ws.defineMetric("revenue").id
        let q3 = period("2026-Q3")
        let first = ws.defineGoal(Goal(name: "g", team: t, metric: m, comparison: .atLeast, target: 1, period: q3, why: "why"))
        let second = ws.defineGoal(Goal(name: "g", team: t, metric: m, comparison: .atMost, target: 2, period: q3))
        #expect(first.created && !second.created && first.id == second.id)
        #expect(ws.goals[first.id].why == "why")
        #expect(ws.goals[first.id].comparison == .atMost)
        ws.defineGoal(Goal(name: "g", team: t, metric: m, comparison: .atMost, target: 2, period: q3, why: ""))
        #expect(ws.goals[first.id].why == nil)
    }

    @Test("values are recorded, replaced and erased, and counted per period")
    func values() throws {
        var ws = Workspace()
        let m = try ws.defineMetric("leads").id
        let q3 = period("2026-Q3")
        ws.setValue(m, q3, 1)
        ws.setValue(m, q3, 2)
        ws.setValue(m, period("2026-07"), 3)
        #expect(ws.value(of: m, in: q3) == 2)
        #expect(ws.valueCount == 2)
        #expect(ws.valuesPerPeriod == [q3: 1, period("2026-07"): 1])
        ws.setValue(m, q3, nil)
        #expect(ws.value(of: m, in: q3) == nil)
        #expect(ws.valuesPerPeriod == [period("2026-07"): 1])
    }

    @Test("the revenue metric: the chosen one, else the one named revenue")
    func revenue() throws {
        var ws = Workspace()
        #expect(ws.revenue == nil)
        let bookings = try ws.defineMetric("bookings").id
        #expect(ws.revenue == nil)
        let revenue = try ws.defineMetric("revenue").id
        #expect(ws.revenue == revenue)
        ws.chooseRevenue(bookings)
        #expect(ws.revenue == bookings)
        ws.chooseRevenue(nil)
        #expect(ws.revenue == revenue)
    }

    @Test("names are case-sensitive: Sales and sales are two teams")
    func caseSensitive() {
        var ws = Workspace()
        ws.defineTeam("sales")
        ws.defineTeam("Sales")
        #expect(ws.teams.count == 2)
        #expect(ws.teams.id(named: "SALES") == nil)
    }

    @Test("listings keep the order of creation, with removed slots skipped")
    func order() throws {
        var ws = Workspace()
        for name in ["c", "a", "b"] { ws.defineTeam(name) }
        try ws.removeTeam(ws.team("a"), cascade: false)
        ws.defineTeam("a")
        #expect(ws.teams.names == ["c", "b", "a"])
    }
}

/// The count a long script's tables are sized by before it runs.
@Suite("Declaration counts")
struct DeclarationCountTests {
    @Test("lines are counted by their first word, indented or not; other words and verbs are not")
    func counts() {
        let script = """
            team sales horizon=quarter
              team marketing
            term MQL "A lead marketing hands over"
            metric leads
            metric mqls = leads * 0.25
            metrics are not a verb
            link leads -> mqls
            goal g sales mqls >= 10 by 2026-Q3
            \tgoal h sales mqls >= 20 by 2026-Q4
            # team in a comment
            value leads 2026-Q3 100
            teams
            show metric
            goal
            """
        let counts = DeclarationCounts(script: Array(script.utf8))
        #expect(counts.teams == 2)
        #expect(counts.terms == 1)
        #expect(counts.metrics == 2)
        #expect(counts.links == 1)
        #expect(counts.goals == 2)
        #expect(DeclarationCounts(script: []) == DeclarationCounts())
    }

    @Test("a workspace sized ahead holds what it is given as one that grew")
    func reserved() {
        var grown = Workspace()
        var sized = Workspace()
        var counts = DeclarationCounts()
        counts.metrics = 50
        counts.teams = 3
        sized.reserve(counts)
        for w in [0, 1] {
            var ws = w == 0 ? grown : sized
            ws.defineTeam("t")
            for i in 0..<40 { _ = try? ws.defineMetric("m\(i)") }
            if w == 0 { grown = ws } else { sized = ws }
        }
        #expect(sized.metrics.names == grown.metrics.names)
        #expect(sized.teams.names == ["t"])
    }
}
