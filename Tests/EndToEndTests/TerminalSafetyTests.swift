import Foundation
import Testing

/// Control characters and escape sequences that reach align (in strings,
/// file names, CSV cells, arguments) are shown escaped, never sent raw to
/// the terminal: in every format, in exports printed, and in errors.
@Suite("the terminal stays safe")
struct TerminalSafetyTests {
    /// Characters a terminal acts on, or that reorder what a reader sees:
    /// ESC, BEL, CR, backspace, the C1 CSI (U+009B), a bidi override (U+202E)
    /// and an isolate (U+2066).
    static let hostile = ["\u{1B}[31m", "\u{07}", "\r", "\u{08}", "\u{9B}2J", "\u{202E}", "\u{2066}", "\u{85}"]

    /// The first scalar of `text` that must not reach a terminal raw (a newline may).
    static func firstUnsafe(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { s in
            let v = s.value
            // A newline and a tab may reach a terminal (CSV keeps a tab inside a quoted field).
            return (v < 0x20 && v != 0x0A && v != 0x09) || v == 0x7F || (0x80..<0xA0).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v)
        }
    }

    static func expectSafe(_ result: AlignProcess.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(firstUnsafe(result.stdout) == nil, "\(what): stdout \(result.stdout.debugDescription)", sourceLocation: sourceLocation)
        #expect(firstUnsafe(result.stderr) == nil, "\(what): stderr \(result.stderr.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test("strings with C1 controls and bidi overrides print escaped in every format and export")
    func stringsInEveryFormat() throws {
        let s = try Scratch()
        // Strings may hold these characters (names may not): descriptions, units, notes, reasons.
        let odd = "a\u{9B}2Jb\u{202E}c\u{2066}d\u{85}e\\tf\\ng"
        var script = """
            team sales horizon=quarter "\(odd)"
            term MQL "\(odd)" by=sales aka=Lead
            metric leads owner=sales unit="\(odd)" term=MQL "\(odd)"
            metric revenue = leads * 2
            link leads -> revenue lag=1q "\(odd)"
            value leads 2026-Q3 10
            goal g sales revenue >= 5 by 2026-Q3 "\(odd)"
            note "\(odd)"
            decide "\(odd)" at="\(odd)"

            """
        let looks = [
            "show", "show teams", "show terms", "show metrics", "show links", "show goals", "show leads", "show MQL",
            "tree revenue in 2026-Q3", "chart leads", "query orphans", "query conflicts", "query handoffs",
            "query horizons", "query gaps 2026-Q3", "query consistency 2026-Q3", "query path leads revenue",
            "query drivers revenue in 2026-Q3", "whatif leads = +10% in 2026-Q3", "solve revenue = 30 by leads in 2026-Q3",
            "diff",
        ]
        for format in ["table", "csv", "json", "markdown"] {
            script += "format \(format)\n" + looks.joined(separator: "\n") + "\n"
        }
        script += ["markdown", "html", "dot", "mermaid", "json", "csv"].map { "export \($0)\n" }.joined()
        try s.write("odd.align", script)
        let result = try s.run(["odd.align"])
        #expect(result.status == 0, "\(result.stderr)")
        Self.expectSafe(result, "a script")
        #expect(result.stdout.contains("\\u{9B}"), "the C1 CSI is shown escaped")
        #expect(result.stdout.contains("\\u{202E}"), "the bidi override is shown escaped")
        // On a terminal-like run too (boxed tables need a terminal; the prompt shows confirmations).
        let prompt = try s.run(["-i", "odd.align"], stdin: "history\nshow leads\n")
        Self.expectSafe(prompt, "-i")
    }

    @Test("file names, arguments, CSV cells and typed bytes that hold escapes are shown escaped in errors")
    func errors() throws {
        let s = try Scratch()
        for text in Self.hostile {
            let missing = try s.run(["no\(text)such.align"])
            #expect(missing.status == 1)
            Self.expectSafe(missing, "a missing script named with \(text.debugDescription)")
            let option = try s.run(["--no\(text)such"])
            #expect(option.status == 2)
            Self.expectSafe(option, "an unknown option with \(text.debugDescription)")
            let typed = try s.run(["-c", "team x\(text)y", "-c", "metric \(text)", "-c", "note \"\(text)\"", "-c", "help \(text)"])
            #expect(typed.status == 1)
            Self.expectSafe(typed, "a -c line with \(text.debugDescription)")
            let piped = try s.run(["--keep-going"], stdin: "show x\(text)\nrun \"\(text).align\"\nsave \"\u{9B}/\(text)/x\"\n")
            #expect(piped.status == 1)
            Self.expectSafe(piped, "standard input with \(text.debugDescription)")
            try s.write("v.csv", "metric,period,value\nm\(text),2026-Q1,5\nm,2026-Q1,\(text)\n")
            let imported = try s.run(["--keep-going", "-c", "metric m", "-c", "import values v.csv"])
            #expect(imported.status == 1)
            Self.expectSafe(imported, "a CSV cell with \(text.debugDescription)")
        }
    }
}
