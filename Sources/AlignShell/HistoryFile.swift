import AlignSession
import Glibc

/// The prompt's history on disk: one entry a line, appended as each entry is
/// accepted, so a killed terminal loses none. Newlines and backslashes in an
/// entry are escaped (`\n`, `\\`), so a multi-line command stays one entry.
/// The file is created with mode 0600; appends of whole lines with O_APPEND
/// keep two shells from clobbering each other, and a lock (`flock`) keeps a
/// shell that compacts the file from losing another's appends.
public final class HistoryFile {
    /// Where the file is.
    public let path: String
    /// At most this many entries are kept when the file is compacted.
    public let limit: Int

    /// Uses the file at `path`.
    public init(path: String, limit: Int = 5000) {
        self.path = path
        self.limit = limit
    }

    /// The default place: `$XDG_STATE_HOME/align/history`, else `~/.local/state/align/history`.
    public static func defaultPath(environment: [String: String]) -> String? {
        FileSystem.stateDirectory(environment: environment).map { $0 + "/history" }
    }

    /// The entries, oldest first; compacts the file when it has grown past twice the limit.
    public func load() -> [String] {
        guard let bytes = try? FileSystem.read(path) else { return [] }
        let entries = HistoryFile.entries(bytes)
        if entries.count > limit * 2 { compact() }
        return Array(entries.suffix(limit))
    }

    static func entries(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: 10).map { HistoryFile.unescape(Array($0)) }
    }

    /// Rewrites the file with its last `limit` entries. Another shell may be
    /// appending to it: the file is read again and replaced while holding
    /// its lock, which `append` takes too, so no entry falls between the
    /// reading and the renaming.
    private func compact() {
        guard let fd = lockedFile(O_RDONLY) else { return }
        defer { close(fd) }
        guard let bytes = try? FileSystem.read(path) else { return }
        let entries = HistoryFile.entries(bytes)
        guard entries.count > limit * 2 else { return }
        let text = entries.suffix(limit).map { HistoryFile.escape($0) + "\n" }.joined()
        try? FileSystem.writeAtomically(path, Array(text.utf8), mode: 0o600)
    }

    /// Appends one entry, with one write, under the file's lock.
    public func append(_ entry: String) {
        FileSystem.makeDirectories(FileSystem.directory(of: path))
        guard let fd = lockedFile(O_WRONLY | O_CREAT | O_APPEND) else { return }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array((HistoryFile.escape(entry) + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// The file, opened and locked (exclusively; closing unlocks it). A
    /// compaction by another shell replaces the file while this one waits
    /// for the lock: then the file now at the path is opened again.
    private func lockedFile(_ flags: Int32) -> Int32? {
        for _ in 0..<100 {
            let fd = open(path, flags | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return nil }
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR {
                    close(fd)
                    return nil
                }
            }
            var opened = stat()
            var current = stat()
            if fstat(fd, &opened) == 0, stat(path, &current) == 0, opened.st_ino == current.st_ino,
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
