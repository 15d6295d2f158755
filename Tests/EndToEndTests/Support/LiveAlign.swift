import Foundation
import Testing

/// align reading a script from a pipe the test writes to bit by bit, so a
/// test can act between its commands.
final class LiveAlign {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors: PipeDrain
    private let outputs: PipeDrain

    init(in scratch: Scratch, arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: AlignProcess.binary)
        process.arguments = arguments
        process.currentDirectoryURL = scratch.url
        process.environment = ["HOME": scratch.url.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "dumb"]
        process.standardInput = input
        process.standardOutput = output
        let error = Pipe()
        process.standardError = error
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        errors = PipeDrain(error.fileHandleForReading)
        outputs = PipeDrain(output.fileHandleForReading)
    }

    /// Sends script text.
    func send(_ text: String) {
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    /// Waits (up to 10 s) until `condition` holds.
    func wait(_ condition: () -> Bool) throws {
        for _ in 0..<1000 where !condition() { usleep(10_000) }
        try #require(condition(), "align did not get there in 10 s")
    }

    /// Ends the input and waits for align to end.
    func finish() -> AlignProcess.Result {
        try? input.fileHandleForWriting.close()
        let out = outputs.wait()
        let err = errors.wait()
        process.waitUntilExit()
        return AlignProcess.Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}
