import Glibc

/// Reads lines from a file descriptor without editing: the fallback when
/// libedit cannot start, and the reader for tests.
public final class PlainReader: LineReader {
    private let fd: Int32
    private let echoPrompt: Bool
    private var buffer: [UInt8] = []
    private var atEnd = false

    /// Reads from `fd`; shows prompts only if `echoPrompt`.
    public init(fd: Int32 = 0, echoPrompt: Bool = false) {
        self.fd = fd
        self.echoPrompt = echoPrompt
    }

    public func readLine(prompt: String) -> ReadResult {
        if echoPrompt {
            writeAll(1, prompt)
        }
        Interrupt.clear()
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                var line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                if line.last == 13 { line.removeLast() }
                return .line(String(decoding: line, as: UTF8.self))
            }
            if atEnd {
                if buffer.isEmpty { return .endOfInput }
                let line = buffer
                buffer.removeAll()
                return .line(String(decoding: line, as: UTF8.self))
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = Termination.waitingForInput { chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) } }
            if n < 0 {
                if errno == EINTR {
                    if Interrupt.isPending {
                        Interrupt.clear()
                        buffer.removeAll()
                        return .interrupted
                    }
                    continue
                }
                atEnd = true
            } else if n == 0 {
                atEnd = true
            } else {
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }

    public func addHistory(_ entry: String) {}
}
