import Glibc
import Synchronization

private let resized = Atomic<Bool>(true)

/// The terminal's width, read with TIOCGWINSZ and read again after each
/// SIGWINCH, so that answers wrap to the window as it is now.
public enum TerminalSize {
    /// Installs the SIGWINCH handler. It only notes the change (SA_RESTART:
    /// a read under way goes on); libedit, while it edits a line, handles
    /// the signal itself and then passes it on to this handler.
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in resized.store(true, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &action, nil)
    }

    /// The width in columns of the terminal on `fd`; nil when it is not a
    /// terminal or does not say.
    public static func columns(fd: Int32 = 1) -> Int? {
        var size = winsize()
        guard ioctl(fd, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// The width, read again only when the window changed since last asked.
    public static func follow(_ known: Int?, fd: Int32 = 1) -> Int? {
        guard resized.exchange(false, ordering: .relaxed) else { return known }
        return columns(fd: fd) ?? known
    }
}
