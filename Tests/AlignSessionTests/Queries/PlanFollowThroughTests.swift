import AlignCore
import AlignLanguage
import AlignSession
import Foundation
import Testing

/// What follows a plan's adoption: `diff` says a scenario was adopted, the
/// plan goes out as CSV and comes back exactly, and a plan set top-down that
/// the adoption leaves at odds with its drivers' plans is warned of.
@Suite("Plan: adopted, exported, held against its drivers")
struct PlanFollowThroughTests {
    static let funnel = PlanCutoffTests.funnel

    @Test("diff after adopt lists the scenario as adopted, with the plan values it wrote; one removed is still removed")
    func diffSaysAdopted() throws {
        let s = Scripted(Self.funnel + "\nwhatif leads = +10% from 2026-10 as push\nwhatif win_rate = 30% in 2026-Q4 as other\nsnapshot s")
        let before = s.workspace
        s.run("adopt push\nremove scenario other")
        let out = s.run("diff s").out
        #expect(out.contains("  adopted  scenario push: leads = +10% from 2026-10; it wrote 3 plan values:\n"), "\(out)")
        #expect(out.contains("           leads 2026-10: 1,300 → 1,430\n"), "\(out)")
        #expect(out.contains("           leads 2026-12: 1,300 → 1,430\n"), "\(out)")
        #expect(!out.contains("removed  scenario push"), "\(out)")
        // Its plan values are told once, with the adoption.
        #expect(!out.contains("changed  plan leads 2026-10"), "\(out)")
        #expect(out.contains("  removed  scenario other: was win_rate = 30% in 2026-Q4\n"), "\(out)")

        let diff = WorkspaceDiff(from: before, to: s.workspace)
        let adopted = try #require(diff.entries.first { $0.change == .adopted })
        #expect(adopted.kind == .scenario && adopted.name == "push")
        #expect(adopted.fields.map(\.key) == ["", "leads 2026-10", "leads 2026-11", "leads 2026-12"])
        #expect(adopted.fields[1].before == .number(1300, unit: "count") && adopted.fields[1].after == .number(1430, unit: "count"))
        #expect(!diff.entries.contains { $0.kind == .plan })

        // As JSON: the change is "adopted", a row per plan value written.
        let json = s.run("format json\ndiff s").out
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require((object["tables"] as? [String: [[String: Any]]])?["changes"])
        let push = rows.filter { $0["name"] as? String == "push" }
        #expect(push.count == 4)
        #expect(push.allSatisfy { $0["change"] as? String == "adopted" && $0["kind"] as? String == "scenario" })
        #expect(push[0]["field"] is NSNull && push[0]["before"] as? String == "leads = +10% from 2026-10")
        #expect(push[1]["field"] as? String == "leads 2026-10" && push[1]["before"] as? Int == 1300 && push[1]["after"] as? Int == 1430)
    }

    @Test("diff lists as adopted a scenario made and adopted after the snapshot; undo takes the record back with the plan")
    func diffAdoptedAfterSnapshot() throws {
        let s = Scripted(Self.funnel + "\nsnapshot b\nwhatif leads = +10% from 2026-10 as push\nadopt push")
        let out = s.run("diff b").out
        #expect(out.contains("  adopted  scenario push: leads = +10% from 2026-10; it wrote 3 plan values:\n"), "\(out)")
        #expect(out.contains("           leads 2026-10: 1,300 → 1,430\n"), "\(out)")
        #expect(!out.contains("added  plan leads"), "\(out)")
        #expect(s.workspace.adopted.map(\.name) == ["push"])
        // Undone, the scenario is back and nothing is recorded as adopted.
        let w = try Workbench()
        w.run(Self.funnel + "\nsnapshot b\nwhatif leads = +10% from 2026-10 as push\nadopt push")
        #expect(w.session.workspace.adopted.map(\.name) == ["push"])
        w.run("undo")
        #expect(w.session.workspace.adopted.isEmpty && w.session.workspace.scenario(named: "push") != nil)
        #expect(!w.run("diff b").contains("adopted"))
        // Adopted again and named again: it was adopted.
        #expect(w.run("adopt push\nadopt push").contains("scenario 'push' was adopted"))
    }

    @Test("a plan given inside a longer plan that its parts no longer make is warned of; one they still make is not")
    func planOutOfStep() {
        let s = Scripted(
            """
            team s
            metric win_rate owner=s unit=ratio
            metric leads owner=s unit=count
            plan win_rate 2026 28%
            plan leads 2026 1200
            """)
        // The year's 28% against its halves' 28% and (28% + 29%) / 2: 28.25%.
        let rate = s.run("plan win_rate 2026-Q4 29%").err
        #expect(rate.contains("warning: the plan of win_rate for 2026 (0.28) is not what its parts now make (0.2825)"), "\(rate)")
        // A month of leads planned: the year's plan is no longer spread over its months, and the other eleven have none.
        let month = s.run("plan leads 2026-03 200").err
        #expect(month.contains("the plan of leads for 2026 (1,200) is no longer spread over its months"), "\(month)")
        #expect(month.contains("11 months (2026-01 .. 2026-12) have no plan now"), "\(month)")
        // Another month: said once, when the spread stopped.
        #expect(s.run("plan leads 2026-04 100").err == "")
        // A quarter given over months planned inside it that do not make it.
        s.run("plan leads 2026-05 100\nplan leads 2026-06 100")
        let over = s.run("plan leads 2026-Q2 500").err
        #expect(over.contains("leads has plans of its own inside 2026-Q2 that make 300, not the 500 given for it"), "\(over)")
        // Import plan says the same, once for each longer plan.
        let twelve = (1...12).map { String(format: "leads,2026-%02d,110", $0) }.joined(separator: "\n")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-plan-" + UUID().uuidString)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.csv")
        try? ("metric,period,value\n" + twelve + "\n").write(to: file, atomically: true, encoding: .utf8)
        let imported = s.run("import plan \"\(file.path)\"").err
        #expect(imported.components(separatedBy: "the plan of leads for 2026 (1,200) is not what its parts now make").count == 2, "\(imported)")
        // At the row of the file that gave the plan, as the file's other warnings are.
        #expect(imported.contains("p.csv:"), "\(imported)")
        #expect(!imported.contains("more.align:1:1: warning: the plan of leads"), "\(imported)")
    }

    @Test("diff after adopting into a plan given for the year says what the year's plan gave the month before")
    func diffBeforeFromAYearsPlan() {
        let s = Scripted(
            """
            team sales
            metric leads owner=sales
            metric win_rate owner=sales unit=ratio
            metric revenue owner=sales = leads * win_rate
            value leads 2026-01 100
            value win_rate 2026-01 0.2
            plan leads 2026 1200
            plan win_rate 2026 0.2
            actuals through 2026-01
            whatif leads = +10% in 2026-02 as bold
            snapshot s
            adopt bold
            """)
        let out = s.run("diff s").out
        // The year's 1,200 spread evenly: 100 in February before, 110 after.
        #expect(out.contains("           leads 2026-02: 100 → 110\n"), "\(out)")
    }

    @Test("a scenario removed while the plan already held its periods, unchanged, reads as removed, not adopted")
    func removedNotAdopted() {
        let s = Scripted(Self.funnel + "\nwhatif leads = 1300 in 2026-10 as same\nsnapshot s\nremove scenario same")
        let out = s.run("diff s").out
        #expect(out.contains("  removed  scenario same: was leads = 1.3k in 2026-10\n"), "\(out)")
        #expect(!out.contains("adopted"), "\(out)")
    }

    @Test("the report's changes say in a sentence that the scenario was adopted, with what it wrote")
    func reportSaysAdopted() {
        let s = Scripted(Self.funnel + "\nwhatif leads = +10% from 2026-12 as push\nsnapshot s\nadopt push")
        let out = s.run("export markdown").out
        #expect(
            out.contains("Adopted scenario push: leads = +10% from 2026-12; it wrote 1 plan value: leads 2026-12 1,300 → 1,430."),
            "\(out)")
    }

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
        // (Quarters planned inside the year's plan: warned of, as out of step with it; nothing else.)
        let warnings = output.stderr.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(
            warnings.allSatisfy {
                $0.contains("is not what its parts now make") || $0.contains("no longer spread") || $0.contains("has plans of its own inside")
            },
            "\(output.stderr)")
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

    @Test("adopt warns when a plan set top-down now disagrees with what its drivers' plans imply, naming metric, period and by how much")
    func adoptWarnsTopDown() throws {
        // bookings has a plan of its own for Q3 (9M); its drivers' plans imply 10.64M there.
        let s = Scripted(Self.funnel + "\nactuals through 2026-06\nwhatif win_rate = +5pp from 2026-Q3 as bold")
        let err = s.run("adopt bold").err
        // The win rate's plan for Q3 is 25% now (20% forecast + 5pp): leads 1200, 1300, 1300 × 25% × 10,000.
        #expect(
            err.contains(
                "warning: bookings has a plan of its own for 2026-Q3 (9,000,000 USD), and its drivers' plans now imply "
                    + "9,500,000 USD there: 500,000 USD (5.6%) more (query variance bookings in 2026-Q3 shows both)"),
            "\(err)")
        let plans = s.analysis.topDownPlans()
        #expect(plans.count == 1)
        #expect(plans[0].metric == s.metric("bookings") && plans[0].period == period("2026-Q3"))
        #expect(try abs(#require(plans[0].implied) - 9_500_000) < 1e-6)
        #expect(plans[0].disagrees)
    }

    @Test("adopt names the first three plans set top-down it puts at odds, and counts the rest")
    func adoptCountsMoreTopDown() {
        let months = ["2026-09", "2026-10", "2026-11", "2026-12", "2026-Q4"].map { "plan bookings \($0) 1M" }.joined(separator: "\n")
        let s = Scripted(Self.funnel + "\n" + months + "\nwhatif win_rate = +5pp from 2026-07 as bold")
        let err = s.run("adopt bold").err
        let named = err.split(separator: "\n").filter { $0.contains("has a plan of its own") }
        #expect(named.count == 3, "\(err)")
        // In the order of their periods.
        #expect(named.first?.contains("bookings has a plan of its own for 2026-Q3") == true, "\(err)")
        #expect(err.contains("warning: 3 more plans set top-down now disagree with their drivers' plans\n"), "\(err)")
    }

    @Test("adopt says nothing of a top-down plan it does not move; one that agreed and no longer does is warned of")
    func adoptQuietTopDown() throws {
        // December's leads reach bookings only in 2027: Q3's top-down plan is untouched.
        let late = Scripted(Self.funnel + "\nwhatif leads = +10% in 2026-12 as late")
        #expect(late.run("adopt late").err == "")
        // A top-down plan for Q4 equal to what its drivers imply.
        let bare = Self.funnel.replacingOccurrences(of: "plan bookings 2026-Q3 9000000", with: "")
        let plain = Scripted(bare)
        let implied = try #require(plain.analysis.evaluator(.plan).value(plain.metric("bookings"), in: period("2026-Q4")).number)
        let agreed = Scripted(
            bare + "\nplan bookings 2026-Q4 \(ScriptPrinter.number(implied))\nwhatif leads = +10% in 2026-07 as july"
                + "\nwhatif leads = +10% in 2026-10 as october")
        #expect(agreed.analysis.topDownPlans().count == 1)
        #expect(agreed.analysis.topDownPlans().allSatisfy { !$0.disagrees })
        // July's leads close in Q3: Q4's plan still agrees.
        #expect(agreed.run("adopt july").err == "")
        // October's close in Q4: it agrees no more.
        let err = agreed.run("adopt october").err
        #expect(err.contains("warning: bookings has a plan of its own for 2026-Q4"), "\(err)")
        // A plan that the adoption leaves apart by less than 0.05% of it (here 0.01%) is not warned of.
        let near = Scripted(bare + "\nplan bookings 2026-Q4 \(ScriptPrinter.number(implied))\nwhatif leads = +10% in 2026-10 as october")
        let after = try #require(
            Scripted(bare + "\nplan bookings 2026-Q4 \(ScriptPrinter.number(implied))\nwhatif leads = +10% in 2026-10 as october\nadopt october")
                .analysis.topDownPlans().first?.implied)
        let moved = after - implied
        near.run("plan bookings 2026-Q4 \(ScriptPrinter.number(after - 0.0001 * after))")
        #expect(near.run("adopt october").err == "", "moved by \(moved)")
    }
}

@Suite("Variance answers that would mislead")
struct VarianceWordingTests {
    static func review() throws -> Workbench {
        let w = try Workbench()
        w.run("run plan-review.align")
        return w
    }

    @Test("shares that mostly cancel out are not given as parts of their small net, and the answer says why")
    func offsetting() throws {
        let w = try Self.review()
        // The top-down plan +74,970 USD against drivers' -75,060 USD: a net of -90 USD.
        w.run("plan new_arr 2026-Q3 900k\nwhatif win_rate = +2pp from 2026-07 and leads = +10% from 2026-07 as push\nadopt push")
        let out = w.run("query variance new_arr in 2026-Q3")
        #expect(out.contains("-90 USD"), "\(out)")
        #expect(!out.contains("Of the variance"), "\(out)")
        #expect(out.contains("the shares mostly cancel out"), "\(out)")
        // Without the offsetting top-down line, each share is a part of the variance again.
        let plain = try Self.review().run("query variance new_arr in 2026-Q3")
        #expect(plain.contains("Of the variance") && !plain.contains("mostly cancel out"), "\(plain)")
    }

    @Test("a variance's JSON gives its headline figures as numbers (table total), which text and CSV leave to the line")
    func jsonTotal() throws {
        let w = try Self.review()
        w.run("plan new_arr 2026-Q3 900k")
        let json = w.run("format json\nquery variance new_arr in 2026-Q3")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let tables = try #require(object["tables"] as? [String: [[String: Any]]])
        let total = try #require(tables["total"]?.first)
        let (actual, plan) = (try #require(total["actual"] as? Double), try #require(total["plan"] as? Double))
        let difference = try #require(total["difference"] as? Double)
        #expect(total["metric"] as? String == "new_arr" && total["period"] as? String == "2026-Q3")
        #expect(plan == 900_000 && difference == actual - plan, "\(total)")
        #expect(abs(try #require(total["part"] as? Double) - difference / plan) < 1e-9)
        // The plan set top-down: the plan its drivers imply is there too, and the shares add up to the difference.
        #expect(total["implied_plan"] as? Double != nil, "\(total)")
        let amounts = try #require(tables["variance"]).compactMap { $0["amount"] as? Double }
        #expect(abs(amounts.reduce(0, +) - difference) < 1e-6, "\(amounts)")
        // Text and CSV show the line, not a table of it.
        let text = w.run("format table\nquery variance new_arr in 2026-Q3")
        #expect(!text.contains("Implied plan") && text.contains("against a plan of 900,000 USD"), "\(text)")
        #expect(!w.run("format csv\nquery variance new_arr in 2026-Q3").contains("implied_plan"))
    }

    @Test("export csv to a file named for the plan warns that it wrote the values, and names the command for the plan")
    func valuesNotPlan() throws {
        let w = try Self.review()
        let out = w.run("export csv plan.csv")
        #expect(out.contains("warning: 'export csv' writes the recorded values, not the plan, to plan.csv; "
            + "the plan goes out with 'export plan csv plan.csv'"), "\(out)")
        #expect(!w.run("export plan csv plan.csv").contains("warning"))
        #expect(!w.run("export csv values.csv").contains("warning"))
    }

    @Test("a metric without a formula is its own one share: no method line")
    func leaf() throws {
        let out = try Self.review().run("query variance leads in 2026-Q2")
        #expect(out.contains("-200"), "\(out)")
        #expect(!out.contains("Shapley"), "\(out)")
        #expect(try Self.review().run("query variance revenue in 2026-Q2").contains("Shapley"))
    }

    @Test("a variance that cannot be worked out says whether the figure or the plan is unknown")
    func unknownSide() throws {
        // Leads have neither an actual nor a plan in 2027.
        let out = try Self.review().run("query variance leads in 2027")
        #expect(out.contains("cannot compare: its forecast there is unknown: "), "\(out)")
        // Before the plan begins, the plan layer holds the actuals: equal, and not called on plan.
        let before = try Self.review().run("query variance leads in 2025-Q4")
        #expect(before.contains("no plan value falls in 2025-Q4") && !before.contains("on plan"), "\(before)")
        #expect(try Self.review().run("query variance leads in 2026-Q1").contains("on plan: nothing to split"))
    }
}
