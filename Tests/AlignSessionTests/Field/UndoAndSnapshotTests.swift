import AlignSession
import Testing

/// Field test: `undo` after a what-if says what it took back, and a
/// snapshot taken again under its name keeps the one it replaces.
@Suite("Field tests: undo after a what-if, a snapshot taken again")
struct UndoAndSnapshotTests {
    @Test("undo straight after a whatif says it took back the change before, and that a whatif changes nothing")
    func undoAfterWhatIf() throws {
        let bench = try Workbench(interactive: true)
        bench.run("run seed-scenario.align\nvalue leads 2026-Q3 5000\nwhatif win_rate = 30% in 2026-Q3")
        let out = bench.run("undo")
        #expect(
            out.hasSuffix(
                "undid: value leads 2026-Q3 5000 (not the whatif after it: a whatif changes nothing, so there is nothing of it to undo)\n"),
            "\(out)")
        bench.run("value leads 2026-Q3 5000\nsolve revenue = 3M by leads in 2026-Q3")
        #expect(bench.run("undo").contains("(not the solve after it: a solve changes nothing"))
        bench.run("value leads 2026-Q3 5000\nshow leads")
        #expect(bench.run("undo").hasSuffix("undid: value leads 2026-Q3 5000\n"), "after anything else, undo says only what it undid")
    }

    @Test("a whatif kept as a scenario is a change, and undo takes it back without a note")
    func keptScenario() throws {
        let bench = try Workbench(interactive: true)
        bench.run("run seed-scenario.align\nwhatif win_rate = 30% in 2026-Q3 as bold")
        #expect(bench.run("undo").hasSuffix("undid: whatif win_rate = 30% in 2026-Q3 as bold\n"))
    }

    @Test("snapshot NAME taken again keeps the old one as NAME_1, and says so")
    func snapshotAgain() throws {
        let bench = try Workbench(interactive: true)
        bench.run("run seed-scenario.align\nsnapshot before\nvalue leads 2026-Q3 6000")
        let out = bench.run("snapshot before")
        #expect(out.hasSuffix("replaced snapshot before; the one it replaced is kept as before_1 (diff before_1)\n"), "\(out)")
        #expect(bench.run("diff before").contains("nothing changed"))
        #expect(bench.run("diff before_1").contains("changed  value leads 2026-Q3: 4,000 → 6,000"))
        bench.run("snapshot before")
        #expect(bench.run("show snapshots").contains("before_2"))
    }
}
