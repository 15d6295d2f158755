import AlignCore

extension CommandTable {
    static let buildCommands: [CommandSpec] = [
        CommandSpec(
            verb: "team", aliases: [], group: .build,
            summary: "Add a team, or update one, with its planning horizon.",
            discussion: """
                The horizon is how far ahead the team plans: month, quarter, half or year; \
                `query horizons` compares it with the lags on the team's goals. Repeating the \
                command updates the attributes it gives and keeps the others. A team still used \
                (owning metrics, goals or definitions) is removed only with `remove team NAME cascade`.
                """,
            examples: ["team finance horizon=year \"Keeps the books\"", "team sales horizon=half"],
            forms: [
                CommandForm([
                    .name("name", .fresh),
                    .options([OptionSpec("horizon", .choice(Horizon.words), "how far ahead the team plans")],
                        text: "description"),
                ]) { b throws(Diagnostic) in
                    .team(
                        b.required("name"), horizon: b.word("horizon").flatMap(Horizon.init(rawValue:)),
                        description: b.text("description"))
                }
            ]),
        CommandSpec(
            verb: "term", aliases: [], group: .build,
            summary: "Give a team's definition of a glossary term.",
            discussion: """
                Each team has its own definition of a term; giving it again replaces that team's \
                definition and leaves the other teams' alone. Without by= the definition is everyone's. \
                aka= adds other names the team uses for the term; a line with only aka= keeps the \
                definitions. `show TERM` gives every team's wording; `query conflicts` finds terms \
                defined differently, terms used but never defined, and synonyms that clash.
                """,
            examples: [
                "term Opportunity \"A qualified deal in the pipeline\" by=sales aka=Opp,Deal",
                "show MQL",
            ],
            forms: [
                CommandForm([
                    .name("name", .term),
                    .options(
                        [
                            OptionSpec("by", .name(.team), "the team whose definition this is"),
                            OptionSpec("aka", .names(.fresh), "other names for the term, separated by commas"),
                        ], text: "definition"),
                ]) { b throws(Diagnostic) in
                    .term(b.required("name"), definition: b.text("definition"), by: b.name("by"), aka: b.names("aka"))
                }
            ]),
        CommandSpec(
            verb: "metric", aliases: [], group: .build,
            summary: "Add a metric or update its attributes; or give its formula.",
            discussion: """
                A metric has an owning team, a unit (count, ratio, percent, score, USD, ...), the \
                glossary term it counts, and a description; repeating the command updates the \
                attributes it gives and keeps the others. `metric NAME = EXPR` computes the metric \
                from others with + - * /, parentheses and numbers, creating it if it is new and \
                replacing an earlier formula; attributes and a formula may share one line \
                (`metric sqls owner=sales = mqls[-1m] * sql_rate`).

                Time: `NAME[-1m]` (or -Nq, -Nh, -Ny) reads a metric an offset earlier, and in a \
                longer period the window of shorter ones it covers; `profile(EXPR, 1m, 0%, 20%, \
                50%, 30%)` is a distributed lag, each share of EXPR read that many steps later. A \
                metric may read itself only through an earlier period (`arr = arr[-1m] + \
                new_arr`), opening on a recorded value. A formula that would make a metric depend \
                on itself in the same period is refused and the cycle is shown; so is one that \
                adds or subtracts values whose units cannot add (USD + count).

                agg= says how values of finer periods make up a coarser one: sum (the default for \
                counts and money), avg (the default for ratios, percents and scores; for a \
                formula, recomputed from the coarser period's inputs), last (the last finer \
                period, as for ending ARR or headcount) or first (an opening balance). A formula \
                that divides by a metric is a rate, recomputed by default.
                """,
            examples: [
                "metric pipeline owner=sales unit=USD \"Open opportunities\"",
                "metric conversion = sqls / mqls",
                "metric late_sqls owner=sales unit=count = mqls[-1q] * sql_rate",
                "metric closed unit=count = profile(sqls, 1m, 0%, 20%, 50%, 30%) * win_rate",
            ],
            forms: [
                CommandForm([.name("name", .metric), .keyword("="), .expression("formula")]) { b throws(Diagnostic) in
                    .formula(b.required("name"), b.expression("formula")!)
                },
                CommandForm(metricSlots + [.keyword("="), .expression("formula")]) { b throws(Diagnostic) in
                    metric(b, formula: b.expression("formula"))
                },
                CommandForm(metricSlots) { b throws(Diagnostic) in metric(b, formula: nil) },
            ]),
        CommandSpec(
            verb: "link", aliases: [], group: .build,
            summary: "Say that one metric drives another outside any formula.",
            discussion: """
                Links carry what formulas cannot: brand awareness fills the funnel, later. lag= is \
                how long the effect takes (30d, 6w, 2m, 2q, 1y); weight= is how strongly the driven \
                metric follows (the share it moves when the driver moves by one). Links carry no \
                arithmetic: they count for paths to revenue, hand-offs and horizons, not for values. \
                Links may form cycles (revenue funds marketing, which makes leads). Repeating a link \
                updates the attributes it gives. `->` may be written `→`.
                """,
            examples: ["link nps -> win_rate lag=1q \"Happy customers refer\""],
            forms: [
                CommandForm([
                    .name("from", .metric), .keyword("->"), .name("to", .metric),
                    .options(
                        [
                            OptionSpec("lag", .lag, "how long the effect takes"),
                            OptionSpec("weight", .number, "how strongly the driven metric follows"),
                        ], text: "why"),
                ]) { b throws(Diagnostic) in
                    .link(
                        from: b.required("from"), to: b.required("to"), lag: b.lag("lag"), weight: b.number("weight"),
                        why: b.text("why"))
                }
            ]),
        CommandSpec(
            verb: "value", aliases: [], group: .build,
            summary: "Record a metric's actual value in a period.",
            discussion: """
                Periods are 2026 (a year), 2026-H2, 2026-Q3 and 2026-07 (a month). Numbers may be \
                written 1200, 2.5, 20k, 2.5M, 1B, 25% (0.25) or -3. Recording again replaces the \
                value; `remove value METRIC PERIOD` erases it. A value recorded for a metric that has \
                a formula is an actual: it is used downstream and shown beside the computed one. \
                Values recorded by month make up their quarters, halves and years; a value \
                recorded for a longer period is carried down to the shorter ones that have none of \
                their own (a rate holds in each month, a count or an amount is spread evenly, a \
                balance is known at the month that ends the period). A share (unit ratio, percent \
                or share) given a value above 100% or below 0 is kept, with a warning: \
                `value sql_rate 2026-Q3 50` asks "did you mean 50%?"; `import values` and \
                `import plan` ask the same at FILE:ROW, for the first three such rows.
                """,
            examples: ["value leads 2026-Q4 4400", "value win_rate 2026-Q4 27%"],
            forms: [
                CommandForm([.name("metric", .metric), .period("period"), .number("value")]) { b throws(Diagnostic) in
                    .value(b.required("metric"), b.period("period")!, b.number("value")!)
                }
            ]),
        CommandSpec(
            verb: "goal", aliases: [], group: .build,
            summary: "Set a team's goal: a metric against a target by a period.",
            discussion: """
                The comparison is >= (at least), <= (at most) or = (exactly), also written ≥ and ≤; \
                the target is in the metric's unit (25% for a ratio). A goal with the same name is \
                replaced, but keeps its reason unless the line gives one (a new target is not a new \
                purpose); `""` clears the reason. `query gaps PERIOD` sets goals against values, `query consistency` \
                checks that goals on one chain add up. A target for a share above 100% or below 0 \
                is kept, with a warning.
                """,
            examples: ["goal q4_leads marketing leads >= 5000 by 2026-Q4 \"Fill next year's funnel\""],
            forms: [
                CommandForm([
                    .name("name", .goal), .name("team", .team), .name("metric", .metric), .comparison("comparison"),
                    .number("target"), .keyword("by"), .period("period"), .options([], text: "why"),
                ]) { b throws(Diagnostic) in
                    .goal(
                        b.required("name"), team: b.required("team"), metric: b.required("metric"),
                        comparison: b.comparison("comparison")!, target: b.number("target")!,
                        period: b.period("period")!, why: b.text("why"))
                }
            ]),
        CommandSpec(
            verb: "revenue", aliases: [], group: .build,
            summary: "Choose the metric that revenue is measured by.",
            discussion: """
                Without this command, the metric named `revenue` is the revenue metric; renamed, it \
                stays the revenue metric. Orphans, hand-offs and horizons are all about paths to it.
                """,
            examples: ["revenue revenue"],
            forms: [
                CommandForm([.name("metric", .metric)]) { b throws(Diagnostic) in .revenue(b.required("metric")) }
            ]),
        CommandSpec(
            verb: "remove", aliases: [], group: .build,
            summary: "Remove a team, term, metric, goal, link, value, plan value, note, decision, parked item, scenario, source or actuals definition.",
            discussion: """
                A team, term or metric that something still uses is not removed: the error lists \
                the uses. With `cascade` they go too: a metric's values, links and goals are \
                removed and formulas that read it are cleared; a team's goals, definitions and synonyms \
                are removed and its metrics lose their owner; metrics that count a term stop counting \
                it. At the prompt, the confirmation names what the cascade removed (goals, links) and \
                what it cleared (formulas, owners, terms). Notes, decisions and parked items are removed \
                by their number in `show notes`, `show decisions` and `show parked`. A source that \
                actuals are pulled from goes with `cascade`, and the definitions with it (the values \
                they pulled stay); `remove actuals METRIC` forgets where a metric's actuals come from.
                """,
            examples: ["remove goal nps_up", "remove link brand_awareness -> leads", "remove metric nps cascade"],
            forms: removeForms + dataRemoveForms),
        CommandSpec(
            verb: "rename", aliases: [], group: .build,
            summary: "Rename a team, term, metric, goal or source; every reference follows.",
            discussion: """
                Formulas, links, goals, owners, definitions and the revenue choice refer to the \
                renamed thing under its new name. A name already taken by another of the same kind \
                is refused. For the rest of the session the old name points to the new one: after \
                `rename metric mqls marketing_qualified_leads`, `show mqls` answers "mqls was \
                renamed to marketing_qualified_leads" rather than suggesting another name; undo the \
                rename, or give the old name to something new, and it is itself again.
                """,
            examples: ["rename metric mqls marketing_qualified_leads", "rename team sales revenue_team"],
            forms: [EntityKind.team, .term, .metric, .goal].map { kind in
                CommandForm([.keyword(kind.rawValue), .name("old", role(of: kind)), .name("new", .fresh)]) {
                    b throws(Diagnostic) in
                    .rename(kind, b.required("old"), to: b.required("new"))
                }
            } + dataRenameForms),
    ]

    /// The name and attributes of `metric`, with or without a formula after them.
    private static let metricSlots: [Slot] = [
        .name("name", .metric),
        .options(
            [
                OptionSpec("owner", .name(.team), "the team accountable for the metric"),
                OptionSpec("unit", .unit, "count, ratio, percent, score, USD, ..."),
                OptionSpec("term", .name(.term), "the glossary term the metric counts"),
                OptionSpec("agg", .choice(Aggregation.words), "how finer periods roll up"),
            ], text: "description"),
    ]

    private static func metric(_ b: Bindings, formula: Expression?) -> Command {
        .metric(
            b.required("name"), owner: b.name("owner"), unit: b.text("unit"), term: b.name("term"),
            description: b.text("description"), aggregation: b.word("agg").flatMap(Aggregation.init(rawValue:)),
            formula: formula)
    }

    static func role(of kind: EntityKind) -> NameRole {
        switch kind {
        case .team: return .team
        case .term: return .term
        case .metric: return .metric
        case .goal: return .goal
        default: return .any
        }
    }

    private static let removeForms: [CommandForm] =
        [EntityKind.team, .term, .metric].map { kind in
            CommandForm([.keyword(kind.rawValue), .name("name", role(of: kind)), .optional([.keyword("cascade")])]) {
                b throws(Diagnostic) in
                .remove(.entity(kind, b.required("name")), cascade: b.has("cascade"))
            }
        } + [
            CommandForm([.keyword("goal"), .name("name", .goal)]) { b throws(Diagnostic) in
                .remove(.entity(.goal, b.required("name")), cascade: false)
            },
            CommandForm([.keyword("link"), .name("from", .metric), .keyword("->"), .name("to", .metric)]) {
                b throws(Diagnostic) in
                .remove(.link(from: b.required("from"), to: b.required("to")), cascade: false)
            },
            CommandForm([.keyword("value"), .name("metric", .metric), .period("period")]) { b throws(Diagnostic) in
                .remove(.value(b.required("metric"), b.period("period")!), cascade: false)
            },
            CommandForm([.keyword("note"), .integer("number")]) { b throws(Diagnostic) in
                .remove(.note(.note, Int(b.number("number")!), b.range("number")!), cascade: false)
            },
            CommandForm([.keyword("decision"), .integer("number")]) { b throws(Diagnostic) in
                .remove(.note(.decision, Int(b.number("number")!), b.range("number")!), cascade: false)
            },
            CommandForm([.keyword("parked"), .integer("number")]) { b throws(Diagnostic) in
                .remove(.note(.parked, Int(b.number("number")!), b.range("number")!), cascade: false)
            },
            CommandForm([.keyword("plan"), .name("metric", .metric), .period("period")]) { b throws(Diagnostic) in
                .remove(.plan(b.required("metric"), b.period("period")!), cascade: false)
            },
            CommandForm([.keyword("scenario"), .name("name", .scenario)]) { b throws(Diagnostic) in
                .remove(.scenario(b.required("name")), cascade: false)
            },
        ]
}
