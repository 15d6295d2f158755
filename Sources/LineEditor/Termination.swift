import Glibc
import Synchronization

private let receivedSignal = Atomic<Int32>(0)
private let awaitingLine = Atomic<Bool>(false)
private let hangupHandled = Atomic<Bool>(false)
nonisolated(unsafe) private var savedTerminal: termios?
nonisolated(unsafe) private var terminalFD: Int32 = -1

/// SIGTERM and SIGHUP (a closed terminal), as a flag, and the terminal's
/// mode, kept to be put back on any way out.
///
/// The handler notes the signal. The shell sees it where it sees Ctrl-C
/// (between commands, in long computations, and when a read returns early),
/// makes sure the journal is on disk, puts the terminal back, and then dies
/// of the same signal, so that whoever sent it sees it obeyed. While the
/// shell waits for a line (`waitingForInput`) there is nothing to make sure
/// of, and the handler puts the terminal back and dies itself.
public enum Termination {
    /// Installs the handlers. A signal that was ignored when align started
    /// stays ignored (as under `nohup`).
    public static func install() {
        for signal in [SIGTERM, SIGHUP] {
            var old = sigaction()
            sigaction(signal, nil, &old)
            let ignored = unsafeBitCast(SIG_IGN, to: Int.self)
            if let handler = old.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) == ignored { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                receivedSignal.store(signal, ordering: .sequentiallyConsistent)
                // Waiting for the user's line, there is nothing to finish
                // (history and journal are on disk as each line is taken):
                // put the terminal back and die now. tcsetattr, sigaction,
                // sigprocmask and raise are async-signal-safe.
                if awaitingLine.load(ordering: .sequentiallyConsistent) { Termination.die(of: signal) }
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
            if signal == SIGHUP { hangupHandled.store(true, ordering: .sequentiallyConsistent) }
        }
    }

    /// After a read found the terminal gone: the hangup's SIGHUP is on its
    /// way but may land a moment after the read failed. Waits for it (up
    /// to half a second) unless SIGHUP is ignored, so that align dies of
    /// it as a closed terminal's programs do, rather than exiting with 129.
    public static func awaitHangup() {
        guard hangupHandled.load(ordering: .sequentiallyConsistent) else { return }
        var waits = 0
        while signal == nil, waits < 50 {
            usleep(10_000)
            waits += 1
        }
    }

    /// Runs `read`, a wait for the user's next line, so that SIGTERM or
    /// SIGHUP ends align at any moment of it. Without this, a signal that
    /// came after the shell last looked and before the read began would
    /// interrupt nothing, and align would wait on for a line that, from a
    /// closed terminal, never comes.
    public static func waitingForInput<T>(_ read: () -> T) -> T {
        awaitingLine.store(true, ordering: .sequentiallyConsistent)
        defer { awaitingLine.store(false, ordering: .sequentiallyConsistent) }
        if let signal { die(of: signal) }
        return read()
    }

    /// The signal that asked align to end, if one did.
    public static var signal: Int32? {
        let value = receivedSignal.load(ordering: .sequentiallyConsistent)
        return value == 0 ? nil : value
    }

    /// Keeps the terminal's mode as it is now (before any line editor
    /// changes it), to be put back by `restoreTerminal()`.
    public static func saveTerminal(fd: Int32 = 0) {
        var mode = termios()
        guard tcgetattr(fd, &mode) == 0 else { return }
        savedTerminal = mode
        terminalFD = fd
    }

    /// Puts the terminal back in the mode `saveTerminal()` found it in.
    public static func restoreTerminal() {
        guard var mode = savedTerminal, terminalFD >= 0 else { return }
        tcsetattr(terminalFD, TCSANOW, &mode)
    }

    /// Whether the terminal on `fd` has gone (hung up): end of input there
    /// is then not Ctrl-D, and must not be taken for a clean end.
    public static func terminalGone(fd: Int32 = 0) -> Bool {
        var mode = termios()
        return tcgetattr(fd, &mode) != 0 && errno == EIO
    }

    /// Puts the terminal back and dies of `signal`, as if it had not been caught.
    public static func die(of signal: Int32) -> Never {
        restoreTerminal()
        Glibc.signal(signal, SIG_DFL)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, signal)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        raise(signal)
        _exit(128 + signal)
    }
}
