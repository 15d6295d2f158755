import AlignSession
import Testing

/// Field test: after a rename, the old name points to the new one, not to
/// the nearest other name.
@Suite("Field tests: an old name points to the new one")
struct FormerNameTests {
    @Test("show, tree and value with a renamed metric's old name say what it was renamed to")
    func oldNamePoints() throws {
        let s = try Scripted.scenario(adding: "rename metric mqls marketing_qualified_leads")
        let message = "no metric is named 'mqls' now: mqls was renamed to marketing_qualified_leads"
        let show = s.run("show mqls").err
        #expect(show == "more.align:1:6: error: \(message)\n", "not 'did you mean sqls': \(show)")
        #expect(s.run("tree mqls").err.contains(message))
        #expect(s.run("value mqls 2026-Q3 5").err.contains(message))
    }

    @Test("a name renamed twice points to the latest; every kind is followed")
    func chainsAndKinds() throws {
        let s = try Scripted.scenario(
            adding: """
                rename metric mqls mql_count
                rename metric mql_count mqls_total
                rename team sales revenue_team
                rename goal q3_mqls q3_mql_goal
                rename term MQL marketing_lead
                """)
        #expect(s.run("show mqls").err.contains("mqls was renamed to mqls_total"))
        #expect(s.run("show mql_count").err.contains("mql_count was renamed to mqls_total"))
        #expect(s.run("goal g sales mqls_total >= 1 by 2026-Q3").err.contains("no team is named 'sales' now: sales was renamed to revenue_team"))
        #expect(s.run("remove goal q3_mqls").err.contains("q3_mqls was renamed to q3_mql_goal"))
        #expect(s.run("show MQL").err.contains("MQL was renamed to marketing_lead"))
    }

    @Test("once the rename is undone or the name taken again, the old name is itself again")
    func undoneOrReused() throws {
        let bench = try Workbench()
        bench.run("run seed-scenario.align\nrename metric mqls marketing_qualified_leads\nundo")
        #expect(bench.run("show mqls").hasPrefix("metric mqls\n"))
        bench.run("rename metric mqls marketing_qualified_leads\nmetric mqls unit=count")
        #expect(bench.run("show mqls").hasPrefix("metric mqls\n"))
        bench.run("remove metric mqls")
        bench.run("remove metric marketing_qualified_leads cascade")
        #expect(bench.run("show mqls").contains("nothing is named 'mqls'"))
    }
}
