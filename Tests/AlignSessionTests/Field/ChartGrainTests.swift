import AlignSession
import Testing

/// Field test: `chart` draws one grain at a time, on one scale, and takes
/// `in PERIOD` and `by GRAIN`.
@Suite("Field tests: a chart of one grain")
struct ChartGrainTests {
    static let mixed = """
        metric leads unit=count
        value leads 2026 12000
        value leads 2026-01 1000
        value leads 2026-02 1100
        value leads 2026-Q2 3000
        """

    @Test("a year, a quarter and months are not drawn on one scale: the grain with the most values is")
    func oneGrain() {
        let s = Scripted(Self.mixed)
        let out = s.run("chart leads").out
        #expect(out.hasPrefix("leads (count) by month\n2026-01  "), "\(out)")
        #expect(!out.contains("\n2026  ") && !out.contains("2026-Q2  "), "\(out)")
        #expect(out.contains("also by quarter and year: chart leads by quarter\n"))
    }

    @Test("by GRAIN chooses the grain; in PERIOD keeps the periods inside it, in either order")
    func grainAndPeriod() {
        let s = Scripted(Self.mixed)
        let years = s.run("chart leads by year").out
        #expect(years.hasPrefix("leads (count) by year\n2026  "), "\(years)")
        let quarters = s.run("chart leads in 2026 by quarter").out
        #expect(quarters.hasPrefix("leads (count) by quarter in 2026\n2026-Q2  "), "\(quarters)")
        #expect(s.run("chart leads by quarter in 2026").out == quarters)
        let h1 = s.run("chart leads in 2026-H1").out
        #expect(h1.hasPrefix("leads (count) by month in 2026-H1\n"), "\(h1)")
        let (out, err) = s.run("chart leads in 2026-Q3 by year")
        #expect(out == "")
        #expect(err == "more.align:1:7: error: a year is longer than 2026-Q3: chart by a shorter grain, or in a longer period\n")
    }

    @Test("chart ... in 2026 on the time scenario charts 2026's months, and by quarter shows the quarter's goal")
    func timeScenario() throws {
        let bench = try Workbench()
        bench.run("run time-scenario.align")
        let months = bench.run("chart new_arr in 2026")
        #expect(months.hasPrefix("new_arr (USD) by month in 2026\n2026-01  "), "\(months)")
        #expect(!months.contains("error"))
        let quarters = bench.run("chart new_arr in 2026 by quarter")
        #expect(quarters.contains("2026-Q3  ") && quarters.contains("✗ q3_new_arr >= 1,000,000 USD"), "\(quarters)")
        #expect(!quarters.contains("2026-07"))
    }
}
