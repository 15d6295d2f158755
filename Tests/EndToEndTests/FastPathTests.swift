import Testing

/// The usual command lines are read by a fast path; the same request spelled
/// so that only swift-argument-parser reads it must behave the same.
@Suite("Command lines, fast path and full parser")
struct FastPathTests {
    @Test("equivalent spellings give the same run", arguments: [
        (["-q", "-c", "team a horizon=year", "-c", "show teams"], ["-qc", "team a horizon=year", "-c", "show teams"]),
        (["--format", "csv", "-c", "team a", "-c", "show teams"], ["--format=csv", "-c", "team a", "-c", "show teams"]),
        (["--keep-going", "-q", "-c", "nonsense", "-c", "show teams"], ["--keep-going", "-qc", "nonsense", "-c", "show teams"]),
        (["-q", "-c", "nonsense", "-c", "show teams"], ["-qc", "nonsense", "-c", "show teams"]),
        (["--demo", "--format", "json", "-c", "query gaps 2026-Q3"], ["--demo", "--format=json", "-c", "query gaps 2026-Q3"]),
        (["-q", "--command", "team a", "-c", "show teams"], ["-q", "--command=team a", "--command", "show teams"]),
    ])
    func same(_ fast: [String], _ full: [String]) throws {
        let a = try AlignProcess.run(fast)
        let b = try AlignProcess.run(full)
        #expect(a.status == b.status)
        #expect(a.stdout == b.stdout)
        #expect(a.stderr == b.stderr)
        #expect(!a.stdout.isEmpty || !a.stderr.isEmpty)
    }
}
