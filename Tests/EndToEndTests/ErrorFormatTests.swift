import Foundation
import Testing

/// Errors in scripts: `FILE:LINE:COL: error: MESSAGE` on standard error, with
/// the right name for the source, the right place, and a "did you mean".
@Suite("Error format")
struct ErrorFormatTests {
    /// Four commands over five lines; the third command continues with `\`,
    /// and its error is on the line it continues onto.
    static let script = "team a\n\n# a comment\nteam b \\\n  horizon=yer\nteam c\n"
    static let message = "error: expected 'month', 'quarter', 'half' or 'year', found 'yer'; did you mean 'year'?"

    @Test("a script file's error is named by its path, at the line and column, after a continuation line")
    func file() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AlignProcess.write(Self.script, to: "plans/bad.align", in: folder)
        let result = try AlignProcess.run(["plans/bad.align"], in: folder)
        #expect(result.status == 1)
        #expect(result.errorLines == ["plans/bad.align:5:11: " + Self.message])
        #expect(result.stdout.isEmpty)
    }

    @Test("standard input is named <stdin>")
    func stdin() throws {
        let result = try AlignProcess.run([], stdin: Self.script)
        #expect(result.status == 1)
        #expect(result.errorLines == ["<stdin>:5:11: " + Self.message])
    }

    @Test("a -c line is named <arg>, and its lines count from 1")
    func arg() throws {
        let result = try AlignProcess.run(["-c", "team z", "-c", Self.script])
        #expect(result.status == 1)
        #expect(result.errorLines == ["<arg>:5:11: " + Self.message])
    }

    @Test("the line number counts lines inside a multi-line string and blank lines")
    func linesInsideStrings() throws {
        let input = "team a \"one\ntwo\"\n\nteam b \"x\" \"y\"\n"
        let result = try AlignProcess.run([], stdin: input)
        #expect(result.errorLines == [#"<stdin>:4:12: error: only one "description" string is allowed"#])
    }

    @Test("a script stops at its first error")
    func stopsAtFirstError() throws {
        let result = try AlignProcess.run([], stdin: "team a\ntam b\nshow tems\nshow teams\n")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test("--keep-going reports every error, runs the rest, and still exits 1")
    func keepGoing() throws {
        let result = try AlignProcess.run(["--keep-going"], stdin: "team a\ntam b\nshow tems\nteam c\nshow teams\n")
        #expect(result.status == 1)
        #expect(result.errorLines.count == 2)
        #expect(result.errorLines.first?.hasPrefix("<stdin>:2:1: error:") == true)
        #expect(result.errorLines.last?.hasPrefix("<stdin>:3:6: error:") == true)
        #expect(result.stdout.contains("a ") && result.stdout.contains("c "))
    }

    @Test("--keep-going carries on across -c lines and files too")
    func keepGoingAcrossInputs() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AlignProcess.write("tam x\nteam b\n", to: "one.align", in: folder)
        let result = try AlignProcess.run(
            ["--keep-going", "-c", "team a", "one.align", "-c", "show teams"], in: folder)
        #expect(result.status == 1)
        #expect(result.errorLines.count == 1)
        #expect(result.errorLines.first?.hasPrefix("one.align:1:1: error:") == true)
        let names = result.stdout.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ").first.map(String.init) }
        #expect(names == ["a", "b"])
    }

    @Test(
        "bad input gets a clear error at its position, with a did-you-mean where one is close",
        arguments: [
            ("tam sales", "<arg>:1:1: error: unknown command 'tam'; did you mean 'team'?"),
            ("team", "<arg>:1:5: error: expected a name, found the end of the line"),
            ("metric m ownr=sales", "<arg>:1:10: error: unknown option 'ownr='; did you mean 'owner='?"),
            ("team a horizn=year", "<arg>:1:8: error: unknown option 'horizn='; did you mean 'horizon='?"),
            ("help tem", "<arg>:1:6: error: unknown command 'tem'; did you mean 'team'?"),
            ("show termz", "<arg>:1:6: error: nothing is named 'termz'; did you mean 'terms'?"),
        ])
    func badInput(_ line: String, _ expected: String) throws {
        let result = try AlignProcess.run(["-c", line])
        #expect(result.status == 1)
        #expect(result.errorLines == [expected])
    }

    @Test("a word that is nothing like any command gets no suggestion, only a pointer to help")
    func noSuggestion() throws {
        let result = try AlignProcess.run(["-c", "zzzzzz"])
        #expect(result.errorLines == ["<arg>:1:1: error: unknown command 'zzzzzz' (try 'help')"])
    }

    @Test("a file that is not there is an error with status 1")
    func missingFile() throws {
        let result = try AlignProcess.run(["missing.align"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("missing.align"))
    }

    @Test("errors in piped output carry no escape codes, even when TERM asks for colour")
    func noEscapes() throws {
        let result = try AlignProcess.run([], stdin: "tam a\n", environment: ["TERM": "xterm-256color"])
        #expect(result.status == 1)
        #expect(!result.hasEscapes)
    }
}
