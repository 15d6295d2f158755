import Foundation
import Testing

@testable import AlignLanguage

/// `align fmt`'s layout: only the space between words and the order of
/// options change; every spelling and comment stays.
@Suite("The script formatter")
struct ScriptFormatterTests {
    func format(_ text: String) throws(Diagnostic) -> String {
        try ScriptFormatter.format(SourceText(name: "t.align", text: text))
    }

    @Test(
        "one blank between words; none inside key=value, after a sign, inside brackets",
        arguments: [
            ("   team   sales    horizon = quarter  ", "team sales horizon=quarter"),
            ("metric mqls=leads*mql_rate", "metric mqls = leads * mql_rate"),
            ("metric sqls =  mqls[ -1m ]*sql_rate", "metric sqls = mqls[-1m] * sql_rate"),
            ("metric wins = profile( sqls ,1m,0%,20% , 50%,30% ) * win_rate",
                "metric wins = profile(sqls, 1m, 0%, 20%, 50%, 30%) * win_rate"),
            ("metric arr agg=last = arr[-1m]*( 1-churn_rate )+new_arr", "metric arr agg=last = arr[-1m] * (1 - churn_rate) + new_arr"),
            ("metric m = -a * - b - -3 + (-c)", "metric m = -a * -b - -3 + (-c)"),
            ("link a->b lag=2q weight = - 0.5", "link a -> b lag=2q weight=-0.5"),
            ("value leads 2026-02 - 3", "value leads 2026-02 -3"),
            ("goal g sales revenue >=2.5M by 2026-Q3", "goal g sales revenue >= 2.5M by 2026-Q3"),
            ("term Opp by=sales aka=Opportunity , Deal", "term Opp by=sales aka=Opportunity,Deal"),
            ("whatif leads = + 10% in 2026-01..2026-03 and win_rate = +5pp from 2026-Q3 as bold",
                "whatif leads = +10% in 2026-01..2026-03 and win_rate = +5pp from 2026-Q3 as bold"),
            ("solve new_arr = 2M  in 2026-Q4 by leads over 2026-06..2026-10",
                "solve new_arr = 2M in 2026-Q4 by leads over 2026-06..2026-10"),
            ("run   \"my plan.align\"", "run \"my plan.align\""),
            ("export csv   out/values.csv", "export csv out/values.csv"),
            ("note \"said\"   at=10:30", "note \"said\" at=10:30"),
            ("query   consistency", "query consistency"),
            ("source wh postgres \"host=127.0.0.1 dbname=sales\"   table = leads",
                "source wh postgres \"host=127.0.0.1 dbname=sales\" table=leads"),
            ("actuals bookings = sum( Amount ) from opps by CloseDate where Stage = \"Closed Won\"  and Won=true per=quarter",
                "actuals bookings = sum(Amount) from opps by CloseDate where Stage = \"Closed Won\" and Won = true per=quarter"),
            ("actuals mqls = count( ) from contacts by \"MQL Date\"", "actuals mqls = count() from contacts by \"MQL Date\""),
            ("fit sqls from contacts mql_date->sql_date", "fit sqls from contacts mql_date -> sql_date"),
        ])
    func spacing(_ input: String, _ expected: String) throws {
        #expect(try format(input) == expected + "\n")
    }

    @Test(
        "options in the table's order, the order save writes; a term's definition first, other strings last",
        arguments: [
            ("metric leads unit=count owner=marketing", "metric leads owner=marketing unit=count"),
            ("metric r \"Share\" agg=avg unit=ratio owner=sales", "metric r owner=sales unit=ratio agg=avg \"Share\""),
            ("team sales \"New business\" horizon=quarter", "team sales horizon=quarter \"New business\""),
            ("term MQL by=marketing \"A scored lead\" aka=Lead", "term MQL \"A scored lead\" by=marketing aka=Lead"),
            ("link a -> b \"why\" weight=2 lag=1q", "link a -> b lag=1q weight=2 \"why\""),
            ("metric mqls unit=count owner=m = leads * rate", "metric mqls owner=m unit=count = leads * rate"),
        ])
    func optionOrder(_ input: String, _ expected: String) throws {
        #expect(try format(input) == expected + "\n")
    }

    @Test("every number, period and operator keeps its spelling")
    func spellings() throws {
        let text = "value deal_size 2026-Q3 20k\nvalue win_rate 2026-Q3 25%\ngoal g sales revenue ≥ 2.5M by 2026-Q3\n"
            + "link a → b lag=6w\nmetric x = a × b − c ÷ 1e-3\nvalue big 2026 1B\n"
        #expect(try format(text) == text)
    }

    @Test("comments stay where they are: on their own line, from its start; after a command, two blanks after it")
    func comments() throws {
        let input = """
            #  The plan.\t
               # indented
            team a    # the first team
            #no blank after the hash

            metric m = (a +   # one
                  b)   # two
            metric long = a + \\
                        b
            """
        let expected = """
            #  The plan.
            # indented
            team a  # the first team
            #no blank after the hash

            metric m = (a +  # one
                b)  # two
            metric long = a + \\
                b

            """
        #expect(try format(input) == expected)
    }

    @Test("columns the author lined up stay lined up, padded to the widest cell; a run with nothing to pad is single-spaced")
    func alignment() throws {
        // Each case: as written, then as laid out; laying it out again changes nothing.
        let cases: [(String, String)] = [
            (
                "value leads  2026-Q3 4000\nvalue mql_rate 2026-Q3   25%\nvalue deal_size 2026-Q3 20k\n",
                "value leads     2026-Q3 4000\nvalue mql_rate  2026-Q3 25%\nvalue deal_size 2026-Q3 20k\n"
            ),
            (
                "goal q3_bookings sales  revenue >= 2.5M by 2026-Q3\ngoal q3  marketing mqls  >= 900   by 2026-Q3\n",
                "goal q3_bookings sales     revenue >= 2.5M by 2026-Q3\ngoal q3          marketing mqls    >= 900  by 2026-Q3\n"
            ),
            // Trailing comments line up once one of them had three blanks before it.
            ("metric a   = b * c   # one\nmetric bb = b * cc  # two\n", "metric a  = b * c   # one\nmetric bb = b * cc  # two\n"),
            // Single blanks (as save writes them): nothing to line up.
            ("term X \"one\" by=sales\nterm X \"a longer one\" by=marketing\n", "term X \"one\" by=sales\nterm X \"a longer one\" by=marketing\n"),
        ]
        for (input, expected) in cases {
            let once = try format(input)
            #expect(once == expected)
            #expect(try format(once) == once)
        }
        // Nothing to pad: single blanks, which format again as they are.
        #expect(try format("value a   2026-Q3 1\nvalue b 2026-Q3 2\n") == "value a 2026-Q3 1\nvalue b 2026-Q3 2\n")
        // A blank line ends a run: the line after it is laid out alone, single-spaced.
        #expect(
            try format("metric leads owner=marketing unit=count\nmetric revenue  unit=USD\n\nmetric x  unit=USD\n")
                == "metric leads   owner=marketing unit=count\nmetric revenue unit=USD\n\nmetric x unit=USD\n")
    }

    @Test("the project's seed scenario, aligned by hand, is already laid out")
    func seedScenario() throws {
        let seed = try #require(try Self.corpus().first { $0.0 == "examples/seed-scenario.align" })
        #expect(try format(seed.1) == seed.1)
    }

    @Test("blank lines: none at the start or the end, at most one in a row; lines end in a newline")
    func blankLines() throws {
        #expect(try format("\n\n\nteam a\r\n\n\n\nteam b\n\n\n") == "team a\n\nteam b\n")
        #expect(try format("") == "")
        #expect(try format("\n\n") == "")
        #expect(try format("team a") == "team a\n")
    }

    @Test("a backslash that ends a command carries nothing over: it goes, and the next command stays its own")
    func trailingBackslash() throws {
        #expect(try format("team a \\\n\nteam b\n") == "team a\nteam b\n")
    }

    @Test("a command that does not parse is an error at its place, and nothing is laid out")
    func parseError() {
        #expect(throws: Diagnostic.self) { try format("team a\nteam b horizon=quater\n") }
        do {
            _ = try format("team a\nteam b horizon=quater\n")
        } catch {
            #expect(error.oneLine.hasPrefix("t.align:2:16: error: expected 'month'"))
        }
        #expect(throws: Diagnostic.self) { try format("team a\u{0}\n") }
    }

    @Test("formatting twice is formatting once, and no command is left as written, over every script in the repository")
    func idempotent() throws {
        for (name, text) in try Self.corpus() {
            let source = SourceText(name: name, text: text)
            guard let once = try? ScriptFormatter.layout(source) else { continue }
            #expect(once.verbatim == 0, "\(name): a command could not be laid out")
            let twice = try ScriptFormatter.layout(SourceText(name: name, text: once.text))
            #expect(twice.text == once.text, "\(name) changes when formatted again")
        }
    }

    /// Every script in the repository: examples, golden fixtures, fuzz seeds and regressions.
    static func corpus() throws -> [(String, String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var found: [(String, String)] = []
        for folder in ["examples", "Tests/AlignSessionTests/Fixtures", "fuzz/seeds", "fuzz/regressions", "docs"] {
            let url = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
            for case let file as URL in files where file.pathExtension == "align" || folder == "fuzz/regressions" {
                guard let data = try? Data(contentsOf: file), !file.hasDirectoryPath,
                    let text = String(data: data, encoding: .utf8)
                else { continue }
                found.append((file.path.replacingOccurrences(of: root.path + "/", with: ""), text))
            }
        }
        #expect(found.count > 20)
        return found.sorted { $0.0 < $1.0 }
    }
}
