import AlignCore
import Foundation
import Testing

@testable import AlignLanguage

/// The direct reader of plain `value`, `plan` and `goal` lines gives what
/// the general parser gives, and leaves everything else to it.
@Suite("The direct reader of plain lines")
struct DirectReaderTests {
    /// Lines it reads, and lines that look like them and must go to the
    /// general parser: signs, comments, continuations, errors, quotes.
    static let lines = [
        "value leads 2026-Q3 4000", "value leads 2026-07 1.5k", "value win_rate 2026 25%", "value x 2026-H2 1e6",
        "value x 2026-Q3 1_000", "value x 2026-Q3 5M", "value  x\t2026-Q3   7  ", "value x 2026-Q3 5 # comment",
        "value x 2026-Q3 -5", "value x 2026-Q3 +5", "value x 2026-07-15 5", "value x 2026-Q3#c 5", "value x 2026-Q3 5 extra",
        "value x 2026-Q5 5", "value x 2026Q3 5", "value x 2026-Q3", "value x 2026-Q3 $5", "value 3x 2026-Q3 5",
        "value x 2026-Q3 5e400", "value über 2026-Q3 5", "value x \\\n 2026-Q3 5", "value x 2026-Q3 5%%", "value",
        "value x 2026-Q3 0.41", "value x 2026-Q3 .5", "value x 2026-Q3 5 \"why\"",
        "plan leads 2026-07 1300", "plan win_rate 2026 27%", "plan x 2026-Q3 -1", "plan x 2026-Q3 abc",
        "goal g sales revenue >= 2.5M by 2026-Q3", "goal g sales revenue >= 2.5M by 2026-Q3 \"Fill the funnel\"",
        "goal g sales revenue <= 5 by 2026", "goal g sales revenue = 5 by 2026-07", "goal g sales revenue > 5 by 2026",
        "goal g sales revenue >= -5 by 2026", "goal g sales revenue >= 5 BY 2026", "goal g sales revenue >= 5 by 2026 \"a\" \"b\"",
        "goal g sales revenue >= 5 by 2026 \"unterminated", "goal g sales revenue >= 5 by 2026 \"bad \\q escape\"",
        "goal g sales revenue ≥ 5 by 2026-Q3", "goal g sales revenue >= 5 by 2026-Q3 why", "goal g sales revenue >= 5 in 2026-Q3",
        "goal g sales revenue >= 5 by 2026-Q3 \"\"", "goal g sales revenue >= 5 by 2026-Q3 \"line \\\"quoted\\\" \\n\"",
        "goal g sales revenue >= 5 by 2026-13", "goal g sales >= 5 by 2026", "goal g sales revenue >= 5% by 2026-Q3 # done",
        "link a -> b", "link a → b lag=2q", "link a -> b lag=90d weight=7% \"drives it later\"", "link a -> b weight=0.5 lag=1m",
        "link a -> b \"why\" lag=1y", "link a -> b lag=2x", "link a -> b lag=2q lag=1q", "link a -> b weight=-1",
        "link a -> b weight=abc", "link a -> b colour=red", "link a b", "link a -> b \"one\" \"two\"", "link a -> b lag = 6w",
        "link a -> b weight=", "link a -> 3b", "link a -> b lag=2q # comment", "link a -> b lag=\"2q\"",
        "metric leads", "metric leads owner=marketing unit=count", "metric deal_size owner=sales unit=USD agg=avg",
        "metric x unit=\"US dollars\" \"Bookings, in dollars\" term=MQL", "metric x agg=last owner=s",
        "metric x = a + b", "metric x owner=s unit=USD = a * b", "metric x unit=\"\"", "metric x unit=\"  \"",
        "metric x agg=median", "metric x agg=average", "metric x owner=\"sales\"", "metric x owner=s owner=t",
        "metric x colour=red", "metric x \"a\" \"b\"", "metric x owner=s =", "metric x unit=%", "metric x unit=count # c",
        "metric x term=MQL unit=count \"desc \\\"quoted\\\"\"",
        "metric x \"desc\" = a + b", "metric x = a[-1m] * 2 + profile(b, 1m, 20%, 80%)", "metric x owner=s = (a",
        "metric x = a b", "metric x = a + # c", "metric x = -a", "metric x = a / (b - c) * 100%", "metric x == a",
        "metric x = a = b", "metric x unit=USD agg=last = x[-1m] * 0.99 + y", "metric x = 2", "metric x = a +",
    ]

    /// The lines of the reference scenarios and of the bench's generators' shapes that these verbs start.
    static func fileLines() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var found: [String] = []
        for name in ["examples/seed-scenario.align", "examples/time-scenario.align", "examples/plan-review.align"] {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            found += text.split(separator: "\n").map(String.init).filter {
                $0.hasPrefix("value ") || $0.hasPrefix("plan ") || $0.hasPrefix("goal ") || $0.hasPrefix("link ")
                    || $0.hasPrefix("metric ")
            }
        }
        return found
    }

    enum Outcome: Equatable {
        case none
        case parsed(Command, verb: Name, range: SourceRange)
        case failed(String, SourceRange?)
    }

    static func outcome(_ line: String, direct: Bool) -> Outcome {
        let source = SourceText(name: "<test>", text: line)
        do {
            guard let parsed = try Parser.parse(source, range: nil, direct: direct) else { return .none }
            return .parsed(parsed.command, verb: parsed.verb, range: parsed.range)
        } catch {
            return .failed(error.message, error.range)
        }
    }

    @Test("random lines of these verbs' pieces parse the same with and without the direct reader")
    func randomLines() {
        let verbs = ["value", "plan", "goal", "link", "metric"]
        let pieces = [
            "x", "sales", "revenue", "->", "→", "=", ">=", "<=", ">", "2026-Q3", "2026", "2026-07-15", "5", "-5", "1.5k", "25%",
            "lag=2q", "lag=", "weight=5%", "weight=-1", "owner=s", "unit=USD", "unit=\"\"", "agg=avg", "agg=mean", "\"why\"",
            "#c", "by", "BY", "term=MQL", "(", "a+b", "\"open",
        ]
        // A fixed seed: the same lines every run.
        var state: UInt64 = 0x5EED
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var same = 0
        for _ in 0..<4000 {
            var words = [verbs[next(verbs.count)]]
            for _ in 0..<(1 + next(9)) { words.append(pieces[next(pieces.count)]) }
            let line = words.joined(separator: " ")
            let direct = Self.outcome(line, direct: true)
            #expect(direct == Self.outcome(line, direct: false), "\(line)")
            if case .parsed = direct { same += 1 }
        }
        #expect(same > 50, "only \(same) random lines parsed: the comparison says little")
    }

    @Test("each line parses to the same command, or the same error, with and without the direct reader")
    func same() throws {
        var readDirectly = 0
        var formulas = 0
        for line in try Self.lines + Self.fileLines() {
            let direct = Self.outcome(line, direct: true)
            let general = Self.outcome(line, direct: false)
            #expect(direct == general, "\(line)")
            // Which lines the direct reader itself took.
            let source = SourceText(name: "<test>", text: line)
            var lexer = Lexer(source)
            lexer.skipTrivia()
            let start = lexer.position
            if let verb = try? lexer.next(), verb.kind == .word,
                DirectReader.read(source.text(verb.range), lexer, source, start: start, verb: Name(source.text(verb.range), verb.range))
                    != nil
            {
                readDirectly += 1
                if line.hasPrefix("metric"), line.contains(" = ") { formulas += 1 }
                if case .parsed = general {} else { Issue.record("read directly, refused by the parser: \(line)") }
            }
        }
        // It must take the plain lines, or this test compares nothing.
        #expect(readDirectly >= 40, "\(readDirectly) lines read directly")
        #expect(formulas >= 10, "\(formulas) metric lines with a formula read directly")
        #expect(Self.outcome("value x 2026-Q3 -5", direct: true) != .none)
    }
}
