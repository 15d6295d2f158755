import Glibc

/// A file written whole and left open for more (`record`).
package struct OpenedFile {
    /// The descriptor, open for writing.
    package var fd: Int32
    /// Whether it is a regular file (else a device or a named pipe, written in place).
    package var regular: Bool
}

/// Writing whole files: atomically, through links, never into what is not a file.
extension FileSystem {
    /// Writes a file atomically: a temporary file beside it, flushed to disk,
    /// then renamed over it, and the folder flushed so the rename lasts. On
    /// any failure the old file is left as it was, and the error says so.
    ///
    /// A symbolic link is written through (its target is replaced, the link
    /// stays, a dangling one gets its target made) unless `followLinks` is
    /// false, when the link itself is replaced; links that loop are an error.
    /// An existing file keeps its permissions. What is not a file
    /// (`/dev/null`, a named pipe, `/dev/stdout`) is written to as it is,
    /// never replaced.
    public static func writeAtomically(_ path: String, _ bytes: [UInt8], mode: mode_t = 0o644, followLinks: Bool = true)
        throws(FileError)
    {
        if let opened = try replace(path, with: bytes, mode: mode, followLinks: followLinks, channel: .save, keepOpen: false) {
            close(opened.fd)
        }
    }

    /// `writeAtomically`, leaving the file open (and, when it is a regular
    /// file, locked with `flock` from before it took the place of the old
    /// one) when `keepOpen` says so; nil otherwise.
    package static func replace(
        _ path: String, with bytes: [UInt8], mode: mode_t, followLinks: Bool, channel: WriteChannel, keepOpen: Bool
    ) throws(FileError) -> OpenedFile? {
        var existing = stat()
        if (followLinks ? stat(path, &existing) : lstat(path, &existing)) == 0 {
            switch existing.st_mode & S_IFMT {
            case S_IFDIR: throw FileError.folder(path)
            case S_IFREG, S_IFLNK: break
            default: return try writeThrough(path, bytes, channel, keepOpen: keepOpen)
            }
        } else if errno == ELOOP {
            throw failed(ELOOP, path)
        }
        let target = followLinks && isSymbolicLink(path) ? linkTarget(path) : path
        if followLinks && isSymbolicLink(target) { throw failed(ELOOP, path) }
        var info = stat()
        let keptMode = lstat(target, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
            ? info.st_mode & 0o7777 : mode & ~currentUmask()
        let folder = directory(of: target).isEmpty ? "." : directory(of: target)
        clearStaleTemporaries(in: folder)
        var template = Array(folder.utf8CString.dropLast()) + Array("/.align-save-\(getpid())-XXXXXX".utf8CString)
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
        // Held while the file is written: a save that finds it free knows its writer is gone.
        flock(fd, LOCK_EX | LOCK_NB)
        var ok = false
        defer {
            if !ok {
                unlink(temporary)
                close(fd)
            }
        }
        fchmod(fd, keptMode)
        guard writeAll(fd, bytes, channel) else { throw failed(errno, path) }
        guard FaultInjection.sync(fd, channel) else { throw failed(errno, path) }
        if !keepOpen {
            let closed = close(fd) == 0
            let code = errno
            ok = true  // closed: only the temporary file is left to clear on failure
            guard closed, rename(temporary, target) == 0 else {
                let reason = closed ? errno : code
                unlink(temporary)
                throw failed(reason, path)
            }
            syncFolder(folder)
            return nil
        }
        guard rename(temporary, target) == 0 else { throw failed(errno, path) }
        ok = true
        syncFolder(folder)
        return OpenedFile(fd: fd, regular: true)
    }

    /// Writes to something that is not a file (a device, a named pipe) in
    /// place; a named pipe that nobody reads is an error, not a wait.
    private static func writeThrough(_ path: String, _ bytes: [UInt8], _ channel: WriteChannel, keepOpen: Bool)
        throws(FileError) -> OpenedFile?
    {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw FileError.from(errno: errno, path, writing: true) }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        let written = writeAll(fd, bytes, channel)
        let code = errno
        if !written || !keepOpen { close(fd) }
        if !written { throw FileError.from(errno: code, path, writing: true) }
        return keepOpen ? OpenedFile(fd: fd, regular: false) : nil
    }

    /// Removes the temporary files that saves killed mid-way left in a
    /// folder: named `.align-save-PID-XXXXXX` by a process that no longer
    /// runs, and not locked (a writer holds its file's lock while it writes,
    /// so a live one in another pid namespace keeps its file too).
    static func clearStaleTemporaries(in folder: String) {
        guard let dir = opendir(folder) else { return }
        defer { closedir(dir) }
        let prefix = ".align-save-"
        while let entry = readdir(dir) {
            let name = FileSystem.name(of: entry)
            guard name.hasPrefix(prefix) else { continue }
            let rest = name.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
            guard rest.count == 2, rest[1].utf8.count == 6, let pid = pid_t(rest[0]), pid > 0, pid != getpid() else {
                continue
            }
            guard kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = folder + "/" + name
            let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { continue }
            var info = stat()
            if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, flock(fd, LOCK_EX | LOCK_NB) == 0 {
                unlink(path)
            }
            close(fd)
        }
    }

    /// The name of a directory entry from `readdir`, read where it lies.
    /// (Its record is only as long as the name: a copy of the whole
    /// 256-byte field can read past the end of the directory's buffer, and
    /// fault there.)
    static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        let start = UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        return String(cString: start.assumingMemoryBound(to: CChar.self))
    }

    /// Where a chain of symbolic links ends, whether or not that exists; a
    /// link still, after 40 of them, when they loop.
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

    static func failed(_ code: Int32, _ path: String) -> FileError {
        var error = FileError.from(errno: code, path, writing: true)
        var info = stat()
        error.message += stat(path, &info) == 0 ? "; the existing file was left as it was" : "; nothing was written"
        return error
    }
}
