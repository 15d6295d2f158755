import AlignCore

extension CommandTable {
    static let fileCommands: [CommandSpec] = [
        CommandSpec(
            verb: "save", aliases: [], group: .files,
            summary: "Write the workspace as a canonical script.",
            discussion: """
                Sections in a fixed order, one command a line; running the file and saving again \
                gives the same bytes. The file is written atomically: a failed save leaves the old one.
                """,
            examples: ["save plan.align"],
            forms: [CommandForm([.path("file", .output)]) { b throws(Diagnostic) in .save(b.path("file")!) }]),
        CommandSpec(
            verb: "run", aliases: [], group: .files,
            summary: "Run the commands of a script file.",
            discussion: """
                A relative path is relative to the folder of the script that asks. The first \
                failing command stops the file, and the error names the chain of files that led there.
                """,
            examples: ["save plan.align", "run plan.align"],
            forms: [CommandForm([.path("file", .script)]) { b throws(Diagnostic) in .run(b.path("file")!) }]),
        CommandSpec(
            verb: "record", aliases: [], group: .files,
            summary: "Record the commands of this session to a file, or stop recording.",
            discussion: """
                The file starts with a header saying when, and how to replay it: `align FILE` from \
                an empty workspace, `align --demo FILE` from the reference scenario as loaded, and \
                otherwise `align -q FILE`, with the workspace as it stood written first. A file a \
                command reads is recorded so that replay reads the same one; `save` and `export \
                FILE` are kept as comments, so replaying writes no file. It replays step by step \
                with `run`.
                """,
            examples: ["record workshop.align", "record off"],
            forms: [
                CommandForm([.keyword("off")]) { _ throws(Diagnostic) in .record(nil) },
                CommandForm([.path("file", .output)]) { b throws(Diagnostic) in .record(b.path("file")!) },
            ]),
        CommandSpec(
            verb: "import", aliases: [], group: .files,
            summary: "Import actual or plan values from a CSV file (metric,period,value).",
            discussion: """
                The CSV needs a header naming the columns metric, period and value, in any order; \
                other columns are ignored. Values may be written as spreadsheets write them \
                ("4,000", $20,000, 25%, 20k, (500) for -500). A row with an empty value is skipped, \
                and a warning counts them. Every bad row, and the same metric and period twice with \
                different values, is reported as FILE:ROW (the first 20, and how many in all), and \
                nothing from the file is applied. An import sets the values its rows name and \
                leaves every other as it was: a row taken out of the file does not take its value \
                out of the workspace (`remove value` and `remove plan` do). \
                `import plan` reads the same columns as plan values (the budget), all or nothing; \
                `export plan csv` writes the plan in that shape, and `export csv` the values.
                """,
            examples: ["export csv values.csv", "import values values.csv"],
            forms: [
                CommandForm([.keyword("values"), .path("file", .csv)]) { b throws(Diagnostic) in
                    .importValues(b.path("file")!)
                },
                CommandForm([.keyword("plan"), .path("file", .csv)]) { b throws(Diagnostic) in
                    .importPlan(b.path("file")!)
                },
            ]),
        CommandSpec(
            verb: "export", aliases: [], group: .files,
            summary: "Write the workspace as a report or for other tools.",
            discussion: """
                html is the report to send round after a workshop, for a CRO with a minute: one \
                page that opens offline, reads on a phone and prints, with its title and date, a \
                summary, what changed in the session (since the first snapshot, or the start), the \
                decisions with owner and due period, goals against targets as bars with their \
                reasons, once there is a plan how each goal paces (as `query pacing`) and, where \
                revenue has a plan, its variance split into its five largest drivers' shares (as \
                `query variance`), whether the goals add up, the glossary the teams agree on, the \
                driver tree drawn, the votes, the parked items, and what is still open (terms defined \
                differently, hand-offs, horizons). Its figures are for the period with the most \
                goals due, or `in PERIOD`; `title="..."` names it. markdown is the same for a wiki \
                or an email. dot and mermaid draw the driver graph for Graphviz and Mermaid; json \
                is the whole workspace (each metric's values and plan, the scenarios and where \
                actuals end included); csv is the recorded values, as `import values` reads them, \
                and `plan csv` the plan values, as `import plan` reads them. \
                Without a file, prints; a file is written whole or not at all.
                """,
            examples: [
                "export html report.html in 2026-Q3 title=\"Q3 alignment workshop\"", "export markdown", "export mermaid",
                "export csv", "export plan csv plan.csv",
            ],
            forms: [
                CommandForm([
                    .choice("format", ExportFormat.words.map(\.rawValue)), .optional([.path("file", .output)]),
                    .optional([.keyword("in"), .period("period")]),
                    .options([OptionSpec("title", .text, "the report's title")], text: nil),
                ]) { b throws(Diagnostic) in
                    .export(ExportFormat(rawValue: b.word("format")!)!, b.path("file"), period: b.period("period"), title: b.text("title"))
                },
                CommandForm([.keyword("plan"), .keyword("csv"), .optional([.path("file", .output)])]) { b throws(Diagnostic) in
                    .export(.planCSV, b.path("file"))
                },
            ]),
    ]

    static let workshopCommands: [CommandSpec] = [
        CommandSpec(
            verb: "undo", aliases: [], group: .workshop,
            summary: "Take back the last command that changed the workspace.",
            discussion: """
                As many steps as the session has; instant however large the workspace, as each step \
                keeps the changes that take it back. `run FILE`, `import values` and a script named on \
                the command line are one step each; inside a script, `undo` takes back the script's own \
                last command. What --demo and the init file load is where undo stops. A `whatif` \
                (unless kept `as NAME`) and a `solve` change nothing, so `undo` right after one takes \
                back the change before it; at the prompt it says so.
                """,
            examples: ["value leads 2026-Q3 5000", "undo"],
            forms: [CommandForm([]) { _ throws(Diagnostic) in .undo }]),
        CommandSpec(
            verb: "redo", aliases: [], group: .workshop,
            summary: "Do again what undo took back.",
            discussion: "Any new change clears what could be redone.",
            examples: ["value leads 2026-Q3 5000", "undo", "redo"],
            forms: [CommandForm([]) { _ throws(Diagnostic) in .redo }]),
        CommandSpec(
            verb: "history", aliases: [], group: .workshop,
            summary: "List this session's commands with their numbers.",
            discussion: """
                The commands typed (or read from standard input or -c) in this session, numbered; \
                those undone and those that failed are marked.
                """,
            examples: ["history"],
            forms: [CommandForm([]) { _ throws(Diagnostic) in .history }]),
        CommandSpec(
            verb: "note", aliases: [], group: .workshop,
            summary: "Record a remark made in the room.",
            discussion: "Notes are kept in order, saved with the workspace and listed by `show notes`.",
            examples: ["note \"Sales wants MQL to mean a booked meeting\""],
            forms: [
                CommandForm([.string("text"), .options([OptionSpec("at", .text, "when it was said")], text: nil)]) {
                    b throws(Diagnostic) in
                    .note(.note, b.text("text")!, time: b.text("at"))
                }
            ]),
        CommandSpec(
            verb: "snapshot", aliases: [], group: .workshop,
            summary: "Keep the workspace as it is now under a name, to compare later.",
            discussion: """
                Snapshots last for the session; `show snapshots` lists them. Taking one under a \
                name in use moves the name to the workspace as it is now and keeps the snapshot it \
                named as NAME_1 (or NAME_2, the first free), so a baseline taken again by mistake is \
                never lost; the prompt says where it went.
                """,
            examples: ["snapshot before"],
            forms: [CommandForm([.name("name", .fresh)]) { b throws(Diagnostic) in .snapshot(b.required("name")) }]),
        CommandSpec(
            verb: "diff", aliases: [], group: .workshop,
            summary: "Show what changed since a snapshot, or between two.",
            discussion: """
                With one name, from that snapshot to now; with two, from the first to the second. \
                Without a name, since the session began: at the prompt, since the prompt first \
                appeared (after --demo, the init file and any scripts named on the command line); \
                in a script, since the start (the empty workspace, or the reference scenario with \
                --demo). Lists what was added, removed, renamed and changed, term by term (each \
                team's wording), metric by metric and value by value, then each goal's value \
                against its target before and after. A scenario adopted in between is listed as \
                adopted, with each plan value it wrote, before and after, before the plan's other \
                changes.
                """,
            examples: ["snapshot before", "value leads 2026-Q3 5000", "diff before", "diff"],
            forms: [
                CommandForm([.optional([.name("from", .snapshot), .optional([.name("to", .snapshot)])])]) {
                    b throws(Diagnostic) in
                    .diff(b.name("from"), b.name("to"))
                }
            ]),
    ]

    static let shellCommands: [CommandSpec] = [
        CommandSpec(
            verb: "format", aliases: [], group: .shell,
            summary: "Choose how answers print: table, csv, json or markdown.",
            discussion:
                "Tables are boxed on a terminal and plain in a pipe. At a terminal, a long answer shows its first 100 rows and says how many more there are; csv and json list them all, and so does a pipe. In a table, a column where some sum of money shows cents shows them on every sum (560,000.00 USD beside 629,907.60 USD), and one where some percentage shows a tenth shows one on every percentage (55.0% beside 55.1%); on a terminal too narrow for the cents, sums of a thousand or more are shown whole, and a line under the table says so. The --format option sets it at start.",
            examples: ["format json", "query gaps 2026-Q3"],
            forms: [
                CommandForm([.choice("format", OutputFormat.allCases.map(\.rawValue))]) { b throws(Diagnostic) in
                    .format(OutputFormat(rawValue: b.word("format")!)!)
                }
            ]),
        CommandSpec(
            verb: "help", aliases: [], group: .shell,
            summary: "List the commands, or explain one.",
            discussion: "`help COMMAND` gives its syntax, what it does and examples.",
            examples: ["help", "help metric"],
            forms: [
                CommandForm([.optional([.name("topic", .verb)])]) { b throws(Diagnostic) in .help(b.name("topic")) }
            ]),
        CommandSpec(
            verb: "quit", aliases: ["exit"], group: .shell,
            summary: "Leave the shell.",
            discussion: "Ctrl-D on an empty line does the same.",
            examples: [],
            forms: [CommandForm([]) { _ throws(Diagnostic) in .quit }]),
    ]
}
