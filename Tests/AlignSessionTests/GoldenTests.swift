import Foundation
import Testing

/// Every `Fixtures/NAME.align` runs as a script (with `--keep-going`, in a
/// temporary folder that holds `seed-scenario.align`), and what it prints,
/// standard output and error in the order they came, must equal `NAME.out`.
/// A fixture whose name starts with `prompt-` runs as typed at the prompt.
/// `ALIGN_RECORD=1 swift test --filter Golden` rewrites the `.out` files.
@Suite("Golden fixtures")
struct GoldenTests {
    static let folder = Golden.root.appendingPathComponent("Tests/AlignSessionTests/Fixtures")

    /// The fixtures' names, without `.align`, in order.
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(".align") }.map { String($0.dropLast(".align".count)) }.sorted()
    }()

    @Test("the fixtures folder holds fixtures")
    func fixturesExist() {
        #expect(Self.names.count >= 10)
    }

    @Test("a fixture prints what its .out file holds", arguments: names)
    func fixture(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name + ".align"), encoding: .utf8)
        let bench = try Workbench(interactive: name.hasPrefix("prompt-"))
        let transcript = bench.run(text, name: name + ".align")
        Golden.check(transcript, against: Self.folder.appendingPathComponent(name + ".out"))
    }

    @Test("a failing comparison shows the lines that differ, with their numbers")
    func readableDiff() {
        let diff = Golden.diff(expected: "a\nb\nc\nd\n", actual: "a\nB\nc\nd\ne\n")
        #expect(diff.contains("@@ expected line 1, actual line 1 @@"))
        #expect(diff.contains("- b\n+ B\n"))
        #expect(diff.contains("+ e\n"))
        #expect(!diff.contains("- a"))
    }
}
