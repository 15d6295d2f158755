import Foundation
import Testing

/// `save`, the journal folder and `--safe` against a hostile file system:
/// links that loop, temporary files of a killed save, named pipes where
/// journals should be, and a link swapped between a check and an open.
@Suite("save, journals and --safe, hardened")
struct SaveHardeningTests {
    @Test("save onto a loop of symbolic links is an error, and the links stay")
    func symlinkLoop() throws {
        let s = try Scratch()
        try FileManager.default.createSymbolicLink(atPath: s.path("self.align"), withDestinationPath: "self.align")
        try FileManager.default.createSymbolicLink(atPath: s.path("a.align"), withDestinationPath: "b.align")
        try FileManager.default.createSymbolicLink(atPath: s.path("b.align"), withDestinationPath: "a.align")
        for name in ["self.align", "a.align"] {
            let result = try s.run(["-c", "team a", "-c", "save \(name)"])
            #expect(result.status == 1)
            #expect(result.stderr == "<arg>:1:6: error: cannot write '\(name)': its symbolic links go round in a loop; nothing was written\n")
        }
        let fm = FileManager.default
        #expect(try fm.destinationOfSymbolicLink(atPath: s.path("self.align")) == "self.align")
        #expect(try fm.destinationOfSymbolicLink(atPath: s.path("a.align")) == "b.align")
        #expect(try fm.destinationOfSymbolicLink(atPath: s.path("b.align")) == "a.align")
    }

    @Test("a save clears the temporary files that saves killed mid-way left in its folder, and no other")
    func staleTemporaries() throws {
        let s = try Scratch()
        // A process that has ended: its pid names no process now.
        let gone = Process()
        gone.executableURL = URL(fileURLWithPath: "/bin/true")
        try gone.run()
        gone.waitUntilExit()
        let dead = ".align-save-\(gone.processIdentifier)-Ab12Cd"
        let alive = ".align-save-\(getpid())-Xy34Zw"
        try s.write("out/" + dead, "half a sav")
        try s.write("out/" + alive, "a save under way")
        try s.write("out/.align-save-notes", "not ours")
        #expect(try s.run(["-c", "team a", "-c", "save out/plan.align"]).status == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: s.path("out")).sorted()
        #expect(left == [".align-save-notes", alive, "plan.align"].sorted())
    }

    @Test("a named pipe called *.journal hangs neither --recover list nor --recover")
    func journalPipe() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(atPath: s.path(".local/state/align/journals"), withIntermediateDirectories: true)
        #expect(mkfifo(s.path(".local/state/align/journals/20261127-145300-4242.journal"), 0o600) == 0)
        let timed = #"exec timeout -s KILL 10 "$0" "$@""#
        let list = try AlignProcess.run(["--recover", "list"], in: s.url, shell: timed)
        #expect(list.status == 0)
        #expect(list.stdout == "No unfinished session to recover.\n")
        let recover = try AlignProcess.run(["--recover", "-c", "show teams"], in: s.url, shell: timed)
        #expect(recover.status == 1)
        #expect(recover.stderr == "error: there is no unfinished session to recover (see 'align --recover list')\n")
    }

    @Test("--safe checks the file it opened, not the name: a link swapped between the check and the open reads nothing outside")
    func safeSwap() throws {
        let s = try Scratch()
        try s.write("outside/x.align", "team Secret\n")
        try s.write("shared/inside/x.align", "team Inside\n")
        try s.write("shared/plan.align", String(repeating: "run swap/x.align\n", count: 4000))
        try FileManager.default.createSymbolicLink(atPath: s.path("shared/swap"), withDestinationPath: "inside")
        // Another thread flips the link between the folder inside and the one outside, as fast as it can.
        let swapper = LinkSwapper(s.path("shared/swap"), between: "inside", and: "../outside")
        defer { swapper.stop() }
        let result = try s.run(["--safe", "--keep-going", "shared/plan.align", "-c", "show teams"])
        #expect(!result.stdout.contains("Secret"), "a script read a file outside its folder")
        #expect(result.stdout.contains("Inside"), "the swap never left the link inside: \(result.stderr.prefix(300))")
    }
}
