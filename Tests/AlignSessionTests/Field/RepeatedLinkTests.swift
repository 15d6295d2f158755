import AlignCore
import AlignSession
import Testing

/// Field test: a link that repeats a formula's edge (`link mqls -> sqls
/// lag=1m` beside `sqls = mqls * sql_rate`) is one edge in every answer.
@Suite("Field tests: a link that repeats a formula")
struct RepeatedLinkTests {
    static func scenario() throws -> Scripted {
        try Scripted.scenario(adding: "link mqls -> sqls lag=1m \"the hand-off takes a month\"")
    }

    @Test("query handoffs has one row for mqls -> sqls, made by the formula and the link")
    func handoffs() throws {
        let s = try Self.scenario()
        let list = s.analysis.handoffs()
        #expect(list.count == 1)
        #expect(list.first?.edge.kind == .formula)
        #expect(list.first?.link != nil)
        let out = s.run("query handoffs").out
        #expect(out.contains("mqls  marketing  sqls  sales  formula and link, lag 1m  q3_mqls       none\n"), "\(out)")
        #expect(out.components(separatedBy: "a hand-off between the teams").count == 2)
    }

    @Test("the horizons crossings list mqls -> sqls once")
    func horizons() throws {
        let s = try Self.scenario()
        #expect(s.analysis.horizonCrossings().count == 1)
        let out = s.run("query horizons").out
        #expect(out.components(separatedBy: "mqls  marketing  year     sqls  sales  quarter").count == 2, "\(out)")
    }

    @Test("query path finds one chain through mqls -> sqls, with the link's lag")
    func path() throws {
        let s = try Self.scenario()
        #expect(s.analysis.paths(from: s.metric("leads"), to: s.metric("revenue")).count == 1)
        #expect(s.analysis.paths(from: s.metric("mqls"), to: s.metric("sqls")).count == 1)
        let out = s.run("query path leads revenue").out
        #expect(out.hasSuffix("1      3  1m   leads -> mqls -(1m)-> sqls -> revenue\n"), "\(out)")
    }

    @Test("tree and show name the link on the formula's edge instead of drawing mqls twice")
    func treeAndShow() throws {
        let s = try Self.scenario()
        let tree = s.run("tree revenue in 2026-Q3").out
        #expect(tree.contains("mqls 1,000 [marketing] = leads 4,000 * mql_rate 0.25 (also link, lag 1m)"), "\(tree)")
        #expect(!tree.contains("see above"))
        #expect(s.run("show mqls").out.contains("drives: sqls (also link, lag 1m)\n"))
    }
}
