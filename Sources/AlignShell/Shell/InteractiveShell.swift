import AlignLanguage
import LineEditor

/// The prompt: reads lines, joins continuation lines into one command, keeps
/// history, and hands each command to the session.
final class InteractiveShell {
    let session: Session
    let reader: LineReader
    let history: HistoryFile?
    private var lastEntry: String?

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
        }
    }

    /// Runs until Ctrl-D or `quit`; returns the exit status.
    func run() -> Int32 {
        var pending = ""
        while true {
            switch reader.readLine(prompt: pending.isEmpty ? Self.prompt : Self.continuation) {
            case .interrupted:
                pending = ""
            case .endOfInput:
                session.output.out("\n")
                session.output.flush()
                return 0
            case .line(let line):
                pending = pending.isEmpty ? line : pending + "\n" + line
                if CommandSplitter.isIncomplete(pending) { continue }
                let entry = pending
                pending = ""
                guard entry.contains(where: { $0 != " " && $0 != "\t" }) else { continue }
                remember(entry)
                Interrupt.clear()
                session.run(SourceText(name: Session.promptName, text: entry))
                session.output.flush()
                if session.wantsQuit { return 0 }
            }
        }
    }

    /// Adds an entry to the editor's history and the file, unless it repeats the last one.
    private func remember(_ entry: String) {
        guard entry != lastEntry else { return }
        lastEntry = entry
        reader.addHistory(entry)
        history?.append(entry)
    }
}
