import AlignLanguage
import Glibc

/// Runs a program with no input and collects what it writes, in a process
/// group of its own (so a Ctrl-C at the terminal reaches align, which then
/// ends the child), giving up at a deadline or when `stop` says so.
enum Subprocess {
    /// What a run gave.
    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    /// Runs `program` (found on PATH) with `arguments` and `environment`
    /// set over align's own.
    /// `interrupt` is a signal the program takes as "stop what you are doing"
    /// (psql's SIGINT: it asks the server to cancel the query), sent before it
    /// is ended outright.
    static func run(
        _ program: String, _ arguments: [String], environment: [String: String], seconds: Int,
        interrupt: Int32? = nil, stop: () -> Bool
    ) throws(SourceError) -> Output {
        var out: [Int32] = [-1, -1]
        var err: [Int32] = [-1, -1]
        guard pipe(&out) == 0, pipe(&err) == 0 else {
            throw SourceError(.cannotStart(program, String(cString: strerror(errno))))
        }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var env = currentEnvironment()
        for (key, value) in environment { env[key] = value }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, envp)
        close(out[1])
        close(err[1])
        defer {
            close(out[0])
            close(err[0])
        }
        guard spawned == 0 else {
            if spawned == ENOENT { throw SourceError(.notInstalled(program)) }
            throw SourceError(.cannotStart(program, String(cString: strerror(spawned))))
        }
        var output = Output(status: -1, stdout: [], stderr: [])
        let deadline = now() + Double(seconds)
        var open = [out[0], err[0]]
        var cancelled: Message?
        while !open.isEmpty {
            if stop() { cancelled = .interrupted } else if now() > deadline { cancelled = .tookTooLong(program, seconds) }
            if cancelled != nil { break }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            guard poll(&fds, nfds_t(fds.count), 100) >= 0 || errno == EINTR else { break }
            for f in fds where f.revents != 0 {
                var chunk = [UInt8](repeating: 0, count: 65536)
                let n = read(f.fd, &chunk, chunk.count)
                if n > 0 {
                    if f.fd == out[0] { output.stdout += chunk[0..<n] } else { output.stderr += chunk[0..<n] }
                } else if n == 0 || errno != EINTR {
                    open.removeAll { $0 == f.fd }
                }
            }
        }
        if let cancelled {
            end(pid, interrupt: interrupt)
            throw SourceError(cancelled)
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        output.status = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return output
    }

    /// Ends the child: interrupted first, if it has a way to stop cleanly (psql
    /// cancels the query at the server: ended any other way, it would leave
    /// the query running there, until its statement timeout), then asked,
    /// then made to.
    private static func end(_ pid: pid_t, interrupt: Int32?) {
        var status: Int32 = 0
        if let interrupt {
            // Sent again every 200 ms for up to 3 s: one that comes between two
            // statements, when there is nothing to cancel, is not the last.
            for tick in 0..<60 {
                if tick % 4 == 0 { kill(pid, interrupt) }
                if waitpid(pid, &status, WNOHANG) == pid { return }
                usleep(50_000)
            }
        }
        kill(pid, SIGTERM)
        for _ in 0..<20 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    private static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    private static func currentEnvironment() -> [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                env[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            p += 1
        }
        return env
    }
}

extension Message {
    static func notInstalled(_ program: String) -> Message {
        Message("\(program) is not installed: PostgreSQL sources are reached through it (apt-get install postgresql-client)")
    }
    static func cannotStart(_ program: String, _ reason: String) -> Message {
        Message("cannot start \(program): \(reason)")
    }
    static func tookTooLong(_ program: String, _ seconds: Int) -> Message {
        Message("\(program) gave no answer within \(seconds) seconds and was stopped")
    }
}
