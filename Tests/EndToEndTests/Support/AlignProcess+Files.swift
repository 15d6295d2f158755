import Foundation

extension AlignProcess {
    /// Writes `text` to `name` inside `folder`, making the folders on the way.
    @discardableResult
    static func write(_ text: String, to name: String, in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The reference scenario's text, from examples/.
    static func seedScenario() throws -> String {
        try String(contentsOf: root.appendingPathComponent("examples/seed-scenario.align"), encoding: .utf8)
    }
}

extension AlignProcess.Result {
    /// Whether either stream holds an escape character (colour, cursor moves).
    var hasEscapes: Bool { stdout.contains("\u{1B}") || stderr.contains("\u{1B}") }

    /// Standard error's lines, without the empty one after the last newline.
    var errorLines: [String] { stderr.split(separator: "\n", omittingEmptySubsequences: true).map(String.init) }
}
