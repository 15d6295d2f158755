import AlignCore
import AlignSession
import Testing

/// Field test: a share (unit ratio, percent or share) outside 0 to 100% is
/// questioned when it is given, and an answer that needs one says so.
@Suite("Field tests: shares outside 0 to 100%")
struct ShareRangeTests {
    @Test("value, plan and goal warn of a share above 100% or below 0, at the number, and keep it")
    func warnings() throws {
        let s = try Scripted.scenario()
        let value = s.run("value sql_rate 2026-Q3 50")
        #expect(value.err == "more.align:1:24: warning: sql_rate is a share (unit ratio): 50 (5,000%) is above 100%; did you mean 50%?\n")
        #expect(s.workspace.value(of: s.metric("sql_rate"), in: period("2026-Q3")) == 50)
        let plan = s.run("plan brand_awareness 2026-Q3 50")
        #expect(plan.err == "more.align:1:30: warning: brand_awareness is a share (unit percent): 5,000% is above 100%; did you mean 50%?\n")
        let goal = s.run("goal g sales win_rate >= -0.1 by 2026-Q3")
        #expect(goal.err == "more.align:1:26: warning: win_rate is a share (unit ratio): -0.1 (-10%) is below 0\n")
        let retention = s.run("value win_rate 2026-Q3 1.1")
        #expect(retention.err.hasSuffix("1.1 (110%) is above 100%\n"), "a ratio of 1.1 may be meant: nothing guessed: \(retention.err)")
        let far = s.run("value win_rate 2026-Q3 150")
        #expect(far.err.hasSuffix("150 (15,000%) is above 100%\n"), "no percent to suggest: \(far.err)")
        for fine in ["value sql_rate 2026-Q3 50%", "value sql_rate 2026-Q3 1", "value sql_rate 2026-Q3 0", "value leads 2026-Q3 50"] {
            #expect(s.run(fine).err == "", "\(fine)")
        }
    }

    @Test("a count below 0 and a profile's shares above 100% are questioned, and kept")
    func countsAndProfiles() throws {
        let s = try Scripted.scenario()
        let negative = s.run("metric heads unit=count\nvalue heads 2026-Q3 -5")
        #expect(negative.err == "more.align:2:21: warning: heads counts things (unit count): -5 is below 0\n")
        #expect(s.workspace.value(of: s.metric("heads"), in: period("2026-Q3")) == -5)
        let over = s.run("metric spread = profile(heads, 1m, 50%, 60%)")
        #expect(
            over.err == "more.align:1:17: warning: the profile's shares add up to 110%: more of each period is spread "
                + "than there is (a cohort's close rates add up to 100% at most)\n")
        for fine in ["metric whole = profile(heads, 1m, 20%, 50%, 30%)", "value heads 2026-Q4 0", "value nps 2026-Q3 -5"] {
            #expect(s.run(fine).err == "", "\(fine)")
        }
    }

    @Test("solve does not call a win rate of 125% exact")
    func solve() throws {
        let s = try Scripted.scenario()
        let out = s.run("solve revenue = 10M by win_rate in 2026-Q3").out
        #expect(out.hasPrefix("no win_rate from 0 to 100% brings revenue to 10,000,000 USD in 2026-Q3: it would take 1.25 (125%), above 100%\n"), "\(out)")
        #expect(out.contains("no: above 100%"))
        #expect(!out.contains("yes"))
        let json = s.run("format json\nsolve revenue = 10M by win_rate in 2026-Q3").out
        #expect(json.contains("\"exact\":false"), "\(json)")
    }

    @Test("a what-if that takes a share above 100% says it is arithmetic, not a forecast")
    func whatIf() throws {
        let s = try Scripted.scenario()
        let out = s.run("whatif win_rate = +500% in 2026-Q3").out
        #expect(out.contains("win_rate would be 1.5 (150%) in 2026-Q3, above 100%: no share is more than the whole"), "\(out)")
        #expect(!s.run("whatif win_rate = 30% in 2026-Q3").out.contains("above 100%"))
    }

    @Test("consistency that needs a win rate of 1,250% says no goal on it can meet the target, and suggests none")
    func consistency() throws {
        let s = try Scripted.scenario(
            adding: """
                goal g sales win_rate >= 0.3 by 2026-Q3
                goal q3_bookings sales revenue >= 100M by 2026-Q3
                """)
        let out = s.run("query consistency 2026-Q3").out
        #expect(out.contains("  meeting q3_bookings takes win_rate 12.5 (1,250%), above 100%: no goal on win_rate alone can meet it\n"), "\(out)")
        #expect(!out.contains("goal g sales win_rate >= 12.5"))
        #expect(out.contains("goal q3_mqls marketing mqls >= 50000 by 2026-Q3"), "other needs are still suggested")
    }

    @Test("a solve across periods that scales a rate past 100% says so")
    func periodSolve() throws {
        let bench = try Workbench()
        bench.run("run time-scenario.align")
        let out = bench.run("solve new_arr = 200M in 2026-Q4 by win_rate")
        #expect(out.contains("win_rate would be 49.566 (4,956.6%) in 2026-10 (and 2 more periods), above 100%"), "\(out)")
    }
}
