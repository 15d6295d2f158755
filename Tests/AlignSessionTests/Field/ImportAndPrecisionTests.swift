import AlignSession
import Foundation
import Testing

/// Field tests: `import values` reports every bad row; suggested goals and
/// solved counts are given to the precision their unit deserves.
@Suite("Field tests: every bad row, figures as precise as their unit")
struct ImportAndPrecisionTests {
    @Test("import values reports every bad row at FILE:ROW, counts them, and imports nothing")
    func everyBadRow() throws {
        let bench = try Workbench()
        let csv = "metric,period,value\nleads,2026-Q3,4500\nlaeds,2026-Q3,1\nleads,2026-Q9,3\nleads,2026-Q4,abc\nmqls,2026-Q3,5,6\n"
        try csv.write(to: bench.folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        bench.run("run seed-scenario.align")
        let out = bench.run("import values bad.csv\nshow leads")
        let expected = [
            "$TMP/bad.csv:3: error: unknown metric 'laeds'; did you mean 'leads'?",
            "$TMP/bad.csv:4: error: '2026-Q9' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)",
            "$TMP/bad.csv:5: error: 'abc' is not a number (write 4000, 4,000, 12.5, 25% or 20k)",
            "$TMP/bad.csv:6: error: this row has 4 fields but the header has 3",
            "note: 4 rows are bad; nothing from bad.csv was imported",
            "note: the import was asked for at <test>:1:1",
        ]
        #expect(out.hasPrefix(expected.joined(separator: "\n") + "\n"), "\(out)")
        #expect(out.contains("2026-Q3  4,000  recorded"), "nothing was imported: \(out)")
    }

    @Test("past twenty bad rows, the first twenty are named and all are counted")
    func manyBadRows() throws {
        let bench = try Workbench()
        let rows = (1...25).map { "nope\($0),2026-Q3,1\n" }.joined()
        try ("metric,period,value\n" + rows).write(to: bench.folder.appendingPathComponent("many.csv"), atomically: true, encoding: .utf8)
        bench.run("run seed-scenario.align")
        let out = bench.run("import values many.csv")
        #expect(out.components(separatedBy: ": error: ").count == 21, "\(out)")
        #expect(out.contains("note: 25 rows are bad (the first 20 are shown); nothing from many.csv was imported\n"))
    }

    @Test("a suggested goal is rounded to its unit's precision, the way that still meets the need")
    func suggestedGoals() throws {
        let s = try Scripted.scenario(
            adding: """
                goal g sales win_rate >= 0.2 by 2026-Q3
                goal q3_bookings sales revenue >= 2.7312345M by 2026-Q3
                """)
        let out = s.run("query consistency 2026-Q3").out
        #expect(out.contains("goal g sales win_rate >= 0.342 by 2026-Q3"), "\(out)")
        #expect(!out.contains("0.3414161472340063"))
        #expect(out.contains("takes 1,366 mqls (1,365.62, rounded up); goal q3_mqls marketing mqls >= 1366 by 2026-Q3"), "\(out)")
    }

    @Test("solve gives a count whole, rounded the way the driver moves, and says so")
    func solvedCounts() throws {
        let s = try Scripted.scenario()
        let up = s.run("solve revenue = 2.6543M by leads in 2026-Q3").out
        #expect(up.hasPrefix("leads 5,309 (now 4,000: +1,309, +32.725%) brings revenue to 2,654,300 USD in 2026-Q3 (5,308.6 exactly; leads is a count, so rounded up)\n"), "\(up)")
        let down = s.run("solve revenue = 1.1234567M by leads in 2026-Q3").out
        #expect(down.contains("leads 2,246 (now 4,000"), "\(down)")
        #expect(down.contains("(2,246.91 exactly; leads is a count, so rounded down)"))
        #expect(s.run("solve revenue = 2.5M by leads in 2026-Q3").out.hasPrefix("leads 5,000 (now 4,000: +1,000, +25%) brings revenue to 2,500,000 USD in 2026-Q3\n"))
    }
}
