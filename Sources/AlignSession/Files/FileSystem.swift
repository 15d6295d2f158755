import AlignCore
import Glibc

/// Files, through the C library: reading whole files, atomic writes, paths.
public enum FileSystem {
    /// The bytes of a file. A pipe (`<(command)`, a named pipe) is read to
    /// its end; one with no writer is empty, not a wait. A device is refused:
    /// `/dev/zero` never ends and a terminal is not a script. A read that
    /// waits stops when a signal interrupts it and `stop` says so (Ctrl-C).
    ///
    /// With `folder` (canonical), a file that is not inside it is refused
    /// (`FileError.isOutside`), judged on the file opened, not on its name: a
    /// link swapped between a check and the open cannot lead outside.
    public static func read(_ path: String, inside folder: String? = nil, stop: () -> Bool = { false })
        throws(FileError) -> [UInt8]
    {
        var bytes: [UInt8] = []
        try read(path, inside: folder, stop: stop, sizeHint: { bytes.reserveCapacity($0) }) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The bytes of a file, as `read` gives them, handed to `body` a block
    /// at a time as they are read (a long script is cut into pieces as it
    /// arrives, and never held whole twice). `sizeHint` hears the file's
    /// size first, where it has one.
    public static func read(
        _ path: String, inside folder: String? = nil, stop: () -> Bool = { false }, sizeHint: (Int) -> Void = { _ in },
        _ body: (ArraySlice<UInt8>) -> Void
    ) throws(FileError) {
        // Non-blocking, so that opening a named pipe with no writer returns at once.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw FileError.from(errno: errno, path, writing: false) }
        defer { close(fd) }
        if let folder {
            guard let real = openedPath(fd, path), isInside(real, folder) else { throw FileError.outside(path, folder) }
        }
        try readBlocks(fd, path, stop: stop, sizeHint: sizeHint, body)
    }

    /// The canonical path of the file open on `fd`: the kernel's word for it
    /// (`/proc/self/fd`), else the name's, if it still names that same file.
    static func openedPath(_ fd: Int32, _ path: String) -> String? {
        if let real = canonical("/proc/self/fd/\(fd)"), real.hasPrefix("/") { return real }
        var opened = stat()
        var named = stat()
        guard let real = canonical(path), fstat(fd, &opened) == 0, stat(real, &named) == 0,
            opened.st_dev == named.st_dev, opened.st_ino == named.st_ino
        else { return nil }
        return real
    }

    /// The rest of an open file, read to its end; a folder or a device is refused.
    static func readAll(_ fd: Int32, _ path: String, stop: () -> Bool = { false }) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        try readBlocks(fd, path, stop: stop, sizeHint: { bytes.reserveCapacity($0) }) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The rest of an open file, a block at a time; a folder or a device is refused.
    static func readBlocks(
        _ fd: Int32, _ path: String, stop: () -> Bool, sizeHint: (Int) -> Void, _ body: (ArraySlice<UInt8>) -> Void
    ) throws(FileError) {
        var info = stat()
        if fstat(fd, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw FileError.folder(path)
            case S_IFCHR, S_IFBLK: throw FileError.device(path)
            default: break
            }
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        sizeHint(max(0, Int(info.st_size)) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR {
                    if stop() { throw FileError.interrupted(path) }
                    continue
                }
                throw FileError.from(errno: errno, path, writing: false)
            }
            if n == 0 { break }
            body(chunk[0..<n])
        }
    }

    /// The process's file-creation mask, which a new file's mode honours as
    /// `open` would (mkstemp makes every file 0600 whatever the mask).
    static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Whether a path is a symbolic link.
    public static func isSymbolicLink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }

    /// Whether a path names a folder.
    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Whether a path exists.
    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The folder part of a path ("" for a bare file name).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` relative to `folder`, unless it is absolute.
    public static func resolve(_ path: String, from folder: String) -> String {
        if path.hasPrefix("~/"), let home = getenv("HOME") { return String(cString: home) + path.dropFirst() }
        if path.hasPrefix("/") || folder.isEmpty || folder == "." { return path }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }

    /// The canonical absolute path of an existing file or folder.
    public static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// An absolute path with `.` and `..` taken out by spelling alone (for
    /// files that may not exist).
    public static func absolute(_ path: String) -> String {
        tidy(path.hasPrefix("/") ? path : currentDirectory() + "/" + path)
    }

    /// A path with `.` and `x/..` taken out by spelling alone, relative if it
    /// was: `sub/../c.align` is `c.align`, `../x` stays as it is.
    public static func tidy(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", path.hasPrefix("/") { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if path.hasPrefix("/") { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` as seen from `folder` (both absolute and tidy): `../data/a.db`;
    /// nil when the two share no folder but the root.
    public static func relative(_ path: String, from folder: String) -> String? {
        let to = path.split(separator: "/")
        let from = folder.split(separator: "/")
        var shared = 0
        while shared < min(to.count - 1, from.count), to[shared] == from[shared] { shared += 1 }
        guard shared > 0 else { return nil }
        let up = Array(repeating: "..", count: from.count - shared)
        return (up + to[shared...].map(String.init)).joined(separator: "/")
    }

    /// The current working folder.
    public static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    /// Where align keeps its state (journals, the prompt's history):
    /// `$XDG_STATE_HOME/align`, else `~/.local/state/align`.
    public static func stateDirectory(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/align" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/align"
    }

    /// Creates a folder and its parents, with the given mode.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o700) {
        var current = ""
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            current += (current.isEmpty && path.hasPrefix("/") ? "" : (current.isEmpty ? "" : "/")) + part
            if current.isEmpty { current = "/" ; continue }
            mkdir(current, mode)
        }
    }

    /// Whether `path` lies inside `folder` (both canonical).
    public static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" || path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}

/// Finding where bytes stop being UTF-8 text.
enum UTF8Check {
    /// The offset of the first byte in `start..<end` that does not belong to
    /// valid UTF-8 (or is a NUL, with `rejectingNUL`), or nil.
    static func firstInvalidByte(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil, rejectingNUL: Bool = false)
        -> Int?
    {
        let end = min(end ?? bytes.count, bytes.count)
        var i = start
        while i < end {
            // ASCII, most of any script, is passed over eight bytes at a time.
            i = bytes.withUnsafeBufferPointer { ByteScan.firstNotASCII(in: $0, from: i, to: end, orNUL: rejectingNUL) }
            guard i < end else { return nil }
            let b = bytes[i]
            if b == 0 { return i }
            let length: Int
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= end, String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil else { return i }
            i += length
        }
        return nil
    }
}
