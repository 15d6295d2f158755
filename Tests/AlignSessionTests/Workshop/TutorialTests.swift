import AlignSession
import Foundation
import Testing

/// docs/TUTORIAL.md runs as written: every ```console block's `align> `
/// lines are run in order in one session (interactive, on the reference
/// scenario, as `align --demo` starts), and what each prints must be what
/// the tutorial shows under it. `ALIGN_RECORD=1` rewrites the shown output.
@Suite("The tutorial")
struct TutorialTests {
    static let path = WorkshopSession.root.appendingPathComponent("docs/TUTORIAL.md")
    static let prompt = "align> "

    /// A command of the tutorial and the output shown under it.
    struct Step {
        var line: Int
        var command: String
        var expected: [String]
        /// The script the session this step runs in started from: nil for
        /// the reference scenario (`align --demo`); a block's `$ align -i
        /// FILE` line starts a session of its own on FILE.
        var start: String?
    }

    /// The tutorial's lines, and its steps with where they are.
    static func steps(_ lines: [String]) -> [Step] {
        var steps: [Step] = []
        var inConsole = false
        var start: String?
        let opening = "$ align -i "
        for (i, line) in lines.enumerated() {
            if !inConsole {
                inConsole = line == "```console"
                continue
            }
            if line == "```" {
                inConsole = false
            } else if line.hasPrefix(opening) {
                start = String(line.dropFirst(opening.count))
            } else if line.hasPrefix(prompt) {
                steps.append(Step(line: i, command: String(line.dropFirst(prompt.count)), expected: [], start: start))
            } else if !steps.isEmpty {
                steps[steps.count - 1].expected.append(line)
            }
        }
        return steps
    }

    static func trimmed(_ lines: [String]) -> [String] {
        var lines = lines
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test("every command prints what the tutorial shows")
    func tutorial() throws {
        let text = try String(contentsOf: Self.path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let steps = Self.steps(lines)
        #expect(steps.count >= 25)
        var w = try WorkshopSession(interactive: true, boxed: true)
        var start: String?
        var actuals: [[String]] = []
        for step in steps {
            if step.start != start {
                start = step.start
                w = try WorkshopSession(starting: step.start!, interactive: true, boxed: true)
            }
            let (out, err) = w.run(step.command)
            let actual = Self.trimmed((out + err).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            actuals.append(actual)
            if !Golden.recording, actual != Self.trimmed(step.expected) {
                Issue.record(
                    Comment(
                        rawValue: "TUTORIAL.md:\(step.line + 1): \(step.command)\n"
                            + Golden.diff(expected: Self.trimmed(step.expected).joined(separator: "\n"), actual: actual.joined(separator: "\n"))))
            }
        }
        guard Golden.recording else { return }
        // Rewrite from the last step up, so that earlier line numbers stay right.
        for (step, actual) in zip(steps, actuals).reversed() {
            lines.replaceSubrange((step.line + 1)..<(step.line + 1 + step.expected.count), with: actual)
        }
        try lines.joined(separator: "\n").write(to: Self.path, atomically: true, encoding: .utf8)
    }

    @Test("the tutorial ends with the report written and the goals adding up")
    func outcome() throws {
        let text = try String(contentsOf: Self.path, encoding: .utf8)
        let w = try WorkshopSession(interactive: true, boxed: true)
        for step in Self.steps(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        where step.start == nil {
            w.run(step.command)
        }
        #expect(try w.read("workshop.html").contains("<svg"))
        #expect(w.run("query conflicts").out.contains("no conflicts"))
        #expect(!w.run("query consistency 2026-Q3").out.contains("do not add up"))
        #expect(w.run("show decisions").out.contains("MQL"))
    }
}
