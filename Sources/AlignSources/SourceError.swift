import AlignLanguage

/// Why a pull failed: a file or database that cannot be reached, a column
/// that is not there, a cell that cannot be read, a query the database
/// refused. The session says where (the file and line, or the source).
public struct SourceError: Error, Equatable, Sendable {
    /// The sentence.
    public var message: String
    /// The line of a CSV file the problem is on, from 1.
    public var line: Int?
    /// Further lines.
    public var notes: [String]

    /// Makes an error from a declared message.
    public init(_ message: Message, line: Int? = nil, notes: [Message] = []) {
        self.message = message.text
        self.line = line
        self.notes = notes.map(\.text)
    }

    /// Makes an error from a sentence another program wrote (psql, SQLite).
    public init(text: String, line: Int? = nil) {
        self.message = text
        self.line = line
        self.notes = []
    }
}

extension Message {
    static let csvOpenQuote = Message("a quoted field is never closed")
    static let csvNotUTF8 = Message("the file is not UTF-8 text")
    static let interrupted = Message("interrupted")
    static func cannotRead(_ path: String, _ reason: String) -> Message {
        Message("cannot read '\(path)': \(reason)")
    }
}
