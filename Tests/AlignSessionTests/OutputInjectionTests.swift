import AlignCore
import AlignLanguage
import AlignSession
import Testing

/// Text a user typed must reach a spreadsheet as text and a Markdown reader
/// as a paragraph: never as a formula, a code fence or a heading.
@Suite("What a cell or a note can do downstream")
struct OutputInjectionTests {
    /// A spreadsheet takes a cell that starts with one of these as a formula.
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    @Test("CSV cells that a spreadsheet would run as a formula are written as text; numbers stay numbers")
    func csvFormulas() {
        let s = Scripted(#"""
            team a "=HYPERLINK(\"http://evil.example\",\"click\")"
            team b "+cmd|' /C calc'!A0"
            team c "@SUM(1+1)*cmd|' /C calc'!A0"
            team d "-2+3"
            team e "-12.5"
            metric m owner=a
            value m 2026-Q1 -1500
            metric n = m - 2000
            """#)
        let teams = s.run("format csv\nshow teams").out
        let cells = teams.split(separator: "\n").dropFirst().map { row in
            String(row.split(separator: ",", omittingEmptySubsequences: false).last ?? "")
        }
        for cell in cells {
            let text = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
            if let first = text.first, Self.formulaStarts.contains(first) {
                #expect(Double(text) != nil, "a formula reached CSV: \(cell)")
            }
        }
        #expect(teams.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""), "\(teams)")
        #expect(teams.contains(",'+cmd|' /C calc'!A0\n"))
        #expect(teams.contains(",'-2+3\n"))
        #expect(teams.contains(",-12.5\n"), "a text that is a number stays as it is")
        let values = s.run("show n").out
        #expect(values.contains(",-3500,"), "\(values)")
    }

    @Test("a note cannot open a code fence, a heading or anything else of its own in the Markdown report")
    func markdownNote() {
        let s = Scripted(#"""
            note "first line\n```\n# Heading\n---\n    indented\n\n> quote\n- item\n2. item\n[x]: http://evil.example\n~~~\n| a | b |\n=== done"
            note "```sh"
            note "# not a heading"
            """#)
        let report = s.run("export markdown").out
        let notes = report.components(separatedBy: "## Notes\n")
        try? #require(notes.count == 2, "no Notes section")
        let section = notes.last?.components(separatedBy: "\n---\nMade with").first ?? ""
        // One paragraph a note, each starting with its number: no blank line inside one.
        let paragraphs = section.components(separatedBy: "\n\n").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(paragraphs.count == 3, "\(paragraphs)")
        for paragraph in paragraphs {
            var lines = paragraph.trimmingPrefix("\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let number = lines[0].prefix { $0.isNumber }
            #expect(!number.isEmpty && lines[0].dropFirst(number.count).hasPrefix(". "), "\(lines[0].debugDescription)")
            lines[0] = String(lines[0].dropFirst(number.count + 2))
            for line in lines {
                for opener in ["```", "~~~", "#", "---", "===", ">", "- ", "[x]:", "|", "    ", "2. "] {
                    #expect(!line.hasPrefix(opener), "a note line opens a block: \(line.debugDescription)")
                }
            }
        }
        #expect(section.contains("first line"))
        #expect(section.contains("=== done"))
    }

    @Test("a tab in a CSV cell stays a tab, inside quotes; a tab first gets the ' that a formula gets")
    func csvTab() {
        let s = Scripted("team t \"\t=tab\"\nteam u \"a\tb\"\n")
        let teams = s.run("format csv\nshow teams").out
        #expect(teams.contains(",\"'\t=tab\"\n"), "\(teams.debugDescription)")
        #expect(teams.contains(",\"a\tb\"\n"), "\(teams.debugDescription)")
        #expect(!teams.contains("\\t"))
    }

    @Test("link syntax in a note is text in the Markdown report: no link or image, whatever backslashes come before it")
    func markdownLinks() {
        let s = Scripted(#"""
            note "see [click](javascript:alert(1)), ![img](http://evil.example/x.png) and *this*"
            note "\\[x\\](javascript:alert(2))"
            """#)
        let report = s.run("export markdown").out
        #expect(report.contains(#"see \[click\](javascript:alert(1)), !\[img\](http://evil.example/x.png) and *this*"#), "\(report)")
        #expect(report.contains(#"\\\[x\\\](javascript:alert(2))"#), "\(report)")
        #expect(!report.contains("[click](") && !report.contains("[img]("))
    }
}
