import Glibc

/// The prompt's history on disk: one entry a line, appended as each entry is
/// accepted, so a killed terminal loses none. Newlines and backslashes in an
/// entry are escaped (`\n`, `\\`), so a multi-line command stays one entry.
/// The file is created with mode 0600; appends of whole lines with O_APPEND
/// keep two shells from clobbering each other.
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
        stateDirectory(environment: environment).map { $0 + "/history" }
    }

    /// `$XDG_STATE_HOME/align`, else `~/.local/state/align`.
    public static func stateDirectory(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/align" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/align"
    }

    /// The entries, oldest first; compacts the file when it has grown past twice the limit.
    public func load() -> [String] {
        guard let bytes = try? FileSystem.read(path) else { return [] }
        var entries: [String] = []
        var line: [UInt8] = []
        for b in bytes {
            if b == 10 {
                if !line.isEmpty { entries.append(HistoryFile.unescape(line)) }
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(b)
            }
        }
        if !line.isEmpty { entries.append(HistoryFile.unescape(line)) }
        if entries.count > limit * 2 {
            entries = Array(entries.suffix(limit))
            let text = entries.map { HistoryFile.escape($0) + "\n" }.joined()
            try? FileSystem.writeAtomically(path, Array(text.utf8), mode: 0o600)
        }
        return Array(entries.suffix(limit))
    }

    /// Appends one entry.
    public func append(_ entry: String) {
        FileSystem.makeDirectories(FileSystem.directory(of: path))
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        fchmod(fd, 0o600)
        let bytes = Array((HistoryFile.escape(entry) + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
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
