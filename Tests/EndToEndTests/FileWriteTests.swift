import Foundation
import Testing

/// Files the shell writes: atomically, with errors that say the old file is
/// intact; and `record`, whose file replays the session.
@Suite("save, export and record")
struct FileWriteTests {
    /// Makes a folder read-only for this process, even when it runs as root:
    /// root ignores permission bits, so then the folder is also made immutable
    /// with `chattr +i` (which root cannot write past). Returns the undo.
    static func makeReadOnly(_ path: String) throws -> () -> Void {
        chmod(path, 0o555)
        guard geteuid() == 0 else { return { chmod(path, 0o755) } }
        let chattr = Process()
        chattr.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        chattr.arguments = ["+i", path]
        try chattr.run()
        chattr.waitUntilExit()
        try #require(chattr.terminationStatus == 0, "running as root, and chattr +i failed: no way to make a folder read-only")
        return {
            let undo = Process()
            undo.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            undo.arguments = ["-i", path]
            try? undo.run()
            undo.waitUntilExit()
            chmod(path, 0o755)
        }
    }

    @Test("a save into a read-only folder fails cleanly and leaves the old file")
    func readOnlyFolder() throws {
        let s = try Scratch()
        #expect(try s.run(["-c", "team Old", "-c", "save locked/plan.align"]).status == 1, "no folder yet")
        try FileManager.default.createDirectory(atPath: s.path("locked"), withIntermediateDirectories: true)
        #expect(try s.run(["-c", "team Old", "-c", "save locked/plan.align"]).status == 0)
        let old = try #require(s.read("locked/plan.align"))
        let undo = try Self.makeReadOnly(s.path("locked"))
        defer { undo() }
        let result = try s.run(["-c", "team New", "-c", "save locked/plan.align"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<arg>:1:6: error: cannot write 'locked/plan.align': "))
        #expect(result.stderr.hasSuffix("; the existing file was left as it was\n"), "\(result.stderr)")
        #expect(s.read("locked/plan.align") == old)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: s.path("locked"))
        #expect(leftovers == ["plan.align"])
    }

    /// Runs a command (mount, umount) and says whether it succeeded.
    static func succeeds(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN; not in most containers).
    static let canMount: Bool = {
        guard geteuid() == 0, let folder = try? AlignProcess.temporaryFolder() else { return false }
        defer { try? FileManager.default.removeItem(at: folder) }
        guard succeeds("/bin/mount", ["-t", "tmpfs", "-o", "size=4k", "tmpfs", folder.path]) else { return false }
        return succeeds("/bin/umount", [folder.path])
    }()

    @Test(
        "a save that fills the disk fails cleanly and leaves the old file (where a small tmpfs can be mounted)",
        .enabled(if: FileWriteTests.canMount))
    func fullDisk() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(atPath: s.path("small"), withIntermediateDirectories: true)
        try #require(Self.succeeds("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", s.path("small")]))
        defer { _ = Self.succeeds("/bin/umount", [s.path("small")]) }
        #expect(try s.run(["-c", "team Old", "-c", "save small/plan.align"]).status == 0)
        let old = try #require(s.read("small/plan.align"))
        try s.write("big.align", "note \"" + String(repeating: "a long note ", count: 20_000) + "\"\n")
        let result = try s.run(["big.align", "-c", "save small/plan.align"])
        #expect(result.status == 1)
        #expect(result.stderr == "<arg>:1:6: error: cannot write 'small/plan.align': the disk is full; the existing file was left as it was\n")
        #expect(s.read("small/plan.align") == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.path("small")) == ["plan.align"])
    }

    @Test("a path through a file, or onto a folder, is a clear error")
    func badPaths() throws {
        let s = try Scratch()
        try s.write("notes.txt", "keep me\n")
        try s.write("folder/keep.align", "team A\n")
        let through = try s.run(["-c", "save notes.txt/plan.align"])
        #expect(through.stderr == "<arg>:1:6: error: cannot write 'notes.txt/plan.align': a part of the path is not a folder; nothing was written\n")
        let onto = try s.run(["-c", "export csv folder"])
        #expect(onto.stderr == "<arg>:1:12: error: 'folder' is a folder, not a file\n")
        let record = try s.run(["-c", "record folder"])
        #expect(record.stderr == "<arg>:1:8: error: 'folder' is a folder, not a file\n")
        #expect(s.read("notes.txt") == "keep me\n")
    }

    @Test("a save replaces the file whole, keeps its permissions, and writes through a link")
    func replaceWhole() throws {
        let s = try Scratch()
        try s.write("real/plan.align", String(repeating: "# an old, longer file\n", count: 200))
        chmod(s.path("real/plan.align"), 0o600)
        try FileManager.default.createSymbolicLink(atPath: s.path("plan.align"), withDestinationPath: "real/plan.align")
        let result = try s.run(["-c", "team A", "-c", "save plan.align"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(s.read("real/plan.align") == "# align workspace\n\n# Teams\nteam A\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: s.path("real/plan.align"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: s.path("plan.align"))
        #expect(link == "real/plan.align")
    }

    @Test("what is not a file is written to, never replaced: a device, a named pipe, a dangling link")
    func notAFile() throws {
        let s = try Scratch()
        // A named pipe nobody reads: an error at once, not a wait, and the pipe stays.
        #expect(mkfifo(s.path("pipe"), 0o600) == 0)
        let unread = try s.run(["-c", "team A", "-c", "export json pipe"])
        #expect(unread.stderr == "<arg>:1:13: error: cannot write 'pipe': nothing is reading from it\n")
        var info = stat()
        #expect(lstat(s.path("pipe"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
        // A device (made where the test may: root can make one in its own folder).
        if mknod(s.path("null"), S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {  // makedev(1, 3): the null device
            #expect(try s.run(["-c", "team A", "-c", "export json null"]).status == 0)
            #expect(lstat(s.path("null"), &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "the device was replaced")
        }
        // A link to a file that does not exist yet: the file is made, the link stays.
        try FileManager.default.createDirectory(atPath: s.path("real"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: s.path("plan.align"), withDestinationPath: "real/plan.align")
        #expect(try s.run(["-c", "team A", "-c", "save plan.align"]).status == 0)
        #expect(s.read("real/plan.align") == "# align workspace\n\n# Teams\nteam A\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: s.path("plan.align")) == "real/plan.align")
    }

    @Test("run and import read a named pipe to its end, or nothing when nobody writes; a device is refused")
    func readNotAFile() throws {
        let s = try Scratch()
        #expect(mkfifo(s.path("pipe"), 0o600) == 0)
        let empty = try s.run(["-c", "run pipe", "-c", "show"])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.hasPrefix("0 teams"))
        let zero = try s.run(["-c", "run /dev/zero"])
        #expect(zero.stderr == "<arg>:1:5: error: '/dev/zero' is a device, not a file\n")
        let csv = try s.run(["-c", "metric leads", "-c", "import values /dev/zero"])
        #expect(csv.stderr == "<arg>:1:15: error: '/dev/zero' is a device, not a file\n")
    }

    @Test("export to a file writes what export prints")
    func exportFile() throws {
        let s = try Scratch()
        let setup = ["-c", "metric leads", "-c", "value leads 2026-Q3 4000"]
        let printed = try s.run(setup + ["-c", "export csv"])
        #expect(try s.run(setup + ["-c", "export csv out/values.csv"]).status == 1, "no folder")
        try FileManager.default.createDirectory(atPath: s.path("out"), withIntermediateDirectories: true)
        #expect(try s.run(setup + ["-c", "export csv out/values.csv"]).status == 0)
        #expect(s.read("out/values.csv") == printed.stdout)
    }

    @Test("record keeps an undo or redo of a command from before it began as a comment, so the file still replays")
    func recordUndoBefore() throws {
        let s = try Scratch()
        let session = "team a\nrecord r.align\nteam b\nundo\nundo\nredo\nteam c\nrecord off\nshow teams\n"
        let live = try s.run([], stdin: session)
        #expect(live.status == 0, "\(live.stderr)")
        let recording = s.read("r.align") ?? ""
        let lines = recording.components(separatedBy: "# the session, as typed\n").last!.split(separator: "\n")
        #expect(lines == [
            "team b", "undo", "# undo: of 'team a', from before this recording",
            "# redo: of 'team a', from before this recording", "team c",
        ])
        #expect(recording.contains("\nteam a\n"), "the workspace as the recording began comes first")
        let replayed = try s.run(["-q", "r.align", "-c", "show teams"])
        #expect(replayed.status == 0, "\(replayed.stderr)")
        #expect(replayed.stdout.contains("c ") && !replayed.stdout.contains("b "))
    }

    @Test("record writes the commands as typed under a header, and replaying it rebuilds the workspace")
    func recordReplays() throws {
        let s = try Scratch()
        let session = """
            team Sales horizon=quarter
            record workshop.align
            metric leads owner=Sales \\
                unit=count
            show metrics
            value leads 2026-Q3 4000
            value leads 2026-Q3 5000
            undo
            note "agreed: \\"leads\\" means raw sign-ups"
            metric broken owner=Nobody
            record off
            team Marketing
            """
        let live = try s.run(["--keep-going"], stdin: session + "\n")
        #expect(live.status == 1, "the failing command fails the run")
        #expect(live.stderr.hasPrefix("<stdin>:10:21: error: unknown team 'Nobody'"), "\(live.stderr)")
        let recording = try #require(s.read("workshop.align"))
        let lines = recording.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasPrefix("# align session recorded 20"))
        #expect(lines[0].hasSuffix(" UTC"))
        #expect(lines[1] == "# replay with: align -q workshop.align")
        let typed = try #require(lines.firstIndex(of: "# the session, as typed"))
        #expect(lines[2..<typed].contains("team Sales horizon=quarter"), "the workspace as the recording began")
        #expect(
            Array(lines[(typed + 1)...]) == [
                "metric leads owner=Sales \\", "    unit=count", "show metrics", "value leads 2026-Q3 4000",
                "value leads 2026-Q3 5000", "undo", "note \"agreed: \\\"leads\\\" means raw sign-ups\"", "",
            ])
        // The recording holds what came before `record`: it replays on its own.
        let (replay, replayed) = try s.saved(after: ["-q", "workshop.align"])
        #expect(replay.status == 0, "\(replay.stderr)")
        let (_, expected) = try s.saved(after: ["-c", "team Sales horizon=quarter", "-c", "metric leads owner=Sales unit=count", "-c", "value leads 2026-Q3 4000", "-c", "note \"agreed: \\\"leads\\\" means raw sign-ups\""])
        #expect(replayed == expected)
    }
}
