import AlignCore
import AlignLanguage
import AlignSession
import Foundation

/// A workspace built by running script text through a session, for query tests.
struct Scripted {
    let session: Session
    let output: CapturedOutput

    /// Runs `script`; records nothing interactive.
    init(_ script: String) {
        output = CapturedOutput()
        session = Session(output: output)
        session.run(SourceText(name: "test.align", text: script))
    }

    /// The reference scenario, from examples/.
    static func scenario(adding extra: String = "") throws -> Scripted {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("examples/seed-scenario.align"), encoding: .utf8)
        return Scripted(text + "\n" + extra)
    }

    var workspace: Workspace { session.workspace }
    var analysis: Analysis { Analysis(session.workspace) }

    func metric(_ name: String) -> MetricID { workspace.metrics.id(named: name)! }
    func goal(_ name: String) -> GoalID { workspace.goals.id(named: name)! }
    func team(_ name: String) -> TeamID { workspace.teams.id(named: name)! }
    func names(_ ids: [MetricID]) -> [String] { ids.map { workspace.metrics[$0].name } }

    /// Runs more commands and returns what they printed (stdout, stderr).
    @discardableResult
    func run(_ text: String) -> (out: String, err: String) {
        output.reset()
        session.run(SourceText(name: "more.align", text: text))
        return (output.stdout, output.stderr)
    }
}

func period(_ text: String) -> Period { Period(text)! }
