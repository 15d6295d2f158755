import AlignLanguage
@testable import AlignSession
import Foundation

/// A session in a fresh temporary folder that holds a copy of the reference
/// scenarios (`seed-scenario.align`, `time-scenario.align`), with its output captured.
final class Workbench {
    /// The folder; relative paths in commands resolve here.
    let folder: URL
    /// What the session printed.
    let output = CapturedOutput()
    /// The session.
    let session: Session

    /// The reference scenario, as the repository holds it.
    static let scenarioURL = Golden.root.appendingPathComponent("examples/seed-scenario.align")
    /// The time reference scenario, as the repository holds it.
    static let timeScenarioURL = Golden.root.appendingPathComponent("examples/time-scenario.align")
    /// The monthly revenue review: the time scenario's funnel with a plan.
    static let planReviewURL = Golden.root.appendingPathComponent("examples/plan-review.align")

    /// Makes a session as a script in a pipe sees it (or, with `interactive`,
    /// as at the prompt), with undo kept and `--keep-going`.
    init(interactive: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.scenarioURL, to: folder.appendingPathComponent("seed-scenario.align"))
        // The example exports, where help's examples and the tutorial name them.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("examples"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Golden.root.appendingPathComponent("examples/data"), to: folder.appendingPathComponent("examples/data"))
        try FileManager.default.copyItem(at: Self.timeScenarioURL, to: folder.appendingPathComponent("time-scenario.align"))
        try FileManager.default.copyItem(at: Self.planReviewURL, to: folder.appendingPathComponent("plan-review.align"))
        var options = SessionOptions()
        options.keepGoing = true
        options.undo = true
        options.interactive = interactive
        options.workingDirectory = folder.path
        // Reports name their date: a fixed one keeps them golden.
        options.fixedTime = 1_795_680_000
        session = Session(options: options, output: output)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Runs a text as a script named `name`; returns what it printed, standard
    /// output and error interleaved command by command, the folder written `$TMP`.
    /// At the prompt, each command is echoed after `align> ` and run on its own.
    @discardableResult
    func run(_ text: String, name: String = "<test>") -> String {
        let source = SourceText(name: name, text: text)
        var transcript = ""
        for range in CommandSplitter(source.bytes) {
            let command = source.text(range)
            if session.options.interactive {
                guard command.contains(where: { $0 != " " && $0 != "\t" }) else { continue }
                transcript += "align> " + command + "\n"
                session.run(SourceText(name: Session.promptName, text: command))
            } else {
                session.runCommand(source, range)
            }
            transcript += output.stdout + output.stderr
            output.reset()
            if session.wantsQuit { break }
        }
        return transcript.replacingOccurrences(of: folder.path, with: "$TMP")
    }

    /// Runs the reference scenario, as `run seed-scenario.align` would.
    func loadScenario() {
        _ = session.runFile(folder.appendingPathComponent("seed-scenario.align").path)
    }
}
