import Foundation
import Testing

/// Field tests of `record`: the file replays as its header says, finds the
/// files its commands read, and writes none.
@Suite("Field tests: a recording replays on its own")
struct RecordReplayTests {
    @Test("a recording begun on --demo says 'align --demo FILE', and replays so")
    func demo() throws {
        let s = try Scratch()
        let live = try s.run(["--demo"], stdin: "record r.align\nvalue leads 2026-Q3 5000\nrecord off\n")
        #expect(live.status == 0, "\(live.stderr)")
        let recording = try #require(s.read("r.align"))
        #expect(recording.contains("\n# replay with: align --demo r.align\n"), "\(recording)")
        let (replay, replayed) = try s.saved(after: ["--demo", "r.align"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let (_, expected) = try s.saved(after: ["--demo", "-c", "value leads 2026-Q3 5000"])
        #expect(replayed == expected)
    }

    @Test("a run typed at the prompt is recorded so that replay reads the same file from the recording's folder")
    func runFromAnotherFolder() throws {
        let s = try Scratch()
        try s.write("more.align", "team sales\n")
        try s.write("values.csv", "metric,period,value\nleads,2026-Q3,4200\n")
        try FileManager.default.createDirectory(atPath: s.path("rec"), withIntermediateDirectories: true)
        let live = try s.run(
            [],
            stdin: "source pre csv values.csv\nrecord rec/r.align\nrun more.align\nmetric leads\nimport values values.csv\n"
                + "source opps csv values.csv\nrecord off\n")
        #expect(live.status == 0, "\(live.stderr)")
        let recording = try #require(s.read("rec/r.align"))
        #expect(recording.contains("\nrun \(s.path("more.align"))\n"), "\(recording)")
        #expect(recording.contains("\nimport values \(s.path("values.csv"))\n"), "\(recording)")
        // A source's file too: typed, made absolute; in the workspace at the head, spelled from the recording's folder.
        #expect(recording.contains("\nsource opps csv \(s.path("values.csv"))\n"), "\(recording)")
        #expect(recording.contains("\nsource pre csv \"../values.csv\"\n"), "\(recording)")
        let (replay, replayed) = try s.saved(after: ["rec/r.align"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replayed.contains("team sales") && replayed.contains("value leads 2026-Q3 4200"))
    }

    @Test("export and save are recorded as comments: a replay overwrites no file")
    func writesNothing() throws {
        let s = try Scratch()
        let live = try s.run(
            ["--demo"], stdin: "record r.align\nexport html report.html\nsave plan.align\nexport markdown\nrecord off\n")
        #expect(live.status == 0, "\(live.stderr)")
        let recording = try #require(s.read("r.align"))
        #expect(recording.contains("# export and save are kept as comments: replaying writes no file\n"))
        #expect(recording.contains("\n# export html report.html    (written then; replay does not write it again)\n"))
        #expect(recording.contains("\n# save plan.align    (written then; replay does not write it again)\n"))
        #expect(recording.contains("\nexport markdown\n"), "an export to the screen is replayed")
        try s.write("report.html", "the facilitator's edited copy")
        try FileManager.default.removeItem(atPath: s.path("plan.align"))
        let replay = try s.run(["--demo", "r.align"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(s.read("report.html") == "the facilitator's edited copy")
        #expect(s.read("plan.align") == nil)
    }
}
