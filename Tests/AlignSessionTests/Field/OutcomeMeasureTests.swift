import AlignCore
import AlignSession
import Testing

/// Field test: a metric computed from metrics on revenue's tree that feeds
/// nothing on it is an outcome measure read off the tree, not an orphan.
@Suite("Field tests: outcome measures are not orphans")
struct OutcomeMeasureTests {
    static func scenario() throws -> Scripted {
        try Scripted.scenario(
            adding: """
                metric arr owner=sales unit=USD
                metric arr agg=last = arr[-1q] + revenue
                metric nrr owner=sales unit=ratio
                metric nrr = arr / arr[-1q]
                metric nrr_points = nrr * 100
                value arr 2026-Q2 10M
                goal nrr_up sales nrr >= 110% by 2026-Q3
                """)
    }

    @Test("nrr, computed from ARR and feeding nothing, is an outcome measure; nps, computed from nothing, is an orphan")
    func analysis() throws {
        let s = try Self.scenario()
        #expect(s.session.errorCount == 0)
        #expect(s.names(try #require(s.analysis.orphans()).map(\.metric)) == ["nps"])
        let outcomes = s.analysis.outcomeMeasures()
        #expect(s.names(outcomes.map(\.metric)) == ["arr", "nrr", "nrr_points"])
        #expect(s.names(outcomes.first { $0.metric == s.metric("arr") }!.readsFrom) == ["revenue"])
        #expect(s.names(outcomes.first { $0.metric == s.metric("nrr") }!.readsFrom) == ["arr"])
        #expect(outcomes.first { $0.metric == s.metric("nrr") }!.goals == [s.goal("nrr_up")])
    }

    @Test("query orphans names nrr an outcome measure read off the tree, and does not say its goal cannot show up in revenue")
    func query() throws {
        let s = try Self.scenario()
        let out = s.run("query orphans").out
        #expect(out.hasPrefix("1 metric has no path to revenue\n"), "\(out)")
        #expect(out.contains("3 outcome measures read off revenue's tree, not orphans\n"))
        #expect(out.contains("nrr is read off revenue's tree (computed from arr) and feeds nothing on it: an outcome measure, not an orphan; goal nrr_up measures the tree's results"), "\(out)")
        #expect(!out.contains("nrr has no path"))
        #expect(!out.contains("nrr_up sits on it: meeting it cannot show up in revenue"))
        let json = s.run("format json\nquery orphans").out
        #expect(json.contains("\"outcomes\":[{\"metric\":\"arr\""), "\(json)")
    }

    @Test("the report says the same")
    func report() throws {
        let s = try Self.scenario()
        let report = s.run("export markdown").out
        #expect(report.contains("an outcome measure, not an orphan"))
        #expect(!report.contains("goal nrr_up sits on it"))
    }
}
