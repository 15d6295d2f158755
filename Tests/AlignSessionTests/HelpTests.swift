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

    @Test("at a terminal narrower than help's width, help wraps to the terminal, once", arguments: [40, 60, 79])
    func narrow(columns: Int) {
        let width = Help.width(for: columns)
        #expect(width == columns - 1)
        #expect(Help.width(for: nil) == Help.width && Help.width(for: 200) == Help.width)
        // Rendered as at that terminal: a line the help made fits, so the
        // renderer breaks none again (a help wrapped at 78 and broken again
        // at 60 leaves a ragged short line after each long one).
        let renderer = Renderer(format: .table, style: .plain, boxed: false, width: columns)
        for document in [Help.overview(width: width)] + CommandTable.all.map({ Help.topic($0, width: width) }) {
            let plain = Self.render(document)
            let fitted = renderer.render(document)
            for line in plain.split(separator: "\n") where !line.hasPrefix("  ") {
                // A word longer than the line (a path, a URL) is the one exception.
                let longest = line.split(separator: " ").map { displayWidth(String($0)) }.max() ?? 0
                #expect(displayWidth(String(line)) <= width || longest > width - 12, "too wide at \(columns): \(line)")
            }
            if plain.split(separator: "\n").allSatisfy({ displayWidth(String($0)) <= columns }) {
                #expect(fitted == plain, "the renderer broke help's lines again at \(columns) columns")
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
