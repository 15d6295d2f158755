@testable import AlignCore
import Testing

@Suite("The cycle check and unit inference")
struct ChecksTests {
    @Test("a formula that closes a cycle is refused, with the path from the metric back to it")
    func cycle() throws {
        var ws = Workspace()
        let a = try ws.defineMetric("a").id
        let b = try ws.defineMetric("b").id
        let c = try ws.defineMetric("c").id
        try ws.setFormula(b, .binary(.multiply, .metric(a), .number(2)))
        try ws.setFormula(c, .binary(.add, .metric(b), .number(1)))
        #expect(ws.cycle(ifFormulaOf: a, were: .metric(c)) == [a, c, b, a])
        #expect(ws.cycle(ifFormulaOf: b, were: .metric(b)) == [b, b])
        #expect(ws.cycle(ifFormulaOf: a, were: .number(1)) == nil)
        let before = Fingerprint(ws)
        #expect(throws: WorkspaceError.formulaCycle([a, c, b, a])) { try ws.setFormula(a, .metric(c)) }
        #expect(Fingerprint(ws) == before)
    }

    @Test("links may form cycles; formulas may not close one through them")
    func linksDoNotCount() throws {
        var ws = Workspace()
        let a = try ws.defineMetric("a").id
        let b = try ws.defineMetric("b").id
        try ws.link(b, a)
        try ws.setFormula(b, .metric(a))
        try ws.link(a, b)
        #expect(ws.links.count == 2)
    }

    @Test("the check finds long cycles without recursion")
    func longChain() throws {
        var ws = Workspace()
        var previous = try ws.defineMetric("m0").id
        let first = previous
        for i in 1...20_000 {
            let id = try ws.defineMetric("m\(i)").id
            try ws.setFormula(id, .metric(previous))
            previous = id
        }
        let path = try #require(ws.cycle(ifFormulaOf: first, were: .metric(previous)))
        #expect(path.count == 20_002)
        #expect(path.first == first && path.last == first)
    }

    func unitOf(_ formula: (Workspace) throws -> Formula) -> UnitInference {
        var ws = Workspace()
        for (name, unit) in [("leads", "count"), ("deal", "USD"), ("rate", "ratio"), ("share", "percent"),
            ("cost", "EUR"), ("nps", "score"), ("bare", nil)]
        {
            _ = try? ws.defineMetric(name, unit: unit)
        }
        guard let f = try? formula(ws) else { return .unknown }
        return ws.unit(of: f)
    }

    @Test("units: counts and money cannot add; shares and numbers scale; count times money is money")
    func units() {
        let m = { (ws: Workspace, name: String) in Formula.metric(ws.metric(name)) }
        if case .conflict(let l, let r, _) = unitOf({ .binary(.add, m($0, "deal"), m($0, "leads")) }) {
            #expect((l, r) == ("USD", "count"))
        } else {
            Issue.record("USD + count was not refused")
        }
        if case .conflict = unitOf({ .binary(.subtract, m($0, "deal"), m($0, "cost")) }) {} else {
            Issue.record("USD - EUR was not refused")
        }
        #expect(unitOf { .binary(.multiply, m($0, "leads"), m($0, "rate")) } == .known(.count, name: "count"))
        #expect(unitOf { .binary(.multiply, m($0, "leads"), m($0, "deal")) } == .known(.currency("USD"), name: "USD"))
        #expect(unitOf { .binary(.add, .binary(.multiply, m($0, "leads"), m($0, "share")), .number(5)) }
            == .known(.count, name: "count"))
        #expect(unitOf { .binary(.divide, m($0, "leads"), m($0, "leads")) } == .known(.share, name: "ratio"))
        #expect(unitOf { .binary(.divide, m($0, "deal"), m($0, "leads")) } == .known(.currency("USD"), name: "USD"))
        #expect(unitOf { .binary(.multiply, m($0, "deal"), m($0, "cost")) } == .compound)
        #expect(unitOf { .binary(.add, m($0, "bare"), m($0, "deal")) } == .known(.currency("USD"), name: "USD"))
        #expect(unitOf { .negate(m($0, "deal")) } == .known(.currency("USD"), name: "USD"))
        #expect(unitOf { _ in .number(3) } == .any)
    }

    @Test("a formula adding units that cannot add is refused, and nothing changes")
    func unitRefused() throws {
        var ws = Workspace()
        let leads = try ws.defineMetric("leads", unit: "count").id
        let deal = try ws.defineMetric("deal", unit: "USD").id
        let mix = try ws.defineMetric("mix").id
        let before = Fingerprint(ws)
        #expect(throws: WorkspaceError.self) { try ws.setFormula(mix, .binary(.add, .metric(deal), .metric(leads))) }
        #expect(Fingerprint(ws) == before)
    }

    @Test("units are classified by name: shares, scores, counts, three-letter currencies, others")
    func unitClasses() {
        #expect(UnitClass("ratio") == .share)
        #expect(UnitClass("Percent") == .share)
        #expect(UnitClass("score") == .score)
        #expect(UnitClass("count") == .count)
        #expect(UnitClass("USD") == .currency("USD"))
        #expect(UnitClass("usd") == .other("usd"))
        #expect(UnitClass("hours") == .other("hours"))
        // Any case; the names whole, not a part or more.
        #expect(UnitClass("NUMBER") == .count && UnitClass("#") == .count && UnitClass("%") == .share)
        #expect(UnitClass("InDeX") == .score)
        #expect(UnitClass("counts") == .other("counts") && UnitClass("coun") == .other("coun"))
        #expect(UnitClass("rätio") == .other("rätio") && UnitClass("") == .other(""))
        #expect(UnitClass("percentage") == .other("percentage"))
    }

    @Test("how a metric rolls up: agg=, then a division, then the unit, then what the formula computes")
    func aggregation() throws {
        var ws = Workspace()
        let leads = try ws.defineMetric("leads", unit: "count").id
        let rate = try ws.defineMetric("rate", unit: "ratio").id
        let deal = try ws.defineMetric("deal", unit: "USD").id
        let nps = try ws.defineMetric("nps", unit: "score").id
        let head = try ws.defineMetric("head", unit: "count", aggregation: .last).id
        let bare = try ws.defineMetric("bare").id
        func derived(_ name: String, unit: String? = nil, _ f: Formula) throws -> Aggregation {
            let id = try ws.defineMetric(name, unit: unit).id
            try ws.setFormula(id, f)
            return ws.aggregation(of: id)
        }
        #expect(ws.aggregation(of: leads) == .sum)
        #expect(ws.aggregation(of: rate) == .average)
        #expect(ws.aggregation(of: deal) == .sum)
        #expect(ws.aggregation(of: nps) == .average)
        #expect(ws.aggregation(of: head) == .last)
        #expect(ws.aggregation(of: bare) == .sum)
        #expect(try derived("mqls", .binary(.multiply, .metric(leads), .metric(rate))) == .sum)
        #expect(try derived("conversion", .binary(.divide, .metric(leads), .metric(leads))) == .average)
        #expect(try derived("avg_deal", unit: "USD", .binary(.divide, .metric(deal), .metric(leads))) == .average)
        #expect(try derived("per_thousand", .binary(.divide, .metric(leads), .number(1000))) == .sum)
        #expect(try derived("both", .binary(.multiply, .metric(rate), .metric(rate))) == .average)
        #expect(try derived("constant", .number(5)) == .average)
        #expect(try derived("odd", .binary(.multiply, .metric(deal), .metric(deal))) == .average)
    }
}
