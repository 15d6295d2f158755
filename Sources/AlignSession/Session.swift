import AlignCore
import AlignLanguage
import AlignOutput

extension Message {
    static let interrupted = Message("interrupted")
    static func notText(_ byte: UInt8) -> Message {
        let hex = String(byte, radix: 16, uppercase: true)
        return Message(byte == 0 ? "a NUL byte (U+0000) is not text" : "byte 0x\(hex) is not UTF-8 text")
    }
}

/// A session: a workspace, the commands run on it, and everything needed to
/// take them back. It parses, runs and reports; the entry point and the
/// interactive loop only feed it text.
public final class Session {
    /// The workspace.
    public internal(set) var workspace = Workspace()
    /// How the session behaves.
    public var options: SessionOptions
    /// Where answers and errors go.
    public internal(set) var output: OutputSink
    /// Set by `quit`.
    public internal(set) var wantsQuit = false
    /// Whether the script running is a session recording (its first piece
    /// has the header): its last line may be cut short (`isCutRecording`).
    var runningRecording = false
    /// How many errors were reported.
    public internal(set) var errorCount = 0
    /// Set when a prompt is to come: a message of no place (a warning before
    /// the prompt opens) wraps to the terminal's width, as at the prompt.
    public var promptAhead = false
    /// Called with each step the session took, once it is over: what the
    /// journal needs to take the same step again (see `JournalStep`).
    public var onStep: ((JournalStep) -> Void)?
    /// Asked between commands of a script: true stops it (Ctrl-C at the prompt).
    public var shouldStop: () -> Bool = { false }
    /// Called with each command that ran without error, those of nested
    /// scripts included: `align check` keeps where each name was defined.
    public var onCommand: ((ParsedCommand) -> Void)?

    /// What `undo` and `redo` work on at one depth of `run`: the session's
    /// own commands at the bottom, a running script's commands above it.
    struct UndoLevel {
        var undo = StepStack()
        var redo = StepStack()
    }

    /// One level for the session, and one more for each script being run by
    /// `run` or named on the command line: a script's `undo` takes back its
    /// own last command, and the whole script is one step of the level below.
    var undoLevels = [UndoLevel()]
    /// The changes the command being run has made so far.
    var pendingUndo = UndoRecord()
    /// An emptied record whose room the next command reuses.
    var spareUndo = UndoRecord()
    /// What rolls back a change that fails when nothing is kept for undo.
    var rollbackRecord = UndoRecord()

    /// A command of the session, for `history`.
    struct Entry {
        var text: String
        var undone = false
        var failed = false
    }

    var entries: [Entry] = []
    var snapshots: [(name: String, workspace: Workspace)] = []
    /// The names of the scenarios adopted, for the error when one is named
    /// again (undone with the adoption).
    var adoptedScenarios: [String] { workspace.adopted.map(\.name) }
    /// The names things had before a `rename`, by kind, with the slot of the
    /// thing renamed: an old name points to the new one for the rest of the session.
    var formerNames: [EntityKind: [String: Int32]] = [:]
    /// The `whatif` or `solve` just run, if the last command was one: an
    /// `undo` straight after it takes back the change before it, and says so.
    var lastAnswerThatLooksLikeAChange: String?
    /// The workspace when the session began, for `diff` alone.
    var baseline = Workspace()

    var graphCache: DriverGraph?
    var evaluatorCache: Evaluator?
    /// Evaluators of the other layers (actuals, plan), kept as the main one is.
    var layerCache: [ValueLayer: Evaluator] = [:]
    /// Sorted names for Tab completion, kept while the structure is unchanged.
    let sortedNames = SortedNames()
    /// The scripts being run, innermost last: for relative paths, cycles and error chains.
    var runStack: [RunFrame] = []
    /// How many files the command under way has run, nested ones included.
    var filesRunInCommand = 0
    var recorder: Recorder?
    /// What the `undo` or `redo` under way took back or did again, when that
    /// was typed before the recording began.
    var unrecordable: String?
    /// The room: the page's host, the clock, what was saved (see `SessionRoom`).
    public var room = SessionRoom()

    /// A script being run.
    struct RunFrame {
        /// The file's canonical path, which finds cycles however it is named.
        var path: String
        /// The path as the script that asked wrote it, for messages.
        var shown: String
        var folder: String
        var callSite: String?
        /// Run by a `run` command, not given on the command line: its commands
        /// are part of that command's step.
        var byCommand: Bool
    }

    /// What the current outermost step read and how it ended, for the journal.
    var stepRecord = StepRecord()
    /// Set while journal steps are taken again: file reads come from the journal.
    var replay: Replay?

    /// Makes a session with an empty workspace.
    public init(options: SessionOptions = SessionOptions(), output: OutputSink) {
        self.options = options
        self.output = output
    }

    /// Marks the current workspace as where the session began (`diff` compares with it).
    public func markBaseline() {
        baseline = workspace
    }

    /// Makes the current workspace the session's starting point: what was
    /// loaded before (the init file, `--demo`) is neither in `history` nor
    /// undoable, and `diff` alone compares with it.
    public func markStart() {
        baseline = workspace
        undoLevels = [UndoLevel()]
        entries = []
        pendingUndo = UndoRecord()
    }

    /// An evaluator of the workspace's actuals, plan or forecast, kept
    /// between commands as the main one is.
    func evaluator(_ layer: ValueLayer) -> Evaluator {
        let main = evaluator
        if main.layer == layer { return main }
        if let cached = layerCache[layer], cached.catchUp(with: workspace) { return cached }
        let made = Evaluator(workspace, plan: main.plan, layer: layer)
        layerCache[layer] = made
        return made
    }

    /// The evaluator of the current workspace, kept between commands: after a
    /// change of values it forgets only what they reach, after a change of
    /// structure it is made anew (with the compiled formulas when they still hold).
    var evaluator: Evaluator {
        // With a plan, figures are forecasts: actuals, the plan where there is none.
        let layer: ValueLayer = workspace.hasPlan ? .forecast : .actual
        if let cached = evaluatorCache, cached.layer == layer, cached.catchUp(with: workspace) { return cached }
        let made = Evaluator(workspace, plan: evaluatorCache?.plan, layer: layer)
        evaluatorCache = made
        return made
    }

    /// The driver graph of the current workspace, rebuilt only when its structure changed.
    var graph: DriverGraph {
        if let cached = graphCache, cached.version == workspace.structureVersion { return cached }
        let built = DriverGraph(workspace)
        graphCache = built
        return built
    }

    // MARK: Running text

    /// Runs every command of a source (a script, `-c`, a line typed at the
    /// prompt). Returns false if any command failed; stops at the first
    /// failure unless `keepGoing`.
    @discardableResult
    public func run(_ source: SourceText) -> Bool {
        var pieces = [source]
        return run(pieces: &pieces)
    }

    /// Runs the pieces of one script in turn (`ScriptPieces`), letting go of
    /// each once run: `pieces` is emptied, last first.
    func run(pieces: inout [SourceText]) -> Bool {
        var ok = true
        let outer = runningRecording
        runningRecording = pieces.first?.bytes.starts(with: Session.recordingHeader.utf8) ?? false
        defer { runningRecording = outer }
        pieces.reverse()
        defer { pieces.removeAll() }
        while !pieces.isEmpty {
            // The piece's text is let go of once run (see `ProcessMemory`).
            switch run(piece: pieces.removeLast(), &ok) {
            case .next: continue
            case .stop: return ok
            case .interrupted: return false
            }
        }
        return ok
    }

    /// How running one piece of a script ended.
    private enum PieceEnd { case next, stop, interrupted }

    private func run(piece source: SourceText, _ ok: inout Bool) -> PieceEnd {
        for range in CommandSplitter(source.bytes) {
            if shouldStop() {
                if !runStack.isEmpty { stepRecord.interruptedAfter = stepRecord.commandsBegun }
                report(Diagnostic(.interrupted, at: range, in: source))
                return .interrupted
            }
            stepRecord.commandsBegun += 1
            if !runCommand(source, range) {
                ok = false
                if !options.keepGoing { return .stop }
            }
            // At the prompt, a script's answers show as they come.
            if options.interactive { output.flush() }
            if wantsQuit { return .stop }
        }
        return .next
    }

    /// Parses and runs one command; false (after reporting) if it failed.
    @discardableResult
    public func runCommand(_ source: SourceText, _ range: SourceRange) -> Bool {
        if let bad = UTF8Check.firstInvalidByte(source.bytes, from: range.start, to: range.end, rejectingNUL: true) {
            report(Diagnostic(.notText(source.bytes[bad]), at: SourceRange(bad, bad + 1), in: source))
            unreadable(source, range)
            return false
        }
        let parsed: ParsedCommand
        do {
            guard let command = try Parser.parse(source, range: range) else { return true }
            parsed = command
        } catch {
            if isCutRecording(source, range) {
                warn(.cutRecording, at: SourceRange(range.start, range.start), in: source)
                return true
            }
            report(error)
            unreadable(source, range)
            return false
        }
        return perform(parsed)
    }

    /// A command of the session's own that did not parse: listed by
    /// `history` as failed, and kept so in the journal.
    private func unreadable(_ source: SourceText, _ range: SourceRange) {
        guard runStack.isEmpty, undoLevels.count == 1 else { return }
        let text = source.text(range)
        // A line refused for the password it writes is kept nowhere.
        guard !Secrets.mentionPassword(text) else { return }
        entries.append(Entry(text: text, failed: true))
        beginStep()
        endStep(.command, text: text, ok: false, replayable: false)
    }

    /// Whether a `run` command is under way: its commands are part of its step.
    var insideRunCommand: Bool { runStack.contains { $0.byCommand } }

    /// Runs a parsed command as one step: undoable as a whole, recorded, journalled.
    ///
    /// A step is a command typed at the prompt, given with `-c`, or read from
    /// a script named on the command line; the commands of a `run` belong to
    /// the `run`'s step.
    @discardableResult
    public func perform(_ parsed: ParsedCommand) -> Bool {
        let outermost = runStack.isEmpty
        if outermost { beginStep() }
        let before = (workspace.structureVersion, workspace.valueVersion)
        let ok = step(StepText(parsed.source, parsed.range)) {
            do throws(Diagnostic) {
                try execute(parsed)
                return true
            } catch {
                report(error)
                return false
            }
        }
        if ok { onCommand?(parsed) }
        if ok, recorder != nil, !insideRunCommand, !parsed.command.isRecord {
            let text = recordedText(parsed)
            if let earlier = unrecordable {
                keepInRecording("# \(text): of '\(earlier)', from before this recording")
            } else {
                keepInRecording(room.stampedText ?? text)
            }
        }
        unrecordable = nil
        room.stampedText = nil
        if outermost { lastAnswerThatLooksLikeAChange = parsed.command.looksLikeAChange ? parsed.source.text(parsed.range) : nil }
        guard outermost else { return ok }
        let changed = before != (workspace.structureVersion, workspace.valueVersion)
        endStep(
            .command, text: parsed.source.text(parsed.range), ok: ok,
            replayable: changed || (ok && parsed.command.changesSession))
        evaluatorCache?.detach()
        for layer in layerCache.values { layer.detach() }
        publishRoom()
        output.flush()
        return ok
    }

    /// Runs `body` as one undoable step named `text`; the session's own
    /// commands (not those of a script being run) are listed by `history`.
    func step(_ text: StepText, _ body: () -> Bool) -> Bool {
        let outer = pendingUndo
        pendingUndo = spareUndo
        spareUndo = UndoRecord()
        let ownCommand = undoLevels.count == 1
        if ownCommand { entries.append(Entry(text: text.string)) }
        let number = ownCommand ? entries.count : 0
        let ok = body()
        if !ok, ownCommand { entries[number - 1].failed = true }
        if options.undo, !pendingUndo.isEmpty {
            undoLevels[undoLevels.count - 1].undo.push(number: number, text: text, changes: pendingUndo)
            undoLevels[undoLevels.count - 1].redo.removeAll()
        }
        pendingUndo.removeAll()
        spareUndo = pendingUndo
        pendingUndo = outer
        return ok
    }

    /// Runs a script's commands on a level of their own, then makes what is
    /// left of them part of the command that ran the script.
    func withUndoLevel<R>(_ body: () throws(Diagnostic) -> R) throws(Diagnostic) -> R {
        undoLevels.append(UndoLevel())
        defer {
            var level = undoLevels.removeLast()
            pendingUndo.append(contentsOf: level.undo.takeChanges())
        }
        return try body()
    }

    // MARK: Changing the workspace

    /// Changes the workspace as one all-or-nothing step; a refusal from the
    /// workspace becomes an error at `range`.
    @discardableResult
    func change<R>(at range: SourceRange, in source: SourceText, _ body: (inout Workspace) throws -> R)
        throws(Diagnostic) -> R
    {
        do {
            if options.undo { return try workspace.transaction(recordingInto: &pendingUndo, body) }
            // Without undo the record only rolls back a change that fails; its room is kept.
            defer { rollbackRecord.removeAll() }
            return try workspace.transaction(recordingInto: &rollbackRecord, body)
        } catch let error as WorkspaceError {
            throw Diagnostic(describe(error), at: range, in: source)
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw Diagnostic(.error, "\(error)", at: range, in: source)
        }
    }

    // MARK: Printing

    /// Prints an answer in the current format.
    func emit(_ document: Document) {
        guard !document.isEmpty else { return }
        let renderer = Renderer(format: options.format, style: options.style, boxed: options.boxed, width: options.width)
        output.out(renderer.render(document))
    }

    /// A dim line at the prompt (the banner, a hint), wrapped between words
    /// to the terminal's width.
    public func notice(_ text: String) {
        wrappedLine(Span(text, .dim))
    }

    /// One line of text, wrapped between words to the terminal's width.
    func wrappedLine(_ span: Span) {
        output.out(Renderer(format: .table, style: options.style, width: options.width).render(Document([.line([span])])))
    }

    /// Confirms a change briefly, at the prompt only; scripts stay quiet.
    func confirm(_ text: @autoclosure () -> String) {
        guard options.interactive, runStack.isEmpty else { return }
        notice(Escaping.safe(text()))
    }

    /// Reports a warning on standard error.
    func warn(_ message: Message, at range: SourceRange?, in source: SourceText) {
        report(Diagnostic(.warning, message.text, at: range, in: source))
    }

    /// Shows a diagnostic: under the typed line at the prompt, as
    /// `FILE:LINE:COL: error: MESSAGE` otherwise.
    public func report(_ diagnostic: Diagnostic) {
        if diagnostic.alreadyReported { return }
        if diagnostic.severity == .error { errorCount += 1 }
        let style = options.errorStyle
        let role: Style.Role = diagnostic.severity == .error ? .error : .warning
        var text: String
        // At the prompt (or before it), messages and notes wrap to the terminal's width.
        let wrapper = (options.interactive || promptAhead) ? options.width.map { Renderer(format: .table, style: style, width: $0) } : nil
        if options.interactive, let source = diagnostic.source, source.name == Session.promptName,
            let range = diagnostic.range
        {
            text = DiagnosticRenderer.underLine(diagnostic, source: source, range: range, style: style, width: options.width)
            text += DiagnosticRenderer.usage(diagnostic, style: style, width: options.width)
        } else if let wrapper {
            // At the prompt a message wraps between words, its place (a
            // file's row) first.
            var spans = [Span(diagnostic.severity.rawValue + ":", role), Span(" " + diagnostic.message)]
            if !diagnostic.placePrefix.isEmpty { spans.insert(Span(diagnostic.placePrefix), at: 0) }
            text = wrapper.render(Document([.line(spans)]))
        } else {
            text = Escaping.safe(diagnostic.placePrefix) + style.apply(role, diagnostic.severity.rawValue + ":") + " "
                + Escaping.safe(diagnostic.message) + "\n"
        }
        let chain = diagnostic.source?.name == Session.promptName ? [] : runChainNotes
        for note in diagnostic.notes + chain {
            if let wrapper {
                text += wrapper.render(Document([.line([Span("note:", .dim), Span(" " + note)])]))
            } else {
                text += style.apply(.dim, "note: ") + Escaping.safe(note) + "\n"
            }
        }
        output.err(text)
    }

    /// The name of text typed at the prompt.
    public static let promptName = "<prompt>"

    /// The version of align: `--version` prints it and reports name it.
    public static let version = "0.1.0"
}
