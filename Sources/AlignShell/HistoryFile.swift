import AlignSession
import Glibc

/// The prompt's history on disk: one entry a line, appended as each entry is
/// accepted, so a killed terminal loses none. Newlines and backslashes in an
/// entry are escaped (`\n`, `\\`), so a multi-line command stays one entry.
/// The file is created with mode 0600; appends of whole lines with O_APPEND
/// keep two shells from clobbering each other, and a lock (`flock`) keeps a
/// shell that compacts the file from losing another's appends.
///
/// Only a regular file is used, opened without following a link: a link, a
/// named pipe or a device in its place is left alone (never chmodded, never
/// waited on) and said once (`problem`). Only the file's tail is read, so a
/// file grown huge costs no more than a small one, and is trimmed.
public final class HistoryFile {
    /// Where the file is.
    public let path: String
    /// At most this many entries are kept when the file is compacted.
    public let limit: Int
    /// At most this many bytes are read, from the end of the file.
    public let tailBytes: Int
    /// Why the file is not used, once that is found; said once by the prompt.
    public private(set) var problem: String?

    /// Uses the file at `path`.
    public init(path: String, limit: Int = 5000, tailBytes: Int = 1 << 20) {
        self.path = path
        self.limit = limit
        self.tailBytes = tailBytes
    }

    /// The default place: `$XDG_STATE_HOME/align/history`, else `~/.local/state/align/history`.
    public static func defaultPath(environment: [String: String]) -> String? {
        FileSystem.stateDirectory(environment: environment).map { $0 + "/history" }
    }

    /// The entries, oldest first; compacts the file when it holds more than
    /// twice the limit, or more than its tail.
    public func load() -> [String] {
        guard let fd = opened(O_RDONLY) else { return [] }
        let (entries, whole) = tail(fd)
        close(fd)
        if entries.count > limit * 2 || !whole { compact() }
        return Array(entries.suffix(limit))
    }

    /// The entries in the last `tailBytes` of the file, and whether that was all of it.
    private func tail(_ fd: Int32) -> (entries: [String], whole: Bool) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { return ([], true) }
        let size = Int(info.st_size)
        // One byte more than the tail: if it ends an entry, the tail starts with a whole one.
        let start = max(0, size - tailBytes - 1)
        var bytes = [UInt8](repeating: 0, count: size - start)
        var got = 0
        while got < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, $0.count - got, off_t(start + got)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            got += n
        }
        bytes.removeLast(bytes.count - got)
        if start > 0, let first = bytes.firstIndex(where: HistoryFile.ends) { bytes.removeFirst(first + 1) }
        return (HistoryFile.entries(bytes), start == 0)
    }

    /// Whether a byte ends an entry: a newline, or a NUL (never in an entry;
    /// a file's holes and what a crash left are read as NULs).
    private static func ends(_ byte: UInt8) -> Bool { byte == 10 || byte == 0 }

    static func entries(_ bytes: [UInt8]) -> [String] {
        bytes.split(whereSeparator: ends).map { HistoryFile.unescape(Array($0)) }
    }

    /// Rewrites the file with its last `limit` entries. Another shell may be
    /// appending to it: the file is read again and replaced while holding
    /// its lock, which `append` takes too, so no entry falls between the
    /// reading and the renaming. The file itself is replaced, never what a
    /// link put in its place since would point to.
    private func compact() {
        guard let fd = lockedFile(O_RDONLY) else { return }
        defer { close(fd) }
        let (entries, whole) = tail(fd)
        guard entries.count > limit * 2 || !whole else { return }
        let text = entries.suffix(limit).map { HistoryFile.escape($0) + "\n" }.joined()
        _ = try? FileSystem.replace(
            path, with: Array(text.utf8), mode: 0o600, followLinks: false, channel: .history, keepOpen: false)
    }

    /// Appends one entry, with one write, under the file's lock.
    public func append(_ entry: String) {
        FileSystem.makeDirectories(FileSystem.directory(of: path))
        guard let fd = lockedFile(O_WRONLY | O_CREAT | O_APPEND) else { return }
        defer { close(fd) }
        let bytes = Array((HistoryFile.escape(entry) + "\n").utf8)
        if !FileSystem.appendWhole(fd, bytes, .history) {
            let error = FileError.from(errno: errno, path, writing: true)
            problem = problem ?? error.message + "; history is not kept"
        }
    }

    /// The file, opened without following a link and without waiting, if it
    /// is a regular file; made private to its owner. Else nil, and `problem` says why.
    private func opened(_ flags: Int32) -> Int32? {
        guard problem == nil else { return nil }
        let fd = open(path, flags | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP {
                problem = "the history file '\(path)' is a symbolic link; history is not kept"
            } else if code != ENOENT {
                let error = FileError.from(errno: code, path, writing: flags != O_RDONLY)
                problem = error.message + "; history is not kept"
            }
            return nil
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            let kind = (info.st_mode & S_IFMT) == S_IFIFO ? "a named pipe" : "not a regular file"
            problem = "the history file '\(path)' is \(kind); history is not kept"
            return nil
        }
        // Only a file of one's own with no other name: a hard link's other
        // name may be a file someone else relies on being readable.
        if info.st_mode & 0o777 != 0o600, info.st_uid == geteuid(), info.st_nlink == 1 { fchmod(fd, 0o600) }
        return fd
    }

    /// The file, opened and locked (exclusively; closing unlocks it). A
    /// compaction by another shell replaces the file while this one waits
    /// for the lock: then the file now at the path is opened again.
    private func lockedFile(_ flags: Int32) -> Int32? {
        for _ in 0..<100 {
            guard let fd = opened(flags) else { return nil }
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR {
                    close(fd)
                    return nil
                }
            }
            var opened = stat()
            var current = stat()
            if fstat(fd, &opened) == 0, lstat(path, &current) == 0, opened.st_ino == current.st_ino,
                opened.st_dev == current.st_dev
            {
                return fd
            }
            close(fd)
        }
        return nil
    }

    static func escape(_ entry: String) -> String {
        var out = ""
        for c in entry.unicodeScalars {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func unescape(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 92, i + 1 < bytes.count {
                switch bytes[i + 1] {
                case 110: out.append(10)
                case 114: out.append(13)
                default: out.append(bytes[i + 1])
                }
                i += 2
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
