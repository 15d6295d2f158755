import Foundation

/// Runs the built `align` binary through pipes, as scripts and pipelines do.
struct AlignProcess {
    /// What a run produced.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository's root, found from this file's place in it.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary under test: $ALIGN_BINARY, or the debug build.
    static var binary: String {
        ProcessInfo.processInfo.environment["ALIGN_BINARY"] ?? root.appendingPathComponent(".build/debug/align").path
    }

    /// A fresh folder for one test's files, with HOME and XDG folders inside it.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("align-e2e-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs align with `arguments`, feeding `stdin`, in `folder`, with a clean
    /// environment (HOME in a temporary folder so no user init file or history
    /// is touched) plus `environment`. With `shell`, bash runs that command
    /// line instead, with align's path as `$0`: the way to hand align bytes
    /// that a Swift string cannot hold.
    static func run(
        _ arguments: [String], stdin: String = "", in folder: URL? = nil, environment: [String: String] = [:],
        shell: String? = nil
    ) throws -> Result {
        let home = try folder ?? temporaryFolder()
        // A folder of its own goes with the run.
        defer { if folder == nil { try? FileManager.default.removeItem(at: home) } }
        let process = Process()
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", shell, binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        process.currentDirectoryURL = home
        var env = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "dumb"]
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let input = Pipe()
        let output = Pipe()
        let error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        // align may exit before it reads its input (a usage error, `-c`
        // alone): writing then must fail quietly, not end the test run by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        // Both streams are read at once: read one to its end first, and align,
        // blocked writing more than a pipe holds (64 KiB) to the other, never ends.
        let errors = PipeDrain(error.fileHandleForReading)
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}

/// Reads a pipe to its end on a thread of its own.
final class PipeDrain: @unchecked Sendable {
    // Unchecked: `data` is written by the thread before it signals `done`,
    // and read only after `wait()` has seen the signal.
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    /// Starts reading `handle`.
    init(_ handle: FileHandle) {
        Thread {
            self.data = handle.readDataToEndOfFile()
            self.done.signal()
        }.start()
    }

    /// Everything the pipe held, once it has ended.
    func wait() -> Data {
        done.wait()
        return data
    }
}
