import AlignCore
import Foundation
import Testing

@testable import AlignSession

/// examples/time-scenario.align runs as written, and align computes every
/// figure its closing comments list (worked out month by month, by hand,
/// independently of align), to the cent.
@Suite("The time reference scenario")
struct TimeScenarioTests {
    let bench: Workbench
    var ws: Workspace { bench.session.workspace }
    var analysis: Analysis { bench.session.analysis }

    init() throws {
        bench = try Workbench()
        let text = try String(contentsOf: Workbench.timeScenarioURL, encoding: .utf8)
        let printed = bench.run(text, name: "time-scenario.align")
        #expect(printed == "", "the scenario printed: \(printed)")
        #expect(bench.session.errorCount == 0)
    }

    func value(_ metric: String, _ period: String) -> Double? {
        bench.session.evaluator.value(ws.metrics.id(named: metric)!, in: Period(period)!).number
    }

    func expectClose(_ found: Double?, _ expected: Double, _ note: String, tolerance: Double = 0.005) {
        guard let found else {
            Issue.record("\(note): no value")
            return
        }
        #expect(abs(found - expected) <= tolerance, "\(note): \(found), expected \(expected)")
    }

    @Test("tree new_arr in 2026-Q3: 896,250 from its months, wins 89.625, sqls 390, mqls 1,012.5, leads 4,050")
    func q3() {
        expectClose(value("new_arr", "2026-Q3"), 896_250, "new_arr Q3")
        expectClose(value("new_arr", "2026-07"), 286_250, "new_arr July")
        expectClose(value("new_arr", "2026-08"), 298_750, "new_arr August")
        expectClose(value("new_arr", "2026-09"), 311_250, "new_arr September")
        expectClose(value("wins", "2026-Q3"), 89.625, "wins Q3")
        expectClose(value("sqls", "2026-Q3"), 390, "sqls Q3")
        expectClose(value("mqls", "2026-Q3"), 1012.5, "mqls Q3")
        expectClose(value("leads", "2026-Q3"), 4050, "leads Q3")
    }

    @Test("the quarters and the year of 2026: sqls, wins, new_arr, arr (its last month) and revenue")
    func quarters() {
        let periods = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026"]
        let table: [(String, [Double])] = [
            ("sqls", [295, 345, 390, 435, 1465]),
            ("wins", [68, 78, 89.625, 100.875, 336.5]),
            ("new_arr", [680_000, 780_000, 896_250, 1_008_750, 3_365_000]),
            ("arr", [12_316_860.50, 12_723_549.43, 13_233_213.41, 13_839_118.61, 13_839_118.61]),
            ("revenue", [3_052_567.54, 3_144_816.36, 3_264_022.14, 3_407_532.07, 12_868_938.11]),
        ]
        for (metric, figures) in table {
            for (period, figure) in zip(periods, figures) { expectClose(value(metric, period), figure, "\(metric) \(period)") }
        }
    }

    @Test("query gaps: q3_new_arr short by 103,750 (10.4%), h1_mqls 1,687.5, leads_2026 met, arr_2026 missed")
    func gaps() {
        let q3 = analysis.gaps(in: Period("2026-Q3")!)
        #expect(q3.count == 1)
        expectClose(q3.first?.difference, -103_750, "q3_new_arr gap")
        expectClose(q3.first?.shortfallShare, 0.10375, "q3_new_arr share", tolerance: 1e-9)
        expectClose(analysis.gaps(in: Period("2026-H1")!).first?.value.number, 1687.5, "h1_mqls")
        let year = analysis.gaps(in: Period("2026")!)
        let byName = Dictionary(uniqueKeysWithValues: year.map { (ws.goals[$0.goal].name, $0) })
        #expect(byName["leads_2026"]?.met == true)
        expectClose(byName["leads_2026"]?.value.number, 15_300, "leads 2026")
        #expect(byName["arr_2026"]?.met == false)
        expectClose(byName["arr_2026"]?.value.number, 13_839_118.61, "arr 2026")
    }

    @Test("whatif leads = +10% from 2026-04: new_arr +5,750, +81,375, +100,875 (+188,000); arr +183,582.78; revenue +52,108.71")
    func whatIf() {
        let leads = ws.metrics.id(named: "leads")!
        let result = analysis.whatIf([WhatIfItem(metric: leads, change: .relative(0.1), scope: .from(Period("2026-04")!))])
        #expect(result.settings.count == 9)
        func change(_ metric: String, _ period: String) -> Double? {
            guard let row = result.rows.first(where: { $0.metric == ws.metrics.id(named: metric) }),
                let i = result.periods.firstIndex(of: Period(period)!),
                let a = row.before[i].number, let b = row.after[i].number
            else { return nil }
            return b - a
        }
        expectClose(change("new_arr", "2026-Q1"), 0, "new_arr Q1")
        expectClose(change("new_arr", "2026-Q2"), 5_750, "new_arr Q2")
        expectClose(change("new_arr", "2026-Q3"), 81_375, "new_arr Q3")
        expectClose(change("new_arr", "2026-Q4"), 100_875, "new_arr Q4")
        expectClose(change("new_arr", "2026"), 188_000, "new_arr 2026")
        expectClose(change("arr", "2026"), 183_582.78, "arr at the end of 2026")
        expectClose(change("revenue", "2026"), 52_108.71, "revenue 2026")
        expectClose(change("revenue", "2026-Q2"), 479.17, "revenue Q2")
        expectClose(change("revenue", "2026-Q3"), 13_999.94, "revenue Q3")
        expectClose(change("revenue", "2026-Q4"), 37_629.60, "revenue Q4")
        #expect(result.headline == ws.metrics.id(named: "revenue"))
    }

    @Test("solve new_arr = 2M in 2026-Q4 by leads: the leads of 2026-06 .. 2026-10, scaled by 1.982652")
    func solve() throws {
        let answer = analysis.solve(
            ws.metrics.id(named: "new_arr")!, to: 2e6, by: ws.metrics.id(named: "leads")!, in: Period("2026-Q4")!, over: nil)
        guard case .periods(let solved) = answer else {
            Issue.record("expected a solve across periods, got \(answer)")
            return
        }
        #expect(solved.parts.map(\.period.description) == ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10"])
        guard case .solved(let factor, let exact) = solved.result else {
            Issue.record("not solved: \(solved.result)")
            return
        }
        #expect(exact)
        expectClose(factor, 1.982652, "factor", tolerance: 5e-7)
        let values = try #require(solved.solvedParts)
        for (found, expected) in zip(values, [2478.31, 2577.45, 2676.58, 2775.71, 2874.85]) {
            expectClose(found, expected, "leads")
        }
        expectClose(values.reduce(0, +), 13_382.90, "in all")
        expectClose(values.reduce(0, +) - solved.parts.reduce(0) { $0 + $1.today }, 6_632.90, "added")
    }

    @Test("query consistency: q3_new_arr is fed by the MQLs of 2026-03 .. 2026-07 (1,500 now); it takes 1,673.64 (x1.115760)")
    func consistency() throws {
        let checks = analysis.chainChecks(in: nil)
        let pair = try #require(
            checks.first { ws.goals[$0.upstream].name == "h1_mqls" && ws.goals[$0.downstream].name == "q3_new_arr" })
        #expect(pair.feeding.map(\.description) == ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07"])
        expectClose(pair.feedingToday.number, 1500, "MQLs now")
        expectClose(pair.needed, 1673.64, "MQLs needed")
        guard case .solved(let factor, _) = pair.factor else {
            Issue.record("no factor: \(pair.factor)")
            return
        }
        expectClose(factor, 1.115760, "factor", tolerance: 5e-7)
        #expect(pair.upstreamParts.map(\.description) == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"])
        // MQL month m reaches new_arr two to four months later: March .. October.
        #expect(pair.reached.first?.description == "2026-03")
        #expect(pair.reached.last?.description == "2026-10")
        #expect(pair.consistent == false)
    }

    @Test("query horizons: leads reach new_arr 1m, then 1m to 3m later; q3_new_arr takes marketing's work of 2026-03 .. 2026-07")
    func horizons() throws {
        let conflict = try #require(analysis.horizonConflicts().first { ws.goals[$0.goal].name == "q3_new_arr" })
        #expect(conflict.lag.description == "2m to 4m")
        #expect(conflict.steps.filter { $0 != .zero }.map(\.description) == ["1m", "1m to 3m"])
        #expect(conflict.feeding.first?.description == "2026-03")
        #expect(conflict.feeding.last?.description == "2026-07")
    }

    @Test("query drivers new_arr in 2026-Q3: a 10% rise of the leads that feed it (2026-03 .. 2026-07) moves it 10%")
    func drivers() throws {
        let ranking = analysis.drivers(of: ws.metrics.id(named: "new_arr")!, in: Period("2026-Q3")!)
        let leads = try #require(ranking.effects.first { $0.driver == ws.metrics.id(named: "leads") })
        #expect(leads.feeding?.map(\.description) == ["2026-03", "2026-04", "2026-05", "2026-06", "2026-07"])
        expectClose(leads.effect, 0.1, "leads' effect", tolerance: 1e-9)
        expectClose(leads.change, 89_625, "leads' change")
        let churn = try #require(
            analysis.drivers(of: ws.metrics.id(named: "arr")!, in: Period("2026")!).effects.first {
                $0.driver == ws.metrics.id(named: "churn_rate")
            })
        #expect((churn.change ?? 0) < 0, "more churn, less ARR")
    }
}
