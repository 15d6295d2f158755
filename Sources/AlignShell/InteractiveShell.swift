import AlignLanguage
import AlignRoom
import AlignSession
import LineEditor

/// The prompt: reads lines, joins continuation lines into one command, keeps
/// history, and hands each command to the session.
final class InteractiveShell {
    let session: Session
    let reader: LineReader
    let history: HistoryFile?
    /// The room's page, whose votes are cast as they come while it is served.
    var room: RoomServer?
    private var lastEntry: String?
    private var toldHistoryProblem = false
    /// Set when input ended because the terminal hung up, not by Ctrl-D.
    private(set) var terminalWentAway = false

    static let prompt = "align> "
    static let continuation = "  ...> "

    init(session: Session, reader: LineReader, history: HistoryFile?) {
        self.session = session
        self.reader = reader
        self.history = history
        if let history {
            for entry in history.load() {
                reader.addHistory(entry)
                lastEntry = entry
            }
            sayHistoryProblem()
        }
    }

    /// Says, once, why the history file is not kept (a link, a named pipe, a full disk).
    private func sayHistoryProblem() {
        guard !toldHistoryProblem, let problem = history?.problem else { return }
        toldHistoryProblem = true
        session.report(Diagnostic(.warning, problem))
    }

    /// Runs until Ctrl-D, `quit`, a terminal that hangs up or a signal to
    /// end (see `Termination`); returns the exit status.
    func run() -> Int32 {
        var pending = ""
        while true {
            // Names that changed are sorted before the prompt returns, so that
            // the first Tab after a load or a rename is as quick as the next.
            if pending.isEmpty { CompletionEngine(session: session).prepare() }
            let read = readLine(prompt: pending.isEmpty ? session.prompt : Self.continuation)
            if let signal = Termination.signal { return 128 + signal }
            switch read {
            case .interrupted:
                pending = ""
            case .endOfInput:
                if Termination.terminalGone() {
                    terminalWentAway = true
                    Termination.awaitHangup()
                    if let signal = Termination.signal { return 128 + signal }
                    return 129
                }
                session.output.out("\n")
                session.output.flush()
                if session.mayLeave() { return 0 }
            case .line(let line):
                pending = pending.isEmpty ? line : pending + "\n" + line
                if CommandSplitter.isIncomplete(pending) { continue }
                let entry = Self.trimmingTrailingBlanks(pending)
                pending = ""
                guard entry.contains(where: { !$0.isWhitespace }) else { continue }
                remember(entry)
                if session.options.width != nil { session.options.width = TerminalSize.follow(session.options.width) }
                // The reader cleared Ctrl-C before reading: one pressed since
                // Enter is meant for this command, and cancels it.
                session.run(SourceText(name: Session.promptName, text: entry))
                for notice in session.takePageVotes() { session.output.out(notice + "\n") }
                session.output.flush()
                if session.wantsQuit, session.mayLeave() { return 0 }
                if let signal = Termination.signal { return 128 + signal }
            }
        }
    }

    /// Reads a line; while a timer runs or the page is served, libedit also
    /// casts the page's votes as they come and keeps the timer in the
    /// prompt counting down.
    private func readLine(prompt: String) -> ReadResult {
        let serving = room?.url != nil
        guard let editor = reader as? LibEditReader, session.workspace.room.timer != nil || serving else {
            return reader.readLine(prompt: prompt)
        }
        return editor.readLine(prompt: prompt, wake: serving ? room!.wakeFD : -1) { [session] shown in
            let notices = session.takePageVotes()
            session.output.flush()
            return (shown == Self.continuation ? shown : session.prompt, notices)
        }
    }

    /// The entry without the blanks after its last word, which would make
    /// the same command look like two in history. A newline stays: it may end
    /// a `\` continuation.
    static func trimmingTrailingBlanks(_ entry: String) -> String {
        var trimmed = Substring(entry)
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        return String(trimmed)
    }

    /// Adds an entry to the editor's history and the file, unless it repeats the last one.
    private func remember(_ entry: String) {
        // A line that writes a password is refused, and kept out of history.
        guard entry != lastEntry, !Secrets.mentionPassword(entry) else { return }
        lastEntry = entry
        reader.addHistory(entry)
        history?.append(entry)
        sayHistoryProblem()
    }
}
