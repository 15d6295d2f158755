import Glibc
import Synchronization

private let interruptCount = Atomic<Int>(0)

/// Ctrl-C, as a flag. The handler only counts; the shell looks at the count
/// between commands and in long loops, so Ctrl-C cancels instead of killing.
public enum Interrupt {
    /// Installs the SIGINT handler. `sa_flags` is 0, not SA_RESTART, so that a
    /// blocking read (libedit's included) returns early when Ctrl-C arrives.
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            interruptCount.add(1, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since the last `clear()`.
    public static var isPending: Bool { interruptCount.load(ordering: .relaxed) > 0 }

    /// Forgets earlier presses.
    public static func clear() { interruptCount.store(0, ordering: .relaxed) }
}

/// Writes all of a string to a file descriptor, retrying short writes.
public func writeAll(_ fd: Int32, _ text: String) {
    var text = text
    text.withUTF8 { buffer in
        var offset = 0
        while offset < buffer.count {
            let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }
}
