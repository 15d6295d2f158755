import AlignSession
import Foundation
import Testing

/// Every input the fuzzers (scripts/fuzz) ever found a crash, a hang or
/// unsafe output with, replayed: through the parser and completion, and as a
/// script in a sealed session in every setup (prompt or script, boxed or not,
/// each format). A crash or a hang fails the suite by itself; output that
/// could drive a terminal fails the expectation.
@Suite("inputs the fuzzers found")
struct FuzzRegressionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The files of a folder under fuzz/, sorted by name.
    static func inputs(_ folder: String) -> [URL] {
        let url = root.appendingPathComponent("fuzz/" + folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }
    }

    /// A folder like the session fuzzer's, with a script and a CSV file to reach.
    static func sealedFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("align-fuzz-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try Data("team t\nmetric m owner=t\nvalue m 2026-Q1 5\n".utf8).write(to: url.appendingPathComponent("sub.align"))
        try Data("metric,period,value\nm,2026-Q1,7\n".utf8).write(to: url.appendingPathComponent("v.csv"))
        return url.path
    }

    @Test("the regression corpus and the seeds are there")
    func corpusExists() {
        #expect(!Self.inputs("regressions/session").isEmpty)
        #expect(!Self.inputs("seeds").isEmpty)
    }

    @Test("parser inputs: no crash, errors safe to print", arguments: inputs("regressions/parser") + inputs("regressions/session") + inputs("seeds"))
    func parser(_ file: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: file))
        let cursors = Array(bytes.prefix(2)) + [0, 1, 7, 200, 255]
        let printed = SealedRun.parse(bytes, cursors: cursors)
        #expect(printed.firstUnsafe == nil, "\(file.lastPathComponent): \(printed.stderr.debugDescription)")
    }

    @Test("session inputs: no crash, output safe to print, in every setup", arguments: inputs("regressions/session") + inputs("seeds"))
    func session(_ file: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: file))
        guard let first = bytes.first else { return }
        let folder = try Self.sealedFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = Array(bytes.dropFirst())
        for setup in [SealedRun.Setup(byte: first)] + SealedRun.Setup.all {
            let printed = SealedRun.script(script, in: folder, setup)
            #expect(
                printed.firstUnsafe == nil,
                "\(file.lastPathComponent) in \(setup): \(printed.stdout.debugDescription) \(printed.stderr.debugDescription)")
        }
    }
}
