import AlignCore
import AlignLanguage
import AlignOutput
import AlignPresent
import Testing

/// The presenters take values and give documents: these call them with a
/// workspace built through the model alone, as a page that holds a
/// workspace would, with no session anywhere.
@Suite("Presenters without a session")
struct PresenterTests {
    /// revenue = deals * deal_size, owned by sales, with a goal on revenue in 2026-Q3.
    static func workspace() throws -> Workspace {
        var ws = Workspace()
        let sales = ws.defineTeam("sales", horizon: .quarter).id
        let deals = try ws.defineMetric("deals", owner: sales, unit: "count").id
        let size = try ws.defineMetric("deal_size", owner: sales, unit: "USD").id
        let revenue = try ws.defineMetric("revenue", unit: "USD").id
        try ws.setFormula(revenue, .binary(.multiply, .metric(deals), .metric(size)))
        let q3 = Period("2026-Q3")!
        ws.setValue(deals, q3, 40)
        ws.setValue(size, q3, 20_000)
        ws.defineGoal(Goal(name: "q3", team: sales, metric: revenue, comparison: .atLeast, target: 1e6, period: q3))
        return ws
    }

    static func text(_ document: Document) -> String { Renderer(format: .table).render(document) }

    @Test("tree: the drivers with their values in the latest period, and the goal's verdict")
    func tree() throws {
        let ws = try Self.workspace()
        let presenter = TreePresenter(ws, graph: DriverGraph(ws), evaluator: Evaluator(ws))
        #expect(ws.latestPeriod == Period("2026-Q3"))
        let text = Self.text(presenter.tree(ws.revenue!, in: ws.latestPeriod))
        #expect(
            text == """
                revenue in 2026-Q3
                revenue 800,000 USD = deals 40 * deal_size 20,000 USD ✗ q3 >= 1,000,000 USD
                ├── deals 40 [sales]
                └── deal_size 20,000 USD [sales]

                """)
    }

    @Test("tree at a terminal: cut after `shown` metrics, each cut node counting what it leaves out; whole without it")
    func treeCut() throws {
        // revenue sums five regions, each summing five reps: 31 metrics.
        var ws = Workspace()
        let q3 = Period("2026-Q3")!
        var regions: [MetricID] = []
        for r in 0..<5 {
            var reps: [MetricID] = []
            for k in 0..<5 {
                let rep = try ws.defineMetric("rep\(r)_\(k)").id
                ws.setValue(rep, q3, 1)
                reps.append(rep)
            }
            let region = try ws.defineMetric("region\(r)").id
            try ws.setFormula(region, reps.dropFirst().reduce(Formula.metric(reps[0])) { .binary(.add, $0, .metric($1)) })
            regions.append(region)
        }
        let revenue = try ws.defineMetric("revenue").id
        try ws.setFormula(revenue, regions.dropFirst().reduce(Formula.metric(regions[0])) { .binary(.add, $0, .metric($1)) })
        var presenter = TreePresenter(ws, graph: DriverGraph(ws), evaluator: Evaluator(ws))
        let whole = Self.text(presenter.tree(revenue, in: q3))
        func drawn(_ text: String, _ prefix: String) -> Int { text.split(separator: "\n").filter { $0.contains("── " + prefix) }.count }
        #expect(drawn(whole, "rep") == 25 && drawn(whole, "region") == 5)
        #expect(!whole.contains("cut after"))
        presenter.shown = 10
        let cut = Self.text(presenter.tree(revenue, in: q3))
        // The root, the first region and its five reps, the second region and two of its reps: ten metrics.
        #expect(drawn(cut, "rep") == 7 && drawn(cut, "region") == 2, "\(cut)")
        // The second region leaves three reps, the root three regions.
        #expect(cut.split(separator: "\n").filter { $0.contains("… 3 more drivers (tree METRIC to see one)") }.count == 2)
        #expect(cut.hasSuffix("… the tree is cut after 10 metrics at a terminal: tree METRIC draws one branch; a pipe, a file or format json gets it whole\n"))
        #expect(cut.split(separator: "\n").count < whole.split(separator: "\n").count)
        presenter.shown = 100
        #expect(Self.text(presenter.tree(revenue, in: q3)) == whole)
    }

    @Test("show: a listing needs the workspace alone; a team's description asks for no graph and no evaluator")
    func show() throws {
        let ws = try Self.workspace()
        let presenter = ShowPresenter(ws)
        #expect(Self.text(presenter.list(.teams)).hasSuffix("\nsales  quarter        2      1\n"))
        var asked = 0
        func graph() -> DriverGraph {
            asked += 1
            return DriverGraph(ws)
        }
        func evaluator() -> Evaluator {
            asked += 1
            return Evaluator(ws)
        }
        #expect(Self.text(presenter.describe("sales", graph: graph(), evaluator: evaluator())).hasPrefix("team sales\n"))
        #expect(asked == 0)
        let metric = Self.text(presenter.describe("revenue", graph: graph(), evaluator: evaluator()))
        #expect(metric.contains("formula: revenue = deals * deal_size"))
        #expect(asked == 2)
        #expect(presenter.describe("nothing", graph: graph(), evaluator: evaluator()).isEmpty)
        #expect(presenter.words().contains("deal_size"))
    }

    @Test("the report, from an analysis of the workspace")
    func report() throws {
        let report = Report(Analysis(try Self.workspace()), version: "9.9.9")
        let markdown = report.markdown()
        #expect(markdown.hasPrefix("# Alignment report\n\nFigures are for 2026-Q3, the period with the most goals due.\n"))
        #expect(markdown.contains("1 team, 0 terms, 3 metrics"))
        #expect(markdown.contains("## Driver tree"))
        #expect(markdown.contains("| q3 | sales | revenue | 1,000,000 USD | 800,000 USD |"))
        #expect(markdown.hasSuffix("Made with align 9.9.9.\n"))
        #expect(report.html().contains("<footer>Made with align 9.9.9.</footer>"))
    }
}
