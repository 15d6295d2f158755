import AlignLanguage
import Glibc

/// Commands read from a file descriptor as they arrive (standard input that
/// is not a terminal), so a pipe fed line by line gets answers line by line.
/// Each command becomes its own source text, numbered from its first line.
final class ScriptStream {
    private let fd: Int32
    private let name: String
    private var pending: [UInt8] = []
    private var start = 0
    private var nextLine = 1
    private var atEnd = false
    private var readAny = false

    init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    /// The next command's text, or nil at the end of the input.
    func next() -> SourceText? {
        while true {
            let end = CommandSplitter.commandEnd(in: pending, from: start)
            if end < pending.count || (atEnd && start < pending.count) {
                var bytes = Array(pending[start..<end])
                if bytes.last == 13 { bytes.removeLast() }
                let consumed = min(end + 1, pending.count)
                var lines = 0
                for i in start..<consumed where pending[i] == 10 { lines += 1 }
                start = consumed
                let text = SourceText(name: name, bytes: bytes, firstLine: nextLine)
                nextLine += max(1, lines)
                return text
            }
            if atEnd { return nil }
            if start > 0 {
                pending.removeFirst(start)
                start = 0
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                atEnd = true
            } else if n == 0 {
                atEnd = true
            } else {
                pending.append(contentsOf: chunk[0..<n])
                // A byte-order mark before the first command is not part of it,
                // as for a script read from a file.
                if !readAny, pending.count >= 3 || atEnd {
                    readAny = true
                    if pending.starts(with: [0xEF, 0xBB, 0xBF]) { pending.removeFirst(3) }
                }
            }
        }
    }
}
