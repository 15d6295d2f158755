import AlignCore
import AlignSession
import Testing

@Suite("Queries at the edges")
struct QueryEdgeCaseTests {
    @Test("an empty workspace: nothing to find, and orphans needs a revenue metric")
    func empty() {
        let s = Scripted("")
        #expect(s.analysis.orphans() == nil)
        #expect(s.analysis.conflicts().isEmpty)
        #expect(s.analysis.handoffs().isEmpty)
        #expect(s.analysis.horizonConflicts().isEmpty)
        #expect(s.analysis.gaps(in: period("2026-Q3")).isEmpty)
        #expect(s.analysis.consistency(in: nil).isEmpty)
        let (_, err) = s.run("query orphans")
        #expect(err.contains("more.align:1:1: error: there is no revenue metric"))
    }

    @Test("horizons without a revenue metric checks the goals' lags and says revenue paths were not checked")
    func horizonsWithoutRevenue() {
        let s = Scripted("""
            team s horizon=quarter
            metric a owner=s
            metric b owner=s
            link a -> b lag=2q
            goal g s b >= 1 by 2026-Q1
            """)
        let out = s.run("query horizons").out
        #expect(out.contains("g (s, quarter) depends on a through a 2q lag"))
        #expect(out.hasSuffix("revenue paths are not checked: there is no revenue metric: add 'metric revenue', or choose one with 'revenue METRIC'\n"))
    }

    @Test("without a metric named revenue, `revenue METRIC` chooses one")
    func chosenRevenue() throws {
        let s = Scripted("""
            metric bookings
            metric calls
            metric deals
            metric bookings = deals * 1000
            revenue bookings
            """)
        let orphans = try #require(s.analysis.orphans())
        #expect(s.names(orphans.map(\.metric)) == ["calls"])
    }

    @Test("cycles through links terminate every walk")
    func linkCycles() throws {
        let s = Scripted("""
            team marketing horizon=year
            team sales horizon=quarter
            metric budget owner=marketing unit=USD
            metric leads owner=marketing unit=count
            metric deals owner=sales unit=count
            metric revenue unit=USD
            metric deals = leads * 0.1
            metric revenue = deals * 1000
            link budget -> leads lag=2q
            link revenue -> budget lag=1y "revenue funds marketing"
            value leads 2026-Q1 100
            goal q1 sales revenue >= 20k by 2026-Q1
            """)
        #expect(s.session.errorCount == 0)
        #expect(try #require(s.analysis.orphans()).isEmpty)
        let horizons = s.analysis.horizonConflicts()
        #expect(horizons.count == 1)
        let conflict = try #require(horizons.first)
        #expect(conflict.lag.description == "2q")
        #expect(s.names([try #require(conflict.chain.first).from]) == ["budget"])
        #expect(!s.analysis.paths(from: s.metric("budget"), to: s.metric("revenue")).isEmpty)
        let ranking = s.analysis.drivers(of: s.metric("revenue"), in: period("2026-Q1"))
        #expect(s.names(ranking.effects.map(\.driver)) == ["leads"])
        #expect(s.names(ranking.linked.map(\.driver)) == ["budget"])
        let out = s.run("tree revenue in 2026-Q1").out
        #expect(out.contains("see above") || out.contains("budget"))
    }

    @Test("a goal on a period without values has no value and sorts last; a goal due elsewhere is not measured")
    func unknownPeriod() {
        let s = Scripted("""
            metric revenue unit=USD
            metric nps unit=score
            team sales
            value revenue 2026-Q1 10
            goal later sales revenue >= 5 by 2030-Q1
            goal now sales revenue >= 50 by 2026-Q1
            goal score sales nps >= 5 by 2026-Q1
            """)
        let gaps = s.analysis.gaps(in: period("2030-Q1"))
        #expect(s.names(gaps.map { s.workspace.goals[$0.goal].metric }) == ["revenue"])
        #expect(gaps.allSatisfy { $0.met == nil })
        let now = s.analysis.gaps(in: period("2026-Q1"))
        #expect(now.map { s.workspace.goals[$0.goal].name } == ["now", "score"])
        #expect(now.map(\.met) == [false, nil])
        #expect(s.run("query gaps 2026-Q1").out.hasSuffix("1 goal is due in 2030-Q1: see query gaps 2030-Q1\n"))
        #expect(s.run("query gaps 2027").out.contains("no goal is due in 2027\n3 goals are due in other periods: 2026-Q1 (2), 2030-Q1 (1); see query gaps 2026-Q1\n"))
    }

    @Test("solve says when no value of the driver reaches the target")
    func unreachable() {
        let s = Scripted("""
            metric won
            metric lost
            metric win_share
            metric win_share = won / (won + lost)
            value won 2026-Q1 30
            value lost 2026-Q1 70
            """)
        let result = s.analysis.solve(s.metric("win_share"), to: 2, by: s.metric("won"), in: period("2026-Q1"))
        guard case .unreachable(_, let high) = result else {
            Issue.record("expected unreachable, got \(result)")
            return
        }
        #expect(high < 1.0001)
        let reachable = s.analysis.solve(s.metric("win_share"), to: 0.5, by: s.metric("won"), in: period("2026-Q1"))
        guard case .solved(let won, _) = reachable else {
            Issue.record("expected a solution, got \(reachable)")
            return
        }
        #expect(abs(won - 70) < 1e-6)
    }

    @Test("solve's table says how the value was found, as its sentence does: exactly, numerically, rounded")
    func solveFound() {
        let s = Scripted("""
            metric x
            metric y = x * x + 1
            value x 2026-Q3 3
            metric leads unit=count
            metric revenue = leads * 3
            value leads 2026-Q3 10
            """)
        let numeric = s.run("solve y = 1 by x in 2026-Q3").out
        #expect(numeric.contains("(found numerically)"))
        #expect(numeric.contains("Found") && numeric.contains("numerically\n"))
        #expect(!numeric.contains("Exact") && !numeric.hasSuffix(" no\n"))
        let exact = s.run("solve revenue = 60 by leads in 2026-Q3").out
        #expect(exact.contains(" exactly\n"))
        let rounded = s.run("solve revenue = 61 by leads in 2026-Q3").out
        #expect(rounded.contains("rounded up)") && rounded.contains(" rounded up\n"))
    }

    @Test("solve refuses a driver that does not drive the metric, and one that needs a link")
    func notADriver() throws {
        let s = try Scripted.scenario()
        let p = period("2026-Q3")
        #expect(s.analysis.solve(s.metric("nps"), to: 1, by: s.metric("leads"), in: p) == .notADriver(throughLinksOnly: false))
        #expect(
            s.analysis.solve(s.metric("revenue"), to: 1, by: s.metric("brand_awareness"), in: p)
                == .notADriver(throughLinksOnly: true))
    }

    @Test("ties in the drivers ranking keep the order the metrics were defined in")
    func ties() {
        let s = Scripted("""
            metric c
            metric a
            metric b
            metric total
            metric total = a + b + c
            value a 2026-Q1 10
            value b 2026-Q1 10
            value c 2026-Q1 10
            """)
        let ranking = s.analysis.drivers(of: s.metric("total"), in: period("2026-Q1"))
        #expect(s.names(ranking.effects.map(\.driver)) == ["c", "a", "b"])
    }

    @Test("queries and what-ifs never change the workspace")
    func readOnly() throws {
        let s = try Scripted.scenario()
        let before = AlignLanguageScript.text(s.workspace)
        let (_, err) = s.run("""
            query orphans
            query conflicts
            query handoffs
            query horizons
            query gaps 2026-Q3
            query consistency
            query path leads revenue
            query drivers revenue in 2026-Q3
            whatif win_rate = 30% in 2026-Q3
            whatif leads = +10% in 2026-Q3
            solve revenue = 2.5M by leads in 2026-Q3
            tree
            """)
        #expect(err == "")
        #expect(AlignLanguageScript.text(s.workspace) == before)
    }

    @Test("unknown names in queries get a did-you-mean with the position")
    func didYouMean() throws {
        let s = try Scripted.scenario()
        #expect(s.run("query drivers revenu in 2026-Q3").err
            == "more.align:1:15: error: unknown metric 'revenu'; did you mean 'revenue'?\n")
        #expect(s.run("whatif win_rat = 30%").err == "more.align:1:8: error: unknown metric 'win_rat'; did you mean 'win_rate'?\n")
        #expect(s.run("query gaps 2026-Q9").err.hasPrefix("more.align:1:12: error: '2026-Q9' is not a period"))
        #expect(s.run("query orphan").err.contains("did you mean 'orphans'?"))
    }
}

@Suite("What-if and solve on a period made of finer ones")
struct CoarsePeriodTests {
    static let monthly = """
        team s
        metric leads unit=count
        metric rate unit=ratio
        metric revenue unit=USD
        metric revenue = leads * rate
        value leads 2026-01 10
        value leads 2026-02 10
        value leads 2026-03 10
        value rate 2026-01 50%
        value rate 2026-02 50%
        value rate 2026-03 50%
        goal g s revenue >= 20 by 2026-Q1
        goal l s leads >= 10 by 2026-Q1
        """

    /// Months that differ: a month of many leads converts worse.
    static let uneven = """
        team marketing
        metric leads unit=count
        metric mql_rate unit=ratio
        metric mqls unit=count
        metric revenue unit=USD
        metric mqls = leads * mql_rate
        metric revenue = mqls * 1000
        value leads 2026-01 10000
        value mql_rate 2026-01 3%
        value leads 2026-02 20000
        value mql_rate 2026-02 1%
        value leads 2026-03 10000
        value mql_rate 2026-03 3%
        goal g marketing mqls >= 900 by 2026-Q1
        goal r marketing revenue >= 1M by 2026-Q1
        """

    @Test("uneven months: a quarter's value is spread over its months as today, so today's value moves nothing and 10% is 10%")
    func unevenMonths() {
        let s = Scripted(Self.uneven)
        let q1 = period("2026-Q1")
        func rounded(_ outcome: Outcome?) -> Double? { outcome?.number.map { ($0 * 1e6).rounded() / 1e6 } }
        #expect(rounded(Evaluator(s.workspace).value(s.metric("revenue"), in: q1)) == 800_000)
        #expect(s.analysis.whatIf(s.metric("leads"), to: 40_000, in: q1).moved.isEmpty)
        let more = s.analysis.whatIf(s.metric("leads"), to: 44_000, in: q1)
        #expect(s.names(more.moved.map(\.metric)) == ["leads", "mqls", "revenue"])
        #expect(rounded(more.moved.last?.after) == 880_000)
        guard case .solved(let leads, _) = s.analysis.solve(s.metric("revenue"), to: 800_000, by: s.metric("leads"), in: q1)
        else { Issue.record("no leads for today's revenue"); return }
        #expect(abs(leads - 40_000) < 1e-6)
        guard case .solved(let rate, _) = s.analysis.solve(s.metric("mqls"), to: 900, by: s.metric("mql_rate"), in: q1)
        else { Issue.record("no rate for 900 mqls"); return }
        let today = (0.03 + 0.01 + 0.03) / 3
        #expect(abs(rate - today * 1.125) < 1e-9, "900 is 800 and an eighth: the rate up by an eighth, not down")
        let drivers = s.analysis.drivers(of: s.metric("revenue"), in: q1)
        #expect(drivers.effects.allSatisfy { abs(($0.effect ?? 0) - 0.1) < 1e-9 }, "a product moves 10% with each factor")
        let checks = s.analysis.consistency(in: q1)
        #expect(checks.map { rounded($0.implied) } == [900_000])
        #expect(checks.map { check -> Double? in
            if case .solved(let v, _) = check.needed { return (v * 1e6).rounded() / 1e6 }
            return nil
        } == [1_000])
    }

    @Test("a what-if in a month also says what revenue becomes in the quarter that adds it up")
    func monthRollsUp() {
        var text = "team s\nmetric leads unit=count\nmetric revenue unit=USD\nmetric revenue = leads * 100\n"
        for month in 7...12 { text += "value leads 2026-\(month < 10 ? "0" : "")\(month) 100\n" }
        let s = Scripted(text)
        let result = s.analysis.whatIf(s.metric("leads"), to: 150, in: period("2026-07"))
        #expect(result.headline == s.metric("revenue"))
        #expect(result.coarser.map(\.period) == [period("2026-Q3")])
        #expect(result.coarser.map(\.movement.after) == [.known(35_000)])
        #expect(s.analysis.whatIf(s.metric("leads"), to: 330, in: period("2026-Q3")).coarser.isEmpty)
        let out = s.run("whatif leads = 150 in 2026-07").out
        #expect(out.hasSuffix("""
            revenue 15,000 USD (+5,000 USD)
            revenue in 2026-Q3: 30,000 USD → 35,000 USD (+5,000 USD)

            """))
    }

    @Test("a value set for the quarter moves its months, and the sums that add them up")
    func whatIfQuarter() {
        let s = Scripted(Self.monthly)
        let q1 = period("2026-Q1")
        #expect(Evaluator(s.workspace).value(s.metric("revenue"), in: q1) == .known(15))
        let result = s.analysis.whatIf(s.metric("leads"), to: 33, in: q1)
        #expect(s.names(result.moved.map(\.metric)) == ["leads", "revenue"])
        #expect(result.moved.last?.after.number.map { ($0 * 1e9).rounded() / 1e9 } == 16.5)
    }

    @Test("solve and consistency at the quarter agree with the what-if")
    func solveQuarter() {
        let s = Scripted(Self.monthly)
        let q1 = period("2026-Q1")
        #expect(s.analysis.solve(s.metric("revenue"), to: 20, by: s.metric("leads"), in: q1) == .solved(value: 40, exact: true))
        let checks = s.analysis.consistency(in: q1)
        #expect(checks.map(\.implied) == [.known(5)])
        #expect(checks.map(\.needed) == [.solved(value: 40, exact: true)])
    }
}

@Suite("Solve when the driver changes nothing")
struct NoEffectTests {
    @Test("a driver whose every value leaves the metric where it is: no effect, said so")
    func noEffect() {
        let s = Scripted("""
            metric a
            metric b
            metric total
            metric total = a * 0 + b
            value a 2026-Q1 3
            value b 2026-Q1 4
            """)
        #expect(s.analysis.solve(s.metric("total"), to: 5, by: s.metric("a"), in: period("2026-Q1")) == .noEffect)
        #expect(s.run("solve total = 5 by a in 2026-Q1").out.contains("total does not change with a in 2026-Q1"))
    }

    @Test("a metric solved by itself below zero cannot go below zero")
    func belowZero() {
        let s = Scripted("metric a\nvalue a 2026-Q1 3\n")
        #expect(s.run("solve a = -5 by a in 2026-Q1").out.contains("it cannot go below 0"))
    }

    @Test("consistency: a target below the floor of a chain is met by every value, one above it by none, said from its side")
    func floorOfAChain() {
        let s = Scripted("""
            team t
            metric m0 owner=t unit=count
            value m0 2026-Q1 1
            metric m2 = m0 + 2
            goal up t m0 >= 1 by 2026-Q1
            goal low t m2 >= 1 by 2026-Q1
            goal cap t m2 <= 1 by 2026-Q1
            goal exact t m2 = 1 by 2026-Q1
            """)
        let checks = s.analysis.consistency(in: period("2026-Q1"))
        #expect(checks.map(\.consistent) == [true, false, false])
        for check in checks {
            guard case .unreachable(let low, _) = check.needed else {
                Issue.record("expected no reachable value, got \(check.needed)")
                continue
            }
            #expect(low == 2)
        }
        let out = s.run("query consistency 2026-Q1").out
        #expect(out.contains("implies m2 3, above the 1 of low: the goals add up\n"))
        #expect(!out.contains("meets low"))
        #expect(out.contains("no value of m0 meets cap: m2 cannot go below 2\n"))
        #expect(out.contains("no value of m0 meets exact: m2 cannot go below 2\n"))
        #expect(s.run("solve m2 = 1 by m0 in 2026-Q1").out.contains("it cannot go below 2\n"))
    }

    @Test("solve starts where the metric can be computed when today's driver divides by zero, and says what a bound only tends to")
    func divisionByZeroToday() {
        let s = Scripted("""
            team sales
            metric spend unit=USD
            metric deals unit=count
            metric cac unit=USD
            metric cac = spend / deals
            value spend 2026-Q3 10k
            value deals 2026-Q3 0
            """)
        let q3 = period("2026-Q3")
        guard case .solved(let deals, _) = s.analysis.solve(s.metric("cac"), to: 500, by: s.metric("deals"), in: q3) else {
            Issue.record("no number of deals found for a CAC of 500")
            return
        }
        #expect(abs(deals - 20) < 1e-6)
        #expect(s.run("solve cac = 0 by deals in 2026-Q3").out
            == "no value of deals brings cac to 0 USD; it comes near 0 USD but never reaches it\n")
    }

    @Test("a solved value prints with the digits it needs")
    func preciseAnswer() throws {
        let s = try Scripted.scenario()
        #expect(s.run("solve revenue = 2.17M by win_rate in 2026-Q3").out.hasPrefix("win_rate 0.27125 (now 0.25"))
    }
}
