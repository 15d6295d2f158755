import AlignCore
import AlignLanguage
import AlignSession
import Foundation
import Testing

/// The plan as CSV: `export plan csv` writes what `import plan` reads back exactly.
@Suite("Plan: exported")
struct PlanFollowThroughTests {
    static let funnel = PlanCutoffTests.funnel

    @Test("export plan csv writes every plan value as import plan reads it: exported, imported afresh, the same plan exactly")
    func exportPlanRoundTrip() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-plan-csv-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Figures with every kind of digits: a noisy sum, many decimals, a tiny amount, a huge one, a negative.
        let extra = """
            plan win_rate 2026-Q4 0.30000000000000004
            plan deal_size 2026-Q3 12345.678901234
            plan deal_size 2026-Q4 1e-7
            plan bookings 2026-Q4 123456789012345678
            plan bookings 2026-H2 -2.5
            """
        var options = SessionOptions()
        options.workingDirectory = folder.path
        let output = CapturedOutput()
        let first = Session(options: options, output: output)
        #expect(first.run(SourceText(name: "plan.align", text: Self.funnel + "\n" + extra + "\nexport plan csv plan.csv")))
        #expect(output.stderr == "")
        let written = try String(contentsOf: folder.appendingPathComponent("plan.csv"), encoding: .utf8)
        #expect(written.hasPrefix("metric,period,value\nleads,2026-01,1200\n"), "\(written)")
        #expect(written.contains("bookings,2026-H2,-2.5\n"), "\(written)")
        // Printed without a file: the same text.
        output.reset()
        first.run(SourceText(name: "more.align", text: "export plan csv"))
        #expect(output.stdout == written)

        // A workspace with the same metrics and no plan, then the file.
        let definitions = (Self.funnel + "\n" + extra).split(separator: "\n").filter { !$0.hasPrefix("plan ") }.joined(separator: "\n")
        let second = Session(options: options, output: output)
        output.reset()
        #expect(second.run(SourceText(name: "again.align", text: definitions + "\nimport plan plan.csv")), "\(output.stderr)")
        #expect(second.workspace.hasPlan)
        for (id, metric) in first.workspace.metrics.all {
            let a = first.workspace.planList(of: id)
            let b = second.workspace.planList(of: id)
            #expect(a.map(\.period) == b.map(\.period), "\(metric.name)")
            #expect(a.map(\.value) == b.map(\.value), "\(metric.name): \(a.map(\.value)) vs \(b.map(\.value))")
        }
        #expect(first.workspace.planList(of: first.workspace.metrics.id(named: "win_rate")!).last?.value == 0.30000000000000004)
    }
}
