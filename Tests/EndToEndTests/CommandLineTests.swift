import Foundation
import Testing

/// The command line itself: exit statuses, usage errors, --version, --help and
/// the completion scripts swift-argument-parser generates.
@Suite("Command line")
struct CommandLineTests {
    @Test("a script that succeeds exits 0, one that fails exits 1")
    func statuses() throws {
        #expect(try AlignProcess.run(["-c", "team sales"]).status == 0)
        #expect(try AlignProcess.run(["-c", "tam sales"]).status == 1)
        #expect(try AlignProcess.run([], stdin: "team a\nshow teams\n").status == 0)
        #expect(try AlignProcess.run([], stdin: "team a\nshow tems\n").status == 1)
    }

    @Test(
        "a usage error exits 2 and says what was wrong",
        arguments: [["--bogus"], ["-c"], ["--format", "xml"], ["-z", "x.align"]])
    func usageError(_ arguments: [String]) throws {
        let result = try AlignProcess.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Usage: align"))
    }

    @Test("an unknown option is named in the usage error")
    func unknownOptionNamed() throws {
        let result = try AlignProcess.run(["--kep-going", "-c", "team a"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("'--kep-going'"))
    }

    @Test("--version prints the version alone and exits 0")
    func version() throws {
        let result = try AlignProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil)
        #expect(result.stderr.isEmpty)
    }

    @Test("--help describes every option and exits 0", arguments: ["--help", "-h"])
    func help(_ flag: String) throws {
        let result = try AlignProcess.run([flag])
        #expect(result.status == 0)
        for option in ["-c <line>", "-i", "--keep-going", "--safe", "--demo", "-q", "--format", "--version"] {
            #expect(result.stdout.contains(option), "--help does not mention \(option)")
        }
        #expect(result.stdout.contains("USAGE: align"))
        #expect(!result.hasEscapes)
    }

    @Test("help and usage errors fit 80 columns, and the usage names every option",
        arguments: [["--help"], ["check", "--help"], ["fmt", "--help"], ["help", "check"], ["--bogus"]])
    func usageFits(_ arguments: [String]) throws {
        let result = try AlignProcess.run(arguments)
        let text = result.stdout + result.stderr
        #expect(text.contains("align"))
        for line in text.split(separator: "\n") { #expect(line.count <= 80, "\(arguments): \(line.count) columns: \(line)") }
        if arguments == ["--help"] {
            let usage = text.components(separatedBy: "USAGE:")[1].components(separatedBy: "\n\n")[0]
            for option in ["-c <line>", "-i", "--keep-going", "--safe", "--demo", "-q", "--format", "--theme", "--recover"] {
                #expect(usage.contains(option), "the usage leaves out \(option)")
            }
        }
    }

    @Test("a completion script is generated for each shell", arguments: ["bash", "zsh", "fish"])
    func completionScript(_ shell: String) throws {
        let result = try AlignProcess.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        #expect(result.stdout.contains("align"))
        #expect(result.stdout.contains("keep-going"))
        #expect(result.stderr.isEmpty)
    }

    @Test("the bash completion script is valid bash")
    func bashScriptParses() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = try AlignProcess.run(["--generate-completion-script", "bash"], in: folder)
        let file = try AlignProcess.write(script.stdout, to: "align.bash", in: folder)
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-n", file.path]
        try bash.run()
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
    }

    @Test("an unknown shell for the completion script is a usage error")
    func completionScriptUnknownShell() throws {
        let result = try AlignProcess.run(["--generate-completion-script", "tcsh"])
        #expect(result.status == 2)
    }

    @Test("--demo loads the reference scenario, the same as running examples/seed-scenario.align")
    func demo() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AlignProcess.write(try AlignProcess.seedScenario(), to: "seed.align", in: folder)
        let fromDemo = try AlignProcess.run(["--demo", "-c", "save demo.align"], in: folder)
        let fromFile = try AlignProcess.run(["seed.align", "-c", "save file.align"], in: folder)
        #expect(fromDemo.status == 0 && fromFile.status == 0)
        let demo = try String(contentsOf: folder.appendingPathComponent("demo.align"), encoding: .utf8)
        let file = try String(contentsOf: folder.appendingPathComponent("file.align"), encoding: .utf8)
        #expect(demo == file)
        #expect(demo.contains("team marketing"))
    }
}
