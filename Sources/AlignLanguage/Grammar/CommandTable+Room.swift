import AlignCore

extension CommandTable {
    static let roomCommands: [CommandSpec] = [
        CommandSpec(
            verb: "decide", aliases: [], group: .room,
            summary: "Record a decision the room took, with who carries it out and by when.",
            discussion: """
                Decisions are kept in order, saved with the workspace, listed by `show decisions` \
                and printed first in the report, with their owner and due period. At the prompt \
                the time is stamped by itself; `at=` gives another. A team named as owner cannot \
                be removed without `cascade`, which leaves its decisions without an owner.
                """,
            examples: ["decide \"MQL means a booked first meeting, for both teams\" owner=marketing due=2026-Q3"],
            forms: [
                CommandForm([.string("text"), .options(decideOptions, text: nil)]) { b throws(Diagnostic) in
                    .room(.decide(b.text("text")!, time: b.text("at"), owner: b.name("owner"), due: try b.due()))
                }
            ]),
        CommandSpec(
            verb: "park", aliases: [], group: .room,
            summary: "Set a question aside for later: the parking lot.",
            discussion: """
                Parked items are kept in order, saved with the workspace, shown on the room's page \
                and listed in the report, so that nothing raised is forgotten. `show parked` lists \
                them; `remove parked N` takes one off once it is dealt with.
                """,
            examples: ["park \"Should partner leads count as MQLs?\""],
            forms: [
                CommandForm([.string("text"), .options([OptionSpec("at", .text, "when it was raised")], text: nil)]) {
                    b throws(Diagnostic) in
                    .room(.park(b.text("text")!, time: b.text("at")))
                }
            ]),
        CommandSpec(
            verb: "vote", aliases: [], group: .room,
            summary: "Put a question to the room, count its votes, and close it.",
            discussion: """
                `vote "question" options=a,b,c` opens a vote (one still open is closed). Votes come \
                from the room's page, where a form shows the options, or are typed: `vote b` adds \
                one for b, `vote b 4` adds four (a show of hands). `vote close` ends it and prints \
                the result. `show votes` lists every vote; all of them are saved and reported.
                """,
            examples: ["vote \"Which MQL definition?\" options=meeting,form", "vote meeting 5", "vote form", "vote close"],
            forms: [
                CommandForm([.keyword("close")]) { _ throws(Diagnostic) in .room(.closeVote) },
                CommandForm([
                    .string("question"),
                    .options([OptionSpec("options", .names(.fresh), "the choices, separated by commas")], text: nil),
                ]) { b throws(Diagnostic) in
                    .room(.openVote(b.text("question")!, options: b.names("options")))
                },
                CommandForm([.name("option", .fresh), .optional([.integer("count")])]) { b throws(Diagnostic) in
                    .room(.castVote(b.required("option"), count: Int(b.number("count") ?? 1), countRange: b.range("count")))
                },
            ]),
        CommandSpec(
            verb: "timer", aliases: [], group: .room,
            summary: "Start a countdown that the prompt and the room's page show.",
            discussion: """
                `timer 10m` starts ten minutes (90s, 1h30m; a bare number is minutes); the prompt \
                shows what is left and the page counts down. `timer` alone says what is left, \
                `timer off` stops it. A new timer replaces the old. Timers are undone and recovered \
                like any change, but a saved script leaves them out.
                """,
            examples: ["timer 10m", "timer", "timer off"],
            forms: [
                CommandForm([.keyword("off")]) { _ throws(Diagnostic) in .room(.stopTimer) },
                CommandForm([.duration("length")]) { b throws(Diagnostic) in .room(.startTimer(Int(b.number("length")!))) },
                CommandForm([]) { _ throws(Diagnostic) in .room(.showTimer) },
            ]),
        CommandSpec(
            verb: "serve", aliases: [], group: .room,
            summary: "Serve a live, read-only page of the workspace for the room.",
            discussion: """
                The page shows the driver tree with values and goals, the gaps, conflicts, \
                decisions, parked items, votes and the timer, and follows every change made at \
                the prompt within a second. It binds to 127.0.0.1:8800 unless told otherwise; any \
                other address (0.0.0.0:8800 for everyone on the network) prints a link with a \
                random token, and the page refuses whoever comes without it. The page changes \
                nothing: it answers GET only, but for the form of an open vote. `serve` again \
                prints the link; `serve off` stops it. --safe refuses `serve`. `serve` alone serves \
                this machine, `serve :9000` another port, `serve 0.0.0.0:8800` the whole network \
                (with a token).
                """,
            examples: ["serve off"],
            forms: [
                CommandForm([.keyword("off")]) { _ throws(Diagnostic) in .room(.stopServing) },
                CommandForm([.optional([.address("address")])]) { b throws(Diagnostic) in .room(.serve(b.name("address"))) },
            ]),
        CommandSpec(
            verb: "theme", aliases: [], group: .room,
            summary: "Choose the terminal's colours: default, or contrast for a projector.",
            discussion: """
                contrast draws everything bold and bright, with nothing dim, so that the back of \
                the room can read the screen; the room's page follows. --theme sets it at start.
                """,
            examples: ["theme contrast", "theme default"],
            forms: [
                CommandForm([.choice("theme", Theme.allCases.map(\.rawValue))]) { b throws(Diagnostic) in
                    .room(.theme(Theme(rawValue: b.word("theme")!)!))
                }
            ]),
        CommandSpec(
            verb: "clear", aliases: ["cls"], group: .room,
            summary: "Clear the terminal, for a clean screen in front of the room.",
            discussion: "Does nothing in a script or a pipe.",
            examples: ["clear"],
            forms: [CommandForm([]) { _ throws(Diagnostic) in .room(.clear) }]),
    ]

    static let decideOptions = [
        OptionSpec("owner", .name(.team), "the team that carries it out"),
        OptionSpec("due", .text, "the period it is due by: 2026-Q3"),
        OptionSpec("at", .text, "when it was decided (the prompt stamps the time itself)"),
    ]
}

extension Bindings {
    /// `due=PERIOD`, read as a period; an error at the value when it is not one.
    func due() throws(Diagnostic) -> Period? {
        guard let text = text("due") else { return nil }
        guard let period = Period(text) else {
            throw Diagnostic(.notAPeriod(text, suggestion: PeriodSpelling.suggestion(for: text)), at: range("due")!)
        }
        return period
    }
}
