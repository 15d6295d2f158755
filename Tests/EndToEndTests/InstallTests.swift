import AlignLanguage
import Foundation
import Testing

/// scripts/install into a temporary prefix, with the binary under test
/// (ALIGN_BINARY skips the release build): the binary, align(1) and the
/// completions, each where it belongs, and each one usable.
@Suite("scripts/install")
struct InstallTests {
    /// Runs scripts/install PREFIX with `environment`; the result and the
    /// prefix, in a folder of its own the caller removes.
    func install(_ environment: [String: String] = [:]) throws -> (AlignProcess.Result, URL) {
        let folder = try AlignProcess.temporaryFolder()
        let prefix = folder.appendingPathComponent("prefix")
        let script = AlignProcess.root.appendingPathComponent("scripts/install").path
        var env = ["ALIGN_BINARY": AlignProcess.binary, "TMPDIR": folder.path]
        for (k, v) in environment { env[k] = v }
        let result = try AlignProcess.run(
            [script, prefix.path], in: folder, environment: env, shell: "exec bash \"$@\"")
        return (result, prefix)
    }

    static let files = [
        "bin/align", "share/man/man1/align.1", "share/bash-completion/completions/align",
        "share/zsh/site-functions/_align", "share/fish/vendor_completions.d/align.fish",
    ]

    @Test("the binary, the manual page and the three completions, where each belongs")
    func layout() throws {
        let (result, prefix) = try install()
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent()) }
        #expect(result.status == 0, "\(result.stderr)")
        for file in Self.files {
            #expect(FileManager.default.fileExists(atPath: prefix.appendingPathComponent(file).path), "\(file)")
        }
        let mode = try FileManager.default.attributesOfItem(atPath: prefix.appendingPathComponent("bin/align").path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        let version = try AlignProcess.run(["--version"], shell: "exec \(prefix.path)/bin/align \"$@\"")
        #expect(version.stdout == (try AlignProcess.run(["--version"])).stdout)
    }

    @Test("DESTDIR stages the files under it, for a package")
    func destdir() throws {
        let stage = try AlignProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: stage) }
        let (result, prefix) = try install(["DESTDIR": stage.path])
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent()) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: stage.path + prefix.path + "/bin/align"))
        #expect(!FileManager.default.fileExists(atPath: prefix.path + "/bin/align"))
    }

    @Test("man -l renders the page: every command of the language, every option of --help, EXIT STATUS, FILES, ENVIRONMENT")
    func manPage() throws {
        let (_, prefix) = try install()
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent()) }
        let page = prefix.appendingPathComponent("share/man/man1/align.1").path
        let raw = try String(contentsOfFile: page, encoding: .utf8)
        #expect(raw.hasPrefix(".TH ALIGN 1"))
        guard FileManager.default.fileExists(atPath: "/usr/bin/man") else { return }
        let rendered = try AlignProcess.run([page], environment: ["MANWIDTH": "200"], shell: "exec man -l \"$@\" | col -b")
        #expect(rendered.status == 0, "\(rendered.stderr)")
        let text = rendered.stdout
        for section in ["NAME", "SYNOPSIS", "OPTIONS", "ALIGN CHECK", "ALIGN FMT", "EXIT STATUS", "ENVIRONMENT", "FILES"] {
            #expect(text.contains("\n" + section + "\n"), "\(section)")
        }
        for spec in CommandTable.all {
            for line in spec.syntax { #expect(text.contains(line), "\(line)") }
            #expect(text.contains(spec.summary.split(separator: " ").prefix(5).joined(separator: " ")), "\(spec.verb)")
        }
        let help = try AlignProcess.run(["--help"]).stdout
        for option in ["-c <line>", "-i", "--keep-going", "--safe", "--demo", "-q", "--format <format>", "--recover", "--version"] {
            #expect(help.contains(option) && text.contains("\n       " + option), "\(option)")
        }
        for rule in ["inconsistent-goals", "term-conflict", "orphan-goal", "missed-goal", "horizon-conflict"] {
            #expect(text.contains(rule), "\(rule)")
        }
        #expect(text.contains("NO_COLOR") && text.contains("XDG_STATE_HOME") && text.contains("init.align"))
    }

    @Test("man -l at 80 columns warns of nothing: a long list of choices breaks after a '|'")
    func manPageAt80() throws {
        let (_, prefix) = try install()
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent()) }
        let page = prefix.appendingPathComponent("share/man/man1/align.1").path
        guard FileManager.default.fileExists(atPath: "/usr/bin/man") else { return }
        let rendered = try AlignProcess.run([page], environment: ["MANWIDTH": "80"], shell: "exec man -l \"$@\" | col -b")
        #expect(rendered.status == 0)
        #expect(!rendered.stderr.contains("warning"), "\(rendered.stderr)")
        let long = rendered.stdout.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "\(long)")
        #expect(rendered.stdout.contains("show teams|terms|metrics|links|goals|values|notes|decisions|parked|\n"))
    }

    @Test("bash accepts the bash completion and completes the tools; zsh and fish read theirs where installed")
    func completions() throws {
        let (_, prefix) = try install()
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent()) }
        let bash = prefix.appendingPathComponent("share/bash-completion/completions/align").path
        #expect(try AlignProcess.run([bash], shell: "exec bash -n \"$@\"").status == 0)
        let complete = try AlignProcess.run(
            [bash],
            shell: "source \"$1\"; COMP_WORDS=(align ch); COMP_CWORD=1; COMP_LINE='align ch'; COMP_POINT=8; _align align ch align; echo \"${COMPREPLY[*]}\"")
        #expect(complete.stdout == "check\n", "\(complete.stderr)")
        for (shell, file) in [("zsh", "share/zsh/site-functions/_align"), ("fish", "share/fish/vendor_completions.d/align.fish")] {
            let path = prefix.appendingPathComponent(file).path
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains("fmt"))
            guard FileManager.default.fileExists(atPath: "/usr/bin/" + shell) else { continue }
            #expect(try AlignProcess.run([path], shell: "exec \(shell) -n \"$@\"").status == 0, "\(shell)")
        }
        // fish completes the tools' own options from its script.
        let fish = prefix.appendingPathComponent("share/fish/vendor_completions.d/align.fish").path
        if FileManager.default.fileExists(atPath: "/usr/bin/fish") {
            let offered = try AlignProcess.run(
                [fish], shell: #"exec fish -c 'source $argv[1]; complete -C "align check --"; complete -C "align fmt --"' "$@""#)
            for option in ["--format", "--fail-on", "--check"] {
                #expect(offered.stdout.contains(option + "\t"), "fish offers \(option): \(offered.stdout) \(offered.stderr)")
            }
        }
    }

    /// What the installed bash completion offers for `words`, the last being
    /// the word under the cursor: each suggestion on a line.
    func bashCompletes(_ words: [String], prefix: URL) throws -> [String] {
        let bash = prefix.appendingPathComponent("share/bash-completion/completions/align").path
        let script = """
            source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
            _align align "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"; printf '%s\\n' "${COMPREPLY[@]}"
            """
        let result = try AlignProcess.run([bash] + words, shell: script)
        #expect(result.stderr == "")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("bash completes a tool's own options and their values: align check --, align check --format, align fmt --")
    func toolOptions() throws {
        let (_, prefix) = try install()
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent()) }
        let check = try bashCompletes(["align", "check", "--"], prefix: prefix)
        #expect(check.contains("--format") && check.contains("--fail-on") && check.contains("--help"), "\(check)")
        #expect(!check.contains("--demo") && !check.contains("--theme"), "\(check)")
        #expect(try bashCompletes(["align", "check", "--format", ""], prefix: prefix) == ["text", "json", "junit"])
        #expect(try bashCompletes(["align", "check", "--fail-on", ""], prefix: prefix) == ["note", "warning", "error"])
        let format = try bashCompletes(["align", "fmt", "--"], prefix: prefix)
        #expect(format.contains("--check") && !format.contains("--demo"), "\(format)")
        // align's own options stay align's.
        let own = try bashCompletes(["align", "--"], prefix: prefix)
        #expect(own.contains("--demo") && !own.contains("--fail-on"), "\(own)")
        #expect(try bashCompletes(["align", "--format", ""], prefix: prefix) == ["table", "csv", "json", "markdown"])
    }
}
