import AlignLanguage
import AlignOutput
import AlignRoom
import AlignSession
import Glibc
import LineEditor

/// Starts align as the command line asked and returns the exit status.
public enum Launcher {
    /// The last session run, kept until the process ends: the system takes
    /// back a large workspace's memory whole at exit, where freeing it table
    /// by table took 6% of a replay. (Files, locks and the room are closed
    /// and stopped explicitly before align exits; a run in the same process
    /// after it frees this one.)
    nonisolated(unsafe) static var lastSession: Session?

    /// The version `--version` prints.
    public static let version = Session.version

    /// What the process sets up first, before it allocates much: the C
    /// library's allocator (`ProcessMemory`).
    public static func prepareProcess() {
        ProcessMemory.mapLargeBlocksApart()
    }

    /// Runs align as planned, on a thread with a large stack (see
    /// `LargeStack`); returns the exit status.
    public static func run(_ plan: LaunchPlan) -> Int32 {
        LargeStack.run { runHere(plan) }
    }

    private static func runHere(_ plan: LaunchPlan) -> Int32 {
        // A file written past `ulimit -f` is an error to report (EFBIG), not a
        // death that leaves a temporary file and loses the session.
        signal(SIGXFSZ, SIG_IGN)
        let env = plan.environment
        let stdinTTY = isatty(0) == 1
        let stdoutTTY = isatty(1) == 1
        // NO_COLOR (no-color.org), and a terminal that says it cannot show colour.
        let noColor = !(env["NO_COLOR"] ?? "").isEmpty || env["TERM"] == "dumb"
        let output = StandardOutput()
        var options = SessionOptions()
        options.safe = plan.safe
        options.keepGoing = plan.keepGoing
        options.format = plan.format ?? .table
        options.boxed = stdoutTTY
        // Answers wrap to a terminal's width; a pipe keeps lines whole.
        options.width = stdoutTTY ? TerminalSize.columns() ?? 80 : nil
        options.theme = plan.theme
        options.fixedTime = env["SOURCE_DATE_EPOCH"].flatMap { Int($0) }
        // A script piped in prints no colour, even to a terminal (BRIEF.md).
        let contrast = plan.theme == .contrast
        options.style = Style(enabled: stdoutTTY && stdinTTY && !noColor, contrast: contrast)
        options.errorStyle = Style(enabled: isatty(2) == 1 && stdinTTY && !noColor, contrast: contrast)
        // Undo is kept for a prompt (or standard input read as it comes,
        // where it stands), a recovered session (its journal holds its undos),
        // and for whatever may ask for it: a line that
        // says undo or redo, a script read from standard input, or a
        // script that mentions either (the session looks when it reads one).
        // A replay that asks for none keeps no record of its commands.
        options.undo =
            plan.inputs.isEmpty || plan.interactive || plan.recover == .restore
            || plan.inputs.contains { input in
                switch input {
                case .file(let path): return path == "-"
                case .command(let line): return Session.mayAskForUndo(Array(line.utf8))
                }
            }
        options.undoWhenScriptsAsk = true
        options.workingDirectory = "."
        let session = Session(options: options, output: output)
        Launcher.lastSession = session
        let room = RoomServer()
        session.room.host = room
        if plan.recover == .list { return listUnfinished(plan, output) }

        let willPrompt = (plan.inputs.isEmpty || plan.interactive) && stdinTTY
        session.promptAhead = willPrompt
        var journal: Journal?
        var recovered: Recovered?
        if plan.recover == .restore {
            guard let found = recover(into: session, plan) else { return 1 }
            recovered = found
            journal = found.journal
        } else if willPrompt, let folder = JournalStore.folder(environment: env) {
            journal = Journal(folder: folder)
        } else if willPrompt {
            session.report(Diagnostic(.warning, Message.noJournalFolder.text))
        }
        if let journal { attach(journal, to: session) }
        if willPrompt {
            // From here on SIGTERM and SIGHUP stop the command under way and
            // end align through `endBySignal`, with the journal on disk.
            Termination.install()
            Termination.saveTerminal()
            TerminalSize.install()
            // Ctrl-C while the files and -c lines before the prompt run stops
            // them and goes on to the prompt, as it stops a command there.
            Interrupt.install()
            session.shouldStop = { Interrupt.isPending || Termination.signal != nil }
        }
        // `| head` closed standard output: align ends quietly (exit 0),
        // keeping the journal, with the terminal as it found it.
        output.onBrokenPipe = { [journal] in
            journal?.keep()
            Termination.restoreTerminal()
        }
        var failed = false

        if !plan.quiet, recovered == nil, let initFile = initFilePath(env), FileSystem.exists(initFile) {
            _ = session.runFile(initFile)
            journal?.commit()
        }
        if plan.demo {
            session.loadDemo()
            journal?.commit()
        }
        if recovered == nil {
            session.markStart()
            journal?.markStart()
        }
        for input in plan.inputs {
            // Ctrl-C (in the init file or an input before) skips what is left.
            if willPrompt && Interrupt.isPending { break }
            let ok: Bool
            switch input {
            case .file(let path): ok = session.runFile(path)
            case .command(let line): ok = session.run(SourceText(name: "<arg>", bytes: rawArgument(line)))
            }
            journal?.commit()
            output.flush()
            if let signal = Termination.signal { endBySignal(signal, journal) }
            if !ok {
                failed = true
                if !plan.keepGoing { break }
            }
            if session.wantsQuit {
                willPrompt ? journal?.finish() : journal?.keep()
                output.flush()
                return failed || output.writeFailed ? 1 : 0
            }
        }
        let wantsPrompt = plan.inputs.isEmpty || plan.interactive
        if wantsPrompt && !(failed && !plan.interactive) {
            if !stdinTTY {
                if !runStandardInput(session) { failed = true }
            } else {
                let (status, clean) = interactive(
                    session, plan: plan, journal: journal, recovered: recovered, room: room)
                room.stop()
                if let signal = Termination.signal { endBySignal(signal, journal) }
                // A terminal that hung up is not Ctrl-D, and changes not saved
                // are not to be lost: either way the session stays recoverable.
                clean && !session.hasUnsavedChanges ? journal?.finish() : journal?.keep()
                return status
            }
        }
        journal?.keep()
        output.flush()
        return failed || output.writeFailed ? 1 : 0
    }

    /// The bytes of a `-c` line as given. Arguments reach align as strings,
    /// which turn a byte that is not UTF-8 into U+FFFD; the error should name
    /// the byte, as it does in a file.
    static func rawArgument(_ text: String) -> [UInt8] {
        guard text.unicodeScalars.contains("\u{FFFD}") else { return Array(text.utf8) }
        for i in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[i] else { continue }
            let bytes = UnsafeBufferPointer(start: pointer, count: strlen(pointer)).map { UInt8(bitPattern: $0) }
            if String(decoding: bytes, as: UTF8.self) == text { return bytes }
        }
        return Array(text.utf8)
    }

    /// Standard input that is not a terminal: a script, read as it arrives.
    static func runStandardInput(_ session: Session) -> Bool {
        let stream = ScriptStream(fd: 0, name: "<stdin>")
        var ok = true
        while let source = stream.next() {
            if !session.runCommand(source, SourceRange(0, source.bytes.count)) {
                ok = false
                if !session.options.keepGoing { break }
            }
            if session.wantsQuit { break }
        }
        session.output.flush()
        return ok
    }

    /// Ends align because a signal asked it to: what the journal holds is
    /// put on disk and kept for `--recover`, the terminal is put back, and
    /// align dies of the signal. History needs nothing: every entry was
    /// appended as it was accepted.
    static func endBySignal(_ signal: Int32, _ journal: Journal?) -> Never {
        journal?.keep()
        Termination.die(of: signal)
    }

    /// The prompt, until it ends: the exit status, and whether it ended
    /// cleanly (Ctrl-D or `quit`, not a terminal that went away).
    static func interactive(
        _ session: Session, plan: LaunchPlan, journal: Journal?, recovered: Recovered?, room: RoomServer
    ) -> (Int32, clean: Bool) {
        session.options.interactive = true
        if recovered?.sawPrompt != true { session.markBaseline() }
        // What the prompt begins with is on disk; a recovered session is not.
        if recovered == nil { session.markSaved() }
        journal?.markPrompt()
        journal?.autoCommit = true
        journal?.commit()
        Interrupt.install()
        session.shouldStop = { Interrupt.isPending || Termination.signal != nil }
        let historyPath = HistoryFile.defaultPath(environment: plan.environment)
        let history = historyPath.map { HistoryFile(path: $0) }
        let status: Int32
        let clean: Bool
        // The reader lives only in this block: leaving it ends libedit
        // (el_end puts the terminal back) before the caller calls exit().
        do {
            setUTF8Locale()
            let reader: LineReader =
                LibEditReader(
                    program: "align",
                    completer: { line, cursor in
                        let offer = CompletionEngine(session: session).complete(line, cursor: cursor)
                        return Completion(wordStart: offer.wordStart, candidates: offer.candidates)
                    },
                    display: { Escaping.safe($0) }) ?? PlainReader(fd: 0, echoPrompt: true)
            let banner = "align \(version): sales and marketing, one language. 'help' lists the commands; Ctrl-D leaves."
            session.notice(banner)
            if plan.demo {
                session.notice("The reference scenario is loaded: try 'tree', 'query gaps 2026-Q3' or 'query conflicts'.")
            }
            if let recovered { session.notice(recovered.summary) }
            session.output.flush()
            let shell = InteractiveShell(session: session, reader: reader, history: history)
            shell.room = room
            status = shell.run()
            clean = !shell.terminalWentAway
        }
        return (status, clean)
    }

    /// `$XDG_CONFIG_HOME/align/init.align`, else `~/.config/align/init.align`.
    static func initFilePath(_ env: [String: String]) -> String? {
        if let config = env["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/align/init.align" }
        guard let home = env["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/align/init.align"
    }

    /// libedit drops non-ASCII input without a UTF-8 locale: take the user's
    /// character set, and fall back to C.UTF-8 when theirs is not UTF-8.
    /// Only LC_CTYPE, and only for the prompt: nothing else in align reads
    /// the locale, a script run needs none of it, and loading every
    /// category took a dozen files at each start.
    static func setUTF8Locale() {
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset != "UTF-8" {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { setlocale(LC_CTYPE, "C.utf8") }
        }
    }
}

extension Launcher {
    /// Writes text to a file descriptor (1 or 2), whole.
    public static func write(_ fd: Int32, _ text: String) {
        _ = StandardOutput.writeAll(fd, Array(text.utf8))
    }
}
