import Foundation
import Testing

/// `align --recover` on journals left in the state folder. (The journal
/// written by a live prompt, and a SIGKILL, are in Tests/pty/test_journal.py.)
@Suite("--recover")
struct RecoverTests {
    /// A journal as a killed session leaves it: `lines` are records, tab-separated.
    static func journal(_ s: Scratch, _ name: String, _ lines: [String]) throws {
        let text = (["align-journal 1"] + lines).joined(separator: "\n") + "\n"
        try s.write("state/align/journals/\(name).journal", text.replacingOccurrences(of: "→", with: "\t"))
    }

    /// The state folder, and a time zone, for the times a recovered note is stamped with.
    static func environment(_ s: Scratch) -> [String: String] { ["XDG_STATE_HOME": s.path("state"), "TZ": "UTC"] }

    @Test("nothing to recover: a clear message, status 1; and list says so")
    func nothing() throws {
        let s = try Scratch()
        let result = try s.run(["--recover", "-c", "show teams"], environment: Self.environment(s))
        #expect(result.status == 1)
        #expect(result.stderr == "error: there is no unfinished session to recover (see 'align --recover list')\n")
        let list = try s.run(["--recover", "list"], environment: Self.environment(s))
        #expect(list.status == 0)
        #expect(list.stdout == "No unfinished session to recover.\n")
    }

    @Test("the most recent session is restored, undo and redo included, then -c runs")
    func restore() throws {
        let s = try Scratch()
        try Self.journal(
            s, "20261120-090000-100",
            [
                "session→1763629200→100→-→/old", "command→1763629201→ok→-→team Old",
            ])
        try Self.journal(
            s, "20261127-090000-200",
            [
                "session→1764234000→200→-→/work", "prompt→1764234000",
                "command→1764234001→ok→-→team Sales horizon=quarter",
                "command→1764234002→ok→-→metric leads owner=Sales",
                "command→1764234003→ok→-→value leads 2026-Q3 4000",
                "typed→1764234004→ok→-→show teams",
                "command→1764234005→ok→-→value leads 2026-Q3 5000",
                "command→1764234006→ok→-→undo",
                "command→1764234007→ok→-→note \"two\\\\nlines\"",
                "command→1764234008→ok→-→value leads 2026-Q4 \\\\\\n6000",
                "command→1764234009→ok→-→undo", "command→1764234010→ok→-→redo",
                "typed→1764234011→failed→-→metric x owner=Nobody",
                "command→1764234012→ok→-→value leads 2026-Q1",  // cut short by the crash: no newline after
            ])
        // Cut the last line short, as a crash in the middle of a write would.
        var bytes = try #require(s.read("state/align/journals/20261127-090000-200.journal"))
        bytes.removeLast()
        try s.write("state/align/journals/20261127-090000-200.journal", bytes)

        let result = try s.run(["--recover", "-c", "save out.align", "-c", "history"], environment: Self.environment(s))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            s.read("out.align") == """
                # align workspace

                # Teams
                team Sales horizon=quarter

                # Metrics
                metric leads owner=Sales

                # Values
                value leads 2026-Q3 4000
                value leads 2026-Q4 6000

                # Notes and decisions
                note "two\\nlines" at="09:00"

                """)
        let undone = result.stdout.split(separator: "\n").filter { $0.hasSuffix("undone") }
        #expect(undone.map { $0.split(separator: " ").joined(separator: " ") } == ["5 value leads 2026-Q3 5000 undone"])
        #expect(!result.stdout.contains("2026-Q1"))
        // Carried on without a prompt, the session stays recoverable.
        let list = try s.run(["--recover", "list"], environment: Self.environment(s))
        #expect(list.stdout.hasPrefix("* 2025-11-2"), "\(list.stdout)")
        #expect(list.stdout.contains("9 commands  pid 200  in /work\n"))
        #expect(list.stdout.contains("      ...\n      value leads 2026-Q4 \\ 6000\n      undo\n      redo\n"))
        #expect(list.stdout.contains("1 command  pid 100  in /old\n"))
        #expect(list.stdout.hasSuffix("'align --recover' restores the session marked *, the most recent.\n"))
    }

    @Test("scripts and files are taken from the journal, not from disk")
    func filesFromJournal() throws {
        let s = try Scratch()
        try Self.journal(
            s, "20261127-090000-300",
            [
                "session→1764234000→300→-→/work",
                "read→plan.align→team Sales\\nrun parts/m.align\\n",
                "read→parts/m.align→metric leads owner=Sales\\nimport values v.csv\\n",
                "read→parts/v.csv→metric,period,value\\nleads,2026-Q3,\"4,000\"\\n",
                "script→1764234001→ok→-→plan.align",
                "prompt→1764234002",
                "command→1764234003→ok→-→value leads 2026-Q4 1",
            ])
        let result = try s.run(["--recover", "-c", "export csv"], environment: Self.environment(s))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "metric,period,value\nleads,2026-Q3,4000\nleads,2026-Q4,1\n")
    }

    @Test("a journal whose session is still running is left alone")
    func liveSession() throws {
        let s = try Scratch()
        try Self.journal(s, "20261127-090000-400", ["session→1764234000→400→-→/work", "command→1764234001→ok→-→team Live"])
        let fd = open(s.path("state/align/journals/20261127-090000-400.journal"), O_RDWR)
        try #require(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let list = try s.run(["--recover", "list"], environment: Self.environment(s))
        #expect(list.stdout == "No unfinished session to recover.\n")
        let result = try s.run(["--recover", "-c", "show teams"], environment: Self.environment(s))
        #expect(result.status == 1)
    }

    @Test("--recover list takes nothing else, and --recover does not mix with --demo")
    func usage() throws {
        let s = try Scratch()
        let list = try s.run(["--recover", "list", "-c", "show"], environment: Self.environment(s))
        #expect(list.status == 2)
        #expect(list.stderr.contains("'--recover list' takes no scripts, -c, -i or --demo"))
        let demo = try s.run(["--recover", "--demo"], environment: Self.environment(s))
        #expect(demo.status == 2)
    }

    @Test("a --demo session comes back with the scenario, which is one record, not the user's commands")
    func demoSession() throws {
        let s = try Scratch()
        try Self.journal(
            s, "20261127-090000-500",
            [
                "session→1764234000→500→-→/work", "demo→1764234000→ok→-→--demo", "start→1764234000",
                "prompt→1764234000", "command→1764234001→ok→-→value leads 2026-Q3 5000",
            ])
        let list = try s.run(["--recover", "list"], environment: Self.environment(s))
        #expect(list.stdout.contains("1 command  pid 500"), "\(list.stdout)")
        let result = try s.run(["--recover", "-c", "query gaps 2026-Q3", "-c", "undo", "-c", "undo"], environment: Self.environment(s))
        // 5,000 leads make 2,500,000 of revenue: the scenario is back, with the change on top.
        #expect(result.stdout.contains("q3_bookings: 2,500,000 USD against 2,500,000 USD, met"), "\(result.stdout)")
        // The change undoes; the scenario, where the session started, does not.
        #expect(result.stderr.contains("error: there is nothing to undo"), "\(result.stderr)")
    }
}
