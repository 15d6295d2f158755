import AlignCore

/// Parses one command against the command table.
///
/// Each form of the verb is tried in order and the first that matches the
/// whole command wins. When none does, the error reported is the one that got
/// furthest into the command, so `tree revenue in 2026-Q5` blames the period,
/// not the word `in`.
public enum Parser {
    /// Parses the command in `range` of `source` (all of it by default);
    /// nil when it holds only blanks and comments.
    public static func parse(_ source: SourceText, range: SourceRange? = nil) throws(Diagnostic) -> ParsedCommand? {
        try parse(source, range: range, direct: true)
    }

    /// `parse`, with or without the direct reader of plain lines (tests
    /// compare the two).
    static func parse(_ source: SourceText, range: SourceRange?, direct: Bool) throws(Diagnostic) -> ParsedCommand? {
        let range = range ?? SourceRange(0, source.bytes.count)
        do {
            return try parseCommand(source, range, direct: direct)
        } catch {
            // A line that does not parse but writes a password is refused for the password.
            if let password = CommandTable.passwordError(source, range) { throw password }
            throw explainingOpenings(error, source, range)
        }
    }

    /// Adds a note to an error that follows a string or parenthesis left open
    /// at the end of a line: the command ran on into the next line, most
    /// likely because a `"` or a `)` is missing.
    private static func explainingOpenings(_ error: Diagnostic, _ source: SourceText, _ range: SourceRange)
        -> Diagnostic
    {
        guard let opening = CommandSplitter.firstOpenAtLineEnd(in: source.bytes, range) else { return error }
        var explained = error
        switch opening {
        case .string(let start):
            guard (error.range?.start ?? range.end) > start else { return error }
            explained.notes.append(Message.stringRunsOn(source.location(of: start)).text)
        case .parenthesis(let start):
            guard (error.range?.start ?? range.end) > start else { return error }
            explained.notes.append(Message.parenthesisRunsOn(source.location(of: start)).text)
        }
        return explained
    }

    private static func parseCommand(_ source: SourceText, _ range: SourceRange, direct: Bool) throws(Diagnostic)
        -> ParsedCommand?
    {
        var lexer = Lexer(source, range: range)
        let commandStart = { var l = lexer; l.skipTrivia(); return l.position }()
        let first = try lexer.next()
        if first.kind == .end { return nil }
        guard first.kind == .word else {
            throw Diagnostic(.expectedVerb, at: first.range, in: source)
        }
        let verbText = source.text(first.range)
        guard let spec = CommandTable.spec(for: verbText) else {
            var message = Message.unknownCommand(verbText)
            if let guess = Suggestions.closest(to: verbText, among: CommandTable.verbs) {
                message = .unknownCommand(verbText, suggestion: guess)
            }
            throw Diagnostic(message, at: first.range, in: source)
        }
        if direct, let direct = DirectReader.read(spec.verb, lexer, source, start: commandStart, verb: Name(verbText, first.range)) {
            return direct
        }
        var matcher = Matcher(source: source)
        for (index, form) in spec.forms.enumerated() {
            matcher.form = index
            var attempt = lexer
            var bindings = Bindings()
            if try matcher.matchForm(form.slots, &attempt, &bindings) {
                let command: Command
                do {
                    command = try form.build(bindings)
                } catch {
                    // A builder knows where, not in which text.
                    var placed = error
                    if placed.source == nil { placed.source = source }
                    throw placed
                }
                return ParsedCommand(
                    command: command, verb: Name(verbText, first.range),
                    range: SourceRange(commandStart, attempt.end), source: source)
            }
        }
        var failure = matcher.diagnostic()
        failure.usage = matcher.furthestForms.map { spec.forms[$0].syntax(verb: spec.verb) }
        throw failure
    }

    /// Parses a formula on its own (for tests and tools).
    public static func expression(_ source: SourceText) throws(Diagnostic) -> Expression {
        var matcher = Matcher(source: source)
        var lexer = Lexer(source)
        var bindings = Bindings()
        guard try matcher.matchForm([.expression("e")], &lexer, &bindings), let e = bindings.expression("e")
        else { throw matcher.diagnostic() }
        return e
    }
}

extension Message {
    static let expectedVerb = Message("expected a command, such as 'metric' or 'show' (try 'help')")
    public static func partOfCommand(_ word: String, _ verb: String) -> Message {
        Message("'\(word)' is not a command but part of '\(verb) \(word)': try 'help \(verb)'")
    }
    public static func unknownCommand(_ verb: String, suggestion: String? = nil) -> Message {
        Message("unknown command '\(verb)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? " (try 'help')"))
    }
    static func unknownOption(_ key: String, known: [String], suggestion: String?) -> Message {
        let list = known.isEmpty ? "this command takes no options" : "known: " + known.map { $0 + "=" }.joined(separator: ", ")
        return Message("unknown option '\(key)='" + (suggestion.map { "; did you mean '\($0)='?" } ?? " (\(list))"))
    }
    static func repeatedOption(_ key: String) -> Message { Message("option '\(key)=' is given twice") }
    static func repeatedText(_ label: String) -> Message { Message("only one \"\(label)\" string is allowed") }
    public static func notAPeriod(_ text: String, suggestion: String? = nil) -> Message {
        if let suggestion { return Message("'\(text)' is not a period; did you mean \(suggestion)?") }
        return Message("'\(text)' is not a period (write 2026, 2026-H2, 2026-Q3 or 2026-07)")
    }
    static func rangeNotTaken(_ text: String) -> Message {
        Message("'\(text)' is a range of periods: this takes one period (write 2026, 2026-H2, 2026-Q3 or 2026-07)")
    }
    static func notANumber(_ text: String) -> Message { Message("'\(text)' is not a number") }
    static func numberOutOfRange(_ text: String) -> Message { Message("the number '\(text)' is too large") }
    static func notALag(_ text: String) -> Message { Message("'\(text)' is not a lag (write 30d, 6w, 2m, 2q or 1y)") }
    static func notAWholeNumber(_ text: String) -> Message { Message("'\(text)' is not a whole number") }
    static let tooDeep = Message(
        "the formula is nested too deeply: more than \(Matcher.maxDepth) levels of parentheses, signs or operators")
    static let unclosedParenthesis = Message("this '(' is never closed")
    static func stringRunsOn(_ start: SourceLocation) -> Message {
        Message("the string that starts at \(start) runs on past the end of its line: is a closing \" missing?")
    }
    static func parenthesisRunsOn(_ start: SourceLocation) -> Message {
        Message("the '(' at \(start) is still open at the end of its line: is a ')' missing?")
    }
}
