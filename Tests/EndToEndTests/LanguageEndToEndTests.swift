import Foundation
import Testing

/// The language through the built binary: --demo, script errors with their
/// places and exit codes, and the same answer from a file, -c and standard input.
@Suite("The language, end to end")
struct LanguageEndToEndTests {
    @Test("--demo starts from the reference scenario, which undo does not take back")
    func demo() throws {
        let result = try AlignProcess.run(["--demo", "-c", "query gaps 2026-Q3", "-c", "undo"])
        #expect(result.stdout.contains("q3_bookings: 2,000,000 USD against 2,500,000 USD, short by 500,000 USD (20%)"))
        #expect(result.stderr == "<arg>:1:1: error: there is nothing to undo\n")
        #expect(result.status == 1)
    }

    @Test("a failing command stops the script with FILE:LINE:COL and status 1; what ran before stays")
    func scriptError() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = "team sales\nmetric leads owner=sales\nvalue leads 2026-Q9 4000\nteam never_reached\n"
        try script.write(to: folder.appendingPathComponent("plan.align"), atomically: true, encoding: .utf8)
        let result = try AlignProcess.run(["plan.align", "-c", "show teams"], in: folder)
        #expect(result.status == 1)
        #expect(
            result.stderr
                == "plan.align:3:13: error: '2026-Q9' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)\n")
        let kept = try AlignProcess.run(["--keep-going", "plan.align", "-c", "show teams"], in: folder)
        #expect(kept.status == 1)
        #expect(kept.stdout.contains("sales") && kept.stdout.contains("never_reached"))
    }

    @Test("a line from a file, -c or standard input gives the same answer")
    func sameEverywhere() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = try String(
            contentsOf: AlignProcess.root.appendingPathComponent("examples/seed-scenario.align"), encoding: .utf8)
        try scenario.write(to: folder.appendingPathComponent("seed.align"), atomically: true, encoding: .utf8)
        let question = "tree revenue in 2026-Q3"
        let viaArg = try AlignProcess.run(["seed.align", "-c", question], in: folder)
        let viaStdin = try AlignProcess.run([], stdin: scenario + question + "\n", in: folder)
        #expect(viaArg.status == 0 && viaStdin.status == 0)
        #expect(viaArg.stdout == viaStdin.stdout)
        #expect(viaArg.stdout.contains("revenue 2,000,000 USD = sqls 400 * win_rate 0.25 * deal_size 20,000 USD"))
    }
}
