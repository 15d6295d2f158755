import AlignCore
import AlignSession
import Testing

/// Field test: a goal given a new target keeps its reason, and a cascade
/// names what it removed and what it cleared.
@Suite("Field tests: replacing goals, cascading removals")
struct ReplaceAndCascadeTests {
    @Test("a goal given a new target and no reason keeps its reason; an empty reason clears it")
    func goalKeepsItsReason() throws {
        let s = try Scripted.scenario(adding: "goal q3_bookings sales revenue >= 3M by 2026-Q3")
        let goal = s.workspace.goals[s.goal("q3_bookings")]
        #expect(goal.target == 3_000_000)
        #expect(goal.why == "The board number")
        s.run("goal q3_bookings sales revenue >= 3M by 2026-Q3 \"A new reason\"")
        #expect(s.workspace.goals[s.goal("q3_bookings")].why == "A new reason")
        s.run("goal q3_bookings sales revenue >= 3M by 2026-Q3 \"\"")
        #expect(s.workspace.goals[s.goal("q3_bookings")].why == nil)
    }

    @Test("at the prompt, replacing a goal says its reason stays")
    func promptSaysTheReasonStays() throws {
        let bench = try Workbench(interactive: true)
        bench.run("run seed-scenario.align")
        let out = bench.run("goal q3_bookings sales revenue >= 3M by 2026-Q3")
        #expect(out.hasSuffix("replaced goal q3_bookings; its reason stays: \"The board number\"\n"), "\(out)")
    }

    @Test("remove ... cascade names the goals and links it removed and the formulas it cleared")
    func cascadeNamesWhatItTook() throws {
        let bench = try Workbench(interactive: true)
        bench.run("run seed-scenario.align")
        bench.run("link sqls -> nps")
        #expect(bench.run("remove term SQL cascade").hasSuffix("removed term SQL; left sqls without a term\n"))
        #expect(
            bench.run("remove metric sqls cascade").hasSuffix(
                "removed metric sqls; also removed link sqls -> nps; cleared the formula of revenue\n"))
        #expect(bench.run("remove metric mqls cascade").hasSuffix("removed metric mqls; also removed goal q3_mqls\n"))
        #expect(
            bench.run("remove team marketing cascade").hasSuffix(
                "removed team marketing; also removed goal nps_up, its definition of MQL; "
                    + "left leads, mql_rate, brand_awareness, nps without an owner\n"))
    }
}
