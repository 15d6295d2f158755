import AlignSession
import Foundation
import Testing

/// Every input the fuzzers (scripts/fuzz) ever found a crash, a hang or
/// unsafe output with, replayed: through the parser and completion, and as a
/// script in a sealed session in every setup (prompt or script, boxed or not,
/// each format). A crash or a hang fails the suite by itself; output that
/// could drive a terminal fails the expectation.
///
/// The folders are the fuzzers' own: they write what they find into
/// fuzz/regressions/parser and fuzz/regressions/session, and start from
/// fuzz/seeds and the scripts of the folders fuzz/seed-folders lists, which
/// are replayed here too (each in the setups the session fuzzer gives them).
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

    /// The scripts the fuzzers are seeded with: every .align file in the
    /// folders fuzz/seed-folders lists, sorted by path.
    static func seedScripts() -> [URL] {
        let list = (try? String(contentsOf: root.appendingPathComponent("fuzz/seed-folders"), encoding: .utf8)) ?? ""
        var scripts: [URL] = []
        for folder in list.split(separator: "\n") where !folder.isEmpty {
            let url = root.appendingPathComponent(String(folder))
            let walk = FileManager.default.enumerator(atPath: url.path)
            while let path = walk?.nextObject() as? String {
                if path.hasSuffix(".align") { scripts.append(url.appendingPathComponent(path)) }
            }
        }
        return scripts.sorted { $0.path < $1.path }
    }

    /// The setups the session fuzzer gives each seed script (scripts/fuzz).
    static let seedSetups: [UInt8] = [0x00, 0x07, 0x0a, 0x0d]

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
        #expect(Self.seedScripts().count >= 10)
        for target in ["parser", "session"] {
            var folder: ObjCBool = false
            let path = Self.root.appendingPathComponent("fuzz/regressions/" + target).path
            #expect(FileManager.default.fileExists(atPath: path, isDirectory: &folder) && folder.boolValue, "\(path)")
        }
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

    @Test("the scripts the fuzzers start from: no crash, output safe to print, in the setups they are given", arguments: seedScripts())
    func seedScript(_ file: URL) throws {
        let bytes = [UInt8](try Data(contentsOf: file))
        #expect(SealedRun.parse(bytes, cursors: Array(bytes.prefix(2))).firstUnsafe == nil, "\(file.lastPathComponent)")
        let folder = try Self.sealedFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for setup in Self.seedSetups.map(SealedRun.Setup.init(byte:)) {
            let printed = SealedRun.script(bytes, in: folder, setup)
            #expect(printed.firstUnsafe == nil, "\(file.lastPathComponent) in \(setup)")
        }
    }
}
