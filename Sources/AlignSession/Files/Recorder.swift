import Glibc

/// Appends the commands of a session to a file as they are typed (`record`).
///
/// The file is written as the session goes, not atomically at the end, so a
/// crash keeps what was typed until then; but each command is appended whole
/// or not at all, so a full disk never leaves half a line that would stop
/// the replay. The header takes the place of the old file atomically (a file
/// that cannot be written is left as it was), and the file is held under
/// `flock` while it is recorded to: a second session is refused it.
final class Recorder {
    let path: String
    private var fd: Int32
    /// The file recorded to, to notice another program putting one in its
    /// place; nil for what is not a regular file (a named pipe, a device).
    private var identity: FileIdentity?
    /// The number (in `history`) of the first command recorded: an `undo`
    /// or `redo` of an earlier one cannot be replayed from the file.
    let firstStep: Int

    /// Replaces the file with the header, and holds it.
    init(path: String, header: String, firstStep: Int) throws(FileError) {
        self.firstStep = firstStep
        self.path = path
        // The file in the recording's place is held while the new one takes
        // it: a session starting to record to it at the same moment is
        // refused, rather than having its recording replaced under it.
        let place = try Recorder.holdPlace(path)
        defer { if place.fd >= 0 { close(place.fd) } }
        let replaced: OpenedFile?
        do {
            replaced = try FileSystem.replace(
                path, with: Array(header.utf8), mode: 0o644, followLinks: true, channel: .record, keepOpen: true)
        } catch {
            if place.made { unlink(path) }
            throw error
        }
        guard let opened = replaced else {
            if place.made { unlink(path) }
            throw FileError.from(errno: EIO, path, writing: true)
        }
        fd = opened.fd
        if opened.regular {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_APPEND)
            identity = Recorder.identity(of: fd)
        }
    }

    deinit { close(fd) }

    /// Whether `path` names the file being recorded to (through links, by another spelling).
    func holds(_ path: String) -> Bool {
        guard let identity else { return false }
        var info = stat()
        return stat(path, &info) == 0 && FileIdentity(info) == identity
    }

    /// Adds one command, as typed, whole or not at all. Returns true when
    /// another program had put a file in the recording's place (or taken it
    /// away): the recording goes on at the end of that one.
    func record(_ command: String) throws(FileError) -> Bool {
        let replaced = identity != nil && !holds(path)
        if replaced { try reopen() }
        guard FileSystem.appendWhole(fd, Array((command + "\n").utf8), .record) else {
            throw FileError.from(errno: errno, path, writing: true)
        }
        return replaced
    }

    /// Carries on in the file now at the path, made if it is gone.
    private func reopen() throws(FileError) {
        let next = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o644)
        guard next >= 0 else { throw FileError.from(errno: errno, path, writing: true) }
        guard flock(next, LOCK_EX | LOCK_NB) == 0 else {
            close(next)
            throw FileError.recordedElsewhere(path)
        }
        close(fd)
        fd = next
        identity = Recorder.identity(of: fd)
    }

    private static func identity(of fd: Int32) -> FileIdentity? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return FileIdentity(info)
    }

    /// Locks the regular file at `path` (made, empty, when there is none),
    /// once it is sure to be the one still there; refused when another
    /// session holds it. `fd` is -1 when the place holds no regular file to
    /// lock (a named pipe, a device, a folder): writing there says why.
    private static func holdPlace(_ path: String) throws(FileError) -> (fd: Int32, made: Bool) {
        for _ in 0..<8 {
            var made = true
            var fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0o644)
            if fd < 0, errno == EEXIST {
                made = false
                fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
            }
            guard fd >= 0 else { return (-1, false) }
            var info = stat()
            guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                close(fd)
                return (-1, false)
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                throw FileError.recordedElsewhere(path)
            }
            // Another program may have put a file in its place meanwhile: hold that one.
            var now = stat()
            if stat(path, &now) == 0, FileIdentity(now) == FileIdentity(info) { return (fd, made) }
            close(fd)
        }
        throw FileError.recordedElsewhere(path)
    }
}

/// A file as the kernel knows it, whatever its names: device and inode.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// The current time in UTC, as `2026-11-27 14:53 UTC`.
func utcTimestamp() -> String {
    Clock.utc(Int(time(nil)))
}

/// Times as align shows them.
package enum Clock {
    /// Seconds since 1970 now.
    package static func now() -> Int { Int(time(nil)) }

    /// `2026-11-27 14:53 UTC`.
    package static func utc(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        return stamp(parts) + " UTC"
    }

    /// `2026-11-27 15:53`, in the local time zone.
    package static func local(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        localtime_r(&t, &parts)
        return stamp(parts)
    }

    /// `15:53`, the time of day in the local time zone.
    package static func timeOfDay(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        localtime_r(&t, &parts)
        return "\(two(parts.tm_hour)):\(two(parts.tm_min))"
    }

    /// `2026-11-27`, the date in the local time zone.
    package static func date(_ seconds: Int) -> String {
        String(local(seconds).prefix(10))
    }

    /// `20261127-145300`, for file names that sort by time.
    static func compact(_ seconds: Int) -> String {
        var t = time_t(seconds)
        var parts = tm()
        gmtime_r(&t, &parts)
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }

    private static func stamp(_ p: tm) -> String {
        "\(p.tm_year + 1900)-\(two(p.tm_mon + 1))-\(two(p.tm_mday)) \(two(p.tm_hour)):\(two(p.tm_min))"
    }

    private static func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
