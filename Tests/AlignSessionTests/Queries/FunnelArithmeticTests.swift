import AlignCore
import AlignSession
import Testing

/// Funnel arithmetic worked out by hand, checked against the engine.
@Suite("Funnel arithmetic")
struct FunnelArithmeticTests {
    static let funnel = """
        team marketing horizon=year
        team sales horizon=quarter
        metric leads owner=marketing unit=count
        metric mql_rate owner=marketing unit=ratio
        metric sql_rate owner=sales unit=ratio
        metric win_rate owner=sales unit=ratio
        metric deal_size owner=sales unit=USD agg=avg
        metric mqls owner=marketing unit=count
        metric sqls owner=sales unit=count
        metric wins owner=sales unit=count
        metric revenue unit=USD
        metric mqls = leads * mql_rate
        metric sqls = mqls * sql_rate
        metric wins = sqls * win_rate
        metric revenue = wins * deal_size
        value leads 2026-Q1 10000
        value mql_rate 2026-Q1 3%
        value sql_rate 2026-Q1 30%
        value win_rate 2026-Q1 20%
        value deal_size 2026-Q1 25k
        """

    @Test("conversion through the funnel: 10,000 leads → 300 MQLs → 90 SQLs → 18 wins → 450,000")
    func forward() {
        let s = Scripted(Self.funnel)
        let e = Evaluator(s.workspace)
        let q1 = period("2026-Q1")
        #expect(e.value(s.metric("mqls"), in: q1).number.map { ($0 * 1e6).rounded() / 1e6 } == 300)
        #expect(e.value(s.metric("sqls"), in: q1).number.map { ($0 * 1e6).rounded() / 1e6 } == 90)
        #expect(e.value(s.metric("wins"), in: q1).number.map { ($0 * 1e6).rounded() / 1e6 } == 18)
        #expect(e.value(s.metric("revenue"), in: q1).number.map { $0.rounded() } == 450_000)
    }

    @Test("a reverse funnel from a quota: 1,000,000 of revenue takes 22,223 leads (22,222.2…)")
    func reverse() {
        let s = Scripted(Self.funnel)
        let result = s.analysis.solve(s.metric("revenue"), to: 1_000_000, by: s.metric("leads"), in: period("2026-Q1"))
        guard case .solved(let leads, true) = result else {
            Issue.record("expected an exact solution, got \(result)")
            return
        }
        // 1,000,000 / (0.03 × 0.3 × 0.2 × 25,000) = 22,222.22…
        #expect(abs(leads - 1_000_000 / (0.03 * 0.3 * 0.2 * 25_000)) < 1e-6)
    }

    @Test("the win rate needed for the quota at today's leads: 44.4…%")
    func neededRate() {
        let s = Scripted(Self.funnel)
        let result = s.analysis.solve(s.metric("revenue"), to: 1_000_000, by: s.metric("win_rate"), in: period("2026-Q1"))
        guard case .solved(let rate, _) = result else {
            Issue.record("expected a solution, got \(result)")
            return
        }
        #expect(abs(rate - 1_000_000 / (90 * 25_000)) < 1e-9)
    }

    @Test("pipeline velocity: 60 opportunities × 25% × 40,000 ÷ 50 days = 12,000 a day")
    func velocity() {
        let s = Scripted("""
            metric opportunities unit=count
            metric win_rate unit=ratio
            metric deal_size unit=USD agg=avg
            metric cycle_days unit=days agg=avg
            metric velocity unit=USD
            metric velocity = opportunities * win_rate * deal_size / cycle_days
            value opportunities 2026-Q1 60
            value win_rate 2026-Q1 25%
            value deal_size 2026-Q1 40k
            value cycle_days 2026-Q1 50
            """)
        let q1 = period("2026-Q1")
        #expect(Evaluator(s.workspace).value(s.metric("velocity"), in: q1) == .known(12_000))
        // Halving the cycle doubles the velocity: a what-if on a divisor.
        let result = s.analysis.whatIf(s.metric("cycle_days"), to: 25, in: q1)
        #expect(result.moved.last?.after == .known(24_000))
        // Solving through a division is not linear, and still lands on the target.
        guard case .solved(let days, _) = s.analysis.solve(s.metric("velocity"), to: 15_000, by: s.metric("cycle_days"), in: q1) else {
            Issue.record("expected a solution")
            return
        }
        #expect(abs(days - 40) < 1e-6)
    }

    @Test("months roll up: counts add, ratios average, revenue is the sum of the months")
    func rollUp() {
        let s = Scripted(Self.funnel.replacingOccurrences(of: "2026-Q1", with: "2026-01") + """

            value leads 2026-02 20000
            value mql_rate 2026-02 1%
            value sql_rate 2026-02 30%
            value win_rate 2026-02 20%
            value deal_size 2026-02 25k
            value leads 2026-03 10000
            value mql_rate 2026-03 3%
            value sql_rate 2026-03 30%
            value win_rate 2026-03 20%
            value deal_size 2026-03 25k
            """)
        let e = Evaluator(s.workspace)
        let q1 = period("2026-Q1")
        #expect(e.value(s.metric("leads"), in: q1) == .known(40_000))
        #expect(e.value(s.metric("mql_rate"), in: q1).number.map { ($0 * 1e9).rounded() / 1e9 } == 0.023333333)
        // Revenue: 450,000 + 300,000 + 450,000, month by month.
        #expect(e.value(s.metric("revenue"), in: q1).number.map { $0.rounded() } == 1_200_000)
        #expect(e.source(s.metric("leads"), in: q1) == .rolledUp)
    }
}
