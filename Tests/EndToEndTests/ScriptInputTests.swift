import Foundation
import Testing

/// Scripts from files, `-c` lines and standard input: the same answers from
/// each, in the order given, with nothing meant for a person at a terminal.
@Suite("Script input")
struct ScriptInputTests {
    static let lines = [
        #"team marketing horizon=year "Builds awareness""#,
        "team sales horizon=quarter",
        "metric leads owner=marketing unit=count",
        "show teams",
        "help team",
        "show marketing",
    ]

    @Test("a line gives the same output from -c, from a file and from standard input")
    func sameOutputEverywhere() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = Self.lines.joined(separator: "\n") + "\n"
        try AlignProcess.write(text, to: "s.align", in: folder)
        let fromArgs = try AlignProcess.run(Self.lines.flatMap { ["-c", $0] }, in: folder)
        let fromFile = try AlignProcess.run(["s.align"], in: folder)
        let fromStdin = try AlignProcess.run([], stdin: text, in: folder)
        #expect(fromArgs.status == 0)
        #expect(!fromArgs.stdout.isEmpty)
        #expect(fromArgs.stdout == fromFile.stdout)
        #expect(fromArgs.stdout == fromStdin.stdout)
        #expect(fromArgs.stderr.isEmpty && fromFile.stderr.isEmpty && fromStdin.stderr.isEmpty)
    }

    @Test("piped output has no prompt, no banner and no escape codes, whatever TERM says")
    func nothingForTerminals() throws {
        let result = try AlignProcess.run(
            [], stdin: Self.lines.joined(separator: "\n") + "\ntam\n", environment: ["TERM": "xterm-256color"])
        #expect(!result.stdout.contains("align>"))
        #expect(!result.stdout.contains("...>"))
        #expect(!result.stdout.contains("Ctrl-D"))
        #expect(!result.hasEscapes)
        #expect(!result.stdout.contains("┌"), "boxed tables are for terminals")
        #expect(result.stdout.hasPrefix("Team "))
    }

    @Test("commands that only change the workspace print nothing in a script")
    func mutationsAreQuiet() throws {
        let extra = [
            #"note "we agreed""#, #"decide "MQL means marketing's""#, "snapshot before",
            "rename team sales closers", "undo", "redo", "remove goal nps_up", "revenue revenue",
            "value leads 2026-Q4 4200", "link nps -> leads lag=1q", "format table",
        ]
        let result = try AlignProcess.run(["--demo"] + extra.flatMap { ["-c", $0] })
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
        let seed = try AlignProcess.run([], stdin: try AlignProcess.seedScenario())
        #expect(seed.status == 0)
        #expect(seed.stdout.isEmpty)
    }

    @Test("-c lines and files run in the order given, repeated -c included")
    func order() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AlignProcess.write("team second\n", to: "two.align", in: folder)
        try AlignProcess.write("team fourth\n", to: "four.align", in: folder)
        let result = try AlignProcess.run(
            ["-c", "team first", "two.align", "-c", "team third", "four.align", "-c", "show teams"], in: folder)
        #expect(result.status == 0)
        let names = result.stdout.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: " ").first }
        #expect(names == ["first", "second", "third", "fourth"])
    }

    @Test("an -c line that fails stops the ones after it")
    func failureStopsLaterInputs() throws {
        let result = try AlignProcess.run(["-c", "team a", "-c", "tam", "-c", "show teams"])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
    }

    @Test("quit ends a script early with status 0")
    func quit() throws {
        let result = try AlignProcess.run([], stdin: "team a\nquit\ntam\n")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test("-i with standard input from a pipe reads the pipe as a script after the -c lines")
    func interactiveFlagWithPipe() throws {
        let result = try AlignProcess.run(["-c", "team a", "-i"], stdin: "team b\nshow teams\n")
        #expect(result.status == 0)
        #expect(!result.stdout.contains("align>"))
        #expect(!result.hasEscapes)
        let names = result.stdout.split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: " ").first }
        #expect(names == ["a", "b"])
        let failing = try AlignProcess.run(["-i"], stdin: "team b\ntam\n")
        #expect(failing.status == 1)
        #expect(failing.errorLines == ["<stdin>:2:1: error: unknown command 'tam'; did you mean 'team'?"])
    }

    @Test("without -i, standard input is not read once -c lines or files were given")
    func argumentsWithoutInteractive() throws {
        let result = try AlignProcess.run(["-c", "team a"], stdin: "tam\n")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test("NO_COLOR and pipes both keep escape codes out of answers and errors")
    func noColor() throws {
        let result = try AlignProcess.run(
            ["--demo", "-c", "tree revenue in 2026-Q3", "-c", "show nps_up", "-c", "tam"],
            environment: ["NO_COLOR": "1", "TERM": "xterm"])
        #expect(result.status == 1)
        #expect(!result.stdout.isEmpty)
        #expect(!result.hasEscapes)
    }

    @Test("the init file runs before the script, and -q skips it")
    func initFile() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config")
        try AlignProcess.write("team from_init\n", to: "config/align/init.align", in: folder)
        let env = ["XDG_CONFIG_HOME": config.path]
        let with = try AlignProcess.run(["-c", "show teams"], in: folder, environment: env)
        #expect(with.stdout.contains("from_init"))
        let without = try AlignProcess.run(["-q", "-c", "show teams"], in: folder, environment: env)
        #expect(without.status == 0)
        #expect(!without.stdout.contains("from_init"))
        let fromStdin = try AlignProcess.run([], stdin: "show teams\n", in: folder, environment: env)
        #expect(fromStdin.stdout.contains("from_init"))
    }

    @Test("without XDG_CONFIG_HOME the init file is ~/.config/align/init.align")
    func initFileDefault() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try AlignProcess.write("team from_home\n", to: ".config/align/init.align", in: folder)
        let result = try AlignProcess.run(["-c", "show teams"], in: folder)
        #expect(result.stdout.contains("from_home"))
    }

    @Test("an error in the init file is reported by its path and does not fail the script")
    func initFileError() throws {
        let folder = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config")
        try AlignProcess.write("team ok\ntam\n", to: "config/align/init.align", in: folder)
        let result = try AlignProcess.run(
            ["-c", "show teams"], in: folder, environment: ["XDG_CONFIG_HOME": config.path])
        #expect(result.status == 0)
        #expect(result.errorLines == [config.path + "/align/init.align:2:1: error: unknown command 'tam'; did you mean 'team'?"])
        #expect(result.stdout.contains("ok"))
    }

    @Test("--format changes how answers print, the same for every input")
    func format() throws {
        let result = try AlignProcess.run(["--format", "csv", "-c", "team a horizon=year", "-c", "show teams"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("team,horizon,"))
    }

    @Test("a line of non-ASCII names runs and prints as typed")
    func nonASCII() throws {
        let result = try AlignProcess.run([], stdin: "team équipe \"Vente à l'étranger\"\nshow teams\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("équipe"))
        #expect(result.stdout.contains("Vente à l'étranger"))
    }
}
