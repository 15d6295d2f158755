import AlignCore
import AlignLanguage
import AlignSession
import Foundation

/// A session as a facilitator has it: undo on, the reference scenario loaded
/// as the starting point, files in a folder of its own.
struct WorkshopSession {
    let session: Session
    let output: CapturedOutput
    /// The folder relative paths start from.
    let folder: URL

    /// The repository's root, found from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The text of examples/seed-scenario.align.
    static func scenarioText() throws -> String {
        try String(contentsOf: root.appendingPathComponent("examples/seed-scenario.align"), encoding: .utf8)
    }

    /// Makes the session; with `scenario`, starts from the reference scenario, as `align --demo` does.
    init(scenario: Bool = true, interactive: Bool = false, boxed: Bool = false) throws {
        output = CapturedOutput()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-workshop-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // The example exports, where the tutorial's weekly refresh names them.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.root.appendingPathComponent("examples/data"), to: folder.appendingPathComponent("examples/data"))
        var options = SessionOptions()
        options.undo = true
        options.workingDirectory = folder.path
        // Reports name their date: a fixed one keeps them golden.
        options.fixedTime = 1_795_680_000
        session = Session(options: options, output: output)
        if scenario {
            session.run(SourceText(name: "<demo>", text: try Self.scenarioText()))
        }
        session.markStart()
        session.options.interactive = interactive
        session.options.boxed = boxed
        if interactive { session.markBaseline() }
    }

    /// Makes an interactive session that starts from a script of the
    /// repository (`examples/time-scenario.align`), as `align -i FILE` does.
    init(starting file: String, interactive: Bool, boxed: Bool) throws {
        try self.init(scenario: false, interactive: false)
        session.run(SourceText(name: file, text: try String(contentsOf: Self.root.appendingPathComponent(file), encoding: .utf8)))
        session.markStart()
        session.options.interactive = interactive
        session.options.boxed = boxed
        if interactive { session.markBaseline() }
    }

    /// The workspace as its canonical script.
    var script: String { ScriptPrinter.script(session.workspace) }

    /// Runs a line as if typed, and returns what it printed.
    @discardableResult
    func run(_ text: String) -> (out: String, err: String) {
        output.reset()
        session.run(SourceText(name: Session.promptName, text: text))
        return (output.stdout, output.stderr)
    }

    /// Writes a file into the session's folder.
    func write(_ name: String, _ text: String) throws {
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Reads a file from the session's folder.
    func read(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
}
