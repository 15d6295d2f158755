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
    ]

    /// The lines of the reference scenarios and of the bench's generators' shapes that these verbs start.
    static func fileLines() throws -> [String] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var found: [String] = []
        for name in ["examples/seed-scenario.align", "examples/time-scenario.align", "examples/plan-review.align"] {
            let text = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
            found += text.split(separator: "\n").map(String.init).filter {
                $0.hasPrefix("value ") || $0.hasPrefix("plan ") || $0.hasPrefix("goal ")
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

    @Test("each line parses to the same command, or the same error, with and without the direct reader")
    func same() throws {
        var readDirectly = 0
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
                if case .parsed = general {} else { Issue.record("read directly, refused by the parser: \(line)") }
            }
        }
        // It must take the plain lines, or this test compares nothing.
        #expect(readDirectly >= 20, "\(readDirectly) lines read directly")
        #expect(Self.outcome("value x 2026-Q3 -5", direct: true) != .none)
    }
}
