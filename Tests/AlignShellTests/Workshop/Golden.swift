import Foundation
import Testing

/// Expected output kept in files beside the tests: `ALIGN_RECORD=1 swift test`
/// rewrites them from what the code prints now; otherwise a difference fails
/// the test and shows where the two part.
enum Golden {
    /// The folder of the golden files.
    static let folder = WorkshopSession.root.appendingPathComponent("Tests/Fixtures/reports")

    /// Whether golden files are being rewritten.
    static var recording: Bool { ProcessInfo.processInfo.environment["ALIGN_RECORD"] == "1" }

    /// Checks `actual` against the golden file `name`, or rewrites it when recording.
    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if recording {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual {
            let message = "\(name) differs from the golden file (ALIGN_RECORD=1 rewrites it):\n" + difference(expected, actual)
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }

    /// The first lines where two texts part, with a little context.
    static func difference(_ expected: String, _ actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset ?? (a.count == b.count ? nil : min(a.count, b.count))
        else { return "(they differ only in their ends)" }
        var out = ""
        for i in max(0, first - 2)..<first { out += "  \(a[i])\n" }
        for i in first..<min(a.count, first + 4) { out += "- \(a[i])\n" }
        for i in first..<min(b.count, first + 4) { out += "+ \(b[i])\n" }
        return "at line \(first + 1):\n" + out
    }
}
