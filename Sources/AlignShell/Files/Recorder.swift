import Glibc

/// Appends the commands of a session to a file as they are typed (`record`).
final class Recorder {
    let path: String
    private let fd: Int32

    /// Opens (truncating) the file and writes the header.
    init(path: String, header: String) throws(FileError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileError.from(errno: errno, path, writing: true) }
        self.fd = fd
        self.path = path
        write(header)
    }

    deinit { close(fd) }

    func record(_ command: String) { write(command + "\n") }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }
}

/// The current time in UTC, as `2026-11-27 14:53 UTC`.
func utcTimestamp() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min)) UTC"
}
