import AlignCore

extension CommandTable {
    static let planCommands: [CommandSpec] = [
        CommandSpec(
            verb: "plan", aliases: [], group: .plan,
            summary: "Record a metric's plan value (its budget) in a period.",
            discussion: """
                `value` records what happened, the actual; `plan` what was budgeted. Every figure \
                then has three numbers: the actual, the plan, and the forecast (the actual where one \
                is recorded; else, for a metric without a formula, the plan; formulas compute the \
                rest). Queries, trees and goals read the forecast, and say which figures are plan. \
                A plan for a metric with a formula (a budgeted bookings number) is compared with its \
                forecast, never used in its place. `import plan FILE.csv` reads many at once; \
                `remove plan METRIC PERIOD` erases one; `show METRIC` lists actual, plan, forecast \
                and the variance by period. As with `value`, a share above 100% or below 0 is kept, \
                with a warning. A plan given inside a longer plan of the same metric (a quarter \
                inside the year's) that leaves the longer one other than what its parts make is \
                kept, and the longer one named in a warning: it stays as given (`adopt` rewrites \
                it instead). A flow's longer plan (leads, money) is spread over its months only \
                while none of them has a plan of its own: the first one given says which months \
                are left without a plan.
                """,
            examples: [
                "plan leads 2026-Q3 4500", "plan win_rate 2026-Q3 27%", "query variance revenue in 2026-Q3", "show leads",
            ],
            forms: [
                CommandForm([.name("metric", .metric), .period("period"), .number("value")]) { b throws(Diagnostic) in
                    .plan(b.required("metric"), b.period("period")!, b.number("value")!)
                }
            ]),
        CommandSpec(
            verb: "actuals", aliases: [], group: .plan,
            summary: "Say where the actuals end, or where a metric's actual values come from.",
            discussion: """
                Without it, actuals end with the latest value recorded at the finest grain any value \
                has (leads by month: their last month); a value for a longer period, such as a rate \
                for the year, does not move the end. `query pacing` counts to date through it; after \
                it, every figure is forecast and says so, and `solve` moves only the periods after \
                it. `actuals through latest` goes back to the default.
                """ + "\n\n" + actualsFromDiscussion,
            examples: ["actuals through 2026-Q3"] + actualsFromExamples,
            forms: [
                CommandForm([.keyword("through"), .keyword("latest")]) { _ throws(Diagnostic) in .actualsThrough(nil) },
                CommandForm([.keyword("through"), .period("period")]) { b throws(Diagnostic) in
                    .actualsThrough(b.period("period")!)
                },
            ] + actualsFromForms),
        CommandSpec(
            verb: "compare", aliases: [], group: .plan,
            summary: "Set a metric today and under one or two scenarios side by side.",
            discussion: """
                For the period and the periods one grain finer inside it (the quarters of a year, \
                the months of a quarter): the value today, under each scenario, and the change. \
                Without `in`, the year of the scenario's first change.
                """,
            examples: ["whatif win_rate = 30% in 2026-Q3 as bold", "compare bold on revenue in 2026"],
            forms: [
                CommandForm([
                    .name("scenario", .scenario), .optional([.name("other", .scenario)]), .keyword("on"),
                    .name("metric", .metric), .optional([.keyword("in"), .period("period")]),
                ]) { b throws(Diagnostic) in
                    .compare(b.required("scenario"), b.name("other"), metric: b.required("metric"), b.period("period"))
                }
            ]),
        CommandSpec(
            verb: "adopt", aliases: [], group: .plan,
            summary: "Write a scenario's changes into the plan, as one step to undo.",
            discussion: """
                Each value the scenario sets, worked out on the forecast as it is now (the figures \
                `compare` shows, not the plan), becomes the plan value of its metric in its period. A \
                plan value of the same metric for a longer period holding an adopted one (the year \
                around adopted quarters) is replaced by its plan for the periods the scenario leaves \
                alone, so the plan still rolls up; the answer says so. The scenario is spent: it leaves \
                `show scenarios`, since adopting or comparing it again would apply its changes twice, \
                and `diff` lists it as adopted, with the plan values it wrote. A metric with a formula \
                that has a plan of its own (a bookings number set top-down) which the adoption leaves \
                at odds with the plan its drivers' plans imply in that period (by 0.05% of its plan or \
                more) is named in a warning, with both plans and the difference.
                """,
            examples: ["whatif win_rate = 30% in 2026-Q3 as bold", "adopt bold"],
            forms: [CommandForm([.name("scenario", .scenario)]) { b throws(Diagnostic) in .adopt(b.required("scenario")) }]),
    ]
}
