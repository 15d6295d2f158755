import AlignSession
import Foundation
import LineEditor
import Testing

@testable import AlignShell

/// The prompt loop, driven by a scripted reader instead of a terminal.
@Suite("Interactive loop")
struct InteractiveShellTests {
    /// Hands out scripted results and keeps the prompts it was shown.
    final class ScriptedReader: LineReader {
        var results: [ReadResult]
        var prompts: [String] = []
        var history: [String] = []

        init(_ results: [ReadResult]) { self.results = results }

        func readLine(prompt: String) -> ReadResult {
            prompts.append(prompt)
            return results.isEmpty ? .endOfInput : results.removeFirst()
        }

        func addHistory(_ entry: String) { history.append(entry) }
    }

    static func temporaryHistory() -> HistoryFile {
        HistoryFile(path: FileManager.default.temporaryDirectory.appendingPathComponent("align-history-" + UUID().uuidString).path)
    }

    static func run(_ results: [ReadResult], history: HistoryFile? = nil) -> (ScriptedReader, CapturedOutput, Int32) {
        let output = CapturedOutput()
        var options = SessionOptions()
        options.interactive = true
        let reader = ScriptedReader(results)
        let shell = InteractiveShell(session: Session(options: options, output: output), reader: reader, history: history)
        return (reader, output, shell.run())
    }

    @Test("continuation lines are joined into one entry, under the continuation prompt")
    func continuation() {
        let (reader, output, status) = Self.run([.line("team a \\"), .line("horizon=year"), .line("show a")])
        #expect(status == 0)
        // The end of input warns once of the unsaved team, and the next leaves.
        #expect(reader.prompts == ["align> ", "  ...> ", "align> ", "align> ", "align> "])
        #expect(output.stderr.contains("not saved"))
        #expect(reader.history == ["team a \\\nhorizon=year", "show a"])
        #expect(output.stdout.contains("year"))
    }

    @Test("Ctrl-C drops the lines of an unfinished command")
    func interrupted() {
        let (reader, output, _) = Self.run([.line("team a \\"), .interrupted, .line("show teams")])
        #expect(reader.prompts == ["align> ", "  ...> ", "align> ", "align> "])
        #expect(reader.history == ["show teams"])
        #expect(output.stderr.isEmpty)
    }

    @Test("entries lose trailing blanks; repeats and blank lines are not kept")
    func entries() throws {
        let file = Self.temporaryHistory()
        let (reader, _, _) = Self.run([.line("team a  \t"), .line("team a"), .line("   "), .line("team b"), .line("team a")], history: file)
        #expect(reader.history == ["team a", "team b", "team a"])
        #expect(file.load() == ["team a", "team b", "team a"])
    }

    @Test("the last entry of the previous session is not repeated")
    func repeatAcrossSessions() {
        let file = Self.temporaryHistory()
        file.append("team a")
        let (reader, _, _) = Self.run([.line("team a"), .line("team b")], history: file)
        #expect(reader.history == ["team a", "team b"])
        #expect(file.load() == ["team a", "team b"])
    }

    @Test("quit and the end of input both leave with status 0")
    func leaving() {
        let (reader, _, status) = Self.run([.line("quit"), .line("team never")])
        #expect(status == 0)
        #expect(reader.results == [.line("team never")])
        #expect(Self.run([]).2 == 0)
    }

    @Test("leaving with changes not saved warns once and stays; leaving again leaves; saved, it leaves at once")
    func unsaved() throws {
        let (reader, output, status) = Self.run([.line("team a"), .line("quit"), .line("quit"), .line("team never")])
        #expect(status == 0)
        #expect(reader.results == [.line("team never")])
        #expect(output.stderr.components(separatedBy: "not saved").count == 2)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("align-saved-\(UUID().uuidString).align").path
        let saved = Self.run([.line("team a"), .line("save \(file)"), .line("quit"), .line("team never")])
        #expect(saved.0.results == [.line("team never")])
        #expect(saved.1.stderr.isEmpty)
        try? FileManager.default.removeItem(atPath: file)
    }
}

/// The history file on disk.
@Suite("History file")
struct HistoryFileTests {
    @Test("entries with newlines and backslashes come back as they went in")
    func roundTrip() {
        let file = InteractiveShellTests.temporaryHistory()
        let entries = ["team a \\\nhorizon=year", #"note "a \n in text""#, "team équipe"]
        for entry in entries { file.append(entry) }
        #expect(file.load() == entries)
    }

    @Test("the file and its folder are created, the file with mode 0600")
    func mode() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-state-" + UUID().uuidString)
        let file = HistoryFile(path: folder.path + "/align/history")
        file.append("team a")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    @Test("a file grown past twice the limit is cut back to the newest entries")
    func compaction() throws {
        let file = HistoryFile(path: InteractiveShellTests.temporaryHistory().path, limit: 3)
        for i in 1...7 { file.append("team t\(i)") }
        #expect(file.load() == ["team t5", "team t6", "team t7"])
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(text == "team t5\nteam t6\nteam t7\n")
    }

    @Test("the default place follows XDG_STATE_HOME, else HOME")
    func defaultPath() {
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/align/history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/align/history")
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/align/history")
        #expect(HistoryFile.defaultPath(environment: [:]) == nil)
    }
}
