import AlignLanguage
import AlignShell
import ArgumentParser
import Glibc

/// The command line: arguments in, exit status out. Everything else is in AlignShell.
@main
struct AlignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "align",
        abstract: "A shell where sales and marketing learn to speak one language.",
        // Broken so that, after "USAGE: ", no line passes 80 columns.
        usage: """
            align [-c <line> ...] [-i] [--keep-going] [--safe] [--demo] [-q]
                  [--format <format>] [--theme <theme>] [--recover] [<files> ...]
            \(CheckCommand.configuration.usage ?? "")
            align fmt [--check] <files> ...
            """,
        discussion: """
            With no arguments on a terminal, opens the interactive shell. FILEs and -c lines run in the \
            order given, then align exits (or, with -i, stays at the prompt). Standard input that is not \
            a terminal is read as a script. A failing command stops a script with status 1 and \
            FILE:LINE:COL: error: MESSAGE on standard error; a usage error exits with status 2. \
            'align check FILE...' checks that the model the files build is aligned (for CI); 'align fmt \
            FILE...' lays scripts out canonically; each takes --help. A script named check or fmt runs \
            as ./check.
            """,
        version: Launcher.version,
        // Read only when they come first (see `main`): after a FILE or an
        // option, `check` is a script's name, as it always was.
        subcommands: [CheckCommand.self, FormatCommand.self])

    @Option(
        name: .customShort("c"),
        help: ArgumentHelp("Run one command (also --command LINE); repeat it, and mix it with FILEs, in order.", valueName: "line"))
    var command: [String] = []

    /// `--command LINE`, the long form of `-c`, kept out of the usage line
    /// that names `-c`; the scan reads both in the order given.
    @Option(name: .customLong("command"), help: .hidden)
    var longCommand: [String] = []

    @Flag(name: .customShort("i"), help: "Stay at the prompt after the FILEs and -c lines.")
    var interactive = false

    @Flag(name: .customLong("keep-going"), help: "Carry on after a failing command (the exit status is still 1).")
    var keepGoing = false

    @Flag(help: "For scripts you did not write: write no file, and read none outside the script's folder.")
    var safe = false

    @Flag(help: "Start with the reference scenario loaded.")
    var demo = false

    @Flag(name: .customShort("q"), help: "Do not run the init file ($XDG_CONFIG_HOME/align/init.align).")
    var quiet = false

    @Option(help: "How answers print: table, csv, json or markdown.")
    var format: OutputFormat?

    @Option(help: "The terminal's colours: default, or contrast for a projector.")
    var theme: Theme = .default

    @Flag(
        help: ArgumentHelp(
            "Restore the last session that did not end cleanly, then carry on; '--recover list' shows them.",
            discussion: "Every change made at the prompt is journalled under $XDG_STATE_HOME/align/journals."))
    var recover = false

    @Argument(help: "Scripts to run, in order.")
    var files: [String] = []

    /// `--generate-man-page`: prints align(1), for scripts/install.
    @Flag(name: .customLong("generate-man-page"), help: .hidden)
    var generateManPage = false

    /// `--recover list`: the word `list` right after `--recover` is the action, not a script.
    var listsUnfinished: Bool { recover && files.first == "list" }

    mutating func validate() throws {
        if listsUnfinished, files.count > 1 || !command.isEmpty || !longCommand.isEmpty || interactive || demo {
            throw ValidationError("'--recover list' takes no scripts, -c, -i or --demo")
        }
        if recover, demo {
            throw ValidationError("--recover and --demo both say how to begin; give one")
        }
    }

    static func main() {
        Launcher.prepareProcess()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.count == 2, arguments[0] == "--generate-completion-script" { completionScript(arguments[1]) }
        if let tool = arguments.first.flatMap(AlignCommand.tool(named:)) {
            parseAndRun(tool, Array(arguments.dropFirst()))
        }
        // What the help's last line offers: `align help check`.
        if arguments.count == 2, arguments[0] == "help", let tool = AlignCommand.tool(named: arguments[1]) {
            parseAndRun(tool, ["--help"])
        }
        let scan = LaunchPlan.scan(arguments)
        // The usual command lines skip the full parser's reflection at start-up;
        // everything else (help, errors included) goes through it.
        if var plan = scan.plain {
            plan.environment = AlignCommand.environment()
            Glibc.exit(Launcher.run(plan))
        }
        parseAndRun(AlignCommand.self, arguments) { align in Launcher.run(align.plan(scan)) }
    }

    /// `--generate-completion-script SHELL`: the parser's script, amended so
    /// that `align check --<Tab>` offers check's options (see `CompletionScripts`).
    static func completionScript(_ name: String) -> Never {
        guard let shell = CompletionShell(rawValue: name) else {
            parseAndRun(AlignCommand.self, ["--generate-completion-script", name])
        }
        let tools = configuration.subcommands.map { $0.configuration.commandName ?? "" }.filter { !$0.isEmpty }
        do {
            let script = try CompletionScripts.amended(completionScript(for: shell), shell: name, tools: tools)
            Launcher.write(1, script.hasSuffix("\n") ? script : script + "\n")
            Glibc.exit(0)
        } catch {
            Launcher.write(2, "align: \(error)\n")
            Glibc.exit(1)
        }
    }

    /// The command line's tools, by the word that names them first: `align check`, `align fmt`.
    static func tool(named word: String) -> ParsableCommand.Type? {
        configuration.subcommands.first { $0.configuration.commandName == word }
    }

    /// Parses `arguments` as `command`'s and runs it; `launch` runs align
    /// itself. Help and the version print on standard output with status
    /// 0; any other error of the command line on standard error, status 2.
    static func parseAndRun(
        _ command: ParsableCommand.Type, _ arguments: [String], launch: (AlignCommand) -> Int32 = { _ in 0 }
    ) -> Never {
        do {
            let parsed = try command.parseAsRoot(arguments)
            if let align = parsed as? AlignCommand {
                if align.generateManPage {
                    Launcher.write(1, AlignCommand.manPage())
                    Glibc.exit(0)
                }
                Glibc.exit(launch(align))
            }
            var other = parsed
            try other.run()
            Glibc.exit(0)
        } catch {
            let code = command.exitCode(for: error)
            // The message quotes the arguments, which may hold escape sequences.
            var message = Escaping.safe(command.fullMessage(for: error), keepNewlines: true)
            // A tool's errors point at its help as `align check --help`, as its help names it.
            if let align = command.configuration._superCommandName {
                let name = command._commandName
                message = message.replacing("See '\(name) ", with: "See '\(align) \(name) ")
            }
            if code == .success {
                if !message.isEmpty { Launcher.write(1, message + "\n") }
                Glibc.exit(0)
            }
            Launcher.write(2, message + "\n")
            Glibc.exit(2)
        }
    }

    /// The launch plan: the flags as the parser read them, FILEs and -c lines
    /// in the order the scan found them (the parser's arrays keep each kind
    /// apart); should the two ever disagree, the parser's, files first.
    func plan(_ scan: LaunchPlan.Scan) -> LaunchPlan {
        var plan = LaunchPlan()
        if listsUnfinished {
            plan.recover = .list
        } else {
            plan.inputs = scan.plan.inputs
            let commands = plan.inputs.filter { if case .command = $0 { return true } else { return false } }
            if commands.count != command.count + longCommand.count || plan.inputs.count - commands.count != files.count {
                plan.inputs = files.map(LaunchPlan.Input.file) + (command + longCommand).map(LaunchPlan.Input.command)
            }
            if recover { plan.recover = .restore }
        }
        plan.interactive = interactive
        plan.keepGoing = keepGoing
        plan.safe = safe
        plan.demo = demo
        plan.quiet = quiet
        plan.format = format
        plan.theme = theme
        plan.environment = AlignCommand.environment()
        return plan
    }

    static func environment() -> [String: String] {
        var count = 0
        while environ[count] != nil { count += 1 }
        var env: [String: String] = Dictionary(minimumCapacity: count)
        for i in 0..<count {
            // Split at the first `=` as bytes: a start-up step, kept cheap.
            let entry = UnsafeBufferPointer(start: UnsafeRawPointer(environ[i]!).assumingMemoryBound(to: UInt8.self), count: strlen(environ[i]!))
            guard let eq = entry.firstIndex(of: UInt8(ascii: "=")) else { continue }
            env[String(decoding: UnsafeBufferPointer(rebasing: entry[..<eq]), as: UTF8.self)] =
                String(decoding: UnsafeBufferPointer(rebasing: entry[(eq + 1)...]), as: UTF8.self)
        }
        return env
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension Theme: ExpressibleByArgument {}
