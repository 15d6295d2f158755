import Foundation
import AlignLanguage
import Testing

/// A bad input and the error it must get. The place of the error is marked
/// inside the input by `1️⃣`, which is taken out before parsing.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    /// The input, with `1️⃣` where the error must point.
    let marked: String
    /// The message.
    let message: String
    /// A note the error must carry, if any.
    let note: String?

    init(_ marked: String, _ message: String, note: String? = nil) {
        self.marked = marked
        self.message = message
        self.note = note
    }

    static let marker = "1️⃣"

    /// The input split at the marker.
    private var parts: (before: String, after: String) {
        guard let range = marked.range(of: Self.marker) else { return (marked, "") }
        return (String(marked[..<range.lowerBound]), String(marked[range.upperBound...]))
    }

    /// The input without its marker.
    var text: String { parts.before + parts.after }

    /// Where the marker is: line and column (in Unicode scalars) of the unmarked text.
    var expected: AlignLanguage.SourceLocation {
        let lines = parts.before.split(separator: "\n", omittingEmptySubsequences: false)
        return AlignLanguage.SourceLocation(line: lines.count, column: lines.last!.unicodeScalars.count + 1)
    }

    var testDescription: String { marked.count > 60 ? String(marked.prefix(57)) + "..." : marked }
}

/// Every command of a text, parsed in order; the first error, if any.
func firstError(in text: String) -> Diagnostic? {
    firstError(in: SourceText(name: "<test>", text: text))
}

func firstError(in source: SourceText) -> Diagnostic? {
    for range in CommandSplitter(source.bytes) {
        do {
            _ = try Parser.parse(source, range: range)
        } catch {
            return error
        }
    }
    return nil
}

@Suite("Syntax errors: each with its place and message")
struct ErrorCaseTests {
    static let deep = 1001

    static let cases: [ErrorCase] = [
        // Verbs, with "did you mean".
        ErrorCase("1️⃣metrc leads", "unknown command 'metrc'; did you mean 'metric'?"),
        ErrorCase("1️⃣Metric leads", "unknown command 'Metric'; did you mean 'metric'?"),
        ErrorCase("1️⃣frobnicate", "unknown command 'frobnicate' (try 'help')"),
        ErrorCase("  1️⃣42 leads", "expected a command, such as 'metric' or 'show' (try 'help')"),
        ErrorCase("# a comment\n1️⃣qurey orphans", "unknown command 'qurey'; did you mean 'query'?"),
        // Option keys, with "did you mean".
        ErrorCase("metric leads 1️⃣onwer=sales", "unknown option 'onwer='; did you mean 'owner='?"),
        ErrorCase(
            "metric leads 1️⃣colour=red", "unknown option 'colour=' (known: owner=, unit=, term=, agg=)"),
        ErrorCase(
            "goal g sales revenue >= 5 by 2026 1️⃣why=x", "unknown option 'why=' (this command takes no options)"),
        ErrorCase("metric leads owner=sales 1️⃣owner=marketing", "option 'owner=' is given twice"),
        ErrorCase("metric leads \"one\" 1️⃣\"two\"", "only one \"description\" string is allowed"),
        ErrorCase("team sales horizon=1️⃣weekly", "expected 'month', 'quarter', 'half' or 'year', found 'weekly'"),
        ErrorCase("metric leads agg=1️⃣median", "expected 'sum', 'avg', 'last' or 'first', found 'median'"),
        ErrorCase("metric leads unit=1️⃣\"\"", "a unit cannot be empty: leave unit= out for a metric without one"),
        // Words and sub-words.
        ErrorCase(
            "query 1️⃣gap 2026-Q3",
            "expected 'orphans', 'conflicts', 'handoffs', 'horizons', 'gaps', 'consistency', 'path', 'drivers', 'pacing' or 'variance', found 'gap'; did you mean 'gaps'?"
        ),
        ErrorCase("format 1️⃣cvs", "expected 'table', 'csv', 'json' or 'markdown', found 'cvs'; did you mean 'csv'?"),
        ErrorCase("show teams 1️⃣extra", "expected the end of the line or 'in', found 'extra'"),
        ErrorCase("tree revenue 1️⃣2026-Q3", "expected 'in' or the end of the line, found '2026-Q3'"),
        ErrorCase("link leads 1️⃣sqls", "expected '->', found 'sqls'"),
        ErrorCase("goal g sales revenue >= 5 1️⃣in 2026-Q3", "expected 'by', found 'in'"),
        // Periods.
        ErrorCase("value leads 1️⃣2026-Q5 1", "'2026-Q5' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)"),
        ErrorCase("value leads 1️⃣2026-Q9 1", "'2026-Q9' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)"),
        ErrorCase("value leads 1️⃣2026-H3 1", "'2026-H3' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)"),
        ErrorCase("value leads 1️⃣2026-13 1", "'2026-13' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)"),
        ErrorCase("value leads 1️⃣2026-00 1", "'2026-00' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)"),
        ErrorCase("value leads 1️⃣26 1", "'26' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)"),
        ErrorCase("value leads 1️⃣Q3 1", "expected a period such as 2026-Q3, found 'Q3'"),
        ErrorCase("query gaps1️⃣", "expected a period such as 2026-Q3, found the end of the line"),
        // Other spellings of a period, with the one align reads.
        ErrorCase("value leads 1️⃣2026Q3 1", "'2026Q3' is not a period; did you mean 2026-Q3?"),
        ErrorCase("value leads 1️⃣Q3-2026 1", "'Q3-2026' is not a period; did you mean 2026-Q3?"),
        ErrorCase("value leads 1️⃣h2/2026 1", "'h2/2026' is not a period; did you mean 2026-H2?"),
        ErrorCase("value leads 1️⃣2026/07 1", "'2026/07' is not a period; did you mean 2026-07?"),
        ErrorCase("value leads 1️⃣7-2026 1", "'7-2026' is not a period; did you mean 2026-07?"),
        ErrorCase("value leads 1️⃣Sept-2026 1", "'Sept-2026' is not a period; did you mean 2026-09?"),
        ErrorCase("value leads 1️⃣2026-07-15 1", "'2026-07-15' is not a period; did you mean 2026-07?"),
        ErrorCase("value leads 1️⃣15/07/2026 1", "'15/07/2026' is not a period; did you mean 2026-07?"),
        ErrorCase("value leads 1️⃣03/04/2026 1", "'03' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)"),
        ErrorCase("query gaps 1️⃣FY2026", "expected a period such as 2026-Q3, found 'FY2026'"),
        // Numbers.
        ErrorCase("value leads 2026-Q3 1️⃣4x", "'4x' is not a number"),
        ErrorCase("value leads 2026-Q3 1️⃣1..2", "'1..2' is not a number"),
        ErrorCase("value leads 2026-Q3 1️⃣25%%", "'25%%' is not a number"),
        ErrorCase("value leads 2026-Q3 1️⃣1e400", "the number '1e400' is too large"),
        ErrorCase("value leads 2026-Q3 -1️⃣-5", "expected a number, found '-'"),
        ErrorCase(
            "value leads 2026-Q3 41️⃣,000",
            "expected the end of the line, found ','; numbers are written without separators: 4000, or 4k"),
        ErrorCase("value leads 2026-Q31️⃣", "expected a number, found the end of the line"),
        ErrorCase("goal g sales revenue >= 1️⃣by 2026-Q3", "expected a number, found 'by'"),
        ErrorCase("goal g sales revenue 1️⃣5 by 2026-Q3", "expected '>=', '<=' or '=', found '5'"),
        ErrorCase("whatif leads = 1️⃣ten", "expected a number, +N%, -N% or +Npp, found 'ten'"),
        ErrorCase("remove note 1️⃣1.5", "'1.5' is not a whole number"),
        ErrorCase("link a -> b lag=1️⃣2x", "'2x' is not a lag (write 30d, 6w, 2m, 2q or 1y)"),
        ErrorCase("link a -> b lag=1️⃣q", "expected a lag such as 2q, found 'q'"),
        // Time: offsets, profiles, ranges, points.
        ErrorCase("metric x = a[1️⃣1q]", "offsets only look back: write [-1q] for the value 1q earlier"),
        ErrorCase("metric x = a[1️⃣+2m]", "offsets only look back: write [-2m] for the value 2m earlier"),
        ErrorCase(
            "metric x = a[-1️⃣1w]",
            "'1w' is not a step for an offset: write months (1m), quarters (1q), halves (1h) or years (1y); formulas work in months, not days or weeks"),
        ErrorCase(
            "metric x = a[-1️⃣1x]", "'1x' is not a step for an offset: write months (1m), quarters (1q), halves (1h) or years (1y)"),
        ErrorCase("metric x = a[-1️⃣0m]", "an offset of 0 reads the period itself: leave the brackets out"),
        ErrorCase(
            "metric x = a[-1️⃣1201m]", "'1201m' reaches too far back: an offset reaches at most 100 years (1200m)"),
        ErrorCase("metric x = a[-1m1️⃣", "expected ']', found the end of the line"),
        ErrorCase("metric x = a[1️⃣m]", "expected an offset such as -1m, found 'm'"),
        ErrorCase("metric x = profile(a1️⃣)", "profile needs a step and at least one share: profile(EXPR, 1m, 20%, 50%, 30%)"),
        ErrorCase("metric x = profile(a, 1m1️⃣)", "profile needs a step and at least one share: profile(EXPR, 1m, 20%, 50%, 30%)"),
        ErrorCase("metric x = profile(a, 1m, 20%, 1️⃣b)", "'b' is not a share: write a number such as 20% or 0.2"),
        ErrorCase("metric x = profile(a, 1️⃣0m, 20%)", "a profile's step must be at least one month: write 1m, 1q, 1h or 1y"),
        ErrorCase("metric x = profile(a, 1️⃣b, 20%)", "expected a step such as 1m, found 'b'"),
        ErrorCase("whatif leads = 1️⃣5pp in 2026-Q3", "percentage points move a rate: write +5pp or -5pp; to set it, write 5%"),
        ErrorCase("whatif leads = +10% from 1️⃣2026-Q3..2026-Q4", "'from' takes one period, the first the change applies to; for a range write 'in FROM..TO'"),
        ErrorCase("whatif leads = +10% in 1️⃣2026-Q4..2026-Q3", "the range 2026-Q4..2026-Q3 ends before it starts: write the earlier period first"),
        ErrorCase("whatif leads = +10% in 2026-Q3..1️⃣", "a range needs a period after '..': write 2026-Q3..2026-Q4"),
        ErrorCase("solve revenue = 1M by leads in 2026-Q3 over 1️⃣2026-13..2026-Q4", "'2026-13' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)"),
        ErrorCase("whatif leads = +10% and 1️⃣", "expected a metric name, found the end of the line"),
        // Formulas.
        ErrorCase("metric x = a * 1️⃣* b", "expected a metric or a number, found '*'"),
        ErrorCase("metric x = a 1️⃣b", "expected the end of the line, found 'b'"),
        ErrorCase("metric x = 1️⃣", "expected a metric or a number, found the end of the line"),
        ErrorCase("metric x = 1️⃣2026-Q3", "'2026-Q3' is not a number"),
        ErrorCase("metric x = 1️⃣(a + b", "this '(' is never closed"),
        ErrorCase("metric x = (a + b 1️⃣c)", "expected an operator or ')', found 'c'"),
        ErrorCase("metric x = a + b1️⃣)", "this ')' has no matching '('"),
        ErrorCase("metric x = 1️⃣) + a", "expected a metric or a number, found ')'"),
        ErrorCase(
            "metric x = " + String(repeating: "(", count: deep) + "1️⃣(a" + String(repeating: ")", count: deep + 1),
            "the formula is nested too deeply: more than 1000 levels of parentheses, signs or operators"),
        ErrorCase(
            "metric x = " + String(repeating: "-", count: deep) + "1️⃣-a",
            "the formula is nested too deeply: more than 1000 levels of parentheses, signs or operators"),
        ErrorCase(
            "metric x = a" + String(repeating: " + a", count: 1000) + " 1️⃣+ a",
            "the formula is nested too deeply: more than 1000 levels of parentheses, signs or operators"),
        // Strings and escapes.
        ErrorCase("note 1️⃣\"abc", "unterminated string: a closing \" is missing"),
        ErrorCase("note 1️⃣\"abc\\\"", "unterminated string: a closing \" is missing"),
        ErrorCase("note \"a1️⃣\\qb\"", "unknown escape '\\q' in a string (known: \\\" \\\\ \\n \\t)"),
        ErrorCase("note \"a1️⃣\u{07}\"", "unexpected character U+0007"),
        ErrorCase("note 1️⃣abc", "expected a \"text\" in double quotes, found 'abc'"),
        // Characters that are not part of the language.
        ErrorCase("team a1️⃣\u{01}b", "unexpected character U+0001"),
        ErrorCase(
            "value deal_size 2026-Q3 1️⃣$900",
            "unexpected character '$': write the amount without a currency sign; the metric's unit says which"),
        ErrorCase(
            "value deal_size 2026-Q3 1️⃣€2M",
            "unexpected character '€': write the amount without a currency sign; the metric's unit says which"),
        ErrorCase(
            "goal g sales revenue 1️⃣> 5 by 2026-Q3",
            "unexpected character '>': goals compare with >=, <= or =, and a link is written ->"),
        ErrorCase(
            "link a 1️⃣> b", "unexpected character '>': goals compare with >=, <= or =, and a link is written ->"),
        ErrorCase("team 1️⃣\u{1B}[31m", "unexpected character U+001B"),
        ErrorCase("team a1️⃣\u{202E}b", "unexpected character U+202E"),
        ErrorCase("team a 1️⃣\\ b", "'\\' continues a line only at its very end"),
        ErrorCase(
            "goal g sales revenue 1️⃣>> 5 by 2026",
            "unexpected character '>': goals compare with >=, <= or =, and a link is written ->"),
        ErrorCase("metric x = a 1️⃣; b", "unexpected character ';'"),
        // A name left out before the word that follows it.
        ErrorCase("compare 1️⃣on revenue", "expected a scenario name, found 'on'"),
        ErrorCase("compare bold on1️⃣", "expected a metric name, found the end of the line"),
        // Names: letters of any script, digits and '_'.
        ErrorCase(
            "team sales1️⃣-ops",
            "expected 'horizon=', a \"description\" or the end of the line, found '-'; names are made of letters, digits and '_'"
        ),
        ErrorCase("team sales1️⃣.ops", "unexpected character '.': names are made of letters, digits and '_'"),
        ErrorCase("metric win1️⃣$rate", "unexpected character '$': names are made of letters, digits and '_'"),
        ErrorCase("team 1️⃣2nd_team", "expected a name, found '2nd_team'; a name starts with a letter or '_'"),
        ErrorCase("team 1️⃣\"sales\"", "expected a name, found a string"),
        ErrorCase("team 1️⃣😀", "unexpected character '😀'"),
        ErrorCase("team équipe_1️⃣⇒", "unexpected character '⇒'"),
        ErrorCase("rename metric leads1️⃣", "expected a name, found the end of the line"),
        // A keyword spelled short is named, though another form took the word for a name.
        ErrorCase("actuals 1️⃣thru 2026-06", "expected 'through', found 'thru'; did you mean 'through'?"),
        ErrorCase("actuals 1️⃣thrugh latest", "expected 'through', found 'thrugh'; did you mean 'through'?"),
        ErrorCase("remove metric1️⃣", "expected a metric name, found the end of the line"),
        ErrorCase(
            "remove 1️⃣widget leads",
            "expected 'team', 'term', 'metric', 'goal', 'link', 'value', 'note', 'decision', 'parked', 'plan', 'scenario', 'source' or 'actuals', found 'widget'"),
        // A bad period after a file name is blamed, not the file name's '.'.
        ErrorCase(
            "export markdown r.md in 1️⃣2026-13",
            "'2026-13' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)"),
        // A string or parenthesis left open carries the command on; the error says where.
        ErrorCase(
            "metric x = (a + b\n1️⃣show teams", "expected an operator or ')', found 'show'",
            note: "the '(' at 1:12 is still open at the end of its line: is a ')' missing?"),
        ErrorCase(
            "note \"abc\nteam \"sales1️⃣\"", "unterminated string: a closing \" is missing",
            note: "the string that starts at 1:6 runs on past the end of its line: is a closing \" missing?"),
    ]

    @Test("each bad input gets its message at its place", arguments: cases)
    func errorCase(_ errorCase: ErrorCase) throws {
        let error = try #require(firstError(in: errorCase.text), "no error for: \(errorCase.text)")
        #expect(error.message == errorCase.message)
        #expect(error.location == errorCase.expected)
        if let note = errorCase.note {
            #expect(error.notes == [note])
        } else {
            #expect(error.notes.isEmpty)
        }
    }

    /// Inputs with a byte that is not UTF-8, and the column of that byte.
    static let badBytes: [([UInt8], Int)] = [
        (Array("team caf".utf8) + [0xE9] + Array("s".utf8), 9),
        (Array("note \"caf".utf8) + [0xE9, 0x22], 10),
        (Array("save out".utf8) + [0xFF], 9),
        ([0x80] + Array(" show".utf8), 1),
    ]

    @Test("invalid UTF-8 is reported at the first bad byte", arguments: badBytes)
    func invalidUTF8(_ bytes: [UInt8], _ column: Int) throws {
        let error = try #require(firstError(in: SourceText(name: "<test>", bytes: bytes)))
        #expect(error.message.hasPrefix("invalid UTF-8: the byte 0x"))
        #expect(error.location == AlignLanguage.SourceLocation(line: 1, column: column))
    }

    @Test("a script error reads FILE:LINE:COL: error: MESSAGE")
    func oneLine() throws {
        let source = SourceText(name: "plan.align", text: "team sales\n\nvalue leads 2026-Q9 4\n")
        let error = try #require(firstError(in: source))
        #expect(error.oneLine == "plan.align:3:13: error: '2026-Q9' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)")
    }
}
