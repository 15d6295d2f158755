import Foundation
import Testing

/// Inputs at the edges: deep nesting, long lines, long scripts, long names,
/// numbers past a Double's range, division by zero, bytes that are not text,
/// and chains longer than any call stack. Each ends in an answer or an error,
/// never a crash, a hang, `inf` or `nan`.
@Suite("limits that hold")
struct LimitsTests {
    /// A chain m0 -> m1 -> ... of `n` metrics, each one more than the one before.
    static func chain(_ n: Int) -> String {
        var lines = ["team t", "metric m0 owner=t", "value m0 2026-Q1 1"]
        for i in 1..<n { lines.append("metric m\(i) = m\(i - 1) + 1") }
        lines.append("revenue m\(n - 1)")
        lines.append("goal top t m\(n - 1) >= 5 by 2026-Q1")
        lines.append("goal bottom t m0 >= 5 by 2026-Q1")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("5,000 nested parentheses are an error, not a stack overflow")
    func deepParentheses() throws {
        let s = try Scratch()
        let depth = 5000
        try s.write("deep.align", "metric a\nmetric b = " + String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth) + "\n")
        let result = try s.run(["deep.align"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("deep.align:2:"))
        #expect(result.stderr.contains("the formula is nested too deeply"))
        // The same typed as a -c line, and unclosed, and as a chain of minus signs.
        let unclosed = try s.run(["-c", "metric a", "-c", "metric b = " + String(repeating: "(", count: depth) + "a"])
        #expect(unclosed.status == 1 && unclosed.stderr.contains("error:"), "\(unclosed.stderr)")
        let minus = try s.run(["-c", "metric a", "-c", "metric b = " + String(repeating: "-", count: depth) + "a"])
        #expect(minus.status == 1 && minus.stderr.contains("nested too deeply"), "\(minus.stderr)")
    }

    @Test("a formula just inside the depth limit works in every command that reads it")
    func deepestFormula() throws {
        let s = try Scratch()
        let d = 999
        let nested = String(repeating: "(", count: d) + "a" + String(repeating: ")", count: d)
        let negated = String(repeating: "- ", count: d - 1) + "a"
        let chained = Array(repeating: "a", count: 1000).joined(separator: " + ")
        let script = """
            team t
            metric a owner=t
            value a 2026 2
            metric b = \(nested)
            metric c = \(negated)
            metric e = \(chained)
            metric f = b * c / e
            revenue f
            goal g t f >= 1 by 2026
            show b
            show c
            show f
            tree f in 2026
            whatif a = 3 in 2026
            solve f = 1 by a in 2026
            query drivers f in 2026
            query consistency 2026
            export json
            export markdown
            save saved.align
            format json
            tree f in 2026

            """
        try s.write("deep.align", script)
        let result = try s.run(["deep.align"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let replay = try s.run(["saved.align", "-c", "show f"])
        #expect(replay.status == 0, "\(replay.stderr)")
    }

    @Test("a 2 MB line: a note that long is kept, a formula that long is refused")
    func longLine() throws {
        let s = try Scratch()
        let text = String(repeating: "x", count: 2_000_000)
        try s.write("long.align", "note \"\(text)\"\nexport json\n")
        let result = try s.run(["long.align"])
        #expect(result.status == 0)
        #expect(result.stdout.contains(text))
        let sum = "metric a\nmetric b = " + Array(repeating: "a", count: 500_000).joined(separator: " + ") + "\n"
        try s.write("sum.align", sum)
        let refused = try s.run(["sum.align"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("sum.align:2:"), "\(refused.stderr.prefix(200))")
    }

    @Test("a script of 1,000,000 lines runs to the end")
    func millionLines() throws {
        let s = try Scratch()
        var script = "metric m\n"
        script.reserveCapacity(25_000_000)
        for i in 1..<1_000_000 { script += "value m \(2000 + i % 100)-\(i % 12 < 9 ? "0" : "")\(i % 12 + 1) \(i)\n" }
        try s.write("million.align", script)
        let start = Date()
        let result = try s.run(["million.align", "-c", "show m"])
        let seconds = Date().timeIntervalSince(start)
        print("1,000,000-line script: \(String(format: "%.1f", seconds)) s")
        #expect(result.status == 0)
        #expect(result.stdout.contains("2099-12"))
    }

    @Test("names of 10,000 characters work, print, save and replay")
    func longNames() throws {
        let s = try Scratch()
        let team = String(repeating: "t", count: 10_000)
        let metric = String(repeating: "m", count: 10_000)
        let script = """
            team \(team)
            metric \(metric) owner=\(team)
            value \(metric) 2026-Q3 5
            metric total = \(metric) * 2
            goal \(String(repeating: "g", count: 10_000)) \(team) total >= 1 by 2026-Q3
            tree total in 2026-Q3
            query gaps 2026-Q3
            save saved.align

            """
        try s.write("names.align", script)
        let result = try s.run(["names.align"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(metric))
        let replay = try s.run(["saved.align", "-c", "save again.align"])
        #expect(replay.status == 0)
        #expect(s.read("again.align") == s.read("saved.align"))
        let unknown = try s.run(["-c", "show " + String(repeating: "q", count: 10_000)])
        #expect(unknown.status == 1)
    }

    /// The words a number that is not one must never print as.
    static func hasNonNumber(_ text: String) -> Bool {
        text.split(whereSeparator: { !$0.isLetter }).contains { ["inf", "nan", "infinity", "NaN"].contains(String($0)) }
    }

    @Test("numbers past a Double's range are reported, never printed as inf")
    func overflow() throws {
        let s = try Scratch()
        let script = """
            metric a
            value a 2026 1e308
            metric c = 1e308 * 10
            metric d = a * 10
            metric e = a * a - a * a
            show c
            show d
            tree d in 2026
            tree e in 2026
            whatif a = -1e308 in 2026
            query drivers d in 2026
            solve d = 1e308 by a in 2026
            chart a
            export json
            export csv
            format json
            tree d in 2026
            format csv
            tree d in 2026
            format markdown
            tree d in 2026

            """
        try s.write("big.align", script)
        let result = try s.run(["--keep-going", "big.align"])
        #expect(!Self.hasNonNumber(result.stdout + result.stderr), "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("too large"))
        let literal = try s.run(["-c", "metric a", "-c", "value a 2026 1e309"])
        #expect(literal.stderr == "<arg>:1:14: error: the number '1e309' is too large\n")
        let relative = try s.run(["-c", "metric a", "-c", "value a 2026 1e300", "-c", "whatif a = +1e300% in 2026"])
        #expect(relative.status == 1)
        #expect(relative.stderr.contains("too large to compute"), "\(relative.stderr)")
        #expect(!Self.hasNonNumber(relative.stdout + relative.stderr))
    }

    @Test("division by zero is reported, never printed as nan")
    func divisionByZero() throws {
        let s = try Scratch()
        let script = """
            metric a
            metric z
            value a 2026 0
            value z 2026 0
            metric q = a / z
            metric r = 1 / (a - z)
            show q
            tree q in 2026
            tree r in 2026
            whatif a = 5 in 2026
            solve q = 1 by a in 2026
            query drivers r in 2026
            export json
            format json
            tree q in 2026
            format csv
            show q

            """
        try s.write("zero.align", script)
        let result = try s.run(["--keep-going", "zero.align"])
        #expect(!Self.hasNonNumber(result.stdout + result.stderr), "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("division by zero"))
    }

    @Test("bytes that are not text are an error on their line; with --keep-going the rest runs")
    func notText() throws {
        let s = try Scratch()
        var bytes = Data("team a\nteam b".utf8)
        bytes.append(0xFF)
        bytes.append(contentsOf: Array("\nteam c\n# caf".utf8))
        bytes.append(0xE9)
        bytes.append(contentsOf: Array("\nteam d\u{0}x\nteam e\nshow teams\n".utf8))
        try s.write("bad.align", bytes)
        let stopped = try s.run(["bad.align"])
        #expect(stopped.status == 1)
        #expect(stopped.stdout.isEmpty)
        #expect(stopped.stderr == "bad.align:2:7: error: the file is not UTF-8 text (byte 0xFF here); nothing in it was run\n")
        let going = try s.run(["--keep-going", "bad.align"])
        #expect(going.status == 1)
        #expect(
            going.errorLines == [
                "bad.align:2:7: error: byte 0xFF is not UTF-8 text",
                "bad.align:4:6: error: byte 0xE9 is not UTF-8 text",
                "bad.align:5:7: error: a NUL byte (U+0000) is not text",
            ])
        #expect(going.stdout.contains("a ") && going.stdout.contains("c ") && going.stdout.contains("e "))
        #expect(!going.stdout.contains("d "))
        // A NUL through standard input.
        let piped = try s.run(["--keep-going"], stdin: "team a\nteam d\u{0}x\nteam e\nshow teams\n")
        #expect(piped.status == 1)
        #expect(piped.errorLines == ["<stdin>:2:7: error: a NUL byte (U+0000) is not text"])
        #expect(piped.stdout.contains("e "))
    }

    @Test("a byte that is not UTF-8 in a -c line is named, as in a file")
    func notTextInArgument() throws {
        // Foundation passes arguments as strings; bash hands align the raw byte.
        let shell = try AlignProcess.run(
            [], shell: "exec \"$0\" --keep-going -c $'team \\xff' -c 'team ok' -c 'show teams'")
        #expect(shell.status == 1)
        #expect(shell.errorLines == ["<arg>:1:6: error: byte 0xFF is not UTF-8 text"])
        #expect(shell.stdout.contains("ok "))
    }

    @Test("a chain of 100,000 metrics: tree in every format, path, what-if, solve, save")
    func longChain() throws {
        let s = try Scratch()
        try s.write("chain.align", Self.chain(100_000))
        // One run: reading the chain takes most of the time.
        var arguments = ["chain.align"]
        for format in ["table", "json", "csv", "markdown"] { arguments += ["-c", "format \(format)", "-c", "tree"] }
        arguments += [
            "-c", "format table", "-c", "query path m0 m99999", "-c", "whatif m0 = 2 in 2026-Q1",
            "-c", "solve m99999 = 200000 by m0 in 2026-Q1", "-c", "query drivers m99999 in 2026-Q1",
            "-c", "query consistency 2026-Q1", "-c", "save saved.align",
        ]
        let result = try s.run(arguments)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("… 1 driver deeper down (tree m99900 to go on)"))
        #expect(result.stdout.contains("{\"hidden\":1}"))
        #expect(result.stdout.utf8.count < 20_000_000, "no quadratic drawing: \(result.stdout.utf8.count) bytes")
        #expect(result.stdout.contains("m99998 -> m99999"))
        #expect(s.read("saved.align")?.contains("metric m99999 = m99998 + 1") == true)
        let cycle = try s.run(["chain.align", "-c", "metric m0 = m99999 + 1"])
        #expect(cycle.status == 1)
        #expect(cycle.stderr.utf8.count < 400, "the cycle is shown by its ends: \(cycle.stderr.prefix(400))")
    }

    @Test("3,000 goals on a chain of 3,000 metrics with lagged links: every query answers")
    func manyGoals() throws {
        let s = try Scratch()
        let n = 3000
        var lines = ["team t horizon=month", "team u horizon=year", "metric m0 owner=t", "value m0 2026-Q1 1"]
        for i in 1..<n { lines += ["metric m\(i) owner=\(i % 2 == 0 ? "u" : "t")", "metric m\(i) = m\(i - 1) + 1"] }
        for i in stride(from: 0, to: n - 7, by: 3) { lines.append("link m\(i) -> m\(i + 7) lag=2q") }
        lines.append("revenue m\(n - 1)")
        for i in 0..<n { lines.append("goal g\(i) \(i % 2 == 0 ? "u" : "t") m\(i) >= 5 by 2026-Q1") }
        try s.write("goals.align", lines.joined(separator: "\n") + "\n")
        let result = try s.run([
            "goals.align", "-c", "query horizons", "-c", "query handoffs", "-c", "query orphans", "-c", "query gaps 2026-Q1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("more steps) ->"), "long chains are shown by their ends")
        #expect(result.stdout.contains("g2999"))
    }
}
