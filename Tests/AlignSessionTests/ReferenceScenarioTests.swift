import Foundation
import Testing

@testable import AlignSession

/// examples/seed-scenario.align runs as written, and each query finds what
/// the scenario's closing comments say it must.
@Suite("The reference scenario")
struct ReferenceScenarioTests {
    /// Runs the scenario, then `command`; returns what the command printed.
    func answer(_ command: String) throws -> String {
        let bench = try Workbench()
        let setup = bench.run("run seed-scenario.align")
        #expect(setup.isEmpty, "the scenario printed: \(setup)")
        return bench.run(command)
    }

    @Test("every line runs, silently, as a script")
    func runsAsWritten() throws {
        let bench = try Workbench()
        let text = try String(contentsOf: Workbench.scenarioURL, encoding: .utf8)
        #expect(bench.run(text, name: "seed-scenario.align") == "")
        #expect(bench.session.errorCount == 0)
        let ws = bench.session.workspace
        #expect(ws.teams.count == 2)
        #expect(ws.terms.count == 2)
        #expect(ws.metrics.count == 10)
        #expect(ws.links.count == 1)
        #expect(ws.valueCount == 5)
        #expect(ws.goals.count == 3)
    }

    @Test("tree revenue in 2026-Q3: 2,000,000 = 400 sqls * 0.25 * 20,000, and down to leads")
    func tree() throws {
        let text = try answer("tree revenue in 2026-Q3")
        #expect(text.contains("revenue 2,000,000 USD = sqls 400 * win_rate 0.25 * deal_size 20,000 USD"))
        #expect(text.contains("sqls 400 [sales] = mqls 1,000 * sql_rate 0.4"))
        #expect(text.contains("mqls 1,000 [marketing] = leads 4,000 * mql_rate 0.25"))
    }

    @Test("query orphans: nps has no path to revenue, and goal nps_up sits on it")
    func orphans() throws {
        let text = try answer("query orphans")
        #expect(text.contains("nps has no path to revenue; goal nps_up sits on it"))
        #expect(text.contains("1 metric has no path to revenue"))
    }

    @Test("query conflicts: MQL has two definitions, and metric mqls uses it")
    func conflicts() throws {
        let text = try answer("query conflicts")
        #expect(text.contains("MQL has 2 definitions (marketing, sales); metric mqls uses it"))
        #expect(!text.contains("SQL has"))
    }

    @Test("query handoffs: mqls (marketing) drives sqls (sales)")
    func handoffs() throws {
        let text = try answer("query handoffs")
        #expect(text.contains("mqls (marketing) drives sqls (sales): a hand-off between the teams"))
    }

    @Test("query horizons: q3_bookings (sales, quarter) depends on brand_awareness through a 2q lag")
    func horizons() throws {
        let text = try answer("query horizons")
        #expect(text.contains("q3_bookings (sales, quarter) depends on brand_awareness through a 2q lag"))
    }

    @Test("query gaps 2026-Q3: q3_bookings is 2,000,000 against 2,500,000, short by 500,000 (20%)")
    func gaps() throws {
        let text = try answer("query gaps 2026-Q3")
        #expect(text.contains("q3_bookings: 2,000,000 USD against 2,500,000 USD, short by 500,000 USD (20%)"))
    }

    @Test("query consistency 2026-Q3: 900 mqls imply 1,800,000; q3_bookings takes 1,250 mqls")
    func consistency() throws {
        let text = try answer("query consistency 2026-Q3")
        #expect(text.contains("q3_mqls (900 mqls) implies revenue 1,800,000 USD, below the 2,500,000 USD of q3_bookings"))
        #expect(text.contains("meeting q3_bookings takes 1,250 mqls"))
    }

    @Test("whatif win_rate = 30% in 2026-Q3: revenue 2,400,000 (+400,000)")
    func whatIf() throws {
        let text = try answer("whatif win_rate = 30% in 2026-Q3")
        #expect(text.contains("revenue 2,400,000 USD (+400,000 USD)"))
    }

    @Test("solve revenue = 2.5M by leads in 2026-Q3: leads 5,000")
    func solve() throws {
        let text = try answer("solve revenue = 2.5M by leads in 2026-Q3")
        #expect(text.contains("leads 5,000 (now 4,000"))
        #expect(text.contains("brings revenue to 2,500,000 USD in 2026-Q3"))
    }

    @Test("query drivers revenue in 2026-Q3: five drivers move it 10% each; brand_awareness only by a link")
    func drivers() throws {
        let text = try answer("query drivers revenue in 2026-Q3")
        for driver in ["leads", "mql_rate", "sql_rate", "win_rate", "deal_size"] {
            let row = text.split(separator: "\n").first { $0.split(separator: " ").contains(Substring(driver)) }
            #expect(row?.contains("10%") == true, "\(driver): \(row ?? "no row")")
            #expect(row?.contains("+200,000 USD") == true, "\(driver): \(row ?? "no row")")
        }
        #expect(text.contains("brand_awareness moves revenue only through a link to leads"))
    }

    @Test("--demo loads the scenario from the binary: DemoScenario.text is the file, byte for byte")
    func demoIsTheScenario() throws {
        let file = try Data(contentsOf: Workbench.scenarioURL)
        #expect(Array(DemoScenario.text.utf8) == Array(file))
    }
}
