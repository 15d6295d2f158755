import AlignShell
import Foundation
import Testing

/// The history file on a hostile file system: a link someone put in its
/// place, and a file grown huge. (A named pipe in its place would hang this
/// test if it failed: `Tests/pty/test_files.py` holds that one.)
@Suite("the history file, hardened")
struct HistoryHostileFileTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("align-history-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("a history file that is a symbolic link is neither followed nor chmodded, and says why")
    func link() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "someone else's\n".write(toFile: dir + "/target", atomically: false, encoding: .utf8)
        chmod(dir + "/target", 0o644)
        try FileManager.default.createSymbolicLink(atPath: dir + "/history", withDestinationPath: dir + "/target")
        let history = HistoryFile(path: dir + "/history")
        #expect(history.load() == [])
        history.append("team a")
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/target")
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        #expect(try String(contentsOfFile: dir + "/target", encoding: .utf8) == "someone else's\n")
        #expect(history.problem == "the history file '\(dir)/history' is a symbolic link; history is not kept")
    }

    @Test("a huge history file is read from its tail and trimmed to the limit")
    func huge() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/history"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 1 << 30)
        try handle.seek(toOffset: 1 << 30)
        let entries = (1...30).map { "value m 2026 \($0)" }
        try handle.write(contentsOf: Data(entries.map { $0 + "\n" }.joined().utf8))
        try handle.close()
        // Fewer entries than twice the limit: trimmed for its size alone.
        let history = HistoryFile(path: path, limit: 20)
        #expect(history.load() == Array(entries.suffix(20)))
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size < 1 << 16, "not trimmed: \(size) bytes")
        #expect(HistoryFile(path: path, limit: 20).load() == Array(entries.suffix(20)))
    }
}
