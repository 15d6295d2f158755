import AlignCore
import AlignLanguage
import AlignSession
import Foundation
import Testing

/// Field test: numbers keep the decimal value that was written, and the
/// rounding of arithmetic never reads as a change or a gap.
@Suite("Field tests: decimals as written")
struct DecimalTests {
    @Test("41% is stored as 0.41, and saved as 0.41")
    func percentAsWritten() throws {
        let s = try Scripted.scenario(adding: "value win_rate 2026-Q3 41%")
        #expect(s.workspace.value(of: s.metric("win_rate"), in: period("2026-Q3")) == 0.41)
        #expect(ScriptPrinter.script(s.workspace).contains("value win_rate 2026-Q3 0.41\n"))
    }

    @Test("diff shows no change between 41% and 0.41, nor one between values that print alike")
    func noPhantomChange() throws {
        let w = try WorkshopSession()
        w.run(
            """
            value win_rate 2026-Q3 41%
            snapshot b
            value win_rate 2026-Q3 0.41
            """)
        #expect(w.run("diff b").out.contains("nothing changed"))
        w.run("value win_rate 2026-Q3 0.4100001")
        let out = w.run("diff b").out
        #expect(out.contains("changed  value win_rate 2026-Q3: 0.41 → 0.4100001"), "\(out)")
        #expect(!out.contains("0.41 → 0.41\n"))
    }

    @Test("a goal met exactly through arithmetic has a gap of 0, and the report says it is on target")
    func exactGoal() throws {
        let s = Scripted(
            """
            team sales
            metric x unit=ratio
            metric y unit=ratio
            metric y = x * 3
            value x 2026-Q3 0.1
            goal g sales y >= 0.3 by 2026-Q3
            """)
        #expect(s.analysis.gaps(in: period("2026-Q3")).first?.difference == 0)
        let out = s.run("query gaps 2026-Q3").out
        #expect(!out.contains("e-17"), "\(out)")
        #expect(out.contains("  0  "), "\(out)")
        let json = s.run("format json\nquery gaps 2026-Q3").out
        #expect(json.contains("\"gap\":0,"), "\(json)")
        let html = s.run("format table\nexport html").out
        #expect(html.contains("on target"))
        #expect(!html.contains("ahead by"))
    }

    @Test("a what-if that only reshuffles the arithmetic moves nothing by 2.776e-17")
    func whatIfNoise() {
        let s = Scripted(
            """
            metric a unit=ratio
            metric b unit=ratio
            metric w unit=ratio
            metric w = a + b - a
            value a 2026-Q3 0.1
            value b 2026-Q3 0.2
            """)
        let out = s.run("whatif a = 0.7 in 2026-Q3").out
        #expect(!out.contains("e-1"), "\(out)")
        #expect(!out.contains("w "), "w does not move: \(out)")
        let months = s.run("value a 2026-07 0.1\nvalue b 2026-07 0.2\nwhatif a = +500% in 2026-07").out
        #expect(!months.contains("w "), "w does not move: \(months)")
    }
}
