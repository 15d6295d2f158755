import AlignCore
import Testing

@Suite("Periods and lags")
struct PeriodTests {
    @Test("periods parse and print in their canonical spelling", arguments: ["2026", "2026-H2", "2026-Q3", "2026-07", "2026-12"])
    func roundTrip(_ text: String) throws {
        let period = try #require(Period(text))
        #expect(period.description == text)
    }

    @Test("impossible periods are refused", arguments: ["2026-Q5", "2026-H3", "2026-13", "2026-00", "26-Q1", "2026-Q", "999"])
    func invalid(_ text: String) {
        #expect(Period(text) == nil)
    }

    @Test("a quarter is made of its months and sits in its half and year")
    func nesting() throws {
        let q3 = try #require(Period("2026-Q3"))
        #expect(q3.children.map(\.description) == ["2026-07", "2026-08", "2026-09"])
        #expect(q3.ancestors.map(\.description) == ["2026-H2", "2026"])
        #expect(try #require(Period("2026")).contains(q3))
        #expect(!q3.contains(try #require(Period("2026-10"))))
    }

    @Test("lags compare by length across units")
    func lags() throws {
        let twoQuarters = try #require(Lag("2q"))
        #expect(twoQuarters > (try #require(Lag("30d"))))
        #expect(twoQuarters.days > Horizon.quarter.days)
        #expect(twoQuarters.days < Horizon.year.days)
        #expect(Lag("2x") == nil)
    }
}
