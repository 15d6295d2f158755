import Foundation
import Testing

/// The workshop commands through the built binary: what a script or a pipe sees.
@Suite("Workshop commands, end to end")
struct WorkshopEndToEndTests {
    @Test("--demo is the starting point: undo stops there, history and diff start there")
    func demoIsTheStart() throws {
        let r = try AlignProcess.run(
            ["--demo"], stdin: "value leads 2026-Q3 5000\nvalue leads 2026-Q3 6000\nundo\nhistory\ndiff\nundo\nundo\n")
        #expect(r.status == 1)
        #expect(
            r.stdout == """
                #  Command                   State
                -  ------------------------  ------
                1  value leads 2026-Q3 5000
                2  value leads 2026-Q3 6000  undone
                3  undo
                4  history
                changes from the start of the session to now: 1 change
                  changed  value leads 2026-Q3: 4,000 → 5,000
                what it means for the goals
                  q3_bookings  revenue in 2026-Q3 2,000,000 USD → 2,500,000 USD against >= 2,500,000 USD: missed → met
                  q3_mqls      mqls in 2026-Q3 1,000 → 1,250 against >= 900: still met

                """)
        #expect(r.stderr == "<stdin>:7:1: error: there is nothing to undo\n")
    }

    @Test("a script named on the command line is one step; its own undo takes back its own command")
    func scriptIsOneStep() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "team finance\nteam legal\nundo\nmetric budget owner=finance\n".write(
            to: folder.appendingPathComponent("plan.align"), atomically: true, encoding: .utf8)
        let before = try AlignProcess.run(["plan.align", "-c", "show teams"], in: folder)
        #expect(before.stdout.contains("finance") && !before.stdout.contains("legal"))
        let after = try AlignProcess.run(["plan.align", "-c", "undo", "-c", "show", "-c", "history"], in: folder)
        #expect(after.status == 0)
        #expect(after.stdout.hasPrefix("0 teams, 0 terms, 0 metrics"))
        #expect(after.stdout.contains("1  run plan.align  undone"))
    }

    @Test("export to a folder that does not exist: an error and exit status 1, the saved file untouched")
    func exportFails() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let r = try AlignProcess.run(
            ["--demo", "-c", "save plan.align", "-c", "export html nosuch/report.html", "-c", "save plan.align"], in: folder)
        #expect(r.status == 1)
        #expect(r.stderr == "<arg>:1:13: error: cannot write 'nosuch/report.html': the folder does not exist; nothing was written\n")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("plan.align").path))
    }

    @Test("export html to standard output is a whole page")
    func exportHTML() throws {
        let r = try AlignProcess.run(["--demo", "-c", "export html"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("<!DOCTYPE html>") && r.stdout.hasSuffix("</html>\n"))
        #expect(!r.stdout.contains("<script"))
    }
}
