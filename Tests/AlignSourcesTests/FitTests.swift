import AlignSources
import Testing

/// A conversion share and lag profile, measured on rows made with a known one.
@Suite("Fit")
struct FitTests {
    @Test("a HubSpot export with 40% converting at 20%, 50%, 30% over three months gives them back")
    func hubspot() throws {
        let source = CSVSource(path: try Exports.file("contacts.csv", Exports.hubspot()))
        let counts = try source.pairs(first: "mql_date", second: "sql_date", filters: [])
        let fit = try #require(Fit(counts))
        #expect(fit.lags == [12, 30, 18])
        #expect(fit.candidates == 150)
        #expect(fit.share == 0.4)
        #expect(fit.profile == [0.2, 0.5, 0.3])
        #expect(fit.recentMonths == 0)
        #expect(fit.formula(metric: "sqls", upstream: "mqls") == "metric sqls = profile(mqls, 1m, 20%, 50%, 30%) * 40%")
    }

    @Test("months too recent for the longest lag are left out of the share")
    func recent() {
        var counts = PairCounts()
        for month in 0..<4 {
            for _ in 0..<6 { counts.add(first: month, second: nil) }
            counts.add(first: month, second: month)
            if month + 2 <= 3 { counts.add(first: month, second: month + 2) } else { counts.add(first: month, second: nil) }
        }
        counts.add(first: 3, second: 1)
        let fit = Fit(counts)!
        #expect(fit.months == 0...1)
        #expect(fit.recentMonths == 2)
        #expect(fit.candidates == 16)
        #expect(fit.converted == 4)
        #expect(fit.earlier == 1)
        #expect(fit.formula(metric: "b", upstream: "a") == "metric b = profile(a, 1m, 50%, 0%, 50%) * 25%")
    }

    @Test("one lag is written as an offset; nothing converted is no fit")
    func shapes() {
        var counts = PairCounts()
        for m in 0..<3 {
            counts.add(first: m, second: m + 1)
            counts.add(first: m, second: nil)
            counts.add(first: m, second: nil)
        }
        counts.add(first: 3, second: nil)
        #expect(Fit(counts)!.formula(metric: "sqls", upstream: "mqls") == "metric sqls = mqls[-1m] * 33.3%")
        var none = PairCounts()
        none.add(first: 0, second: nil)
        #expect(Fit(none) == nil)
    }

    @Test("whole percentages add up to 100")
    func percents() {
        #expect(Fit.wholePercents([1.0 / 3, 1.0 / 3, 1.0 / 3]) == [34, 33, 33])
        #expect(Fit.wholePercents([0.125, 0.375, 0.5]).reduce(0, +) == 100)
    }
}
