import AlignLanguage
@testable import AlignSession
import Foundation
import Testing

/// The journal's records on disk, and sessions taken again from them.
@Suite("Journal")
struct JournalTests {
    /// An interactive session whose steps are kept in `steps`.
    final class Journalled {
        let session: Session
        let output = CapturedOutput()
        var steps: [JournalStep] = []

        init(folder: String = ".") {
            var options = SessionOptions()
            options.undo = true
            options.interactive = true
            options.workingDirectory = folder
            session = Session(options: options, output: output)
            session.onStep = { [unowned self] in self.steps.append($0) }
        }

        func type(_ lines: String...) {
            for line in lines { session.run(SourceText(name: Session.promptName, text: line)) }
        }

        /// A fresh session with the steps taken again, through the file format.
        func recovered(folder: String = ".") -> Session {
            var options = SessionOptions()
            options.undo = true
            options.interactive = true
            options.workingDirectory = folder
            let copy = Session(options: options, output: CapturedOutput())
            var bytes: [UInt8] = Array((JournalFormat.magic + "\n").utf8)
            for step in steps { bytes += JournalFormat.encode(.step(time: 1, step)) }
            for case .step(_, let step) in JournalFormat.decode(bytes) ?? [] {
                #expect(copy.replay(step), "\(step.text) did not end as before")
            }
            return copy
        }
    }

    static func saved(_ session: Session) -> String { ScriptPrinter.script(session.workspace) }

    @Test("records survive the file form: escapes, binary file contents, interrupted steps")
    func format() {
        let read = FileRead(path: "/tmp/a\tb.align", bytes: [0, 9, 10, 13, 92, 0xFF, 65])
        let records: [JournalRecord] = [
            .session(time: 1_764_254_400, pid: 4242, keepGoing: true, safe: false, folder: "/home/ann/a\\b"),
            .prompt(time: 1_764_254_401),
            .step(time: 1_764_254_402, JournalStep(.command, "note \"two\\nlines\"\nvalue x 2026 1")),
            .step(time: 1_764_254_403, JournalStep(.script, "q3.align", succeeded: false, interruptedAfter: 7, reads: [read])),
            .step(time: 1_764_254_404, JournalStep(.typed, "show teams")),
        ]
        var bytes = Array((JournalFormat.magic + "\n").utf8)
        for record in records { bytes += JournalFormat.encode(record) }
        #expect(JournalFormat.decode(bytes) == records)
        #expect(bytes.split(separator: 10).count == 7, "one line a record, reads included")
    }

    @Test("a line cut short by a crash is left out, with the reads that wait for it")
    func tornTail() {
        var bytes = Array((JournalFormat.magic + "\n").utf8)
        bytes += JournalFormat.encode(.step(time: 1, JournalStep(.command, "team Sales")))
        let whole = bytes
        bytes += JournalFormat.encode(
            .step(time: 2, JournalStep(.script, "x.align", reads: [FileRead(path: "x.align", bytes: Array("team M\n".utf8))])))
        for cut in whole.count..<(bytes.count - 1) {
            #expect(JournalFormat.decode(Array(bytes[..<cut])) == JournalFormat.decode(whole))
        }
        #expect(JournalFormat.decode(Array("not a journal\n".utf8)) == nil)
    }

    @Test("undo and redo are taken again in place, with history and snapshots")
    func undoRedo() {
        let s = Journalled()
        s.type(
            "team Sales horizon=quarter", "metric leads owner=Sales unit=count", "value leads 2026-Q3 5000",
            "show teams", "value leads 2026-Q3 6000", "undo", "snapshot before", "metric x owner=Nobody",
            "value leads 2026-Q4 \\\n7000", "undo", "redo", "undo", "note \"kept\"")
        let copy = s.recovered()
        #expect(Self.saved(copy) == Self.saved(s.session))
        #expect(Self.saved(copy).contains("value leads 2026-Q3 5000\n"))
        #expect(!Self.saved(copy).contains("2026-Q4"))
        // The same stacks: what undo and redo do next is the same in both.
        for line in ["redo", "undo", "undo", "undo", "history", "diff before"] {
            s.session.run(SourceText(name: Session.promptName, text: line))
            copy.run(SourceText(name: Session.promptName, text: line))
            #expect(Self.saved(copy) == Self.saved(s.session), "after \(line)")
        }
        #expect(s.steps.contains(JournalStep(.typed, "show teams")))
        #expect(s.steps.contains(JournalStep(.typed, "metric x owner=Nobody", succeeded: false)))
    }

    @Test("history after a recovery is the history before it: failed lines, unreadable ones included, marked")
    func historyMarks() {
        let s = Journalled()
        s.type("team Sales", "metric x = * 2", "remove team Nobody", "show teams", "team Ops")
        #expect(s.steps.contains(JournalStep(.typed, "metric x = * 2", succeeded: false)))
        let copy = s.recovered()
        for session in [s.session, copy] {
            let output = CapturedOutput()
            session.output = output
            session.options.format = .csv
            session.run(SourceText(name: Session.promptName, text: "history"))
            #expect(
                output.stdout == """
                    number,command,state
                    1,team Sales,
                    2,metric x = * 2,failed
                    3,remove team Nobody,failed
                    4,show teams,
                    5,team Ops,
                    6,history,

                    """)
        }
    }

    @Test("run and import are taken again from the files as they were, not as they are now")
    func filesKept() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-journal-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "team Sales\nrun sub/inner.align\n".write(to: folder.appendingPathComponent("outer.align"), atomically: true, encoding: .utf8)
        try "metric leads owner=Sales\nimport values ../v.csv\n".write(
            to: folder.appendingPathComponent("sub/inner.align"), atomically: true, encoding: .utf8)
        try "metric,period,value\nleads,2026-Q3,\"4,000\"\n".write(
            to: folder.appendingPathComponent("v.csv"), atomically: true, encoding: .utf8)
        let s = Journalled(folder: folder.path)
        s.type("run outer.align", "value leads 2026-Q4 10")
        #expect(s.steps.first?.reads.count == 3)
        for name in ["outer.align", "sub/inner.align", "v.csv"] {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        let copy = s.recovered(folder: folder.path)
        #expect(Self.saved(copy) == Self.saved(s.session))
        #expect(Self.saved(copy).contains("value leads 2026-Q3 4000\n"))
    }

    @Test("a script stopped by Ctrl-C is stopped at the same command when taken again")
    func interrupted() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-journal-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try (1...6).map { "team t\($0)" }.joined(separator: "\n")
            .write(to: folder.appendingPathComponent("long.align"), atomically: true, encoding: .utf8)
        let s = Journalled(folder: folder.path)
        var asked = 0
        s.session.shouldStop = {
            asked += 1
            return asked > 4
        }
        s.type("run long.align")
        s.session.shouldStop = { false }
        #expect(s.steps.first?.interruptedAfter != nil)
        #expect(s.session.workspace.teams.count < 6)
        let copy = s.recovered(folder: folder.path)
        #expect(Self.saved(copy) == Self.saved(s.session))
    }

    @Test("a failing run keeps what ran before the failure, and so does the recovery")
    func partialRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-journal-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "team a\nteam b\nmetric m owner=nobody\nteam c\n"
            .write(to: folder.appendingPathComponent("half.align"), atomically: true, encoding: .utf8)
        let s = Journalled(folder: folder.path)
        s.type("run half.align")
        #expect(s.session.workspace.teams.count == 2)
        #expect(s.steps.first?.kind == .command)
        #expect(s.steps.first?.succeeded == false)
        let copy = s.recovered(folder: folder.path)
        #expect(Self.saved(copy) == Self.saved(s.session))
    }

    @Test("only steps are reported: the commands inside a run are not")
    func stepsOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-journal-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "team a\nteam b\n".write(to: folder.appendingPathComponent("two.align"), atomically: true, encoding: .utf8)
        let s = Journalled(folder: folder.path)
        s.type("run two.align", "undo")
        #expect(s.steps.map(\.text) == ["run two.align", "undo"])
        #expect(s.session.workspace.teams.count == 0, "undo takes back the whole run")
    }
}
