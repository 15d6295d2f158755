import Glibc

/// Why a file could not be read or written, in words for an error message.
public struct FileError: Error, Equatable, Sendable {
    /// The sentence.
    public var message: String

    init(_ message: String) { self.message = message }

    static func folder(_ path: String) -> FileError { FileError("'\(path)' is a folder, not a file") }
    static func device(_ path: String) -> FileError { FileError("'\(path)' is a device, not a file") }
    static func interrupted(_ path: String) -> FileError { FileError("reading '\(path)' was interrupted") }

    static func from(errno code: Int32, _ path: String, writing: Bool) -> FileError {
        let what = writing ? "cannot write" : "cannot read"
        switch code {
        case ENOENT: return FileError(writing ? "\(what) '\(path)': the folder does not exist" : "no such file: '\(path)'")
        case EACCES, EPERM: return FileError("\(what) '\(path)': permission denied")
        case EISDIR: return FileError("'\(path)' is a folder, not a file")
        case ENOSPC: return FileError("\(what) '\(path)': the disk is full")
        case EROFS: return FileError("\(what) '\(path)': the file system is read-only")
        case ENOTDIR: return FileError("\(what) '\(path)': a part of the path is not a folder")
        case ENXIO: return FileError("\(what) '\(path)': nothing is reading from it")
        default: return FileError("\(what) '\(path)': \(String(cString: strerror(code)))")
        }
    }
}

/// Files, through the C library: reading whole files, atomic writes, paths.
public enum FileSystem {
    /// The bytes of a file. A pipe (`<(command)`, a named pipe) is read to
    /// its end; one with no writer is empty, not a wait. A device is refused:
    /// `/dev/zero` never ends and a terminal is not a script. A read that
    /// waits stops when a signal interrupts it and `stop` says so (Ctrl-C).
    public static func read(_ path: String, stop: () -> Bool = { false }) throws(FileError) -> [UInt8] {
        // Non-blocking, so that opening a named pipe with no writer returns at once.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FileError.from(errno: errno, path, writing: false) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFDIR: throw FileError.folder(path)
            case S_IFCHR, S_IFBLK: throw FileError.device(path)
            default: break
            }
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)) + 1)
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
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// The process's file-creation mask, which a new file's mode honours as
    /// `open` would (mkstemp makes every file 0600 whatever the mask).
    static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    /// Writes a file atomically: a temporary file beside it, flushed to disk,
    /// then renamed over it, and the folder flushed so the rename lasts. On
    /// any failure the old file is left as it was, and the error says so.
    ///
    /// A symbolic link is written through (its target is replaced, the link
    /// stays, a dangling one gets its target made), and an existing file
    /// keeps its permissions. What is not a file (`/dev/null`, a named pipe,
    /// `/dev/stdout`) is written to as it is, never replaced.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws(FileError) {
        var existing = stat()
        if stat(path, &existing) == 0 {
            switch existing.st_mode & S_IFMT {
            case S_IFDIR: throw FileError.folder(path)
            case S_IFREG: break
            default: return try writeThrough(path, bytes)
            }
        }
        let target = isSymbolicLink(path) ? linkTarget(path) : path
        var info = stat()
        let keptMode = stat(target, &info) == 0 ? info.st_mode & 0o7777 : mode & ~currentUmask()
        let folder = directory(of: target).isEmpty ? "." : directory(of: target)
        var template = Array(folder.utf8CString.dropLast()) + Array("/.align-save-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            let code = errno
            // A folder that exists but takes no new file (/proc).
            if code == ENOENT, isDirectory(folder) {
                throw FileError("cannot write '\(path)': no file can be made in its folder; the existing file was left as it was")
            }
            throw failed(code, path)
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        fchmod(fd, keptMode)
        let written = StandardOutput.writeAll(fd, bytes)
        let code = errno
        guard written, fsync(fd) == 0 else {
            let reason = written ? errno : code
            close(fd)
            throw failed(reason, path)
        }
        guard close(fd) == 0 else { throw failed(errno, path) }
        guard rename(temporary, target) == 0 else { throw failed(errno, path) }
        ok = true
        syncFolder(folder)
    }

    /// Writes to something that is not a file (a device, a named pipe) in
    /// place; a named pipe that nobody reads is an error, not a wait.
    private static func writeThrough(_ path: String, _ bytes: [UInt8]) throws(FileError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw FileError.from(errno: errno, path, writing: true) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let written = StandardOutput.writeAll(fd, bytes)
        let code = errno
        close(fd)
        if !written { throw FileError.from(errno: code, path, writing: true) }
    }

    /// Where a chain of symbolic links ends, whether or not that exists.
    static func linkTarget(_ path: String) -> String {
        var current = path
        // As the kernel does, give up after 40 links (a loop).
        for _ in 0..<40 {
            guard isSymbolicLink(current) else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, Int(PATH_MAX))
            guard n > 0 else { return current }
            let destination = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination : resolve(destination, from: directory(of: current))
        }
        return current
    }

    /// Flushes a folder's entries to disk, so a rename or a new file in it survives a power cut.
    static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func failed(_ code: Int32, _ path: String) -> FileError {
        var error = FileError.from(errno: code, path, writing: true)
        error.message += access(path, F_OK) == 0 ? "; the existing file was left as it was" : "; nothing was written"
        return error
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
            let b = bytes[i]
            if b < 0x80 {
                if b == 0, rejectingNUL { return i }
                i += 1
                continue
            }
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
