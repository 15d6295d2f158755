import AlignShell
import Foundation
import Testing

/// Two shells share one history file: one appends while the other, starting,
/// compacts the file (rewrites it with its last entries). Compaction keeps a
/// tail of the history, so whatever the timing, the file must hold entries
/// that follow each other with no gap, up to the last one appended.
@Suite("two shells, one history file")
struct HistoryRaceTests {
    @Test("appends made while another shell compacts the file are never lost")
    func appendDuringCompaction() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("align-history-race-" + UUID().uuidString).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let count = 3000
        let done = DispatchSemaphore(value: 0)
        let finished = ManagedAtomicFlag()
        let appender = Thread {
            let writer = HistoryFile(path: path, limit: 5)
            for i in 1...count { writer.append("value m 2026 \(i)") }
            finished.set()
            done.signal()
        }
        appender.start()
        var compactions = 0
        while !finished.isSet {
            _ = HistoryFile(path: path, limit: 5).load()
            compactions += 1
        }
        done.wait()
        let entries = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
            Int($0.split(separator: " ").last!)!
        }
        #expect(entries.last == count, "the last entry appended is there")
        let gaps = zip(entries, entries.dropFirst()).filter { $1 != $0 + 1 }
        #expect(gaps.isEmpty, "entries lost between \(gaps.prefix(5)) after \(compactions) compactions")
    }
}

/// A flag one thread sets and another reads.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
