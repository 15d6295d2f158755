import Foundation

/// A temporary folder for one test, with files written and read by name.
/// align runs in it, with HOME and the XDG folders inside it. It goes when
/// the test lets go of it (every run of the suite used to leave its folders
/// behind, and with them copies of align: tens of gigabytes in a few days).
final class Scratch: Sendable {
    let url: URL

    init() throws { url = try AlignProcess.temporaryFolder() }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The absolute path of a name in the folder.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes text (as UTF-8), creating folders on the way.
    func write(_ name: String, _ text: String) throws {
        try write(name, Data(text.utf8))
    }

    /// Writes bytes, creating folders on the way.
    func write(_ name: String, _ data: Data) throws {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    /// The text of a file, or nil if there is none.
    func read(_ name: String) -> String? {
        (try? Data(contentsOf: url.appendingPathComponent(name))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs align here.
    func run(_ arguments: [String], stdin: String = "", environment: [String: String] = [:]) throws -> AlignProcess.Result {
        try AlignProcess.run(arguments, stdin: stdin, in: url, environment: environment)
    }

    /// Runs align here and returns the canonical script of what it ended with
    /// (`save` into a file of its own, read back).
    func saved(after arguments: [String], environment: [String: String] = [:]) throws -> (AlignProcess.Result, String) {
        let name = ".saved-\(UUID().uuidString).align"
        let result = try run(["--keep-going"] + arguments + ["-c", "save \(name)"], environment: environment)
        defer { try? FileManager.default.removeItem(at: url.appendingPathComponent(name)) }
        return (result, read(name) ?? "<nothing saved>")
    }
}
