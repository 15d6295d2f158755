import Foundation
import Testing

/// Division by zero and overflow are errors that say where; no answer, in
/// any format, ever prints nan or inf.
@Suite("No nan or inf in any output")
struct FiniteOutputTests {
    static let setup = """
        run seed-scenario.align
        metric deals owner=sales unit=count
        value deals 2026-Q3 0
        metric avg_deal = revenue / deals
        metric doubled = avg_deal * 2
        metric negative = -revenue / (deals * 0)
        metric huge unit=count
        value huge 2026-Q3 1e300
        metric huger = huge * huge * huge
        value doubled 2026-Q4 1
        goal g sales avg_deal >= 5 by 2026-Q3
        goal h sales huger <= 5 by 2026-Q3
        """

    static let questions = [
        "tree doubled in 2026-Q3", "tree negative in 2026-Q3", "tree huger in 2026-Q3", "show avg_deal", "show doubled",
        "show huger", "query gaps 2026-Q3", "query consistency 2026-Q3", "query drivers doubled in 2026-Q3",
        "query drivers huger in 2026-Q3", "whatif deals = 0 in 2026-Q3", "whatif deals = 2 in 2026-Q3",
        "whatif huge = +10% in 2026-Q3", "solve doubled = 5 by deals in 2026-Q3", "solve huger = 5 by huge in 2026-Q3",
        "chart avg_deal", "chart huger", "export json", "export csv", "export markdown",
    ]

    @Test("every answer in every format", arguments: ["table", "csv", "json", "markdown"])
    func noNonFinite(_ format: String) throws {
        let bench = try Workbench()
        #expect(bench.run(Self.setup) == "")
        bench.run("format " + format)
        for question in Self.questions {
            let text = bench.run(question).lowercased()
            for word in text.split(whereSeparator: { !$0.isLetter }) {
                #expect(word != "nan" && word != "inf" && word != "infinity", "\(question): \(text)")
            }
        }
    }

    @Test("division by zero names the metric and the divisor")
    func divisionSaysWhere() throws {
        let bench = try Workbench()
        bench.run(Self.setup)
        let text = bench.run("query gaps 2026-Q3")
        #expect(text.contains("g: division by zero in the formula of avg_deal: deals is 0 in 2026-Q3"))
        #expect(bench.run("tree doubled in 2026-Q3").contains("avg_deal error: division by zero: deals is 0"))
    }
}
