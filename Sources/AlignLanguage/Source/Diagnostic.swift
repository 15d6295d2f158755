/// A problem found in a command, with where it is and what to do about it.
public struct Diagnostic: Error, Sendable {
    /// How bad it is.
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    /// How bad it is.
    public var severity: Severity
    /// What is wrong, in one sentence that starts in lower case.
    public var message: String
    /// Where; nil for a problem with no place (a file that cannot be read).
    public var range: SourceRange?
    /// The text the range points into.
    public var source: SourceText?
    /// Further lines: the chain of `run`s that led here, a suggestion.
    public var notes: [String]
    /// Whether it was already shown (an error inside a nested `run`): the
    /// caller stops, but does not print it again.
    public var alreadyReported = false
    /// A place given as text instead of a range (`values.csv:3` for a CSV row).
    public var place: String?
    /// The syntax of the forms of a command that came closest, when the
    /// words after a known verb did not parse: the prompt shows it.
    public var usage: [String] = []

    /// Makes a diagnostic.
    public init(
        _ severity: Severity = .error, _ message: String, at range: SourceRange? = nil, in source: SourceText? = nil,
        notes: [String] = []
    ) {
        self.severity = severity
        self.message = message
        self.range = range
        self.source = source
        self.notes = notes
    }

    /// Makes an error from a declared message.
    public init(_ message: Message, at range: SourceRange? = nil, in source: SourceText? = nil) {
        self.init(.error, message.text, at: range, in: source)
    }

    /// Where the diagnostic points, if it has a place.
    public var location: SourceLocation? {
        guard let range, let source else { return nil }
        return source.location(of: range.start)
    }

    /// `FILE:LINE:COL: error: MESSAGE`, the one-line form scripts report.
    public var oneLine: String {
        "\(placePrefix)\(severity.rawValue): \(message)"
    }

    /// `FILE:LINE:COL: `, or empty when the diagnostic has no place.
    public var placePrefix: String {
        var prefix = ""
        if let place {
            prefix = place + ": "
        } else if let source {
            prefix = source.name + ":"
            if let location { prefix += "\(location.line):\(location.column):" }
            prefix += " "
        }
        return prefix
    }
}

/// A message users can see, declared once as a typed value near the code that
/// raises it (`extension Message { static func ... }`).
public struct Message: Equatable, Sendable, CustomStringConvertible {
    /// The sentence, starting in lower case, without a full stop.
    public let text: String

    /// Declares a message.
    public init(_ text: String) { self.text = text }

    public var description: String { text }
}
