import AlignSession
import Foundation
import Testing

/// Formulas at the parser's depth limit (1,000 levels) recurse as deep in
/// parsing, printing and evaluating; a debug build needs 5 to 8 MB of stack
/// for that. Sessions run on a thread with a large stack (`LargeStack`), so
/// the limit holds on a thread whose own stack is small.
@Suite("stack depth")
struct StackDepthTests {
    /// Runs `body` on a thread with a 512 KB stack and waits for it.
    static func onSmallStack(_ body: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            body()
            done.signal()
        }
        thread.stackSize = 512 << 10
        thread.start()
        done.wait()
    }

    @Test("a formula 999 levels deep runs in a session on a 512 KB thread")
    func deepFormulaOnSmallThread() throws {
        let d = 999
        let script = "metric a\nvalue a 2026 2\nmetric b = " + String(repeating: "(", count: d) + "a"
            + String(repeating: ")", count: d) + "\nmetric c = " + String(repeating: "- ", count: d) + "a\n"
            + "show b\ntree b in 2026\nwhatif a = 3 in 2026\nsolve b = 1 by a in 2026\nexport json\n"
            + "metric e = " + String(repeating: "(", count: 5000) + "a\n"
        let folder = FileManager.default.temporaryDirectory.path
        nonisolated(unsafe) var printed: SealedRun.Printed?
        Self.onSmallStack {
            printed = SealedRun.script(Array(script.utf8), in: folder, SealedRun.Setup(byte: 0))
            _ = SealedRun.parse(Array(script.utf8))
        }
        let result = try #require(printed)
        #expect(result.stdout.contains("formula: b = a\n"), "\(result.stderr.prefix(500))")
        #expect(result.stderr.contains("nested too deeply"))
        #expect(result.stderr.components(separatedBy: "error:").count == 2, "\(result.stderr)")
    }
}
