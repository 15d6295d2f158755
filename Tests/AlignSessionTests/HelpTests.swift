import AlignLanguage
import AlignOutput
import Testing

@testable import AlignSession

/// `help` and `help VERB`, generated from the command table.
@Suite("Help")
struct HelpTests {
    static func render(_ document: Document) -> String {
        Renderer(format: .table, style: .plain, boxed: false).render(document)
    }

    @Test("help lists every command under its group, each line within the width")
    func overview() {
        let text = Self.render(Help.overview())
        for spec in CommandTable.all { #expect(text.contains("  " + spec.verb + " "), "help does not list \(spec.verb)") }
        for group in CommandGroup.allCases { #expect(text.contains(group.rawValue)) }
        for line in text.split(separator: "\n") { #expect(displayWidth(String(line)) <= Help.width, "too wide: \(line)") }
    }

    @Test("help VERB gives the syntax, the summary and an example, for every command")
    func topics() {
        for spec in CommandTable.all {
            let text = Self.render(Help.topic(spec))
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            #expect(words.hasPrefix(spec.verb + " — " + spec.summary))
            for line in spec.syntax { #expect(text.contains("  " + line + "\n")) }
            #expect(spec.examples.isEmpty || text.contains("Examples:\n  " + spec.examples[0]))
            #expect(text.ranges(of: "Examples:").count <= 1, "help \(spec.verb) says Examples: twice")
            for line in text.split(separator: "\n") where !line.hasPrefix("  ") {
                #expect(displayWidth(String(line)) <= Help.width, "help \(spec.verb): too wide: \(line)")
            }
        }
    }

    @Test("wrapping breaks at blanks, keeps long words whole and indents what follows")
    func wrap() {
        #expect(Help.wrap("aa bb cc", first: "", rest: "  ", width: 5) == ["aa bb", "  cc"])
        #expect(Help.wrap("abcdefgh ij", width: 4) == ["abcdefgh", "ij"])
        #expect(Help.wrap("", first: "> ") == ["> "])
    }

    @Test("a discussion's lines are a list under hanging indents; a blank line separates paragraphs")
    func paragraphs() {
        let lines = Help.discussionLines("one two\nthree four five\n\nsix")
        #expect(lines == ["one two", "three four five", "", "six"])
        #expect(Help.discussionLines(String(repeating: "word ", count: 20) + "\nx").count == 3)
        #expect(Help.discussionLines(String(repeating: "word ", count: 20) + "\nx")[1].hasPrefix("    word"))
    }
}
