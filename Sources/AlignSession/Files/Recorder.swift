import Glibc

/// Appends the commands of a session to a file as they are typed (`record`).
///
/// The file is written as the session goes, not atomically at the end, so a
/// crash keeps what was typed until then.
final class Recorder {
    let path: String
    private let fd: Int32
    /// The number (in `history`) of the first command recorded: an `undo`
    /// or `redo` of an earlier one cannot be replayed from the file.
    let firstStep: Int

    /// Opens (truncating) the file and writes the header.
    init(path: String, header: String, firstStep: Int) throws(FileError) {
        self.firstStep = firstStep
        if FileSystem.isDirectory(path) { throw FileError.folder(path) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError.from(errno: errno, path, writing: true) }
        self.fd = fd
        self.path = path
        try append(header)
    }

    deinit { close(fd) }

    /// Adds one command, as typed.
    func record(_ command: String) throws(FileError) { try append(command + "\n") }

    private func append(_ text: String) throws(FileError) {
        guard StandardOutput.writeAll(fd, Array(text.utf8)) else {
            throw FileError.from(errno: errno, path, writing: true)
        }
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
