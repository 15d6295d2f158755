import AlignLanguage
import Foundation
import Testing

@testable import AlignSession

/// A replay that keeps no undo records runs a long script in pieces and lets
/// go of each once run; what it says and does is the same as in one piece.
@Suite("A script run in pieces")
struct ScriptPiecesRunTests {
    static let script = """
        team a horizon=year
        metric m owner=a \\
           unit=count
        value m 2026-01 5
        value m 2026-02 6
        metric n = (m +
          1)
        value nosuch 2026-01 1
        team b horizon=year
        value nosuch_either 2026-01 1
        team c horizon=year

        """

    /// A workbench whose scripts run in pieces of `size` bytes, with what `run p.align` printed.
    static func run(size: Int, keepGoing: Bool) throws -> (Workbench, String) {
        let w = try Workbench()
        w.session.options.undo = false
        w.session.options.undoWhenScriptsAsk = false
        w.session.options.keepGoing = keepGoing
        w.session.options.scriptPieceBytes = size
        try script.write(to: w.folder.appendingPathComponent("p.align"), atomically: true, encoding: .utf8)
        return (w, w.run("run p.align"))
    }

    @Test("an error deep in the script names its own line and column, and stops the script there", arguments: [1, 40, 1 << 20])
    func stops(_ size: Int) throws {
        let (w, out) = try Self.run(size: size, keepGoing: false)
        #expect(out.hasPrefix("$TMP/p.align:8:7: error: "), "\(out)")
        #expect(w.run("show n").contains("formula: n = m + 1"))
        #expect(w.run("show b").contains("error"))
    }

    @Test("with --keep-going, each error in its own piece is named, and the rest runs", arguments: [1, 40, 1 << 20])
    func goesOn(_ size: Int) throws {
        let (w, out) = try Self.run(size: size, keepGoing: true)
        #expect(out.contains("$TMP/p.align:8:7: error: "), "\(out)")
        #expect(out.contains("$TMP/p.align:10:7: error: "), "\(out)")
        #expect(w.run("show c").hasPrefix("team c"))
    }

    @Test("read in pieces: a byte-order mark is dropped, and a byte that is not text in a later piece stops the script before it runs", arguments: [1, 2, 40])
    func notText(_ size: Int) throws {
        let w = try Workbench()
        w.session.options.undo = false
        w.session.options.keepGoing = false
        w.session.options.scriptPieceBytes = size
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("team a horizon=year\nteam b horizon=year\nterm t \"caf".utf8) + [0xE9]
            + Array("\"\nteam c horizon=year\n".utf8)
        try Data(bytes).write(to: w.folder.appendingPathComponent("bad.align"))
        let out = w.run("run bad.align")
        #expect(out.hasPrefix("$TMP/bad.align:3:12: error: "), "\(out)")
        #expect(w.run("show a").contains("error"), "nothing ran")
        // Without the bad byte, the marked file runs from its first command.
        try Data(bytes.filter { $0 != 0xE9 }).write(to: w.folder.appendingPathComponent("good.align"))
        #expect(w.run("run good.align") == "")
        #expect(w.run("show a").hasPrefix("team a") && w.run("show c").hasPrefix("team c"))
    }

    @Test("a script in pieces that says undo takes back its own steps")
    func undoInPieces() throws {
        let w = try Workbench()
        w.session.options.undo = false
        w.session.options.undoWhenScriptsAsk = true
        w.session.options.scriptPieceBytes = 8
        try "team a horizon=year\nteam b horizon=year\nundo\nteam c horizon=year\n".write(
            to: w.folder.appendingPathComponent("u.align"), atomically: true, encoding: .utf8)
        #expect(!w.run("run u.align").contains("error"))
        #expect(w.run("show b").contains("error"))
        #expect(w.run("show a").hasPrefix("team a") && w.run("show c").hasPrefix("team c"))
    }

    @Test("a recording cut in the middle of its last line replays in pieces, and says where it was cut", arguments: [8, 40, 1 << 20])
    func cutRecording(_ size: Int) throws {
        let w = try Workbench()
        w.session.options.undo = false
        w.session.options.keepGoing = false
        w.session.options.scriptPieceBytes = size
        try "# align session recorded 2026-01-01T00:00:00Z\nteam a horizon=year\nteam b horizon=year\nmetric \"cut".write(
            to: w.folder.appendingPathComponent("r.align"), atomically: true, encoding: .utf8)
        let out = w.run("run r.align")
        #expect(out.contains("$TMP/r.align:4:1: warning: the recording ends in the middle of this line"), "\(out)")
        #expect(!out.contains("error"), "\(out)")
        #expect(w.run("show b").hasPrefix("team b"))
    }

    @Test("a string left open on the first line runs on to the end of the script, one piece, as in one text", arguments: [1, 8, 64])
    func openString(_ size: Int) {
        let text = "metric m \"never closed\n" + String(repeating: "team t horizon=year\n", count: 50)
        let pieces = ScriptPieces.cut(Array(text.utf8), name: "o.align", size: size)
        #expect(pieces.count == 1)
        #expect(pieces[0].bytes == Array(text.utf8))
    }
}
