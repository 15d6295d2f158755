import Foundation
import Testing

/// `run` and `align FILE`: relative paths, nesting, cycles, errors with their
/// chain, and files that are not scripts.
@Suite("run and scripts")
struct RunTests {
    @Test("paths are relative to the file that asks, however deep")
    func relative() throws {
        let s = try Scratch()
        try s.write("plan.align", "team Sales\nrun parts/metrics.align\n")
        try s.write("parts/metrics.align", "metric leads owner=Sales\nrun deeper/values.align\n")
        try s.write("parts/deeper/values.align", "value leads 2026-Q3 4000\n")
        let (result, saved) = try s.saved(after: ["plan.align"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(saved.contains("value leads 2026-Q3 4000"))
    }

    @Test("an error in a nested file names its place, then the chain of runs that led there")
    func nestedError() throws {
        let s = try Scratch()
        try s.write("outer.align", "team Sales\n\nrun sub/inner.align\n")
        try s.write("sub/inner.align", "metric leads owner=Sales\nvalue leads 2026-Q3 1\nvalue mqls 2026-Q3 2\n")
        let result = try s.run(["outer.align"])
        #expect(result.status == 1)
        #expect(
            result.stderr == """
                sub/inner.align:3:7: error: unknown metric 'mqls' (see 'show metrics')
                note: in a script run from outer.align:3:1

                """)
    }

    @Test("a run from the prompt's -c line names the chain from <arg>")
    func chainFromArg() throws {
        let s = try Scratch()
        try s.write("a.align", "run b.align\n")
        try s.write("b.align", "\n\nbogus\n")
        let result = try s.run(["-c", "run a.align"])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("b.align:3:1: error: ") == true, "\(result.stderr)")
        #expect(lines.dropFirst() == ["note: in a script run from a.align:1:1", "note: in a script run from <arg>:1:1"])
    }

    @Test("a cycle of runs is an error naming the chain, not a hang")
    func cycle() throws {
        let s = try Scratch()
        try s.write("a.align", "team A\nrun sub/b.align\n")
        try s.write("sub/b.align", "run ../c.align\n")
        try s.write("c.align", "run a.align\n")
        let result = try s.run(["a.align"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("c.align:1:5: error: this run would loop forever: a.align -> sub/b.align -> c.align -> a.align\n"))
        // Through a link, the chain names the link as the scripts wrote it.
        try s.write("real.align", "run plan.align\n")
        try FileManager.default.createSymbolicLink(atPath: s.path("plan.align"), withDestinationPath: "real.align")
        let linked = try s.run(["plan.align"])
        #expect(linked.stderr.hasPrefix("plan.align:1:5: error: this run would loop forever: plan.align -> plan.align\n"))
    }

    @Test("a script that does not exist, or is a folder: a clear error and status 1")
    func notScripts() throws {
        let s = try Scratch()
        try s.write("folder/x.align", "team A\n")
        let missing = try s.run(["nope.align"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: no such file: 'nope.align'\n")
        let folder = try s.run(["folder"])
        #expect(folder.status == 1)
        #expect(folder.stderr == "error: 'folder' is a folder, not a file\n")
        let nested = try s.run(["-c", "run folder"])
        #expect(nested.stderr == "<arg>:1:5: error: 'folder' is a folder, not a file\n")
    }

    @Test("a file that is not UTF-8 is refused whole; with --keep-going only its bad lines fail")
    func notUTF8() throws {
        let s = try Scratch()
        try s.write("latin1.align", Data("team A\nteam B\nnote \"caf".utf8) + Data([0xE9]) + Data("\"\nteam C\n".utf8))
        let refused = try s.run(["latin1.align", "-c", "show teams"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "latin1.align:3:10: error: the file is not UTF-8 text (byte 0xE9 here); nothing in it was run\n")
        #expect(refused.stdout.isEmpty)
        let (result, saved) = try s.saved(after: ["latin1.align"])
        #expect(result.status == 1)
        #expect(result.stderr == "latin1.align:3:10: error: byte 0xE9 is not UTF-8 text\n")
        #expect(saved.contains("team A\nteam B\nteam C\n"), "\(saved)")
        #expect(!saved.contains("note"))
    }

    @Test("a byte-order mark and Windows line ends are read as users expect")
    func windowsScript() throws {
        let s = try Scratch()
        try s.write("win.align", "\u{FEFF}team A\r\nmetric m owner=A \\\r\n  unit=count\r\nvalue m 2026 5\r\n")
        let (result, saved) = try s.saved(after: ["win.align"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(saved.contains("metric m owner=A unit=count\n"))
        #expect(saved.contains("value m 2026 5\n"))
    }

    @Test("undo in a script named on the command line takes back its last command")
    func undoInScript() throws {
        let s = try Scratch()
        try s.write("u.align", "team A\nteam B\nundo\n")
        let (result, saved) = try s.saved(after: ["u.align"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(saved.contains("team A\n"))
        #expect(!saved.contains("team B"))
    }

    @Test("undo inside a script run by 'run' takes back that script's own last command, and no further")
    func undoInRun() throws {
        let s = try Scratch()
        try s.write("u.align", "team A\nteam B\nundo\n")
        let (result, saved) = try s.saved(after: ["-c", "team Before", "-c", "run u.align"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(saved.contains("team Before\n") && saved.contains("team A\n"))
        #expect(!saved.contains("team B\n"))
        try s.write("v.align", "undo\n")
        let refused = try s.run(["-c", "team Before", "-c", "run v.align"])
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("v.align:1:1: error: there is nothing to undo"))
    }

    @Test("a replay keeps no undo records until something may ask for one, and undo still works wherever it is asked")
    func undoKeptWhereAsked() throws {
        let s = try Scratch()
        try s.write("plain.align", "team P\nteam Q\n")
        try s.write("u.align", "team A\nteam B\nundo\n")
        try s.write("outer.align", "team X\nrun u.align\nteam Y\n")
        // A line after the script takes the whole script back.
        let (whole, empty) = try s.saved(after: ["plain.align", "-c", "undo"])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(!empty.contains("team P") && !empty.contains("team Q"))
        // A script that mentions undo after one that does not.
        let (later, kept) = try s.saved(after: ["plain.align", "u.align"])
        #expect(later.status == 0, "\(later.stderr)")
        #expect(kept.contains("team P\n") && kept.contains("team Q\n") && kept.contains("team A\n"))
        #expect(!kept.contains("team B"))
        // A script that does not mention undo runs one that does.
        let (nested, inner) = try s.saved(after: ["outer.align"])
        #expect(nested.status == 0, "\(nested.stderr)")
        #expect(inner.contains("team X\n") && inner.contains("team A\n") && inner.contains("team Y\n"))
        #expect(!inner.contains("team B"))
    }
}
