import Testing

/// The harness reads align's two streams at once: a run that writes more
/// than a pipe holds (64 KiB) to each ends, with every byte of both.
@Suite("Both streams past what a pipe holds")
struct PipeTests {
    @Test("3,000 answers and 3,000 errors, interleaved: both streams arrive whole")
    func bothStreams() throws {
        let script = String(repeating: "show teams\ntam x\n", count: 3000)
        let both = try AlignProcess.run(["--keep-going", "-q"], stdin: "team a\n" + script)
        #expect(both.status == 1)
        #expect(both.stdout.utf8.count > 1 << 16 && both.stderr.utf8.count > 1 << 16)
        #expect(both.stdout.components(separatedBy: "Team  Horizon").count - 1 == 3000)
        #expect(both.stderr.split(separator: "\n").count == 3000)
    }
}
