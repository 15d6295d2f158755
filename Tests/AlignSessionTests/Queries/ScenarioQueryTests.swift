import AlignCore
import AlignSession
import Testing

/// Every query on the reference scenario finds what its closing comments list.
@Suite("Queries on the reference scenario")
struct ScenarioQueryTests {
    let s: Scripted
    init() throws { s = try Scripted.scenario() }

    @Test("the scenario runs without an error")
    func runs() {
        #expect(s.output.stderr == "")
        #expect(s.session.errorCount == 0)
    }

    @Test("orphans: nps has no path to revenue and goal nps_up sits on it")
    func orphans() throws {
        let orphans = try #require(s.analysis.orphans())
        #expect(orphans.map { s.workspace.metrics[$0.metric].name } == ["nps"])
        #expect(orphans[0].goals == [s.goal("nps_up")])
    }

    @Test("conflicts: MQL has two definitions, marketing's and sales', and mqls uses it")
    func conflicts() {
        let c = s.analysis.conflicts()
        #expect(c.clashes.count == 1)
        #expect(s.workspace.terms[c.clashes[0].term].name == "MQL")
        #expect(c.clashes[0].definitions.map(\.team) == [s.team("marketing"), s.team("sales")])
        #expect(c.clashes[0].metrics == [s.metric("mqls")])
        #expect(c.undefined.isEmpty && c.synonyms.isEmpty)
    }

    @Test("handoffs: mqls (marketing) drives sqls (sales); only marketing has a goal on its end")
    func handoffs() {
        let h = s.analysis.handoffs()
        #expect(h.count == 1)
        #expect(h[0].edge.from == s.metric("mqls") && h[0].edge.to == s.metric("sqls"))
        #expect(h[0].fromTeam == s.team("marketing") && h[0].toTeam == s.team("sales"))
        #expect(h[0].fromGoals == [s.goal("q3_mqls")])
        #expect(h[0].toGoals.isEmpty)
    }

    @Test("horizons: q3_bookings (sales, quarter) depends on brand_awareness through a 2q lag")
    func horizons() {
        let conflicts = s.analysis.horizonConflicts()
        #expect(conflicts.count == 1)
        #expect(conflicts[0].goal == s.goal("q3_bookings"))
        #expect(conflicts[0].horizon == .quarter)
        #expect(conflicts[0].lag.description == "2q")
        #expect(conflicts[0].chain.first?.from == s.metric("brand_awareness"))
        #expect(conflicts[0].chain.last?.to == s.metric("revenue"))
        let crossings = s.analysis.horizonCrossings()
        #expect(crossings.map(\.fromHorizon) == [.year])
        #expect(crossings.map(\.toHorizon) == [.quarter])
    }

    @Test("gaps: q3_bookings is 2,000,000 against 2,500,000, short by 500,000 (20%), worst first; nps_up is due in Q4")
    func gaps() throws {
        let gaps = s.analysis.gaps(in: period("2026-Q3"))
        #expect(gaps.map { s.workspace.goals[$0.goal].name } == ["q3_bookings", "q3_mqls"])
        #expect(gaps[0].value == .known(2_000_000))
        #expect(gaps[0].difference == -500_000)
        #expect(abs(try #require(gaps[0].shortfallShare) - 0.2) < 1e-12)
        #expect(gaps[0].met == false)
        #expect(gaps[1].met == true)
        let q4 = s.analysis.gaps(in: period("2026-Q4"))
        #expect(q4.map { s.workspace.goals[$0.goal].name } == ["nps_up"])
        #expect(q4[0].met == nil)
        #expect(q4[0].value == .missing(s.metric("nps"), period("2026-Q4")))
        #expect(s.run("query gaps 2026-Q3").out.contains("1 goal is due in 2026-Q4: see query gaps 2026-Q4\n"))
    }

    @Test("consistency: q3_mqls implies 1,800,000 of revenue; 1,250 MQLs are needed")
    func consistency() {
        let checks = s.analysis.consistency(in: period("2026-Q3"))
        #expect(checks.count == 1)
        #expect(checks[0].upstream == s.goal("q3_mqls") && checks[0].downstream == s.goal("q3_bookings"))
        #expect(checks[0].implied == .known(1_800_000))
        #expect(checks[0].consistent == false)
        #expect(checks[0].needed == .solved(value: 1250, exact: true))
    }

    @Test("whatif win_rate = 30% moves revenue to 2,400,000")
    func whatIf() {
        let before = s.workspace
        let result = s.analysis.whatIf(s.metric("win_rate"), to: 0.3, in: period("2026-Q3"))
        #expect(s.names(result.moved.map(\.metric)) == ["win_rate", "revenue"])
        #expect(result.moved.last?.after == .known(2_400_000))
        #expect(result.moved.last?.before == .known(2_000_000))
        #expect(ScriptPrinterCheck.same(before, s.workspace))
    }

    @Test("solve revenue = 2.5M by leads gives 5,000 leads, exactly")
    func solve() {
        #expect(s.analysis.solve(s.metric("revenue"), to: 2_500_000, by: s.metric("leads"), in: period("2026-Q3"))
            == .solved(value: 5000, exact: true))
    }

    @Test("drivers: the five leaves each move revenue by 10%; brand_awareness only through a link")
    func drivers() {
        let ranking = s.analysis.drivers(of: s.metric("revenue"), in: period("2026-Q3"))
        #expect(s.names(ranking.effects.map(\.driver)) == ["leads", "mql_rate", "sql_rate", "win_rate", "deal_size"])
        for effect in ranking.effects { #expect(abs((effect.effect ?? 0) - 0.1) < 1e-9) }
        #expect(s.names(ranking.linked.map(\.driver)) == ["brand_awareness"])
    }

    @Test("path: leads reaches revenue through mqls and sqls")
    func path() {
        let paths = s.analysis.paths(from: s.metric("leads"), to: s.metric("revenue"))
        #expect(paths.count == 1)
        #expect(s.names(paths[0].map(\.to)) == ["mqls", "sqls", "revenue"])
        let linked = s.analysis.paths(from: s.metric("brand_awareness"), to: s.metric("revenue"))
        #expect(linked.count == 1 && linked[0].count == 4)
    }
}

/// Compares workspaces by their canonical script.
enum ScriptPrinterCheck {
    static func same(_ a: Workspace, _ b: Workspace) -> Bool {
        AlignLanguageScript.text(a) == AlignLanguageScript.text(b)
    }
}

import AlignLanguage

enum AlignLanguageScript {
    static func text(_ ws: Workspace) -> String { ScriptPrinter.script(ws) }
}
