import Glibc

/// Runs work on a thread of its own with a 64 MB stack.
///
/// Formulas nest up to `Matcher.maxDepth` (1,000) levels, and parsing,
/// printing and evaluating them recurse once a level: about 0.5 KB a level
/// in a release build, but 5 to 8 KB in a debug build, which puts 1,000
/// levels past the 8 MB of a main thread and far past the 512 KB of many
/// secondary threads. Everything else that can be as deep as the workspace
/// is large (driver chains, trees, paths) walks with explicit stacks; this
/// covers what is bounded by the depth limit, in every build, on any thread.
///
/// The calling thread blocks every signal while it waits, so that SIGINT,
/// SIGTERM and SIGHUP reach the working thread and interrupt its reads.
public enum LargeStack {
    /// The stack size: 64 MB of address space, used only as deep as it is needed.
    public static let size = 64 << 20

    /// Runs `body` on a thread with a large stack and returns what it returned.
    public static func run<T>(_ body: () -> T) -> T {
        withoutActuallyEscaping(body) { body in
            var result: T?
            let job = Job { result = body() }
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, size)
            var thread = pthread_t()
            let context = Unmanaged.passRetained(job).toOpaque()
            let started = pthread_create(&thread, &attributes, { context in
                Unmanaged<Job>.fromOpaque(context!).takeRetainedValue().body()
                return nil
            }, context)
            guard started == 0 else {
                Unmanaged<Job>.fromOpaque(context).release()
                return body()
            }
            var all = sigset_t()
            var previous = sigset_t()
            sigfillset(&all)
            pthread_sigmask(SIG_BLOCK, &all, &previous)
            pthread_join(thread, nil)
            pthread_sigmask(SIG_SETMASK, &previous, nil)
            return result!
        }
    }

    /// The work, handed to the thread. Unchecked: the body is not Sendable,
    /// but it runs on the new thread alone while the caller waits in
    /// `pthread_join`, so it never runs on two threads at once.
    private final class Job: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
