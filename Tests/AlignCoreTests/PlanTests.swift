@testable import AlignCore
import AlignTestSupport
import Testing

/// Plan, actual and forecast, with figures worked out by hand.
@Suite("Plan, actual and forecast")
struct PlanTests {
    /// new_arr = wins * deal_size, wins and deal size recorded by quarter.
    func workspace() throws -> (Workspace, wins: MetricID, deal: MetricID, newArr: MetricID) {
        var ws = Workspace()
        let wins = try ws.defineMetric("wins", unit: "count").id
        let deal = try ws.defineMetric("deal_size", unit: "USD", aggregation: .average).id
        let newArr = try ws.defineMetric("new_arr", unit: "USD").id
        try ws.setFormula(newArr, .binary(.multiply, .metric(wins), .metric(deal)))
        return (ws, wins, deal, newArr)
    }

    @Test("the forecast is the actual where one is recorded, else the plan; a formula is never replaced by its plan")
    func forecastLayer() throws {
        var (ws, wins, deal, newArr) = try workspace()
        let q1 = period("2026-Q1")
        let q2 = period("2026-Q2")
        ws.setValue(wins, q1, 10)
        ws.setValue(deal, q1, 11_000)
        ws.setPlan(wins, q1, 8)
        ws.setPlan(deal, q1, 10_000)
        ws.setPlan(wins, q2, 9)
        ws.setPlan(deal, q2, 10_000)
        ws.setPlan(newArr, q2, 1_000_000)
        let forecast = Evaluator(ws, layer: .forecast)
        #expect(forecast.value(wins, in: q1) == .known(10))
        #expect(forecast.value(wins, in: q2) == .known(9))
        #expect(forecast.source(wins, in: q2) == .planned)
        #expect(forecast.source(wins, in: q1) == .recorded)
        // The budgeted new ARR is compared, not used: the forecast computes it.
        #expect(forecast.value(newArr, in: q2) == .known(90_000))
        #expect(Evaluator(ws, layer: .plan).value(newArr, in: q2) == .known(1_000_000))
        #expect(Evaluator(ws, layer: .plan).value(newArr, in: q1) == .known(80_000))
        #expect(Evaluator(ws, layer: .actual).value(wins, in: q2) == .missing(wins, q2))
    }

    @Test("a plan for a quarter with one month of actuals: the other two months forecast from it")
    func partialPeriod() throws {
        var ws = Workspace()
        let leads = try ws.defineMetric("leads", unit: "count").id
        let rate = try ws.defineMetric("rate", unit: "ratio").id
        ws.setValue(leads, period("2026-07"), 1_000)
        ws.setPlan(leads, period("2026-Q3"), 3_300)
        ws.setValue(rate, period("2026-07"), 0.2)
        ws.setPlan(rate, period("2026-Q3"), 0.3)
        let forecast = Evaluator(ws, layer: .forecast)
        #expect(forecast.value(leads, in: period("2026-08")) == .known(1_100))
        #expect(forecast.value(leads, in: period("2026-Q3")) == .known(3_200))
        #expect(forecast.value(rate, in: period("2026-09")) == .known(0.3))
        #expect(forecast.value(rate, in: period("2026-Q3")).number.map { abs($0 - 0.8 / 3) < 1e-12 } == true)
    }

    @Test("a month's own plan value wins over its share of the year's plan, whatever order they were given in")
    func finerPlanWins() throws {
        var ws = Workspace()
        let rate = try ws.defineMetric("rate", unit: "ratio").id
        ws.setValue(rate, period("2026-H1"), 0.24)
        ws.setPlan(rate, period("2026-07"), 0.27)
        ws.setPlan(rate, period("2026"), 0.25)
        let forecast = Evaluator(ws, layer: .forecast)
        #expect(forecast.value(rate, in: period("2026-07")) == .known(0.27))
        #expect(forecast.value(rate, in: period("2026-08")) == .known(0.25))
        #expect(forecast.value(rate, in: period("2026-03")) == .known(0.24))
    }

    @Test("the plan opens on the history before it: last year's actuals, a balance's opening")
    func planHistory() throws {
        var ws = Workspace()
        let arr = try ws.defineMetric("arr", unit: "USD", aggregation: .last).id
        let new = try ws.defineMetric("new", unit: "USD").id
        try ws.setFormula(arr, .binary(.add, .shifted(arr, Offset(steps: 1, unit: .month)), .metric(new)))
        ws.setValue(arr, period("2025-12"), 1_000)
        ws.setPlan(new, period("2026-01"), 100)
        ws.setPlan(new, period("2026-02"), 100)
        let plan = Evaluator(ws, layer: .plan)
        #expect(plan.value(arr, in: period("2026-02")) == .known(1_200))
        #expect(Evaluator(ws, layer: .actual).value(arr, in: period("2026-02")) == .missing(new, period("2026-01")))
    }

    @Test("variance of a product: each input's Shapley share, worked by hand, adding up to the difference")
    func varianceOfAProduct() throws {
        var (ws, wins, deal, newArr) = try workspace()
        let q1 = period("2026-Q1")
        ws.setValue(wins, q1, 10)
        ws.setValue(deal, q1, 11_000)
        ws.setPlan(wins, q1, 8)
        ws.setPlan(deal, q1, 10_000)
        let answer = Analysis(ws, evaluator: { Evaluator(ws, layer: .forecast) }).variance(of: newArr, in: q1)
        #expect(answer.difference == 30_000.0, "\(answer.actual) \(answer.plan)")
        // wins: (10 - 8) x (11,000 + 10,000) / 2; deal size: (11,000 - 10,000) x (10 + 8) / 2.
        let shares = Dictionary(uniqueKeysWithValues: answer.shares.map { ($0.driver, $0.amount) })
        #expect(shares[wins] == 21_000)
        #expect(shares[deal] == 9_000)
        #expect(answer.shares.first?.driver == wins, "largest first")
    }

    @Test("variance of a sum: each input its own difference; of a quarter of months: the months' shares")
    func varianceOfASum() throws {
        var ws = Workspace()
        let a = try ws.defineMetric("a", unit: "count").id
        let b = try ws.defineMetric("b", unit: "count").id
        let total = try ws.defineMetric("total", unit: "count").id
        try ws.setFormula(total, .binary(.subtract, .metric(a), .binary(.multiply, .number(2), .metric(b))))
        for (m, v, p) in [("2026-01", 10.0, 12.0), ("2026-02", 20, 18), ("2026-03", 30, 30)] {
            ws.setValue(a, period(m), v)
            ws.setPlan(a, period(m), p)
            ws.setValue(b, period(m), 1)
            ws.setPlan(b, period(m), 2)
        }
        let answer = Analysis(ws, evaluator: { Evaluator(ws, layer: .forecast) }).variance(of: total, in: period("2026-Q1"))
        let shares = Dictionary(uniqueKeysWithValues: answer.shares.map { ($0.driver, $0.amount) })
        #expect(shares[a, default: 0] == 0, "January's -2 and February's +2 cancel")
        #expect(shares[b] == 6)
        #expect(answer.difference == 6)
    }

    @Test("variance through a window of inputs without a formula: each input's earlier quarter keeps its share")
    func varianceThroughAWindow() throws {
        // Quarters read the quarter before of inputs given by quarter: a window
        // is the one read that weighs a metric without a formula, which the
        // sweep leaves out of a table's walk until one is. A hundred of them,
        // more than a table keeps in its short list: the table is walked whole.
        var ws = Workspace()
        var inputs: [MetricID] = []
        var sum: Formula?
        for i in 0..<100 {
            let a = try ws.defineMetric("a\(i)", unit: "count").id
            let c = try ws.defineMetric("c\(i)", unit: "count").id
            try ws.setFormula(c, .binary(.multiply, .shifted(a, Offset(steps: 1, unit: .quarter)), .number(2)))
            ws.setValue(a, period("2026-Q1"), 60)
            ws.setPlan(a, period("2026-Q1"), 30)
            ws.setValue(a, period("2026-Q2"), 5)
            ws.setPlan(a, period("2026-Q2"), 5)
            inputs.append(a)
            sum = sum.map { .binary(.add, $0, .metric(c)) } ?? .metric(c)
        }
        let total = try ws.defineMetric("total", unit: "count").id
        try ws.setFormula(total, sum!)
        let answer = Analysis(ws, evaluator: { Evaluator(ws, layer: .forecast) }).variance(of: total, in: period("2026-Q2"))
        #expect(answer.difference == 6_000, "100 x 2 x (60 - 30)")
        #expect(Set(answer.shares.map(\.driver)) == Set(inputs))
        #expect(answer.shares.allSatisfy { $0.amount == 60 && $0.from == period("2026-Q1") && $0.through == period("2026-Q1") })
    }

    @Test("pacing: actuals to date and the plan to date over the months through the end of actuals; forecast for the year")
    func pacing() throws {
        var ws = Workspace()
        let sales = ws.defineTeam("sales").id
        let leads = try ws.defineMetric("leads", owner: sales, unit: "count").id
        for m in 1...12 {
            if m <= 6 { ws.setValue(leads, Period(grain: .month, year: 2026, index: m)!, 90) }
            ws.setPlan(leads, Period(grain: .month, year: 2026, index: m)!, 100)
        }
        ws.defineGoal(Goal(name: "year", team: sales, metric: leads, comparison: .atLeast, target: 1_150, period: period("2026")))
        let rows = Analysis(ws, evaluator: { Evaluator(ws, layer: .forecast) }).pacing(in: period("2026"))
        #expect(rows.count == 1)
        #expect(rows[0].toDateThrough == period("2026-06"))
        #expect(rows[0].toDate == .known(540))
        #expect(rows[0].planToDate == .known(600))
        #expect(rows[0].forecast == .known(1_140))
        #expect(rows[0].onTrack == false)
        #expect(rows[0].gap == -10)
        ws.setActualsCutoff(period("2026-Q1"))
        let earlier = Analysis(ws, evaluator: { Evaluator(ws, layer: .forecast) }).pacing(in: period("2026"))
        #expect(earlier[0].toDate == .known(270))
        #expect(earlier[0].planToDate == .known(300))
    }
}

/// Properties of the layers and of the variance split on random workspaces with time.
@Suite("Plan properties")
struct PlanPropertyTests {
    static func planned(_ seed: UInt64) throws -> Workspace {
        var rng = SeededGenerator(seed: seed &* 977)
        var ws = try TimeModelTests.workspace(&rng, .mixed)
        for id in ws.metrics.ids where Int.random(in: 0..<2, using: &rng) == 0 {
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let p = TimeModelTests.periods.randomElement(using: &rng)!
                ws.setPlan(id, p, TimeModelTests.number(&rng))
            }
        }
        return ws
    }

    @Test("the forecast equals the actual wherever one is recorded", arguments: 1...8)
    func forecastKeepsActuals(_ seed: UInt64) throws {
        let ws = try Self.planned(seed)
        let forecast = Evaluator(ws, layer: .forecast)
        for id in ws.metrics.ids {
            for (p, v) in ws.valueList(of: id) { #expect(forecast.value(id, in: p) == .known(v), "m\(id.slot) in \(p)") }
        }
    }

    @Test("the variance's shares added up by team: each team's drivers, teams in the order they first come")
    func varianceByTeam() throws {
        var ws = Workspace()
        let marketing = ws.defineTeam("marketing").id
        let sales = ws.defineTeam("sales").id
        let leads = try ws.defineMetric("leads", owner: marketing, unit: "count").id
        let events = try ws.defineMetric("events", owner: marketing, unit: "count").id
        let rate = try ws.defineMetric("rate", owner: sales, unit: "ratio").id
        let extra = try ws.defineMetric("extra", unit: "count").id
        let out = try ws.defineMetric("out", unit: "count").id
        try ws.setFormula(out, .binary(.add, .binary(.multiply, .binary(.add, .metric(leads), .metric(events)), .metric(rate)), .metric(extra)))
        let q1 = period("2026-Q1")
        for (m, actual, plan) in [(leads, 120.0, 100.0), (events, 10, 20), (rate, 0.5, 0.4), (extra, 3, 1)] {
            ws.setValue(m, q1, actual)
            ws.setPlan(m, q1, plan)
        }
        let answer = Analysis(ws, evaluator: { Evaluator(ws, layer: .forecast) }).variance(of: out, in: q1)
        // By hand: leads 20 x (0.5 + 0.4) / 2 = 9, events -10 x 0.45 = -4.5, rate 0.1 x (130 + 120) / 2 = 12.5, extra 2.
        let shares = Dictionary(uniqueKeysWithValues: answer.shares.map { ($0.driver, $0.amount) })
        #expect(shares == [leads: 9, events: -4.5, rate: 12.5, extra: 2])
        #expect(answer.byTeam.map(\.team) == [sales, marketing, nil], "rate's 12.5 first, then leads' 9, then extra's 2")
        #expect(answer.byTeam.map(\.amount) == [12.5, 4.5, 2])
        #expect(answer.byTeam.allSatisfy { !$0.topDown })
    }

    @Test("the variance's shares add up to the variance", arguments: 1...8)
    func sharesAddUp(_ seed: UInt64) throws {
        let ws = try Self.planned(seed)
        let analysis = Analysis(ws, evaluator: { Evaluator(ws, layer: .forecast) })
        var checked = 0
        for id in ws.metrics.ids where ws.metrics[id].formula != nil {
            for p in [period("2026-Q3"), period("2026"), period("2026-05")] {
                let answer = analysis.variance(of: id, in: p)
                guard let total = answer.difference, total.isFinite, abs(total) < 1e12 else { continue }
                let sum = answer.shares.reduce(0) { $0 + $1.amount }
                #expect(abs(sum - total) <= 1e-9 * max(1, abs(total)), "m\(id.slot) in \(p): \(sum) against \(total)")
                checked += 1
            }
        }
        #expect(checked > 0, "seed \(seed) has variances to split")
    }

    @Test("a split that reaches hundreds of metrics in one period gives each its own share, walked in order")
    func wideSplit() throws {
        // total = y0 + ... + y299 in March; y_i = x_i[-1m] * 2: the shares
        // are twice each x's February difference. (Hundreds of values in
        // one period: the sweep walks those tables whole, not by its heap.)
        var ws = Workspace()
        let march = period("2026-03")
        let february = period("2026-02")
        var xs: [MetricID] = []
        var ys: [MetricID] = []
        for i in 0..<300 {
            let x = try ws.defineMetric("x\(i)", unit: "count").id
            let y = try ws.defineMetric("y\(i)", unit: "count").id
            try ws.setFormula(y, .binary(.multiply, .shifted(x, .months(1)), .number(2)))
            ws.setValue(x, february, Double(100 + i))
            ws.setPlan(x, february, Double(100 + (i * 7) % 13))
            ws.setValue(x, march, 1)
            xs.append(x)
            ys.append(y)
        }
        let total = try ws.defineMetric("total", unit: "count").id
        try ws.setFormula(total, ys.dropFirst().reduce(Formula.metric(ys[0])) { .binary(.add, $0, .metric($1)) })
        let answer = Analysis(ws, evaluator: { Evaluator(ws, layer: .forecast) }).variance(of: total, in: march)
        let shares = Dictionary(uniqueKeysWithValues: answer.shares.map { ($0.driver, $0.amount) })
        for (i, x) in xs.enumerated() {
            let expected = 2 * Double(100 + i - (100 + (i * 7) % 13))
            #expect(abs((shares[x] ?? 0) - expected) <= 1e-9, "x\(i): \(shares[x] ?? 0) against \(expected)")
        }
        #expect(answer.shares.count == xs.filter { shares[$0] != nil }.count)
    }
}
