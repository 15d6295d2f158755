@testable import AlignCore
import Testing

@Suite("Removing and renaming")
struct RemoveRenameTests {
    @Test("a metric still used is not removed, and the error lists every use")
    func refusedMetric() throws {
        var ws = try referenceWorkspace()
        let leads = ws.metric("leads")
        let before = Fingerprint(ws)
        let refs = ws.references(toMetric: leads)
        #expect(refs.count == 2)
        #expect(refs.contains(.formula(ws.metric("mqls"))))
        #expect(throws: WorkspaceError.stillReferenced(.metric, "leads", refs)) {
            try ws.removeMetric(leads, cascade: false)
        }
        #expect(Fingerprint(ws) == before)
    }

    @Test("a team still used lists its metrics, goals and definitions")
    func refusedTeam() throws {
        var ws = try referenceWorkspace()
        let sales = ws.team("sales")
        let refs = ws.references(toTeam: sales)
        #expect(refs.filter { if case .owner = $0 { return true } else { return false } }.count == 4)
        #expect(refs.contains(.goal(ws.goals.id(named: "q3_bookings")!)))
        #expect(refs.contains(.definition(ws.terms.id(named: "MQL")!)))
        #expect(throws: WorkspaceError.self) { try ws.removeTeam(sales, cascade: false) }
        #expect(ws.teams.id(named: "sales") == sales)
    }

    @Test("cascade removes a metric with its values, links and goals, and clears the formulas that read it")
    func cascadeMetric() throws {
        var ws = try referenceWorkspace()
        let leads = ws.metric("leads")
        let mqls = ws.metric("mqls")
        try ws.removeMetric(leads, cascade: true)
        #expect(ws.metrics.id(named: "leads") == nil)
        #expect(ws.metrics[mqls].formula == nil)
        #expect(ws.links.count == 0)
        #expect(ws.valueCount == 4)
        #expect(!ws.isReadByFormulas(ws.metric("mql_rate")))
    }

    @Test("cascade removes a team's goals and definitions, and leaves its metrics without an owner")
    func cascadeTeam() throws {
        var ws = try referenceWorkspace()
        try ws.removeTeam(ws.team("sales"), cascade: true)
        #expect(ws.metrics[ws.metric("sqls")].owner == nil)
        #expect(ws.goals.id(named: "q3_bookings") == nil)
        #expect(ws.goals.count == 2)
        let mql = ws.terms[ws.terms.id(named: "MQL")!]
        #expect(mql.definitions.count == 1)
        #expect(ws.terms[ws.terms.id(named: "SQL")!].definitions.isEmpty)
    }

    @Test("cascade removes a term from the metrics that count it")
    func cascadeTerm() throws {
        var ws = try referenceWorkspace()
        let mql = ws.terms.id(named: "MQL")!
        #expect(throws: WorkspaceError.stillReferenced(.term, "MQL", [.metricTerm(ws.metric("mqls"))])) {
            try ws.removeTerm(mql, cascade: false)
        }
        try ws.removeTerm(mql, cascade: true)
        #expect(ws.metrics[ws.metric("mqls")].term == nil)
    }

    @Test("removing the chosen revenue metric needs cascade, and clears the choice")
    func revenueChoice() throws {
        var ws = try referenceWorkspace()
        let nps = ws.metric("nps")
        ws.chooseRevenue(nps)
        #expect(ws.references(toMetric: nps).contains(.revenue))
        try ws.removeMetric(nps, cascade: true)
        #expect(ws.revenueChoice == nil)
        #expect(ws.revenue == ws.metric("revenue"))
    }

    @Test("removing what is not there is an error")
    func missing() throws {
        var ws = try referenceWorkspace()
        let (nps, leads) = (ws.metric("nps"), ws.metric("leads"))
        #expect(throws: WorkspaceError.noSuchLink(from: nps, to: leads)) { try ws.removeLink(from: nps, to: leads) }
        #expect(throws: WorkspaceError.noSuchValue(nps, period("2026-Q3"))) { try ws.removeValue(nps, period("2026-Q3")) }
        #expect(throws: WorkspaceError.noSuchNote(.note, 1)) { try ws.removeNote(.note, number: 1) }
    }

    @Test("notes and decisions are numbered each in their own order")
    func notes() throws {
        var ws = Workspace()
        ws.addNote(Note(kind: .note, text: "a"))
        ws.addNote(Note(kind: .decision, text: "b"))
        ws.addNote(Note(kind: .note, text: "c"))
        try ws.removeNote(.note, number: 2)
        #expect(ws.notes.map(\.text) == ["a", "b"])
        try ws.removeNote(.decision, number: 1)
        #expect(ws.notes.map(\.text) == ["a"])
    }

    @Test("a rename touches one slot: formulas, links, goals and terms follow")
    func rename() throws {
        var ws = try referenceWorkspace()
        let mqls = ws.metric("mqls")
        try ws.renameMetric(mqls, to: "marketing_qualified")
        try ws.renameTeam(ws.team("sales"), to: "closers")
        try ws.renameTerm(ws.terms.id(named: "MQL")!, to: "Lead")
        try ws.renameGoal(ws.goals.id(named: "q3_mqls")!, to: "mql_target")
        #expect(ws.metrics.id(named: "mqls") == nil)
        #expect(ws.metrics.id(named: "marketing_qualified") == mqls)
        #expect(ws.metrics[ws.metric("sqls")].formula?.reads(mqls) == true)
        #expect(ws.goals[ws.goals.id(named: "mql_target")!].metric == mqls)
        #expect(ws.teams[ws.goals[ws.goals.id(named: "q3_bookings")!].team].name == "closers")
        #expect(ws.terms[ws.metrics[mqls].term!].name == "Lead")
    }

    @Test("the metric named revenue stays the revenue metric when renamed")
    func renameRevenue() throws {
        var ws = try referenceWorkspace()
        let revenue = ws.metric("revenue")
        try ws.renameMetric(revenue, to: "bookings")
        #expect(ws.revenue == revenue)
        #expect(ws.revenueChoice == revenue)
        // A metric renamed to revenue when none is chosen becomes it.
        var other = Workspace()
        let x = try other.defineMetric("x").id
        try other.renameMetric(x, to: "revenue")
        #expect(other.revenue == x)
    }

    @Test("a rename to a name in use is refused; to its own name, it changes nothing")
    func renameTaken() throws {
        var ws = try referenceWorkspace()
        let before = Fingerprint(ws)
        #expect(throws: WorkspaceError.nameTaken(.metric, "sqls")) { try ws.renameMetric(ws.metric("mqls"), to: "sqls") }
        #expect(throws: WorkspaceError.nameTaken(.team, "sales")) { try ws.renameTeam(ws.team("marketing"), to: "sales") }
        try ws.renameMetric(ws.metric("mqls"), to: "mqls")
        #expect(Fingerprint(ws) == before)
    }
}
