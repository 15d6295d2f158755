import Foundation
import Testing

/// Time in formulas as a reviewer met it: the tree's children at the periods
/// the formula reads, the months a quarter is made of, a what-if's year, its
/// headline over a range, and the prompt's words around formulas.
@Suite("Time in formulas, as reviewed")
struct TimeReviewTests {
    /// A small funnel: MQLs a month later become SQLs, a profile closes them.
    static let funnel = """
        metric leads
        metric mql_rate agg=avg
        metric sql_rate agg=avg
        metric win_rate agg=avg
        metric mqls = leads * mql_rate
        metric sqls = mqls[-1m] * sql_rate
        metric wins = profile(sqls, 1m, 10%, 40%, 30%, 20%) * win_rate
        value leads 2026-01 1000
        value leads 2026-02 1100
        value leads 2026-03 1200
        value leads 2026-04 1300
        value leads 2026-05 1400
        value leads 2026-06 1500
        value leads 2026-07 1600
        value leads 2026-08 1700
        value leads 2026-09 1800
        value leads 2026-10 1900
        value leads 2026-11 2000
        value leads 2026-12 2100
        value mql_rate 2026 0.3
        value sql_rate 2026 0.4
        value win_rate 2026 0.25
        goal q4_wins sales wins >= 100 by 2026-Q4

        """

    static let lagged = """
        metric a
        metric c = a[-1q]
        value a 2026-01 1
        value a 2026-02 2
        value a 2026-03 3
        value a 2026-04 4

        """

    func bench(_ script: String) throws -> Workbench {
        let bench = try Workbench()
        #expect(bench.run("team sales\n" + script) == "")
        return bench
    }

    @Test("query drivers gives a driver read earlier its value over the periods it is read in, as its row names them")
    func driversOverTheirPeriods() throws {
        // Q3's sqls read June to August's MQLs: leads 1,500 + 1,600 + 1,700.
        let out = try bench(Self.funnel).run("query drivers sqls in 2026-Q3")
        #expect(out.contains("leads") && out.contains("4,800") && out.contains("2026-06 .. 2026-08"), "\(out)")
        #expect(!out.contains("5,100"), "not Q3's own leads (1,600 + 1,700 + 1,800): \(out)")
    }

    @Test("a child read through an offset is drawn at the period it is read at, with its own drivers there")
    func treeOffset() throws {
        let out = try bench(Self.funnel).run("tree sqls in 2026-12")
        #expect(out.contains("sqls 240 = mqls[-1m] 600 * sql_rate 0.4"), "\(out)")
        #expect(out.contains("mqls 2026-11 600 = leads 2,000 * mql_rate 0.3"), "\(out)")
        #expect(out.contains("leads 2026-11 2,000"), "\(out)")
        #expect(!out.contains("mqls 630"), "December's MQLs are not what December's SQLs read: \(out)")
    }

    @Test("a profile's children are the periods and shares it reads: the node is recomputed from them")
    func treeProfile() throws {
        let out = try bench(Self.funnel).run("tree wins in 2026-12")
        // 10% × 240 + 40% × 228 + 30% × 216 + 20% × 204 = 24 + 91.2 + 64.8 + 40.8 = 220.8
        #expect(out.contains("profile(sqls, 1m, 10%, 40%, 30%, 20%) 220.8"), "\(out)")
        for line in ["sqls 240 (share 10%)", "sqls 2026-11 228 (share 40%)", "sqls 2026-10 216 (share 30%)", "sqls 2026-09 204 (share 20%)"] {
            #expect(out.contains(line), "\(line) in \(out)")
        }
        #expect(out.contains("mqls 2026-08 510"), "the SQLs of September read August's MQLs: \(out)")
    }

    @Test("a quarter read a quarter back shows that quarter, and no input that does not matter")
    func treeQuarter() throws {
        let b = try bench(Self.lagged)
        let q2 = b.run("tree c in 2026-Q2")
        #expect(q2.contains("a 2026-Q1 6"), "\(q2)")
        #expect(!q2.contains("?"), "\(q2)")
        let may = b.run("tree c in 2026-05")
        #expect(may.contains("c 2 = a[-1q] 2"), "\(may)")
        #expect(may.contains("a 2026-02 2"), "\(may)")
        // A quarter summed from its months and reading a month back (a
        // window of months that is no period) shows its inputs for the same
        // quarter, as the time scenario's tree does (sqls 390 in 2026-Q3;
        // mqls 1,012.5; leads 4,050): its line says it is rolled up.
        let q3 = try bench(Self.funnel).run("tree sqls in 2026-Q3")
        #expect(q3.contains("sqls 576 (the sum of 2026-07 to 2026-09)"), "\(q3)")
        #expect(q3.contains("mqls 1,530 (the sum of 2026-07 to 2026-09)"), "\(q3)")
        // What the months read, a month earlier, is said beside it: the quarter's mqls times the rate is not the quarter's sqls.
        #expect(q3.contains("mqls 1,530 (the sum of 2026-07 to 2026-09) (read 1m back: "), "\(q3)")
        #expect(q3.contains(" over 2026-06..2026-08)"), "\(q3)")
        #expect(!q3.contains("mqls 2026-06..2026-08"), "\(q3)")
    }

    @Test("show lists the months a rolled-up quarter is made of, those computed through offsets too")
    func showMonths() throws {
        let out = try bench(Self.lagged).run("show c")
        for row in ["2026-Q2", "2026-04", "2026-05", "2026-06"] {
            #expect(out.split(separator: "\n").contains { $0.hasPrefix(row) }, "\(row) in \(out)")
        }
        let may = out.split(separator: "\n").first { $0.hasPrefix("2026-05") }.map(String.init) ?? ""
        #expect(may.contains(" 2 "), "\(may)")
    }

    @Test("a what-if on a rate recorded for the year: the year column is its quarters' average, and says so")
    func whatIfYear() throws {
        let out = try bench(Self.funnel).run("whatif win_rate = +5pp from 2026-Q3")
        let row = out.split(separator: "\n").first { $0.hasPrefix("win_rate") }.map(String.init) ?? ""
        #expect(row.hasSuffix("+0.025"), "\(row)")
        #expect(out.contains("win_rate in 2026 is a recorded value and stays as recorded"), "\(out)")
    }

    @Test("a value over a range of a metric that adds up is the range's total, and the headline says so")
    func whatIfRangeHeadline() throws {
        let out = try bench(Self.funnel).run("whatif leads = 9000 in 2026-07..2026-09")
        #expect(out.contains("what if leads were 9,000 over 2026-07..2026-09, spread as today's value is"), "\(out)")
        #expect(!out.contains("in each period"), "\(out)")
    }

    @Test("at the prompt, a formula that replaces another says what it replaced")
    func replacedFormula() throws {
        let b = try Workbench(interactive: true)
        _ = b.run("metric leads\nmetric mql_rate\nmetric mqls = leads * mql_rate")
        let out = b.run("metric mqls = leads * 2")
        #expect(out.contains("mqls = leads * 2 (replaced mqls = leads * mql_rate; undo to restore)"), "\(out)")
        let same = b.run("metric mqls = leads * 2")
        #expect(!same.contains("replaced"), "\(same)")
    }

    @Test("the caret of a same-period self reference is under that reference")
    func selfReferenceCaret() throws {
        let b = try Workbench()
        let out = b.run("metric leads\nmetric p = leads[-1m] + p")
        // Column 25 is the second p; column 12 is leads, read a month earlier.
        #expect(out.contains("<test>:2:25: error: this formula would make p depend on itself"), "\(out)")
    }

    @Test("query horizons says a chain of lags once, naming its goals")
    func horizonsOnce() throws {
        let b = try bench(
            """
            team mkt horizon=year
            team fast horizon=quarter
            metric leads owner=mkt
            metric mqls owner=mkt = leads * 1
            metric sqls owner=fast = mqls[-1m] * 1
            metric wins owner=fast = profile(sqls, 1m, 0%, 25%, 25%, 25%, 25%)
            value leads 2026-01 100
            goal g1 fast wins >= 1 by 2026-Q3
            goal g2 fast wins >= 1 by 2026-Q4

            """)
        let out = b.run("query horizons")
        let said = out.components(separatedBy: "reaches wins").count - 1
        #expect(said == 1, "\(out)")
        #expect(out.contains("for goals g1, g2"), "\(out)")
    }
}
