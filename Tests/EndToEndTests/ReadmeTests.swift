import Foundation
import Testing

/// The examples of README.md print what it shows: each `$ align --demo -c
/// '...'` line of a code block is run, and its output compared with the
/// lines under it, up to the next `$` line or the end of the block.
@Suite("README examples")
struct ReadmeTests {
    struct Example {
        var line: Int
        var arguments: [String]
        var expected: String
    }

    /// The examples: lines `$ align ARGS` whose arguments are words or
    /// single-quoted strings, with nothing else of the shell on them.
    static func examples() throws -> [Example] {
        let text = try String(contentsOf: AlignProcess.root.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        var found: [Example] = []
        var inBlock = false
        var current: Example?
        func close() {
            // A blank line between two examples parts them; it is not output.
            if var done = current {
                while done.expected.hasSuffix("\n\n") { done.expected.removeLast() }
                found.append(done)
            }
            current = nil
        }
        for (n, line) in lines.enumerated() {
            if line.hasPrefix("```") {
                close()
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix("$ ") {
                close()
                guard line.hasPrefix("$ align "), let arguments = words(String(line.dropFirst(8))) else { continue }
                current = Example(line: n + 1, arguments: arguments, expected: "")
            } else if current != nil {
                current!.expected += line + "\n"
            }
        }
        return found
    }

    /// `--demo -c 'tree revenue'` as ["--demo", "-c", "tree revenue"]; nil
    /// for anything a shell would do more with (`;`, `|`, `$`, `"`, `>`).
    static func words(_ text: String) -> [String]? {
        guard !text.contains(where: { ";|$\">&".contains($0) }) else { return nil }
        var out: [String] = []
        var word = ""
        var quoted = false
        var started = false
        for c in text {
            if c == "'" {
                quoted.toggle()
                started = true
            } else if c == " " && !quoted {
                if started { out.append(word) }
                word = ""
                started = false
            } else {
                word.append(c)
                started = true
            }
        }
        if started { out.append(word) }
        return quoted ? nil : out
    }

    @Test("every `$ align` example prints what README.md shows")
    func examplesRun() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 3, "the examples were not found")
        for example in examples {
            let result = try AlignProcess.run(example.arguments)
            #expect(result.status == 0, "README.md:\(example.line): \(result.stderr)")
            #expect(result.stdout == example.expected, "README.md:\(example.line): \(example.arguments)")
        }
    }
}
