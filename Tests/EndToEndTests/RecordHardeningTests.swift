import Foundation
import Testing

/// `record` against a hostile file system: its file replaced under it, two
/// sessions at one file, a size limit, a full disk, a named pipe nobody
/// reads. Nothing accepted is lost, and nothing hangs.
@Suite("record, hardened")
struct RecordHardeningTests {
    /// The recording's commands, without its header's comment lines.
    static func commands(_ text: String?) -> [String] {
        (text ?? "").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") }
    }

    @Test("save onto the file being recorded is refused, and the recording keeps every command")
    func saveOntoRecording() throws {
        let s = try Scratch()
        let live = try s.run(["--keep-going"], stdin: "record s.align\nteam a\nsave s.align\nteam b\nteam c\nrecord off\n")
        #expect(live.status == 1)
        #expect(live.stderr == "<stdin>:3:6: error: 's.align' is the file this session is recording to; save elsewhere, or 'record off' first\n")
        #expect(Self.commands(s.read("s.align")) == ["team a", "team b", "team c"])
        let replayed = try s.run(["s.align", "-c", "show teams"])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stdout.contains("\na ") && replayed.stdout.contains("\nc "))
    }

    @Test("a recording whose file another program replaces goes on at the end of the new file, said once")
    func replacedUnderIt() throws {
        let s = try Scratch()
        let shell = try LiveAlign(in: s)
        shell.send("record r.align\nteam a\n")
        try shell.wait { Self.commands(s.read("r.align")) == ["team a"] }
        try s.write("r.new", "# put here by another program\n")
        #expect(rename(s.path("r.new"), s.path("r.align")) == 0)
        shell.send("team b\nteam c\nrecord off\n")
        let result = shell.finish()
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "warning: 'r.align' was replaced by another program; the recording goes on at its end\n")
        #expect(s.read("r.align") == "# put here by another program\nteam b\nteam c\n")
    }

    @Test("a second session cannot record to a file another is recording to; the first loses nothing")
    func twoRecorders() throws {
        let s = try Scratch()
        let first = try LiveAlign(in: s)
        first.send("record shared.align\nteam a\n")
        try first.wait { Self.commands(s.read("shared.align")) == ["team a"] }
        let second = try s.run(["-c", "record shared.align", "-c", "team b"])
        #expect(second.status == 1)
        #expect(second.stderr == "<arg>:1:8: error: 'shared.align' is being recorded by another session; record to another file\n")
        first.send("team c\nrecord off\n")
        #expect(first.finish().status == 0)
        #expect(Self.commands(s.read("shared.align")) == ["team a", "team c"])
    }

    @Test("two sessions starting to record to one file at the same moment: one records, the other is refused")
    func twoRecordersAtOnce() throws {
        for round in 0..<12 {
            let s = try Scratch()
            let first = try LiveAlign(in: s, arguments: ["--keep-going"])
            let second = try LiveAlign(in: s, arguments: ["--keep-going"])
            first.send("record two.align\nteam a\nsave a.align\n")
            second.send("record two.align\nteam b\nsave b.align\n")
            // Both have tried to record before either ends and lets go of the file.
            try first.wait { s.read("a.align") != nil && s.read("b.align") != nil }
            let results = [first.finish(), second.finish()]
            let refused = results.filter { $0.stderr.contains("is being recorded by another session") }
            #expect(refused.count == 1, "round \(round): \(results.map(\.stderr))")
            let kept = Self.commands(s.read("two.align"))
            #expect(kept == ["team a"] || kept == ["team b"], "round \(round): \(kept)")
            if refused.count == 1 { #expect(refused[0].status == 1) }
        }
    }

    @Test("past the file-size limit (ulimit -f) record and save fail with an error, align lives, and the old file stays")
    func sizeLimit() throws {
        let s = try Scratch()
        try s.write("keep.align", "team keep\n")
        // `env --default-signal`: whatever the test runner ignores, align starts with SIGXFSZ as a shell gives it.
        let limited = #"ulimit -f 0; exec env --default-signal=XFSZ "$0" "$@""#
        let record = try AlignProcess.run(["-c", "record keep.align", "-c", "team a"], in: s.url, shell: limited)
        #expect(record.status == 1)
        #expect(record.stderr == "<arg>:1:8: error: cannot write 'keep.align': it would pass the size limit on files (ulimit -f); the existing file was left as it was\n")
        #expect(s.read("keep.align") == "team keep\n")
        let save = try AlignProcess.run(["-c", "team a", "-c", "save keep.align"], in: s.url, shell: limited)
        #expect(save.status == 1)
        #expect(save.stderr == "<arg>:1:6: error: cannot write 'keep.align': it would pass the size limit on files (ulimit -f); the existing file was left as it was\n")
        #expect(s.read("keep.align") == "team keep\n")
        let left = try FileManager.default.contentsOfDirectory(atPath: s.url.path).filter { $0.hasPrefix(".align-save") }
        #expect(left == [], "temporary files left: \(left)")
    }

    @Test("a recording the disk cuts short ends in whole lines, stops with a warning, and replays")
    func cutByFullDisk() throws {
        let s = try Scratch()
        let long = String(repeating: "x", count: 3000)
        // 1 KiB of file at most: the header and `team a` fit, the note does not.
        let limited = #"ulimit -f 1; exec env --default-signal=XFSZ "$0" "$@""#
        let script = "record r.align\nteam a\nnote \"\(long)\"\nteam b\nshow teams\n"
        let live = try AlignProcess.run([], stdin: script, in: s.url, shell: limited)
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stderr.hasPrefix("warning: cannot write 'r.align': it would pass the size limit on files (ulimit -f)"))
        #expect(live.stderr.hasSuffix("; recording stopped\n"), "\(live.stderr)")
        #expect(live.stdout.contains("\nb "), "the session went on")
        let recording = try #require(s.read("r.align"))
        #expect(recording.hasSuffix("\nteam a\n"), "not whole lines: \(recording.suffix(40).debugDescription)")
        let replayed = try s.run(["r.align"])
        #expect(replayed.status == 0, "\(replayed.stderr)")
    }

    @Test("a recording cut in the middle of its last line replays, and says where it was cut")
    func replayCutRecording() throws {
        let s = try Scratch()
        try s.write("r.align", "# align session recorded 2026-11-27 14:53 UTC\n# replay with: align r.align\nteam a\nnote \"xxxx")
        let result = try s.run(["r.align", "-c", "show teams"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "r.align:4:1: warning: the recording ends in the middle of this line (cut short by a full disk or a crash?); it was left out\n")
        #expect(result.stdout.contains("\na "))
        // A script that is not a recording, or a last line that parses, is run as it is.
        try s.write("plain.align", "team a\nnote \"xxxx")
        #expect(try s.run(["plain.align"]).stderr.hasPrefix("plain.align:2:6: error: "))
    }

    @Test("record to a named pipe nobody reads is an error at once, not a wait")
    func recordToPipe() throws {
        let s = try Scratch()
        #expect(mkfifo(s.path("pipe"), 0o600) == 0)
        let result = try AlignProcess.run(["-c", "record pipe"], in: s.url, shell: #"exec timeout -s KILL 10 "$0" "$@""#)
        #expect(result.status == 1)
        #expect(result.stderr == "<arg>:1:8: error: cannot write 'pipe': nothing is reading from it\n")
    }
}
