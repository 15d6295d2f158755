import Glibc

/// Why a file could not be read or written, in words for an error message.
public struct FileError: Error, Equatable, Sendable {
    /// The sentence.
    public var message: String

    init(_ message: String) { self.message = message }

    static func from(errno code: Int32, _ path: String, writing: Bool) -> FileError {
        let what = writing ? "cannot write" : "cannot read"
        switch code {
        case ENOENT: return FileError(writing ? "\(what) '\(path)': the folder does not exist" : "no such file: '\(path)'")
        case EACCES, EPERM: return FileError("\(what) '\(path)': permission denied")
        case EISDIR: return FileError("'\(path)' is a folder, not a file")
        case ENOSPC: return FileError("\(what) '\(path)': the disk is full")
        case EROFS: return FileError("\(what) '\(path)': the file system is read-only")
        case ENOTDIR: return FileError("\(what) '\(path)': a part of the path is not a folder")
        default: return FileError("\(what) '\(path)': \(String(cString: strerror(code)))")
        }
    }
}

/// Files, through the C library: reading whole files, atomic writes, paths.
public enum FileSystem {
    /// The bytes of a file.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.from(errno: errno, path, writing: false) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw FileError("'\(path)' is a folder, not a file")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(0, Int(info.st_size)) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.from(errno: errno, path, writing: false)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Writes a file atomically: a temporary file beside it, flushed to disk,
    /// then renamed over it. On any failure the old file is left as it was.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644) throws(FileError) {
        if isDirectory(path) { throw FileError("'\(path)' is a folder, not a file") }
        let folder = directory(of: path)
        var template = Array((folder == "" ? "." : folder).utf8CString.dropLast()) + Array("/.align-save-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failed(errno, path) }
        let temporary = String(cString: template)
        var ok = false
        defer {
            if !ok { unlink(temporary) }
        }
        fchmod(fd, mode)
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
        let code = errno
        guard written, fsync(fd) == 0 else {
            close(fd)
            throw failed(written ? errno : code, path)
        }
        guard close(fd) == 0 else { throw failed(errno, path) }
        guard rename(temporary, path) == 0 else { throw failed(errno, path) }
        ok = true
    }

    private static func failed(_ code: Int32, _ path: String) -> FileError {
        var error = FileError.from(errno: code, path, writing: true)
        if access(path, F_OK) == 0 { error.message += "; the existing file was left as it was" }
        return error
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
        if path.hasPrefix("/") || folder.isEmpty || folder == "." { return path }
        if path.hasPrefix("~/"), let home = getenv("HOME") { return String(cString: home) + path.dropFirst() }
        return folder.hasSuffix("/") ? folder + path : folder + "/" + path
    }

    /// The canonical absolute path of an existing file or folder.
    public static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The current working folder.
    public static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
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
