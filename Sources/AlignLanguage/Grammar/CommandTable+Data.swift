import AlignCore

extension CommandTable {
    static let dataCommands: [CommandSpec] = [
        CommandSpec(
            verb: "source", aliases: [], group: .data,
            summary: "Name a place actuals come from: a CSV export, an SQLite file or a PostgreSQL database.",
            discussion: """
                csv is an export with a header row, as CRMs and marketing-automation tools write \
                them: the delimiter (comma, semicolon or tab), quoting and a byte-order mark are \
                found by themselves. sqlite is a database file, opened read-only. postgres is a \
                libpq connection string (\"host=db dbname=sales user=analyst\") or URI, reached \
                through the psql client; the password comes from PGPASSWORD, ~/.pgpass or a \
                service file, and a line that writes one is refused and kept nowhere. table= is \
                the table that count(), sum() and avg() read in a database. Nothing is read until \
                `refresh`; repeating the command changes the place. --safe refuses every source.
                """,
            examples: [
                "source opps csv \"examples/data/opportunities-2026-09-14.csv\"", "source crm sqlite \"crm.db\" table=deals",
                "source wh postgres \"host=127.0.0.1 dbname=sales user=analyst\" table=leads", "show sources",
            ],
            forms: [
                CommandForm([
                    .name("name", .source), .choice("kind", DataSource.Kind.allCases.map(\.rawValue)),
                    .path("place", .source),
                    .options([OptionSpec("table", .text, "the table count(), sum() and avg() read (sqlite, postgres)")],
                        text: nil),
                ]) { b throws(Diagnostic) in
                    let place = b.path("place")!
                    try refusePassword(place)
                    if let table = b.text("table"), Secrets.mentionPassword(table) {
                        throw Diagnostic(.passwordInLine, at: b.range("table"))
                    }
                    return .data(
                        .source(
                            b.required("name"), DataSource.Kind(rawValue: b.word("kind")!)!, location: place,
                            table: b.text("table")))
                }
            ]),
        CommandSpec(
            verb: "refresh", aliases: [], group: .data,
            summary: "Pull the actuals again from their sources and show what changed.",
            discussion: """
                Without a name, every actuals definition; with a source's name, those on that \
                source; with a metric's name, that metric's. A database does the adding up \
                (GROUP BY in SQL) and sends back only the totals; a CSV file is read as a stream, \
                so memory does not grow with its rows. The values pulled replace the metric's \
                values at the grain they land in, all at once: a date or number that cannot be \
                read, a missing column or a source that cannot be reached is an error (FILE:LINE \
                and the column, for a CSV file) and nothing is changed. The answer lists each \
                value added (+), changed (~) or removed (-). The journal keeps the values pulled, \
                so `align --recover` never needs the source; `undo` takes the whole refresh back.
                """,
            examples: [
                "source contacts csv \"examples/data/contacts-2026-09-14.csv\"",
                "actuals mqls = count() from contacts by mql_date", "refresh", "refresh contacts",
            ],
            forms: [
                CommandForm([.optional([.name("name", .source)])]) { b throws(Diagnostic) in
                    .data(.refresh(b.name("name")))
                }
            ]),
        CommandSpec(
            verb: "fit", aliases: [], group: .data,
            summary: "Measure a conversion from pairs of dates: the share that converts, and when.",
            discussion: """
                Each row with a first date (an MQL date, say) is one that could convert; a second \
                date on or after it (the SQL date) is a conversion, the number of whole calendar \
                months between them its lag. fit prints how many converted at each lag, the share \
                that converts, and the formula line to paste, such as `metric sqls = profile(mqls, \
                1m, 20%, 50%, 30%) * 40%`, reading the metric whose actuals count the same source \
                by the first date. Months too recent to have converted in full are left out of the \
                share and said so. It changes nothing.
                """,
            examples: [
                "source contacts csv \"examples/data/contacts-2026-09-14.csv\"",
                "actuals mqls = count() from contacts by mql_date", "fit sqls from contacts mql_date -> sql_date",
            ],
            forms: [
                CommandForm(
                    [
                        .name("metric", .metric), .keyword("from"), .name("source", .source), .column("datecol1"),
                        .keyword("->"), .column("datecol2"),
                    ] + whereSlots
                ) { b throws(Diagnostic) in
                    .data(
                        .fit(
                            b.required("metric"), source: b.required("source"), from: b.required("datecol1"),
                            to: b.required("datecol2"), filters: filters(b)))
                }
            ]),
    ]

    /// What `actuals METRIC = ...` (where a metric's actual values come from)
    /// adds to `actuals through PERIOD` (where actuals end): the one verb's
    /// spec, in CommandTable+Plan.swift, takes these.
    static let actualsFromDiscussion = """
        `actuals METRIC = ...` says where a metric's actual values come from: count() \
        counts the rows of a source, sum(COL) adds up a column and avg(COL) averages it, by \
        the month of a date column, or by the grain the metric's values are recorded at when \
        that is coarser (per= chooses). Rows with no date are left out. where keeps the rows \
        whose column holds the value: a word, a \"string\" (compared exactly), true or false \
        (true, 1 and yes match true), or a number. Columns are found by their header, in \
        any case; a name with blanks is quoted (\"Close Date\"), and the API names and \
        report labels of Salesforce opportunity and HubSpot contact exports find each other \
        (CloseDate finds Close Date). sql runs a query of one's own on an sqlite or postgres source: its first \
        column a period or a date, its second a number. The definition is kept with the \
        workspace and saved; `refresh` pulls the values, which then replace the metric's \
        values at that grain. `remove actuals METRIC` forgets it.
        """

    /// Examples of `actuals METRIC = ...`.
    static let actualsFromExamples: [String] = [
        "source opps csv \"examples/data/opportunities-2026-09-14.csv\"",
        "actuals revenue = sum(Amount) from opps by CloseDate where Stage = \"Closed Won\"",
        "actuals sqls = count() from opps by \"Created Date\" per=quarter", "refresh", "show revenue",
    ]

    /// `actuals METRIC = count()|sum(COL)|avg(COL) from ...` and `actuals METRIC = sql ...`.
    static let actualsFromForms: [CommandForm] = [
        CommandForm(
            [
                .name("metric", .metric), .keyword("="), .aggregate("aggregate"), .keyword("from"),
                .name("source", .source), .keyword("by"), .column("datecol"),
            ] + whereSlots + [grainOption]
        ) { b throws(Diagnostic) in
            let aggregate: ActualsDefinition.Aggregate
            let column = b.name("aggregateColumn")
            switch b.word("aggregate")! {
            case "sum": aggregate = .sum(column!.text)
            case "avg": aggregate = .avg(column!.text)
            default: aggregate = .count
            }
            let pull = PullSyntax.rows(aggregate, column: column, date: b.required("datecol"), filters: filters(b))
            return .data(.actuals(b.required("metric"), source: b.required("source"), pull, grain: grain(b)))
        },
        CommandForm([
            .name("metric", .metric), .keyword("="), .keyword("sql"), .name("source", .source),
            .string("SELECT ..."), grainOption,
        ]) { b throws(Diagnostic) in
            .data(
                .actuals(
                    b.required("metric"), source: b.required("source"),
                    .sql(b.text("SELECT ...")!, b.range("SELECT ...")!), grain: grain(b)))
        },
    ]

    /// `remove source NAME [cascade]` and `remove actuals METRIC`.
    static let dataRemoveForms: [CommandForm] = [
        CommandForm([.keyword("source"), .name("name", .source), .optional([.keyword("cascade")])]) {
            b throws(Diagnostic) in
            .data(.removeSource(b.required("name"), cascade: b.has("cascade")))
        },
        CommandForm([.keyword("actuals"), .name("metric", .metric)]) { b throws(Diagnostic) in
            .data(.removeActuals(b.required("metric")))
        },
    ]

    /// `rename source OLD NEW`.
    static let dataRenameForms: [CommandForm] = [
        CommandForm([.keyword("source"), .name("old", .source), .name("new", .fresh)]) { b throws(Diagnostic) in
            .data(.renameSource(b.required("old"), to: b.required("new")))
        }
    ]

    /// `[where COL = VALUE [and ...]]`.
    private static let whereSlots: [Slot] = [
        .optional([.keyword("where"), .repeated("filters", [.column("col"), .keyword("="), .cell("value")], separator: "and")])
    ]

    private static let grainOption = Slot.options(
        [OptionSpec("per", .choice(Period.Grain.allCases.map(\.word)), "the periods values land in (default: as recorded)")],
        text: nil)

    private static func grain(_ b: Bindings) -> Period.Grain? {
        b.word("per").flatMap(Period.Grain.init(word:))
    }

    private static func filters(_ b: Bindings) -> [FilterSyntax] {
        b.groups("filters").map { g in
            let value: ActualsDefinition.Filter.Value
            if let number = g.number("value") {
                value = .number(number)
            } else if let word = g.word("value") {
                switch word.lowercased() {
                case "true": value = .boolean(true)
                case "false": value = .boolean(false)
                default: value = .text(word)
                }
            } else {
                value = .text(g.text("value") ?? "")
            }
            return FilterSyntax(column: g.required("col"), value: value)
        }
    }

    /// Refuses a place that writes a password, pointing at the password.
    private static func refusePassword(_ place: PathArgument) throws(Diagnostic) {
        let bytes = Array(place.path.utf8)
        guard let secret = Secrets.passwords(in: bytes).first else { return }
        // The path's text sits in its range after the opening quote, when it has one;
        // escapes could shift it, so the range is kept within the path's.
        let quoted = place.range.end - place.range.start > bytes.count ? 1 : 0
        let start = min(place.range.start + quoted + secret.lowerBound, place.range.end)
        let end = min(place.range.start + quoted + secret.upperBound, place.range.end)
        throw Diagnostic(.passwordInLine, at: SourceRange(start, end))
    }
}

extension CommandTable {
    /// The error for the first password written in a command, if it writes one.
    static func passwordError(_ source: SourceText, _ range: SourceRange) -> Diagnostic? {
        let bytes = Array(source.bytes[range.start..<min(range.end, source.bytes.count)])
        guard let secret = Secrets.passwords(in: bytes).first else { return nil }
        let at = SourceRange(range.start + secret.lowerBound, range.start + secret.upperBound)
        return Diagnostic(.passwordInLine, at: at, in: source)
    }
}

extension Message {
    static let passwordInLine = Message(
        "a password written in a line would be kept in the history, the journal and saved scripts; "
            + "leave it out and give it through PGPASSWORD, ~/.pgpass or a service file (this line was not kept)")
}
