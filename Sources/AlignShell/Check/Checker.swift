import AlignCore
import AlignLanguage
import AlignOutput
import AlignSession
import Glibc

extension Message {
    static func acceptMatchesNothing(_ rule: String, _ subject: String) -> Message {
        Message("this line accepts \(rule) \(subject), but no such finding is left: the line can go")
    }
}

/// `align check FILE...`: runs the files as `--safe` does (no file
/// written, no file read outside their folders, nothing pulled from a
/// source: a model's `source` and `actuals` lines stand, its `refresh` and
/// `fit` are passed over), then asks every alignment question of the
/// workspace they build, and reports what does not align.
public enum Checker {
    /// Runs the check and prints its report on standard output (the files'
    /// own answers are not printed; their errors and warnings go to standard
    /// error); returns the exit status: 0 aligned, 1 not.
    public static func run(
        _ files: [String], format: CheckReport.Format, failOn: CheckSeverity, environment: [String: String]
    ) -> Int32 {
        LargeStack.run {
            let output = StandardOutput()
            let outcome = check(files, failOn: failOn, errors: output)
            let noColor = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
            let style = Style(enabled: format == .text && isatty(1) == 1 && !noColor)
            output.out(CheckReport.render(outcome, format, style: style))
            output.flush()
            return output.writeFailed ? 1 : outcome.status
        }
    }

    /// Runs `files` in a session of their own and finds what does not
    /// align; errors and warnings of the files go to `errors`.
    public static func check(_ files: [String], failOn: CheckSeverity = .warning, errors: OutputSink) -> CheckOutcome {
        var options = SessionOptions()
        options.safe = true
        options.pullsNoSources = true
        options.writesNothing = true
        let output = FilesOutput(errors: errors)
        let session = Session(options: options, output: output)
        let book = PlaceBook()
        session.onCommand = { book.note($0) }
        var outcome = CheckOutcome(files: files, failOn: failOn)
        for file in files {
            // Met before it runs, so that a file of accept lines alone counts too.
            let name = FileSystem.tidy(FileSystem.resolve(file, from: "."))
            do {
                var bytes = try FileSystem.read(name)
                if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
                book.meet(SourceText(name: name, bytes: bytes))
            } catch {
                // A file that cannot be read is named first, as a script's error is: FILE: error: MESSAGE.
                output.err(Escaping.safe(file) + ": error: " + Escaping.safe(error.message) + "\n")
                output.flush()
                outcome.scriptErrors = output.said.split(separator: "\n").map(String.init)
                return outcome
            }
            guard session.runFile(file) else {
                output.flush()
                outcome.scriptErrors = output.said.split(separator: "\n").map(String.init)
                return outcome
            }
            if session.wantsQuit { break }
        }
        var findings = CheckRules(session.workspace, places: book).findings()
        var accepts: [AcceptLine] = []
        for (order, source) in book.sources.enumerated() {
            let read = AcceptLine.read(source, order: order)
            accepts += read.lines
            findings += read.bad
        }
        for i in findings.indices where findings[i].rule != .badAccept {
            guard let k = accepts.firstIndex(where: { $0.accepts(findings[i]) }) else { continue }
            findings[i].accepted = CheckFinding.Acceptance(reason: accepts[k].reason, place: accepts[k].place)
            accepts[k].used = true
        }
        for line in accepts where !line.used {
            let subject = "\(line.rule.id):\(line.subject)"
            findings.append(
                CheckFinding(.unusedAccept, subject, .acceptMatchesNothing(line.rule.id, line.subject), at: line.place))
        }
        outcome.findings = CheckFinding.ordered(findings)
        return outcome
    }
}

/// Where the files' output goes during a check: their answers (a `show`
/// or a `query` in a file) are not the check's report and go nowhere; their
/// errors and warnings go on, and are kept for a report that names them.
final class FilesOutput: OutputSink {
    let errors: OutputSink
    /// What the files wrote to standard error.
    private(set) var said = ""

    init(errors: OutputSink) { self.errors = errors }

    func out(_ text: String) {}
    func err(_ text: String) {
        said += text
        errors.err(text)
    }
    func flush() { errors.flush() }
}
