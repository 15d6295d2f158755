import AlignLanguage

/// One step of a session as the journal keeps it: enough to take the same
/// step again, with the same outcome, in a fresh session.
public struct JournalStep: Equatable, Sendable {
    /// What kind of step.
    public enum Kind: String, Sendable {
        /// A command typed at the prompt or given with `-c`: taken again on recovery.
        case command
        /// A script named on the command line (or the init file): run again on recovery.
        case script
        /// A command that changed nothing (a query, a failed command): only
        /// listed again by `history`, never run again.
        case typed
        /// `--demo`: the reference scenario loaded, built into the binary.
        /// Loaded again on recovery; it alone does not make a journal worth keeping.
        case demo
    }

    /// What kind of step.
    public var kind: Kind
    /// The command as typed, or the script's path.
    public var text: String
    /// Whether it succeeded.
    public var succeeded: Bool
    /// Ctrl-C stopped the step's scripts after this many commands had begun.
    public var interruptedAfter: Int?
    /// The files it read (scripts and CSV files), so recovery needs none of them.
    public var reads: [FileRead]

    /// Makes a step.
    public init(
        _ kind: Kind, _ text: String, succeeded: Bool = true, interruptedAfter: Int? = nil, reads: [FileRead] = []
    ) {
        self.kind = kind
        self.text = text
        self.succeeded = succeeded
        self.interruptedAfter = interruptedAfter
        self.reads = reads
    }
}

/// A file a step read, as it was then.
public struct FileRead: Equatable, Sendable {
    /// The path as the session resolved it.
    public var path: String
    /// Its bytes.
    public var bytes: [UInt8]

    /// Makes a record of a read.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// What the current outermost step has done so far.
struct StepRecord {
    /// Commands begun inside the step's scripts, for a faithful Ctrl-C.
    var commandsBegun = 0
    var interruptedAfter: Int?
    /// Files read, when someone listens for steps.
    var reads: [FileRead]?
}

/// The state of a step being taken again from the journal.
struct Replay {
    var reads: [String: [UInt8]]
    var stopAfter: Int?
}

extension Message {
    static func notInJournal(_ path: String) -> Message {
        Message("'\(path)' was not kept in the journal")
    }
}

extension Command {
    /// Whether the command changes the session beyond the workspace (undo and
    /// redo stacks, snapshots, the output format), so the journal keeps it.
    var changesSession: Bool {
        switch self {
        case .undo, .redo, .snapshot, .format, .room(.theme): return true
        default: return false
        }
    }

    /// Whether this answers as if it changed something, and changes nothing:
    /// a `whatif` not kept as a scenario, a `solve`.
    var looksLikeAChange: Bool {
        switch self {
        case .whatIf(_, nil), .solve: return true
        default: return false
        }
    }

    /// Whether this is `record` (never written into a recording itself).
    var isRecord: Bool {
        if case .record = self { return true }
        return false
    }
}

/// The journal's side of a session: steps reported as they end, and taken again.
extension Session {
    /// Starts an outermost step.
    func beginStep() {
        stepRecord = StepRecord(reads: onStep == nil ? nil : [])
    }

    /// Ends an outermost step and reports it: as a step to take again if it
    /// changed anything, as a line of history otherwise.
    func endStep(_ kind: JournalStep.Kind, text: String, ok: Bool, replayable: Bool) {
        guard let onStep, replay == nil else { return }
        if replayable {
            onStep(
                JournalStep(
                    kind, text, succeeded: ok, interruptedAfter: stepRecord.interruptedAfter,
                    reads: stepRecord.reads ?? []))
        } else if options.interactive {
            onStep(JournalStep(.typed, text, succeeded: ok))
        }
    }

    /// Reads a script or CSV file: from the journal when a step is taken again,
    /// else from disk (in `folder`, when given), keeping a copy for the journal.
    func readInput(_ path: String, inside folder: String? = nil) throws(FileError) -> [UInt8] {
        if let replay {
            guard let bytes = replay.reads[path] else { throw FileError(Message.notInJournal(path).text) }
            return bytes
        }
        let bytes = try FileSystem.read(path, inside: folder, stop: shouldStop)
        if stepRecord.reads != nil, !stepRecord.reads!.contains(where: { $0.path == path }) {
            // A password written in a script is kept as ***: its line is refused all the same.
            stepRecord.reads!.append(FileRead(path: path, bytes: Secrets.redacted(bytes)))
        }
        return bytes
    }

    /// Takes a journalled step again, silently, writing no file. Returns
    /// whether it ended as it did the first time.
    @discardableResult
    public func replay(_ step: JournalStep, at time: Int? = nil) -> Bool {
        let savedOutput = output
        room.replayTime = time
        let savedStop = shouldStop
        output = DiscardedOutput()
        replay = Replay(
            reads: Dictionary(step.reads.map { ($0.path, $0.bytes) }, uniquingKeysWith: { first, _ in first }),
            stopAfter: step.interruptedAfter)
        shouldStop = { [unowned self] in
            guard let limit = self.replay?.stopAfter else { return false }
            return self.stepRecord.commandsBegun >= limit
        }
        defer {
            output = savedOutput
            shouldStop = savedStop
            replay = nil
            room.replayTime = nil
        }
        switch step.kind {
        case .typed:
            if options.interactive {
                entries.append(Entry(text: step.text, failed: !step.succeeded))
            }
            return true
        case .demo:
            loadDemo()
            return true
        case .script:
            return runFile(step.text) == step.succeeded
        case .command:
            let source = SourceText(name: options.interactive ? Session.promptName : "<journal>", text: step.text)
            let parsed: ParsedCommand?
            do {
                parsed = try Parser.parse(source, range: SourceRange(0, source.bytes.count))
            } catch {
                return !step.succeeded
            }
            guard let parsed else { return true }
            return perform(parsed) == step.succeeded
        }
    }

    /// Loads the reference scenario as the place the session starts from:
    /// not a step to undo, and journalled as one record, not sixty commands.
    public func loadDemo() {
        let listener = onStep
        onStep = nil
        options.undo = false
        run(SourceText(name: "<demo>", text: DemoScenario.text))
        options.undo = true
        onStep = listener
        if replay == nil { onStep?(JournalStep(.demo, "--demo")) }
    }

    /// Where the prompt began in the journalled session: history starts, and
    /// `diff` compares with the workspace as it was there.
    public func replayPrompt(first: Bool) {
        options.interactive = true
        if first { markBaseline() }
    }
}

/// Output that goes nowhere, for steps taken again from the journal.
final class DiscardedOutput: OutputSink {
    func out(_ text: String) {}
    func err(_ text: String) {}
    func flush() {}
}
