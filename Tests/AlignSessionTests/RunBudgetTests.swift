import Foundation
import Testing

@testable import AlignSession

/// Scripts that each run the next one twice stay within the depth `run` may
/// nest, yet would run 2^depth files: one command runs a bounded number.
@Suite("run: a bound on the files one command runs")
struct RunBudgetTests {
    /// Writes d0.align ... dN.align, each running the next one twice, the last defining a team.
    static func doubling(_ levels: Int, in folder: URL) throws {
        for i in 0..<levels {
            let text = "run d\(i + 1).align\nrun d\(i + 1).align\n"
            try text.write(to: folder.appendingPathComponent("d\(i).align"), atomically: true, encoding: .utf8)
        }
        try "team t\n".write(to: folder.appendingPathComponent("d\(levels).align"), atomically: true, encoding: .utf8)
    }

    @Test("within the bound the files all run; past it the command fails and says so")
    func bound() throws {
        let w = try Workbench()
        w.session.options.mostFilesRun = 100
        w.session.options.keepGoing = false
        // 2 + 4 + ... + 64 = 126 nested runs, and the first one: past 100.
        try Self.doubling(6, in: w.folder)
        let out = w.run("run d0.align")
        #expect(out.hasPrefix("$TMP/d5.align:1:5: error: one command has run more than 100 files; do scripts run each other over and over?\n"))
        #expect(out.contains("note: in a script run from <test>:1:1\n"))
        // 2 + 4 + ... + 32 = 62 and the first: within the bound, counted afresh for each command.
        try Self.doubling(5, in: w.folder)
        #expect(w.run("run d0.align") == "")
        #expect(w.run("run d0.align") == "")
        #expect(w.run("show t").hasPrefix("team t"))
    }
}
