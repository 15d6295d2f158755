import AlignLanguage
import Foundation
import Testing

@testable import AlignSession

/// docs/LANGUAGE.md holds the reference generated from the command table;
/// `help VERB` reads the same table; and every example in it runs.
@Suite("The language reference")
struct LanguageReferenceTests {
    static let docURL = Golden.root.appendingPathComponent("docs/LANGUAGE.md")
    static let begin = "<!-- BEGIN GENERATED REFERENCE: ALIGN_RECORD=1 swift test --filter LanguageReference rewrites it -->"
    static let end = "<!-- END GENERATED REFERENCE -->"

    @Test("the reference section of docs/LANGUAGE.md is what Help.reference() generates")
    func generatedSection() throws {
        let doc = try String(contentsOf: Self.docURL, encoding: .utf8)
        let start = try #require(doc.range(of: Self.begin), "docs/LANGUAGE.md has no line \(Self.begin)")
        let stop = try #require(doc.range(of: Self.end), "docs/LANGUAGE.md has no line \(Self.end)")
        let current = String(doc[start.upperBound..<stop.lowerBound])
        let generated = "\n\n" + Help.reference()
        if Golden.recording {
            let updated = String(doc[..<start.upperBound]) + generated + String(doc[stop.lowerBound...])
            try updated.write(to: Self.docURL, atomically: true, encoding: .utf8)
        } else if current != generated {
            Issue.record(
                Comment(
                    rawValue: "docs/LANGUAGE.md is out of date (ALIGN_RECORD=1 rewrites it):\n"
                        + Golden.diff(expected: current, actual: generated)))
        }
    }

    @Test("every command is in the reference, with each of its syntax lines and examples")
    func everyCommand() {
        let reference = Help.reference()
        for spec in CommandTable.all {
            #expect(reference.contains("#### `\(spec.verb)`"))
            for line in spec.syntax { #expect(reference.contains(line + "\n"), "\(spec.verb): \(line)") }
            for example in spec.examples { #expect(reference.contains(example + "\n"), "\(spec.verb): \(example)") }
        }
    }

    @Test("help VERB says what the reference says: summary, syntax, discussion, options, examples")
    func helpMatchesReference() throws {
        let reference = Help.reference()
        for spec in CommandTable.all {
            let bench = try Workbench()
            let help = bench.run("help " + spec.verb)
            let heading = Help.wrap(spec.verb + " — " + spec.summary, rest: String(repeating: " ", count: spec.verb.count + 3))
            #expect(help.hasPrefix(heading.joined(separator: "\n") + "\n"), "\(spec.verb)")
            for line in Help.discussionLines(spec.discussion) {
                #expect(help.contains(line + "\n"), "\(spec.verb): \(line)")
            }
            for paragraph in Help.paragraphs(spec.discussion) {
                for item in paragraph { #expect(reference.contains(item), "\(spec.verb): \(item)") }
            }
            for line in spec.syntax { #expect(help.contains("  " + line + "\n"), "\(spec.verb): \(line)") }
            for example in spec.examples { #expect(help.contains("  " + example + "\n"), "\(spec.verb): \(example)") }
            for option in Help.options(of: spec) {
                #expect(help.contains(option.key + "="), "\(spec.verb): \(option.key)")
                #expect(reference.contains("| `\(option.key)=") && reference.contains(option.summary), "\(option.key)")
            }
            for alias in spec.aliases { #expect(bench.run("help " + alias) == help, "\(alias)") }
        }
    }

    @Test("each command's examples run, in order, on a fresh copy of the reference scenario", arguments: CommandTable.all.map(\.verb))
    func examplesRun(_ verb: String) throws {
        let spec = try #require(CommandTable.spec(for: verb))
        let bench = try Workbench()
        bench.loadScenario()
        #expect(bench.session.errorCount == 0)
        for example in spec.examples {
            let before = bench.session.errorCount
            let printed = bench.run(example, name: "example")
            #expect(bench.session.errorCount == before, "\(example) failed: \(printed)")
            #expect(!printed.contains("error:"), "\(example): \(printed)")
        }
    }

    @Test("every command but quit has an example, and every verb's syntax starts with it")
    func examplesExist() {
        for spec in CommandTable.all where spec.verb != "quit" {
            #expect(!spec.examples.isEmpty, "\(spec.verb) has no example")
            for example in spec.examples {
                #expect(example.split(separator: " ").first.map(String.init).flatMap(CommandTable.spec(for:)) != nil)
            }
        }
    }
}
