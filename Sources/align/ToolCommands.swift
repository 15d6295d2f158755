import AlignShell
import ArgumentParser
import Glibc

/// `align check FILE...`: the files run, then every alignment query; for CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        // Parsed on its own when it comes first (see AlignCommand.main): its
        // help and errors still say `align check`.
        _superCommandName: "align",
        abstract: "Run scripts, then every alignment query: exit 1 if the model they build is not aligned.",
        usage: """
            align check [--format text|json|junit] [--fail-on error|warning|note]
                        <files> ...
            """,
        discussion: """
            The FILEs run in order as with --safe: no file is written, and none is read outside the \
            folder of the script that asks. Then every alignment query looks at the workspace they built, \
            and each finding is reported with its severity, its rule and the FILE:LINE that defines what it \
            is about: goals that do not add up (in one period, through the lags of the formulas, or over \
            shorter periods), terms defined differently, goals on metrics with no path to revenue, goals \
            missed in a period the actuals have closed, goals only a lever slower than the team's horizon \
            can move. Exit status: 0 aligned, 1 a finding at or above --fail-on, 2 a usage error. A script \
            that stops at an error reports FILE:LINE:COL: error: MESSAGE as always and exits 1: the model \
            did not build, so nothing was checked. A comment line '# align: accept RULE SUBJECT "why"' \
            in a file accepts a known finding: it is listed as accepted and does not fail.
            """,
        version: Launcher.version)

    @Option(help: "How the report prints: text, json or junit (JUnit XML, for CI).")
    var format: CheckReport.Format = .text

    @Option(name: .customLong("fail-on"), help: "The least severity that fails the check: error, warning or note.")
    var failOn: CheckSeverity = .warning

    @Argument(help: "Scripts to run, in order.", completion: .file(extensions: ["align"]))
    var files: [String] = []

    func run() throws {
        // Here rather than in validate(), which comes before an unknown option is named.
        if files.isEmpty { throw ValidationError("name at least one FILE to check") }
        Glibc.exit(Checker.run(files, format: format, failOn: failOn, environment: AlignCommand.environment()))
    }
}

/// `align fmt FILE...`: scripts laid out canonically, words kept as written.
struct FormatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        _superCommandName: "align",
        abstract: "Lay scripts out canonically, in place, keeping every comment and every number as written.",
        usage: "align fmt [--check] <files> ...",
        discussion: """
            Only the space between words changes, and the order of options: one blank between words, \
            none inside key=value, one each side of = and of a formula's operators; options in the order \
            'save' writes them; a trailing comment two blanks after its command; at most one blank line in \
            a row. Every token keeps its spelling (2.5M, 25%, 20k, →), every comment and every line its \
            place, so the file builds the same workspace. A file that does not parse is left as it is, \
            with FILE:LINE:COL: error: MESSAGE. '-' reads standard input and writes standard output.
            """,
        version: Launcher.version)

    @Flag(help: "Change nothing; name each file that would change, and exit 1 if any would.")
    var check = false

    @Argument(help: "Scripts to format in place ('-' for standard input).", completion: .file(extensions: ["align"]))
    var files: [String] = []

    func run() throws {
        if files.isEmpty { throw ValidationError("name at least one FILE to format") }
        Glibc.exit(FormatFiles.run(files, check: check))
    }
}

extension CheckReport.Format: ExpressibleByArgument {}
extension CheckSeverity: ExpressibleByArgument {}
