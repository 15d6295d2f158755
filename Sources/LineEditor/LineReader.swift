/// What reading a line gave.
public enum ReadResult: Equatable, Sendable {
    /// A line, without its newline.
    case line(String)
    /// Ctrl-C: the half-typed line was thrown away.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
}

/// What completing the word before the cursor offers.
public struct Completion: Equatable, Sendable {
    /// Where, in UTF-8 bytes from the start of the line, the word being completed starts.
    public var wordStart: Int
    /// The words that could replace it; each is complete, a trailing space is added
    /// unless a word ends in `=` or `/`.
    public var candidates: [String]

    /// Makes a completion.
    public init(wordStart: Int, candidates: [String]) {
        self.wordStart = wordStart
        self.candidates = candidates
    }
}

/// Completes the line typed so far: the line and the cursor as a UTF-8 offset.
public typealias Completer = (_ line: String, _ cursor: Int) -> Completion

/// Reads lines from the user. The shell knows nothing else of the editor.
public protocol LineReader: AnyObject {
    /// Reads one line after showing `prompt`.
    func readLine(prompt: String) -> ReadResult
    /// Adds an accepted entry to the editor's history, for Up-arrow recall.
    func addHistory(_ entry: String)
}
