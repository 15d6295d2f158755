import AlignCore
import AlignLanguage
import Foundation
import Testing

/// The commands of a text, parsed; fails the test on an error.
func commands(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Command] {
    let source = SourceText(name: "<test>", text: text)
    var result: [Command] = []
    for range in CommandSplitter(source.bytes) {
        do {
            if let parsed = try Parser.parse(source, range: range) { result.append(parsed.command) }
        } catch {
            Issue.record("\(error.oneLine)", sourceLocation: sourceLocation)
        }
    }
    return result
}

func command(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Command? {
    let list = commands(text, sourceLocation: sourceLocation)
    #expect(list.count == 1, "\(text) holds \(list.count) commands", sourceLocation: sourceLocation)
    return list.first
}

@Suite("Parsing what the brief lists")
struct ParserTests {
    @Test("every line of the reference scenario parses")
    func scenario() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/seed-scenario.align")
        let list = commands(try String(contentsOf: url, encoding: .utf8))
        #expect(list.count == 27)
    }

    /// One example of every form the brief's language section lists.
    static let brief = [
        "team marketing", "team sales horizon=quarter", "team sales \"Closes\" horizon=half",
        "term MQL \"A lead\"", "term MQL \"A lead\" by=sales", "term MQL \"A lead\" by=sales aka=Lead,QL",
        "term MQL aka=Lead by=marketing \"Scored\"",
        "metric leads", "metric leads owner=marketing unit=count term=MQL \"All leads\"",
        "metric revenue = sqls * win_rate * deal_size", "metric x = (a + b) / -c - 2.5k * 25%",
        "link brand -> leads", "link brand -> leads lag=2q weight=0.5 \"Awareness\"", "link a → b lag=30d",
        "value leads 2026-Q3 4000", "value leads 2026 -5", "value leads 2026-H2 2.5M", "value leads 2026-07 25%",
        "goal g sales revenue >= 2.5M by 2026-Q3", "goal g sales revenue <= 1B by 2026 \"why\"",
        "goal g sales revenue = 0 by 2026-H1", "goal g sales revenue ≥ 5 by 2026",
        "revenue bookings",
        "remove team sales", "remove team sales cascade", "remove term MQL", "remove metric leads cascade",
        "remove goal g", "remove link a -> b", "remove value leads 2026-Q3", "remove note 1", "remove decision 2",
        "rename team sales closers", "rename term MQL Lead", "rename metric mqls leads2", "rename goal g h",
        "show", "show teams", "show terms", "show metrics", "show links", "show goals", "show values", "show MQL",
        "ls metrics",
        "tree", "tree revenue", "tree in 2026-Q3", "tree revenue in 2026-Q3",
        "query orphans", "query conflicts", "query handoffs", "query horizons", "query gaps 2026-Q3",
        "query consistency", "query consistency 2026-Q3", "query path leads revenue", "query drivers revenue",
        "query drivers revenue in 2026-Q3",
        "whatif win_rate = 30%", "whatif leads = +10% in 2026-Q3", "whatif leads = -5% in 2026-Q3",
        "whatif leads = +500", "solve revenue = 2.5M by leads", "solve revenue = 2.5M by leads in 2026-Q3",
        "save plan.align", "save \"my plan.align\"", "run plan.align", "record session.align",
        "record off", "import values values.csv",
        "undo", "redo", "history", "note \"text\"", "note \"text\" at=10:40", "decide \"text\"", "snapshot before",
        "diff", "diff before", "diff before after",
        "export markdown", "export html report.html", "export dot", "export mermaid", "export json", "export csv out.csv",
        "format table", "format csv", "format json", "format markdown", "help", "help metric", "quit", "exit",
        "chart leads",
        "source opps csv \"opportunities.csv\"", "source crm sqlite crm.db table=deals",
        "source wh postgres \"host=127.0.0.1 dbname=sales user=analyst\"",
        "actuals bookings = sum(Amount) from opps by CloseDate where Won = true",
        "actuals mqls = count() from contacts by \"Became a Marketing Qualified Lead Date\"",
        "actuals sqls = sql wh \"select date_trunc('month', sql_date), count(*) from leads group by 1\"",
        "refresh", "refresh opps", "fit sqls from contacts mql_date -> sql_date", "show sources",
        "remove source opps cascade", "remove actuals bookings", "rename source opps crm",
    ]

    @Test("every form of the brief parses", arguments: brief)
    func form(_ text: String) {
        _ = command(text)
    }

    @Test("numbers: k M B %, decimals, negatives, exponents, separators")
    func numbers() {
        let cases: [(String, Double)] = [
            ("1200", 1200), ("2.5", 2.5), ("20k", 20_000), ("2.5M", 2_500_000), ("1B", 1e9), ("25%", 0.25),
            ("-5", -5), ("-2.5k", -2500), ("+3", 3), (".5", 0.5), ("1_000", 1000), ("1e3", 1000), ("12.5%", 0.125),
        ]
        for (text, value) in cases {
            guard case .value(_, _, let parsed)? = command("value leads 2026 \(text)") else {
                Issue.record("\(text) did not parse as a value")
                continue
            }
            #expect(parsed == value, "\(text)")
        }
    }

    @Test("periods: years, halves, quarters, months; the letter in either case")
    func periods() {
        for (text, canonical) in [
            ("2026", "2026"), ("2026-H2", "2026-H2"), ("2026-Q3", "2026-Q3"), ("2026-07", "2026-07"), ("2026-q1", "2026-Q1"),
            ("2026-h1", "2026-H1"),
        ] {
            guard case .value(_, let period, _)? = command("value leads \(text) 1") else {
                Issue.record("\(text) did not parse")
                continue
            }
            #expect(period.description == canonical)
        }
    }

    @Test("ranges of periods: mixed grains; a range ending in the coarser period that starts with its first")
    func ranges() {
        for (text, lower, upper) in [
            ("2026-Q3..2026-Q4", "2026-Q3", "2026-Q4"), ("2026-03..2026-Q3", "2026-03", "2026-Q3"),
            // Found by the parser fuzzer: a year sorts before its January, so
            // this range was built upside down and crashed.
            ("2026-01..2026", "2026-01", "2026-12"), ("2026-Q1..2026-H1", "2026-Q1", "2026-Q2"),
        ] {
            guard case .whatIf(let changes, _)? = command("whatif leads = -5% in \(text)"),
                case .within(let span)? = changes.first?.scope
            else {
                Issue.record("\(text) did not parse as a range")
                continue
            }
            #expect(span.lowerBound.description == lower, "\(text)")
            #expect(span.upperBound.description == upper, "\(text)")
        }
    }

    @Test("lags: days, weeks, months, quarters, years")
    func lags() {
        for text in ["30d", "6w", "2m", "2q", "1y", "0d"] {
            guard case .link(_, _, let lag, _, _)? = command("link a -> b lag=\(text)") else {
                Issue.record("\(text) did not parse")
                continue
            }
            #expect(lag?.description == text)
        }
    }

    @Test("strings: escapes for quote, backslash, newline and tab; other text as written")
    func strings() {
        guard case .note(_, let text, _)? = command(#"note "say \"MQL\", a \\ b\nnext\tcol é 中""#) else {
            Issue.record("the note did not parse")
            return
        }
        #expect(text == "say \"MQL\", a \\ b\nnext\tcol é 中")
    }

    @Test("comments and continuation lines")
    func triviaAndContinuation() {
        let list = commands(
            """
            # a comment line
            team sales   # a comment after a command
            metric revenue = sqls \\
                * win_rate   # continued, with a comment
            note "a # is text inside a string"

            """)
        #expect(list.count == 3)
        if case .formula(_, let e)? = list.dropFirst().first {
            #expect(e.names.map(\.text) == ["sqls", "win_rate"])
        } else {
            Issue.record("the formula did not parse")
        }
        if case .note(_, let text, _)? = list.last { #expect(text == "a # is text inside a string") }
    }

    @Test("a parenthesis or string left open carries the command to the next line")
    func openLines() {
        let list = commands("metric x = (a +\n b) * c\nnote \"two\nlines\"\nteam sales")
        #expect(list.count == 3)
        #expect(CommandSplitter.isIncomplete("metric x = (a +"))
        #expect(CommandSplitter.isIncomplete("note \"open"))
        #expect(CommandSplitter.isIncomplete("team sales \\"))
        #expect(!CommandSplitter.isIncomplete("team sales # (\""))
    }

    @Test("names: letters of any script, digits and '_'; case matters")
    func names() {
        for name in ["équipe", "営業", "Vertrieb_2", "_draft", "naïve", "MQL", "mql"] {
            guard case .team(let parsed, _, _)? = command("team \(name)") else {
                Issue.record("\(name) did not parse")
                continue
            }
            #expect(parsed.text == name)
        }
    }

    @Test("operators bind as in arithmetic: * and / before + and -, left to right")
    func precedence() throws {
        func rendered(_ text: String) throws -> String {
            let e = try Parser.expression(SourceText(name: "<test>", text: text))
            var ids: [String: Int32] = [:]
            let formula = e.formula { (name: Name) -> MetricID in
                if ids[name.text] == nil { ids[name.text] = Int32(ids.count) }
                return MetricID(ids[name.text]!)
            }
            let names = ids.sorted { $0.value < $1.value }.map(\.key)
            return formula.rendered(name: { names[$0.index] }, number: { ScriptPrinter.number($0) })
        }
        #expect(try rendered("a - b - c") == "a - b - c")
        #expect(try rendered("a - (b - c)") == "a - (b - c)")
        #expect(try rendered("a + b * c") == "a + b * c")
        #expect(try rendered("(a + b) * c") == "(a + b) * c")
        #expect(try rendered("a / b / c") == "a / b / c")
        #expect(try rendered("a / (b * c)") == "a / (b * c)")
        #expect(try rendered("-(a + b)") == "-(a + b)")
        #expect(try rendered("((a))") == "a")
    }

    @Test("every token knows its range")
    func tokenRanges() throws {
        let source = SourceText(name: "<test>", text: "metric revenue = sqls * 2.5k  \"why\" → x")
        var lexer = Lexer(source)
        var tokens: [String] = []
        while true {
            let token = try lexer.next()
            if token.kind == .end { break }
            tokens.append(source.text(token.range))
        }
        #expect(tokens == ["metric", "revenue", "=", "sqls", "*", "2.5k", "\"why\"", "→", "x"])
    }

    @Test("a parsed command knows the range of its verb, its names and its whole text")
    func commandRanges() throws {
        let source = SourceText(name: "<test>", text: "  goal g sales revenue >= 5 by 2026   # note\n")
        let parsed = try #require(try Parser.parse(source))
        #expect(source.text(parsed.verb.range) == "goal")
        #expect(source.location(of: parsed.range.start) == AlignLanguage.SourceLocation(line: 1, column: 3))
        guard case .goal(let name, let team, let metric, _, _, _, _) = parsed.command else {
            Issue.record("not a goal")
            return
        }
        #expect(source.text(name.range) == "g")
        #expect(source.text(team.range) == "sales")
        #expect(source.location(of: metric.range.start) == AlignLanguage.SourceLocation(line: 1, column: 16))
    }
}
