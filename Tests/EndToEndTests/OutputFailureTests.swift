import Foundation
import Testing

/// Answers that cannot be written are not lost in silence.
@Suite("Standard output that fails")
struct OutputFailureTests {
    @Test("a full device: one clear error on standard error, and status 1")
    func fullDevice() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: AlignProcess.binary)
        process.arguments = ["-q", "--demo", "-c", "show metrics", "-c", "show goals"]
        let home = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: home) }
        process.environment = ["HOME": home.path, "PATH": "/usr/bin:/bin"]
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let errors = Pipe()
        process.standardOutput = full
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(stderr == "error: cannot write standard output: No space left on device\n")
    }
}
