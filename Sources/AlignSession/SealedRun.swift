import AlignCore
import AlignLanguage

/// A script nobody vouches for, run where it can do no harm: a session in
/// safe mode (no file written, none read outside its folder), every command
/// tried (`--keep-going`), answers kept in memory. The fuzzers in fuzz/ and
/// the regression tests that replay what they found drive align through here,
/// and check that nothing it printed could drive a terminal.
public enum SealedRun {
    /// What a run printed.
    public struct Printed: Sendable {
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String

        /// The first scalar of either stream that must never reach a
        /// terminal raw (a newline or a tab may), or nil when both are safe.
        public var firstUnsafe: Unicode.Scalar? {
            SealedRun.firstUnsafe(stdout) ?? SealedRun.firstUnsafe(stderr)
        }
    }

    /// How a fuzzed session is set up, taken from the input's first byte so
    /// that the fuzzer explores each: at the prompt or not, boxed or not, and
    /// the output format.
    public struct Setup: Sendable, Equatable {
        public var interactive: Bool
        public var boxed: Bool
        public var format: OutputFormat

        /// Every setup, for replaying one input in each.
        public static let all: [Setup] = OutputFormat.allCases.flatMap { format in
            [false, true].flatMap { interactive in [false, true].map { Setup(interactive: interactive, boxed: $0, format: format) } }
        }

        /// A setup from a byte.
        public init(byte: UInt8) {
            interactive = byte & 1 != 0
            boxed = byte & 2 != 0
            format = OutputFormat.allCases[Int(byte >> 2) % OutputFormat.allCases.count]
        }

        /// A setup.
        public init(interactive: Bool, boxed: Bool, format: OutputFormat) {
            self.interactive = interactive
            self.boxed = boxed
            self.format = format
        }
    }

    /// Runs `bytes` as a script in a sealed session whose files live in `folder`,
    /// on a thread with a large stack unless the caller's is known to be
    /// large enough (a fuzzer's main thread: 8 MB, in a release build).
    public static func script(_ bytes: [UInt8], in folder: String, _ setup: Setup, onLargeStack: Bool = true) -> Printed {
        onLargeStack ? LargeStack.run { scriptHere(bytes, in: folder, setup) } : scriptHere(bytes, in: folder, setup)
    }

    private static func scriptHere(_ bytes: [UInt8], in folder: String, _ setup: Setup) -> Printed {
        var options = SessionOptions()
        options.safe = true
        options.keepGoing = true
        options.undo = true
        options.interactive = setup.interactive
        options.boxed = setup.boxed
        options.format = setup.format
        options.workingDirectory = folder
        let output = CapturedOutput()
        let session = Session(options: options, output: output)
        let name = setup.interactive ? Session.promptName : folder + "/input.align"
        session.run(SourceText(name: name, bytes: bytes))
        return Printed(stdout: output.stdout, stderr: output.stderr)
    }

    /// Takes `bytes` through everything that reads a command without running
    /// it: the splitter, the parser, the formula parser, the test for a line
    /// that needs another, and completion at the places `cursors` pick.
    /// Returns what the errors look like, under the line and as `FILE:LINE:COL`.
    public static func parse(_ bytes: [UInt8], cursors: [UInt8] = [], onLargeStack: Bool = true) -> Printed {
        onLargeStack ? LargeStack.run { parseHere(bytes, cursors: cursors) } : parseHere(bytes, cursors: cursors)
    }

    private static func parseHere(_ bytes: [UInt8], cursors: [UInt8]) -> Printed {
        var options = SessionOptions()
        options.interactive = true
        let output = CapturedOutput()
        let reporter = Session(options: options, output: output)
        for name in [Session.promptName, "input.align"] {
            let source = SourceText(name: name, bytes: bytes)
            for range in CommandSplitter(bytes) {
                do {
                    _ = try Parser.parse(source, range: range)
                } catch {
                    reporter.report(error)
                }
            }
        }
        if let expression = try? Parser.expression(SourceText(name: "input", bytes: bytes)) {
            _ = expression.names
        }
        let text = String(decoding: bytes, as: UTF8.self)
        _ = CommandSplitter.isIncomplete(text)
        let engine = CompletionEngine(workspace: completionWorkspace, snapshots: ["before"], folder: "/nonexistent")
        let length = text.utf8.count
        for cursor in cursors {
            let offered = engine.complete(text, cursor: length == 0 ? 0 : Int(cursor) % (length + 1))
            output.out(offered.candidates.joined(separator: "\n"))
        }
        return Printed(stdout: output.stdout, stderr: output.stderr)
    }

    /// The reference scenario, for completion to offer names from.
    private static let completionWorkspace: Workspace = {
        let session = Session(output: CapturedOutput())
        session.run(SourceText(name: "<demo>", text: DemoScenario.text))
        return session.workspace
    }()

    /// The first scalar that must not be written raw to a terminal: a
    /// control character other than a newline or a tab (which only moves
    /// the cursor to the next stop, and which CSV keeps inside a quoted
    /// field), DEL, a C1 control or a bidirectional override.
    public static func firstUnsafe(_ text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first { $0 != "\n" && $0 != "\t" && Escaping.isUnsafe($0) }
    }
}
