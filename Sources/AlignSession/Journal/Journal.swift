import Glibc

/// The journal of an interactive session: every step, appended to a file
/// as it ends and flushed to disk before the prompt comes back, so that a
/// crash or a SIGKILL loses nothing that was accepted (`align --recover`).
///
/// One file per session, named by its start time and process id, opened with
/// O_EXCL and held under an exclusive `flock` while the session lives: two
/// shells never share a file, and recovery knows a live session from a dead
/// one (the kernel drops the lock when the process dies, however it dies).
/// The file is created with the first step that changes something, so a
/// session that only looks leaves nothing behind; a clean end removes it.
///
/// Records wait in `pending` until `commit()` writes them with one `write`
/// and an `fdatasync`. At the prompt every step commits at once
/// (`autoCommit`); while the command line's scripts run, the launcher
/// commits after each one. `commit()` is the only way out to the file, and
/// at the prompt nothing is ever pending, so a signal handler that wants a
/// last flush needs only to call it (or do nothing at all).
public final class Journal {
    /// Where journal files live.
    public let folder: String
    /// The file, once it exists.
    public private(set) var path: String?
    /// Commit after every record.
    public var autoCommit = false
    /// Told once, the first time the journal cannot be written.
    public var onFailure: ((FileError) -> Void)?

    private var fd: Int32 = -1
    private var pending: [UInt8] = []
    private var needsFile = false
    private var failed = false

    /// A journal for a new session, in `folder` (created when needed, mode 0700).
    public init(folder: String) {
        self.folder = folder
    }

    /// Carries on a recovered journal: `fd` is open for appending and locked.
    init(adopting path: String, fd: Int32) {
        self.folder = FileSystem.directory(of: path)
        self.path = path
        self.fd = fd
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Notes that a process begins (or takes over) the session.
    public func beginSession(keepGoing: Bool, safe: Bool) {
        add(.session(time: Clock.now(), pid: getpid(), keepGoing: keepGoing, safe: safe, folder: FileSystem.currentDirectory()))
    }

    /// Notes that the session's starting point was set (`Session.markStart`).
    public func markStart() {
        add(.start(time: Clock.now()))
    }

    /// Notes that the prompt appeared.
    public func markPrompt() {
        add(.prompt(time: Clock.now()))
    }

    /// Adds a step; one that changes something makes the file exist.
    public func record(_ step: JournalStep) {
        if step.kind != .typed && step.kind != .demo { needsFile = true }
        add(.step(time: Clock.now(), step))
    }

    private func add(_ record: JournalRecord) {
        pending += JournalFormat.encode(record)
        if autoCommit { commit() }
    }

    /// Writes what is pending and flushes it to disk. Returns false if the
    /// journal could not be written (reported once through `onFailure`).
    @discardableResult
    public func commit() -> Bool {
        guard !failed else { return false }
        if fd < 0 {
            guard needsFile else { return true }
            do {
                try create()
            } catch {
                fail(error)
                return false
            }
            return !failed
        }
        guard !pending.isEmpty else { return true }
        // Whole records or none: a record cut by a full disk would swallow the next one.
        guard FileSystem.appendWhole(fd, pending, .journal), FaultInjection.sync(fd, .journal, dataOnly: true) else {
            fail(FileError.from(errno: errno, path ?? folder, writing: true))
            return false
        }
        pending.removeAll(keepingCapacity: true)
        return true
    }

    private func create() throws(FileError) {
        FileSystem.makeDirectories(folder)
        let name = folder + "/\(Clock.compact(Clock.now()))-\(getpid()).journal"
        let fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw FileError.from(errno: errno, name, writing: true) }
        fchmod(fd, 0o600)
        flock(fd, LOCK_EX | LOCK_NB)
        self.fd = fd
        path = name
        pending = Array((JournalFormat.magic + "\n").utf8) + pending
        // The first commit writes the magic line; a journal that takes not
        // even that is said (once, by that commit) and left out.
        if commit() { FileSystem.syncFolder(folder) }
    }

    /// Says once that the journal cannot be written; nothing more is tried.
    private func fail(_ error: FileError) {
        guard !failed else { return }
        failed = true
        onFailure?(error)
    }

    /// The session ended cleanly: the journal is no longer needed.
    public func finish() {
        if let path { unlink(path) }
        closeFile()
    }

    /// The process ends but the session is to stay recoverable (a recovered
    /// session carried on without a prompt): write what is pending and keep the file.
    public func keep() {
        commit()
        closeFile()
    }

    private func closeFile() {
        if fd >= 0 { close(fd) }
        fd = -1
        path = nil
        pending = []
        needsFile = false
    }
}
