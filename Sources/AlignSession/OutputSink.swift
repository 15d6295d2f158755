import Glibc

/// Where a session's answers and errors go.
public protocol OutputSink: AnyObject {
    /// Writes an answer (standard output).
    func out(_ text: String)
    /// Writes an error or warning (standard error).
    func err(_ text: String)
    /// Pushes buffered output to its destination.
    func flush()
}

/// Buffered output to file descriptors 1 and 2.
///
/// Standard output is buffered and flushed after each command (and when the
/// buffer fills); standard error is written at once. A closed pipe (`| head`)
/// ends the process quietly instead of with a crash.
public final class StandardOutput: OutputSink {
    private var buffer: [UInt8] = []
    /// Called once before the process leaves because standard output closed.
    public var onBrokenPipe: () -> Void = {}
    /// Whether an answer could not be written (a full disk, an I/O error):
    /// said once on standard error, and the exit status is 1.
    public private(set) var writeFailed = false

    /// Makes the sink and ignores SIGPIPE, so a closed pipe shows up as EPIPE.
    public init() {
        signal(SIGPIPE, SIG_IGN)
        buffer.reserveCapacity(1 << 16)
    }

    public func out(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    public func err(_ text: String) {
        flush()
        _ = StandardOutput.writeAll(2, Array(text.utf8))
    }

    public func flush() {
        guard !buffer.isEmpty else { return }
        let ok = StandardOutput.writeAll(1, buffer)
        buffer.removeAll(keepingCapacity: true)
        guard !ok else { return }
        let code = errno
        if code == EPIPE {
            onBrokenPipe()
            exit(0)
        }
        if !writeFailed {
            writeFailed = true
            let reason = String(cString: strerror(code))
            _ = StandardOutput.writeAll(2, Array("error: cannot write standard output: \(reason)\n".utf8))
        }
    }

    /// Writes every byte, retrying after signals; false on an error.
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
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
    }
}

/// Output kept in memory, for tests and for commands whose output is captured.
public final class CapturedOutput: OutputSink {
    /// What was written to standard output.
    public private(set) var stdout = ""
    /// What was written to standard error.
    public private(set) var stderr = ""

    /// Makes an empty capture.
    public init() {}

    public func out(_ text: String) { stdout += text }
    public func err(_ text: String) { stderr += text }
    public func flush() {}

    /// Forgets what was captured.
    public func reset() {
        stdout = ""
        stderr = ""
    }
}
