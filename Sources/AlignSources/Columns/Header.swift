import AlignCore
import AlignLanguage

/// The column names of a file's header row (or a table's columns), and how
/// the names a definition writes find them.
public struct Header: Sendable {
    /// The names, in order, as the file writes them.
    public let names: [String]
    private let keys: [String]

    /// Makes a header from its names.
    public init(_ names: [String]) {
        self.names = names
        self.keys = names.map(Header.key)
    }

    /// A name as compared: lower case, letters and digits only.
    public static func key(_ name: String) -> String {
        String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }))
    }

    /// The position of a column: the name as written; else the same letters
    /// and digits in any case (`CloseDate` finds `Close Date`); else another
    /// name of the same column in an export's presets (`StageName` finds `Stage`).
    public func index(of column: String) -> Int? {
        if let exact = names.firstIndex(of: column) { return exact }
        let key = Header.key(column)
        guard !key.isEmpty else { return nil }
        if let same = keys.firstIndex(of: key) { return same }
        for alias in Presets.aliases(of: key) {
            if let found = keys.firstIndex(of: alias) { return found }
        }
        return nil
    }

    /// Checks that every column a query reads is there.
    public func check(_ query: RowQuery) throws(SourceError) {
        _ = try require(query.date)
        if let value = query.value { _ = try require(value) }
        for f in query.filters { _ = try require(f.column) }
    }

    /// The position of a column, or an error that lists the header and
    /// says which name was most likely meant.
    public func require(_ column: String) throws(SourceError) -> Int {
        if let i = index(of: column) { return i }
        // The header's names, then the other names presets give them (`Stage` for "Stage Name"),
        // but always named as the header writes them: that is the name the file has.
        let spellings = names.flatMap { name in Presets.spellings(of: name).map { (spelling: $0, name: name) } }
        let guess =
            Suggestions.closest(to: column, among: names)
            ?? names.first { Suggestions.closest(to: Header.key(column), among: [Header.key($0)]) != nil }
            ?? Suggestions.closest(to: column, among: spellings.map(\.spelling)).flatMap { found in
                spellings.first { $0.spelling == found }?.name
            }
        throw SourceError(.noColumn(column, suggestion: guess, among: names), line: 1)
    }
}

extension Message {
    static func noColumn(_ column: String, suggestion: String?, among names: [String]) -> Message {
        let shown = names.prefix(12).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 12 ? ", ..." : "")
        let hint = suggestion.map { "; did you mean '\($0)'?" } ?? " (the header has \(shown))"
        return Message("there is no column '\(column)'" + hint)
    }
}
