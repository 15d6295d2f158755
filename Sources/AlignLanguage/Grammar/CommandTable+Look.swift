import AlignCore

extension CommandTable {
    static let lookCommands: [CommandSpec] = [
        CommandSpec(
            verb: "show", aliases: ["ls"], group: .look,
            summary: "List teams, terms, metrics, links, goals, values, notes, votes; or describe anything by name.",
            discussion: """
                `show` alone sums up the workspace; `show teams` and the other lists give one table \
                each. `show NAME` describes every team, term, metric, goal, snapshot or scenario of that name: \
                `show MQL` gives each team's definition; `show METRIC` gives its attributes, formula, \
                how it rolls up, and its values in every period, recorded, computed or rolled up, \
                with the computed value beside an actual. `show METRIC in PERIOD` gives the metric \
                with its values only in that period and the periods inside it (`show leads in 2026-Q3`: \
                the quarter and its months). Names are case-sensitive.
                """,
            examples: ["show", "show metrics", "show MQL", "show revenue", "show leads in 2026-Q3"],
            forms: [
                CommandForm([.choice("list", ShowList.allCases.map(\.rawValue))]) { b throws(Diagnostic) in
                    .show(ShowList(rawValue: b.word("list")!))
                },
                CommandForm([.name("name", .any), .optional([.keyword("in"), .period("period")])]) {
                    b throws(Diagnostic) in .showName(b.required("name"), in: b.period("period"))
                },
                CommandForm([]) { _ throws(Diagnostic) in .show(nil) },
            ]),
        CommandSpec(
            verb: "tree", aliases: [], group: .look,
            summary: "Draw the driver tree of a metric, with values, units and goals.",
            discussion: """
                Without a metric, draws the revenue metric's tree; without a period, uses the latest \
                period that has recorded values. Each computed metric shows its formula with the \
                values of its inputs; an unknown value shows `?` and names the missing input; a \
                failed computation says where it failed. An input read through an offset or a \
                profile is drawn at the period it is read at (`mqls 2026-11 900`, a profile's with \
                its share: `sqls 2026-11 348 (share 40%)`), with its own drivers there, so that the \
                inputs shown reproduce the value. A period summed from its months says so and \
                shows its inputs for the same period. Links are drawn dotted with their lag; goals due \
                are marked met (✓) or missed (✗), or said to be not known. Very wide levels are cut short, and a \
                metric reached twice in one period is drawn in full once. At a terminal a tree stops after \
                100 metrics, each cut branch saying how many drivers it leaves out; a pipe, a file or \
                `format json` gets the whole tree. A formula too long \
                for a line is shown without its values (its drivers show them), then cut short with \
                the number of its inputs.
                """,
            examples: ["tree revenue in 2026-Q3", "tree sqls in 2026-Q3"],
            forms: [
                CommandForm([
                    .optional([.name("metric", .metric)]), .optional([.keyword("in"), .period("period")]),
                ]) { b throws(Diagnostic) in
                    .tree(b.name("metric"), b.period("period"))
                }
            ]),
        CommandSpec(
            verb: "chart", aliases: [], group: .look,
            summary: "Draw a metric's values over its periods, with its goal line.",
            discussion: """
                One grain at a time, on one scale: a bar for each month (or quarter, half, year) \
                that has a value (recorded, or computed by the metric's formula) or a goal on the \
                metric. `by month|quarter|half|year` chooses the grain; without it, the grain with \
                the most values recorded, and goals due, the finer on a tie; the answer names the \
                other grains there are. `in PERIOD` charts only the periods inside it (`chart leads \
                in 2026` charts 2026's months, or its quarters). ┃ marks each goal's target in the \
                period it is due, and the bar is green when the goals there are met, red when not. In \
                CSV and JSON, the numbers.
                """,
            examples: ["chart leads", "chart leads in 2026", "chart revenue in 2026 by quarter"],
            forms: [
                CommandForm([
                    .name("metric", .metric), .optional([.keyword("in"), .period("period")]),
                    .optional([.keyword("by"), .choice("grain", Horizon.words)]),
                ]) { b throws(Diagnostic) in chart(b) },
                CommandForm([
                    .name("metric", .metric), .keyword("by"), .choice("grain", Horizon.words), .keyword("in"),
                    .period("period"),
                ]) { b throws(Diagnostic) in chart(b) },
            ]),
    ]

    static let askCommands: [CommandSpec] = [
        CommandSpec(
            verb: "query", aliases: [], group: .ask,
            summary: "Ask an alignment question of the workspace.",
            discussion: """
                Each question reads the workspace as it is; none changes it.

                orphans: metrics with no path to revenue, and the goals on them. A metric computed \
                from metrics on revenue's tree that feeds nothing on it (net revenue retention read \
                off ARR) is not an orphan but an outcome measure read off the tree: listed apart, \
                with what it is computed from and the goals on it.
                conflicts: terms defined differently by different teams, the metrics that use them, \
                terms used but never defined, synonyms that clash.
                handoffs: driver edges that cross from one team's metric to another's, and whether \
                each side has a goal; a link that repeats a formula's edge makes one hand-off with it \
                ("formula and link, lag 1m").
                horizons: goals whose driver chain carries a lag longer than the team's horizon, \
                and revenue paths across teams with different horizons.
                gaps PERIOD: each goal due in the period, its target against its value there, \
                worst first; the goals due in other periods are counted, with the period to ask.
                consistency [PERIOD]: whether goals on one chain add up, and what the upstream \
                target would have to be, with a goal line to set it: rounded to the precision its \
                unit deserves (counts and money whole, shares to a tenth of a point, else four \
                significant digits), up for >= and down for <=, so that meeting it meets the need.
                path FROM TO: the chains of formulas and links from one metric to another, each \
                chain of metrics once: where a link repeats a formula's edge, the chain takes the \
                longer lag.
                drivers METRIC [in PERIOD]: the leaf drivers ranked by how much a 10% change moves \
                the metric, grouped by owning team; without `in`, in the latest period with \
                recorded values that starts before the actuals end. Where formulas read earlier \
                periods, a driver's row names the periods of it that feed the metric, and its value \
                is over those (June to August's leads for Q3's SQLs).
                pacing PERIOD: each goal due in the period (or inside it): the actuals to date \
                against the plan to date, the forecast for the whole period against the target, \
                on track or not and by how much.
                variance METRIC [in PERIOD|FROM..TO]: the actual (or forecast) against the plan, \
                split into each driver's share along the tree, ranked, with owning teams; without \
                `in`, in the latest period with recorded values that starts before the actuals end. \
                Over a range (`in 2026-01..2026-09`, the year to date), the metric's value over \
                its periods is made as it rolls up (added up, averaged, the last or the first).
                """,
            examples: [
                "query orphans", "query conflicts", "query handoffs", "query horizons", "query gaps 2026-Q3",
                "query consistency 2026-Q3", "query path leads revenue", "query drivers revenue in 2026-Q3",
                "query pacing 2026-Q3",
            ],
            forms: queryForms),
        CommandSpec(
            verb: "whatif", aliases: [], group: .ask,
            summary: "Change values and see every metric they move, in every period.",
            discussion: """
                `= 30%` sets the value; `= +10%` and `= -5%` move it by a share; `= +500` and \
                `= -2k` move it by an amount; `= +5pp` and `= -2pp` move a rate by percentage points \
                (+5pp adds 0.05). `in PERIOD` changes one period; `in FROM..TO` each period of the \
                range; `from PERIOD` that period and every later one of its length, up to the last \
                recorded value. A share or points move every month (or whatever the values are \
                recorded by) of the periods named; a value set, or an amount added, applies to each \
                period named, spread over its months as today's value is (over a range of a metric \
                that adds up, it is the range's total). Several changes are joined with `and`.

                Every metric the change moves through formulas is listed with its value before and \
                after in the period; where formulas read earlier periods (`mqls[-1m]`, a profile, a \
                balance), the change also lands later: the answer then gives each metric's change in \
                every quarter and year it lands in (in CSV and JSON, every month, quarter, half and \
                year). Metrics reached only through links are named. Without `in` or `from`, the \
                latest period with recorded values that starts before the actuals end. A change that takes a share above 100% or below \
                0 is worked out and said to be arithmetic, not a forecast. Nothing in the workspace \
                changes, unless `as \
                NAME` keeps the changes as a scenario: `show scenarios` lists them with what they do, \
                `compare` sets them side by side, `adopt` writes one into the plan.
                """,
            examples: [
                "whatif win_rate = 30% in 2026-Q3", "whatif leads = +10% in 2026-Q3",
                "whatif win_rate = +5pp from 2026-Q3 and deal_size = +2k in 2026-Q3",
            ],
            forms: [
                CommandForm([
                    .repeated(
                        "changes",
                        [
                            .name("metric", .metric), .keyword("="), .change("change"),
                            .optional([.choice("scope", ["in", "from"]), .span("period")]),
                        ], separator: "and"),
                    .optional([.keyword("as"), .name("scenario", .fresh)]),
                ]) { b throws(Diagnostic) in
                    .whatIf(try b.groups("changes").map(whatIfChange), scenario: b.name("scenario"))
                }
            ]),
        CommandSpec(
            verb: "solve", aliases: [], group: .ask,
            summary: "Find the value of one driver that brings a metric to a number.",
            discussion: """
                Exact where the formulas are linear in the driver, numerical otherwise. Says so \
                when the driver does not drive the metric or no value reaches the number. Where \
                formulas read earlier periods (`mqls[-1m]`, a profile), the driver's values in the \
                periods that feed the metric are found through the lags and scaled by one factor, \
                keeping their shape: the answer names those periods and what each stage needs in \
                each of them, with its owning team. Once there is a plan or `actuals through`, a \
                period of the driver that ends at or before the end of actuals is closed: it is held \
                as it is, only the later ones move, and the answer names the periods held. `over \
                FROM..TO` scales only the periods in the range, closed or not. `by` and `in` may \
                come in either order. A driver that counts things (unit \
                count) is given whole, rounded the way it had to move so the metric reaches the \
                target, and the answer says so. When the driver is a share and the \
                answer lies above 100% or below 0, the answer says that no value of it from 0 to 100% \
                gets there (and `exact` is no). Nothing in the workspace changes.
                """,
            examples: ["solve revenue = 2.5M by leads in 2026-Q3"],
            forms: [
                CommandForm([
                    .name("metric", .metric), .keyword("="), .number("target"), .keyword("by"),
                    .name("driver", .metric), .optional([.keyword("in"), .period("period")]),
                    .optional([.keyword("over"), .span("over")]),
                ]) { b throws(Diagnostic) in solve(b) },
                CommandForm([
                    .name("metric", .metric), .keyword("="), .number("target"), .keyword("in"), .period("period"),
                    .keyword("by"), .name("driver", .metric), .optional([.keyword("over"), .span("over")]),
                ]) { b throws(Diagnostic) in solve(b) },
            ]),
    ]

    private static func chart(_ b: Bindings) -> Command {
        .chart(b.required("metric"), in: b.period("period"), by: b.word("grain").flatMap(Period.Grain.init(word:)))
    }

    private static func solve(_ b: Bindings) -> Command {
        .solve(b.required("metric"), target: b.number("target")!, by: b.required("driver"), b.period("period"), over: b.span("over"))
    }

    private static func whatIfChange(_ b: Bindings) throws(Diagnostic) -> WhatIfChangeSyntax {
        var scope: WhatIfChangeSyntax.ScopeSyntax?
        if let span = b.span("period") {
            if b.word("scope") == "from" {
                guard span.lowerBound == span.upperBound else {
                    throw Diagnostic(.fromRange, at: b.range("period")!)
                }
                scope = .from(span.lowerBound)
            } else {
                scope = .within(span)
            }
        }
        return WhatIfChangeSyntax(metric: b.required("metric"), change: b.change("change")!, scope: scope)
    }

    private static let queryForms: [CommandForm] = [
        CommandForm([.keyword("orphans")]) { _ throws(Diagnostic) in .query(.orphans) },
        CommandForm([.keyword("conflicts")]) { _ throws(Diagnostic) in .query(.conflicts) },
        CommandForm([.keyword("handoffs")]) { _ throws(Diagnostic) in .query(.handoffs) },
        CommandForm([.keyword("horizons")]) { _ throws(Diagnostic) in .query(.horizons) },
        CommandForm([.keyword("gaps"), .period("period")]) { b throws(Diagnostic) in .query(.gaps(b.period("period")!)) },
        CommandForm([.keyword("consistency"), .optional([.period("period")])]) { b throws(Diagnostic) in
            .query(.consistency(b.period("period")))
        },
        CommandForm([.keyword("path"), .name("from", .metric), .name("to", .metric)]) { b throws(Diagnostic) in
            .query(.path(from: b.required("from"), to: b.required("to")))
        },
        CommandForm([.keyword("drivers"), .name("metric", .metric), .optional([.keyword("in"), .period("period")])]) {
            b throws(Diagnostic) in
            .query(.drivers(b.required("metric"), b.period("period")))
        },
        CommandForm([.keyword("pacing"), .period("period")]) { b throws(Diagnostic) in .query(.pacing(b.period("period")!)) },
        CommandForm([.keyword("variance"), .name("metric", .metric), .optional([.keyword("in"), .span("period")])]) {
            b throws(Diagnostic) in
            .query(.variance(b.required("metric"), b.span("period")))
        },
    ]
}

extension Message {
    static let fromRange = Message("'from' takes one period, the first the change applies to; for a range write 'in FROM..TO'")
}
