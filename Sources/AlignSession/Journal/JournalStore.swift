import Glibc

/// A journal left by a session that did not end cleanly.
public struct UnfinishedSession: Sendable {
    /// The journal file.
    public var path: String
    /// When the session began, and when it took its last step (seconds since
    /// 1970): a recovered session carried on without changes keeps its place.
    public var started: Int
    public var lastActive: Int
    /// The process that began it, and its working folder.
    public var pid: Int32
    public var folder: String
    /// The steps recovery takes again (commands and scripts).
    public var commands: Int
    /// The last few of them, oldest first.
    public var lastCommands: [String]
    /// Every record.
    public var records: [JournalRecord]

    init?(path: String, records: [JournalRecord]) {
        self.path = path
        self.records = records
        var started: Int?
        var last = 0
        var pid: Int32 = 0
        var folder = ""
        var texts: [String] = []
        for record in records {
            switch record {
            case .session(let time, let p, _, _, let f):
                if started == nil {
                    started = time
                    pid = p
                    folder = f
                }
            case .prompt, .start:
                break
            case .step(let time, let step):
                last = max(last, time)
                switch step.kind {
                case .command: texts.append(step.text)
                case .script: texts.append("align " + step.text)
                case .typed, .demo: break
                }
            }
        }
        guard !texts.isEmpty else { return nil }
        self.started = started ?? last
        self.lastActive = last
        self.pid = pid
        self.folder = folder
        self.commands = texts.count
        self.lastCommands = Array(texts.suffix(3))
    }
}

/// The folder of journals, and finding the sessions that can be recovered.
public enum JournalStore {
    /// `$XDG_STATE_HOME/align/journals`, else `~/.local/state/align/journals`.
    public static func folder(environment: [String: String]) -> String? {
        FileSystem.stateDirectory(environment: environment).map { $0 + "/journals" }
    }

    /// The sessions that can be recovered, most recently active first. A
    /// journal whose session is still running (its lock is held) is left out.
    public static func unfinished(in folder: String) -> [UnfinishedSession] {
        var found: [UnfinishedSession] = []
        for path in journalFiles(in: folder) {
            guard let (session, fd, _) = lockAndRead(path) else { continue }
            close(fd)
            found.append(session)
        }
        return sorted(found)
    }

    /// Takes over the most recently active unfinished session: its records,
    /// and a journal that carries on in the same file (locked for this process).
    public static func adoptMostRecent(in folder: String) -> (UnfinishedSession, Journal)? {
        var candidates: [(UnfinishedSession, Int32, Int)] = []
        for path in journalFiles(in: folder) {
            if let found = lockAndRead(path) { candidates.append(found) }
        }
        let order = sorted(candidates.map(\.0)).map(\.path)
        guard let chosen = order.first, let (session, fd, whole) = candidates.first(where: { $0.0.path == chosen })
        else {
            for (_, fd, _) in candidates { close(fd) }
            return nil
        }
        for (other, otherFD, _) in candidates where other.path != chosen { close(otherFD) }
        // A line cut short by the crash would swallow the next record: cut it off.
        ftruncate(fd, off_t(whole))
        return (session, Journal(adopting: session.path, fd: fd))
    }

    private static func sorted(_ sessions: [UnfinishedSession]) -> [UnfinishedSession] {
        sessions.sorted { ($0.lastActive, $0.path) > ($1.lastActive, $1.path) }
    }

    private static func journalFiles(in folder: String) -> [String] {
        guard let dir = opendir(folder) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = FileSystem.name(of: entry)
            guard name.hasSuffix(".journal"), !name.hasPrefix(".") else { continue }
            // Only files: a named pipe or a link by that name is no journal of ours.
            var info = stat()
            if lstat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { names.append(folder + "/" + name) }
        }
        return names.sorted()
    }

    /// Opens a journal for appending and locks it, with the length of its
    /// whole lines; nil if its session still runs, or it holds nothing to recover.
    private static func lockAndRead(_ path: String) -> (UnfinishedSession, Int32, Int)? {
        // Not through a link, and never waiting on what is not a file.
        let fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, flock(fd, LOCK_EX | LOCK_NB) == 0,
            let bytes = try? FileSystem.readAll(fd, path),
            let records = JournalFormat.decode(bytes),
            let session = UnfinishedSession(path: path, records: records)
        else {
            close(fd)
            return nil
        }
        let whole = (bytes.lastIndex(of: 10) ?? -1) + 1
        return (session, fd, whole)
    }
}
