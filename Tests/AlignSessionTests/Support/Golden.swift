import Foundation
import Testing

/// Expected output kept in files beside the tests: compared, or rewritten
/// when the environment variable ALIGN_RECORD is 1.
enum Golden {
    /// Whether this run rewrites golden files instead of comparing with them.
    static var recording: Bool { ProcessInfo.processInfo.environment["ALIGN_RECORD"] == "1" }

    /// The repository's root, found from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Compares `actual` with the file at `url`; with ALIGN_RECORD=1, writes it there instead.
    static func check(_ actual: String, against url: URL, sourceLocation: SourceLocation = #_sourceLocation) {
        if recording {
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not write \(url.path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "\(url.lastPathComponent) is missing: run the tests with ALIGN_RECORD=1 to write it",
                sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let report =
                "\(url.lastPathComponent) differs (- expected, + actual; ALIGN_RECORD=1 accepts the actual):\n"
                + diff(expected: expected, actual: actual)
            Issue.record(Comment(rawValue: report), sourceLocation: sourceLocation)
        }
    }

    /// A line diff: the changed lines with two lines of context, each hunk
    /// headed by its line numbers in the expected and the actual text.
    static func diff(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Longest common subsequence, by dynamic programming from the end.
        var common = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                common[i][j] = a[i] == b[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        enum Line { case same(Int, Int), removed(Int), added(Int) }
        var script: [Line] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                script.append(.same(i, j))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || common[i + 1][j] >= common[i][j + 1] {
                script.append(.removed(i))
                i += 1
            } else {
                script.append(.added(j))
                j += 1
            }
        }
        let changed = script.indices.filter { if case .same = script[$0] { return false } else { return true } }
        var out = ""
        var shownUpTo = -1
        for index in changed where index > shownUpTo {
            let start = max(index - 2, shownUpTo + 1)
            var end = index
            // Extend the hunk while further changes lie within its context.
            while let next = changed.first(where: { $0 > end }), next <= end + 5 { end = next }
            end = min(end + 2, script.count - 1)
            let before = script[..<start]
            let x = before.filter { if case .added = $0 { return false } else { return true } }.count
            let y = before.filter { if case .removed = $0 { return false } else { return true } }.count
            out += "@@ expected line \(x + 1), actual line \(y + 1) @@\n"
            for k in start...end {
                switch script[k] {
                case .same(let x, _): out += "  " + a[x] + "\n"
                case .removed(let x): out += "- " + a[x] + "\n"
                case .added(let y): out += "+ " + b[y] + "\n"
                }
            }
            shownUpTo = end
        }
        return out
    }
}
