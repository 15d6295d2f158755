@testable import AlignCore
import Testing

@Suite("Evaluation rules")
struct EvaluatorTests {
    @Test("formulas compute per period from recorded values")
    func reference() throws {
        let ws = try referenceWorkspace()
        let e = Evaluator(ws)
        let q3 = period("2026-Q3")
        #expect(e.value(ws.metric("mqls"), in: q3) == .known(1000))
        #expect(e.value(ws.metric("sqls"), in: q3) == .known(400))
        #expect(e.value(ws.metric("revenue"), in: q3) == .known(2_000_000))
        #expect(e.source(ws.metric("revenue"), in: q3) == .computed)
        #expect(e.source(ws.metric("leads"), in: q3) == .recorded)
    }

    @Test("a recorded value of a derived metric is an actual: it wins downstream, and the computed one is kept beside it")
    func actual() throws {
        var ws = try referenceWorkspace()
        let q3 = period("2026-Q3")
        ws.setValue(ws.metric("mqls"), q3, 1100)
        let e = Evaluator(ws)
        #expect(e.value(ws.metric("mqls"), in: q3) == .known(1100))
        #expect(e.computed(ws.metric("mqls"), in: q3) == .known(1000))
        #expect(e.source(ws.metric("mqls"), in: q3) == .recorded)
        #expect(e.value(ws.metric("revenue"), in: q3) == .known(2_200_000))
    }

    @Test("a missing input makes the result unknown and names the input")
    func missing() throws {
        var ws = try referenceWorkspace()
        let q4 = period("2026-Q4")
        ws.setValue(ws.metric("leads"), q4, 4400)
        ws.setValue(ws.metric("mql_rate"), q4, 0.25)
        let e = Evaluator(ws)
        #expect(e.value(ws.metric("revenue"), in: q4) == .missing(ws.metric("sql_rate"), q4))
        #expect(e.value(ws.metric("mqls"), in: q4) == .known(1100))
        #expect(e.source(ws.metric("revenue"), in: q4) == nil)
    }

    @Test("division by zero is an error value that says which metric and which divisor")
    func divisionByZero() throws {
        var ws = try referenceWorkspace()
        let q3 = period("2026-Q3")
        let deals = try ws.defineMetric("deals", unit: "count").id
        ws.setValue(deals, q3, 0)
        let avg = try ws.defineMetric("avg").id
        try ws.setFormula(avg, .binary(.divide, .metric(ws.metric("revenue")), .metric(deals)))
        let twice = try ws.defineMetric("twice").id
        try ws.setFormula(twice, .binary(.multiply, .metric(avg), .number(2)))
        let e = Evaluator(ws)
        let failure = Outcome.failed(.divisionByZero(metric: avg, divisor: .metric(deals), period: q3))
        #expect(e.value(avg, in: q3) == failure)
        #expect(e.value(twice, in: q3) == failure)
    }

    @Test("a result too large to represent is an error, never infinity")
    func overflow() throws {
        var ws = Workspace()
        let q3 = period("2026-Q3")
        let huge = try ws.defineMetric("huge").id
        ws.setValue(huge, q3, 1e300)
        let square = try ws.defineMetric("square").id
        try ws.setFormula(square, .binary(.multiply, .metric(huge), .metric(huge)))
        #expect(Evaluator(ws).value(square, in: q3) == .failed(.overflow(metric: square, period: q3)))
    }

    /// Three months of leads, rates, deal sizes and headcount, and formulas over them.
    func monthly() throws -> Workspace {
        var ws = Workspace()
        let leads = try ws.defineMetric("leads", unit: "count").id
        let rate = try ws.defineMetric("rate", unit: "ratio").id
        let deal = try ws.defineMetric("deal", unit: "USD", aggregation: .average).id
        let spend = try ws.defineMetric("spend", unit: "USD").id
        let head = try ws.defineMetric("head", unit: "count", aggregation: .last).id
        for (i, month) in ["2026-01", "2026-02", "2026-03"].enumerated() {
            let n = Double(i + 1)
            ws.setValue(leads, period(month), 100 * n)
            ws.setValue(rate, period(month), 0.1 * n)
            ws.setValue(deal, period(month), 1000 * n)
            ws.setValue(spend, period(month), 5000)
            ws.setValue(head, period(month), 10 + n)
        }
        let mqls = try ws.defineMetric("mqls").id
        try ws.setFormula(mqls, .binary(.multiply, .metric(leads), .metric(rate)))
        let pipeline = try ws.defineMetric("pipeline").id
        try ws.setFormula(pipeline, .binary(.multiply, .metric(mqls), .metric(deal)))
        let conversion = try ws.defineMetric("conversion").id
        try ws.setFormula(conversion, .binary(.divide, .metric(mqls), .metric(leads)))
        let cpl = try ws.defineMetric("cost_per_lead", unit: "USD").id
        try ws.setFormula(cpl, .binary(.divide, .metric(spend), .metric(leads)))
        return ws
    }

    @Test("months roll up: counts and money add, ratios average, agg=last takes the last month")
    func leafRollUp() throws {
        let ws = try monthly()
        let e = Evaluator(ws)
        let q1 = period("2026-Q1")
        #expect(e.value(ws.metric("leads"), in: q1) == .known(600))
        #expect(e.value(ws.metric("spend"), in: q1) == .known(15_000))
        #expect(e.value(ws.metric("rate"), in: q1).number.map { abs($0 - 0.2) < 1e-12 } == true)
        #expect(e.value(ws.metric("deal"), in: q1) == .known(2000))
        #expect(e.value(ws.metric("head"), in: q1) == .known(13))
        #expect(e.source(ws.metric("leads"), in: q1) == .rolledUp)
    }

    @Test("derived counts and money add up month by month; derived ratios are recomputed from the quarter's inputs")
    func derivedRollUp() throws {
        let ws = try monthly()
        let e = Evaluator(ws)
        let q1 = period("2026-Q1")
        // mqls: 100*0.1 + 200*0.2 + 300*0.3 = 140, not 600 * 0.2 = 120.
        #expect(e.value(ws.metric("mqls"), in: q1).number.map { abs($0 - 140) < 1e-9 } == true)
        #expect(e.source(ws.metric("mqls"), in: q1) == .rolledUp)
        // pipeline: 10*1000 + 40*2000 + 90*3000.
        #expect(e.value(ws.metric("pipeline"), in: q1).number.map { abs($0 - 360_000) < 1e-6 } == true)
        // conversion: 140 / 600, not 0.1 + 0.2 + 0.3.
        #expect(e.value(ws.metric("conversion"), in: q1).number.map { abs($0 - 140.0 / 600) < 1e-12 } == true)
        #expect(e.source(ws.metric("conversion"), in: q1) == .computed)
        #expect(e.value(ws.metric("cost_per_lead"), in: q1) == .known(25))
    }

    @Test("a coarser period with a month missing is unknown, and the missing period is named")
    func partialRollUp() throws {
        let ws = try monthly()
        let e = Evaluator(ws)
        let leads = ws.metric("leads")
        #expect(e.value(leads, in: period("2026-Q2")) == .missing(leads, period("2026-Q2")))
        #expect(e.value(leads, in: period("2026-H1")) == .missing(leads, period("2026-Q2")))
        #expect(e.value(leads, in: period("2026")) == .missing(leads, period("2026-Q2")))
        // So do averages: the deal size is known for Q1 alone.
        #expect(e.value(ws.metric("deal"), in: period("2026-Q1")) == .known(2000))
        #expect(e.value(ws.metric("deal"), in: period("2026")) == .missing(ws.metric("deal"), period("2026-Q2")))
    }

    @Test("a formula's half year with a month it cannot work out is unknown, not its formula on the half's averages")
    func partialFormulaRollUp() throws {
        var ws = try monthly()
        // Leads and rates go on into the second quarter; the deal size does not.
        for (i, month) in ["2026-04", "2026-05", "2026-06"].enumerated() {
            ws.setValue(ws.metric("leads"), period(month), 400 + 100 * Double(i))
            ws.setValue(ws.metric("rate"), period(month), 0.2)
        }
        let pipeline = ws.metric("pipeline")
        let deal = ws.metric("deal")
        for e in [Evaluator(ws), Evaluator(reusing: Evaluator(ws), overrides: [], stale: [])] {
            // The quarter whose months are known adds them up: 10*1000 + 40*2000 + 90*3000.
            #expect(e.value(pipeline, in: period("2026-Q1")).number.map { abs($0 - 360_000) < 1e-6 } == true)
            // Nor is the half's pipeline the half's MQLs times Q1's deal size
            // (480 * 2000), nor the half's deal size Q1's: Q2's is unknown.
            #expect(e.value(deal, in: period("2026-H1")) == .missing(deal, period("2026-Q2")))
            #expect(e.value(pipeline, in: period("2026-04")) == .missing(deal, period("2026-04")))
            #expect(e.value(pipeline, in: period("2026-Q2")) == .missing(deal, period("2026-04")))
            #expect(e.value(pipeline, in: period("2026-H1")) == .missing(deal, period("2026-04")))
            #expect(e.value(pipeline, in: period("2026")) == .missing(deal, period("2026-04")))
        }
    }

    @Test("a recorded total for the coarser period wins over its months")
    func recordedTotalWins() throws {
        var ws = try monthly()
        ws.setValue(ws.metric("leads"), period("2026-Q1"), 1000)
        #expect(Evaluator(ws).value(ws.metric("leads"), in: period("2026-Q1")) == .known(1000))
    }

    @Test("a value recorded for a quarter is carried down to its months: a flow evenly, a rate as it is")
    func carriedDown() throws {
        let ws = try referenceWorkspace()
        let e = Evaluator(ws)
        let july = period("2026-07")
        #expect(e.value(ws.metric("leads"), in: july) == .known(4000.0 / 3))
        #expect(e.value(ws.metric("mql_rate"), in: july) == .known(0.25))
        #expect(e.source(ws.metric("leads"), in: july) == .carried)
        #expect(e.carriedFrom(ws.metric("leads"), july) == period("2026-Q3"))
        // Nothing in a quarter before: nothing to carry.
        #expect(e.value(ws.metric("leads"), in: period("2026-04")) == .missing(ws.metric("leads"), period("2026-04")))
        // The months add up to the quarter again.
        #expect(e.value(ws.metric("mqls"), in: july).number.map { abs($0 * 3 - 1000) < 1e-9 } == true)
    }

    @Test("a balance recorded for a year is known only at its last month; a flow with months of its own is not spread")
    func carriedBalance() throws {
        var ws = Workspace()
        let arr = try ws.defineMetric("arr", unit: "USD", aggregation: .last).id
        let opening = try ws.defineMetric("opening", unit: "USD", aggregation: .first).id
        let leads = try ws.defineMetric("leads", unit: "count").id
        ws.setValue(arr, period("2026"), 12e6)
        ws.setValue(opening, period("2026"), 10e6)
        ws.setValue(leads, period("2026"), 1200)
        ws.setValue(leads, period("2026-03"), 90)
        let e = Evaluator(ws)
        #expect(e.value(arr, in: period("2026-12")) == .known(12e6))
        #expect(e.value(arr, in: period("2026-Q4")) == .known(12e6))
        #expect(e.value(arr, in: period("2026-11")) == .missing(arr, period("2026-11")))
        #expect(e.value(opening, in: period("2026-01")) == .known(10e6))
        #expect(e.value(opening, in: period("2026-02")) == .missing(opening, period("2026-02")))
        #expect(e.value(leads, in: period("2026-03")) == .known(90))
        #expect(e.value(leads, in: period("2026-04")) == .missing(leads, period("2026-04")))
    }

    @Test("an override wins over the recorded value and everything downstream follows")
    func overrides() throws {
        let ws = try referenceWorkspace()
        let q3 = period("2026-Q3")
        let base = Evaluator(ws)
        _ = base.value(ws.metric("revenue"), in: q3)
        let e = Evaluator(ws, overrides: [(ws.metric("win_rate"), q3, 0.3)])
        #expect(e.value(ws.metric("revenue"), in: q3).number.map { abs($0 - 2_400_000) < 1e-6 } == true)
        #expect(e.source(ws.metric("win_rate"), in: q3) == .assumed)
        let reused = Evaluator(
            reusing: base, overrides: [(ws.metric("leads"), q3, 5000)],
            stale: [ws.metric("mqls"), ws.metric("sqls"), ws.metric("revenue")])
        #expect(reused.value(ws.metric("revenue"), in: q3).number.map { abs($0 - 2_500_000) < 1e-6 } == true)
        #expect(base.value(ws.metric("revenue"), in: q3) == .known(2_000_000))
    }

    @Test("a chain of 100,000 formulas evaluates without recursion")
    func deepChain() throws {
        var ws = Workspace()
        let q3 = period("2026-Q3")
        var previous = try ws.defineMetric("m0").id
        ws.setValue(previous, q3, 1)
        for i in 1...100_000 {
            let id = try ws.defineMetric("m\(i)").id
            try ws.setFormula(id, .binary(.add, .metric(previous), .number(1)))
            previous = id
        }
        #expect(Evaluator(ws).value(previous, in: q3) == .known(100_001))
    }
}
