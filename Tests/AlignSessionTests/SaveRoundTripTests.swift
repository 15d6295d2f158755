import AlignLanguage
import AlignSession
import Foundation
import Testing

/// `save` is canonical and loses nothing: random workspaces, saved, run into
/// a fresh session and saved again, give the same bytes and the same answers.
@Suite("save: canonical and complete")
struct SaveRoundTripTests {
    /// A session that keeps going past refused commands, as a script with --keep-going.
    static func session() -> (Session, CapturedOutput) {
        var options = SessionOptions()
        options.keepGoing = true
        options.undo = true
        let output = CapturedOutput()
        return (Session(options: options, output: output), output)
    }

    /// What the two sessions must answer alike: every listing, every query,
    /// the whole workspace as JSON.
    static let questions = [
        "show teams", "show terms", "show metrics", "show links", "show goals", "show values", "show notes",
        "show decisions", "query orphans", "query conflicts", "query handoffs", "query horizons",
        "query gaps 2026-Q3", "query gaps 2026", "query consistency", "tree", "export json", "export csv",
    ]

    static func answers(_ session: Session, _ output: CapturedOutput) -> String {
        var all = ""
        for question in questions {
            output.reset()
            session.run(SourceText(name: "<test>", text: question))
            all += "== \(question)\n" + output.stdout + output.stderr
        }
        return all
    }

    @Test("saved, run and saved again: the same bytes, the same workspace", arguments: 0..<60)
    func roundTrip(_ seed: Int) {
        var generator = RandomWorkspace(seed: UInt64(seed) &* 7919 &+ 17)
        let script = generator.script(size: 40 + seed % 7 * 20)
        let (first, firstOutput) = Self.session()
        first.run(SourceText(name: "generated.align", text: script))
        let saved = ScriptPrinter.script(first.workspace)
        if let dump = ProcessInfo.processInfo.environment["ALIGN_DUMP_SEED"], dump == "\(seed)" {
            try? script.write(toFile: "/tmp/rt/generated.align", atomically: true, encoding: .utf8)
            try? saved.write(toFile: "/tmp/rt/saved.align", atomically: true, encoding: .utf8)
        }

        let (second, secondOutput) = Self.session()
        secondOutput.reset()
        let ran = second.run(SourceText(name: "saved.align", text: saved))
        #expect(ran, "the saved script failed:\n\(secondOutput.stderr)\n--- saved:\n\(saved)")
        let savedAgain = ScriptPrinter.script(second.workspace)
        #expect(savedAgain == saved, "seed \(seed): \(Self.firstDifference(saved, savedAgain))")
        let before = Self.answers(first, firstOutput)
        let after = Self.answers(second, secondOutput)
        #expect(after == before, "seed \(seed): \(Self.firstDifference(before, after))")
    }

    /// The first line where two texts differ, with the section it is in.
    static func firstDifference(_ a: String, _ b: String) -> String {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        var heading = ""
        for i in 0..<max(left.count, right.count) {
            let l = i < left.count ? String(left[i]) : "<end>"
            let r = i < right.count ? String(right[i]) : "<end>"
            if l.hasPrefix("==") || l.hasPrefix("# ") { heading = l }
            if l != r { return "under '\(heading)', line \(i + 1):\n  before: \(l)\n  after:  \(r)" }
        }
        return "no difference"
    }

    @Test("terms: synonyms beside their team's definition, unless that would reorder them; bare terms")
    func terms() {
        let (first, _) = Self.session()
        first.run(
            SourceText(
                name: "terms.align",
                text: """
                    team A
                    team B
                    term MQL "scored" by=A aka=lead
                    term MQL "booked" by=B aka=meeting
                    term SQL "accepted" by=B aka=opportunity
                    term SQL by=A aka=deal
                    term SQL aka=qualified
                    metric mqls term=Pipeline
                    """))
        let saved = ScriptPrinter.script(first.workspace)
        #expect(
            saved.contains(
                """
                # Terms
                term MQL "scored" by=A aka=lead
                term MQL "booked" by=B aka=meeting
                term SQL "accepted" by=B aka=opportunity
                term SQL by=A aka=deal
                term SQL aka=qualified
                term Pipeline

                """))
        let (second, _) = Self.session()
        second.run(
            SourceText(
                name: "order.align",
                text: "team A\nteam B\nterm T \"a\" by=A\nterm T \"b\" by=B aka=x\nterm T by=A aka=y\nterm T aka=z\n"))
        let reordered = ScriptPrinter.script(second.workspace)
        #expect(
            reordered.contains(
                """
                term T "a" by=A
                term T "b" by=B
                term T by=B aka=x
                term T by=A aka=y
                term T aka=z

                """))
        for script in [saved, reordered] {
            let (again, _) = Self.session()
            #expect(again.run(SourceText(name: "saved.align", text: script)))
            #expect(ScriptPrinter.script(again.workspace) == script)
        }
    }

    @Test("notes and decisions survive, in order, with their times")
    func notesSurvive() {
        let (first, _) = Self.session()
        first.run(
            SourceText(
                name: "notes.align",
                text: """
                    note "Sales wants MQL to mean a booked meeting"
                    decide "MQL means a booked first meeting" at="10:40"
                    note "a \\"quoted\\" word\\nand a second line"
                    remove note 1
                    """))
        let saved = ScriptPrinter.script(first.workspace)
        #expect(saved.contains("decide \"MQL means a booked first meeting\" at=\"10:40\"\n"))
        #expect(saved.contains("note \"a \\\"quoted\\\" word\\nand a second line\"\n"))
        #expect(!saved.contains("booked meeting\"\n"))
        let (second, _) = Self.session()
        #expect(second.run(SourceText(name: "saved.align", text: saved)))
        #expect(ScriptPrinter.script(second.workspace) == saved)
    }

    @Test("plan values, where actuals end, and scenarios: saved, run and saved again, the same bytes")
    func planSurvives() throws {
        let bench = try Workbench()
        bench.run("run plan-review.align\nwhatif win_rate = +2pp from 2026-07 and leads = +10% in 2026-07..2026-09 as push\n"
            + "whatif deal_size = 11k in 2026-Q4 as bigger\nsave first.align")
        let first = try String(contentsOf: bench.folder.appendingPathComponent("first.align"), encoding: .utf8)
        #expect(first.contains("plan leads 2026-07 1300\n"))
        #expect(first.contains("actuals through 2026-06\n"))
        #expect(first.contains("whatif win_rate = +2pp from 2026-07 and leads = +10% in 2026-07..2026-09 as push\n"))
        let again = try Workbench()
        try FileManager.default.copyItem(
            at: bench.folder.appendingPathComponent("first.align"), to: again.folder.appendingPathComponent("first.align"))
        let printed = again.run("run first.align\nsave second.align")
        #expect(printed == "", "replaying a saved scenario prints nothing: \(printed)")
        let second = try String(contentsOf: again.folder.appendingPathComponent("second.align"), encoding: .utf8)
        #expect(first == second)
    }
}
