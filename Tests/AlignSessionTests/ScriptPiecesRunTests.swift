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
}
