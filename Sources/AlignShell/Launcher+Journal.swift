import AlignLanguage
import AlignOutput
import AlignSession
import Glibc

extension Message {
    static let noStateFolder = Message("there is no folder for journals: set HOME or XDG_STATE_HOME")
    static let noJournalFolder = Message(
        "there is no folder for journals (set HOME or XDG_STATE_HOME): this session is not journalled, and a crash would lose it")
    static let nothingToRecover = Message("there is no unfinished session to recover (see 'align --recover list')")
    static func journalUnwritable(_ error: FileError) -> Message {
        Message(error.message + "; this session is not journalled, and a crash would lose it")
    }
    static func replayDiverged(_ count: Int) -> Message {
        Message(NumberFormat.count(count, "recovered command") + " did not end as before; check the workspace")
    }
}

/// What `--recover` restored.
struct Recovered {
    var journal: Journal
    var session: UnfinishedSession
    /// Whether the recovered session had reached its prompt (its `diff` baseline).
    var sawPrompt: Bool

    /// The line the prompt shows after recovering.
    var summary: String {
        let n = session.commands
        return "Recovered \(n) command\(n == 1 ? "" : "s") of the session begun \(Clock.local(session.started)) "
            + "(last change \(Clock.local(session.lastActive)))."
    }
}

/// The journal's part in starting align: keeping one, recovering one, listing them.
extension Launcher {
    /// Journals the session's steps; a journal that cannot be written is said once.
    static func attach(_ journal: Journal, to session: Session) {
        journal.beginSession(keepGoing: session.options.keepGoing, safe: session.options.safe)
        journal.onFailure = { [unowned session] error in
            session.report(Diagnostic(.warning, Message.journalUnwritable(error).text))
        }
        session.onStep = { [unowned journal] step in journal.record(step) }
    }

    /// Restores the most recent unfinished session into `session`, taking its
    /// steps again in order; nil (after saying why) if there is none.
    static func recover(into session: Session, _ plan: LaunchPlan) -> Recovered? {
        guard let folder = JournalStore.folder(environment: plan.environment) else {
            session.report(Diagnostic(.noStateFolder))
            return nil
        }
        guard let (found, journal) = JournalStore.adoptMostRecent(in: folder) else {
            session.report(Diagnostic(.nothingToRecover))
            return nil
        }
        var sawPrompt = false
        var diverged = 0
        for record in found.records {
            switch record {
            case .session(_, _, let keepGoing, let safe, _):
                session.options.keepGoing = keepGoing
                session.options.safe = safe
                session.options.interactive = false
            case .prompt:
                session.replayPrompt(first: !sawPrompt)
                sawPrompt = true
            case .start:
                session.markStart()
            case .step(let time, let step):
                if !session.replay(step, at: time) { diverged += 1 }
            }
        }
        session.options.keepGoing = plan.keepGoing
        session.options.safe = plan.safe
        session.options.interactive = false
        if let format = plan.format { session.options.format = format }
        if diverged > 0 { session.report(Diagnostic(.warning, Message.replayDiverged(diverged).text)) }
        return Recovered(journal: journal, session: found, sawPrompt: sawPrompt)
    }

    /// `align --recover list`: the sessions that can be recovered, most recent first.
    static func listUnfinished(_ plan: LaunchPlan, _ output: OutputSink) -> Int32 {
        guard let folder = JournalStore.folder(environment: plan.environment) else {
            output.err("error: " + Message.noStateFolder.text + "\n")
            return 1
        }
        let sessions = JournalStore.unfinished(in: folder)
        guard !sessions.isEmpty else {
            output.out("No unfinished session to recover.\n")
            output.flush()
            return 0
        }
        var text = ""
        for (i, s) in sessions.enumerated() {
            let n = s.commands
            text += "\(i == 0 ? "*" : " ") \(Clock.local(s.started)) to \(Clock.local(s.lastActive))  "
                + "\(n) command\(n == 1 ? "" : "s")  pid \(s.pid)  in \(Escaping.safe(s.folder))\n"
            if s.commands > s.lastCommands.count { text += "      ...\n" }
            for command in s.lastCommands {
                text += "      " + Escaping.safe(command.replacing("\n", with: " ")) + "\n"
            }
            text += "      journal: \(Escaping.safe(s.path))\n"
        }
        text += "'align --recover' restores the session marked *, the most recent.\n"
        output.out(text)
        output.flush()
        return 0
    }
}
