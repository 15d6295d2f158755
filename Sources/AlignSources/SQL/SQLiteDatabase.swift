import AlignCore
import AlignLanguage
import CSQLite
import Glibc

/// An SQLite file, opened read-only (`SQLITE_OPEN_READONLY`, and
/// `PRAGMA query_only`): align never writes to it. A long query stops when
/// `stop` says so, through SQLite's progress handler.
public final class SQLiteDatabase {
    private var db: OpaquePointer?
    private let path: String
    private let stop: () -> Bool

    /// A value bound to a `?` of a statement.
    public enum Parameter {
        case text(String)
        case number(Double)
    }

    /// Opens the file at `path`; a missing file is an error, never a new database.
    public init(path: String, stop: @escaping () -> Bool = { false }) throws(SourceError) {
        self.path = path
        self.stop = stop
        guard access(path, F_OK) == 0 else { throw SourceError(.cannotRead(path, FileInput.reason(errno))) }
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READONLY, nil)
        db = handle
        guard status == SQLITE_OK else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            throw SourceError(.cannotRead(path, reason))
        }
        sqlite3_busy_timeout(db, 5000)
        sqlite3_progress_handler(
            db, 10_000,
            { context in
                let database = Unmanaged<SQLiteDatabase>.fromOpaque(context!).takeUnretainedValue()
                return database.stop() ? 1 : 0
            }, Unmanaged.passUnretained(self).toOpaque())
        try run("PRAGMA query_only = 1") { _ throws(SourceError) in }
    }

    deinit { sqlite3_close_v2(db) }

    /// Runs a statement and calls `row` with each row's cells as text (nil for NULL).
    public func run(
        _ sql: String, _ parameters: [Parameter] = [], row: ([String?]) throws(SourceError) -> Void
    ) throws(SourceError) {
        var statement: OpaquePointer?
        var rest = ""
        let prepared = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let status = sqlite3_prepare_v2(db, text, -1, &statement, &tail)
            if let tail { rest = String(cString: tail) }
            return status
        }
        defer { sqlite3_finalize(statement) }
        guard prepared == SQLITE_OK else { throw failure() }
        // SQLite runs the first statement of a text; what follows would be left out unseen.
        guard rest.allSatisfy({ $0 == ";" || $0.isWhitespace }) else { throw SourceError(.oneStatement) }
        for (i, parameter) in parameters.enumerated() {
            switch parameter {
            case .text(let text): sqlite3_bind_text(statement, Int32(i + 1), text, -1, align_sqlite_transient())
            case .number(let number): sqlite3_bind_double(statement, Int32(i + 1), number)
            }
        }
        let columns = sqlite3_column_count(statement)
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure() }
            var cells: [String?] = []
            for c in 0..<columns {
                cells.append(sqlite3_column_text(statement, c).map { String(cString: $0) })
            }
            try row(cells)
        }
    }

    /// The names of the tables and views.
    public func tables() throws(SourceError) -> [String] {
        var names: [String] = []
        try run("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name") { cells throws(SourceError) in
            if let name = cells[0] { names.append(name) }
        }
        return names
    }

    /// A table's name as the file spells it, or an error with "did you mean".
    public func table(_ name: String) throws(SourceError) -> String {
        let names = try tables()
        if names.contains(name) { return name }
        if let same = names.first(where: { $0.lowercased() == name.lowercased() }) { return same }
        throw SourceError(.noTable(name, suggestion: Suggestions.closest(to: name, among: names), among: names))
    }

    /// The columns of a table.
    public func columns(of table: String) throws(SourceError) -> Header {
        var names: [String] = []
        try run("SELECT name FROM pragma_table_info(?)", [.text(table)]) { cells throws(SourceError) in
            if let name = cells[0] { names.append(name) }
        }
        return Header(names)
    }

    private func failure() -> SourceError {
        let code = sqlite3_errcode(db)
        if code == SQLITE_INTERRUPT { return SourceError(.interrupted) }
        let message = String(cString: sqlite3_errmsg(db))
        if code == SQLITE_READONLY { return SourceError(.sqliteReadOnly(message)) }
        return SourceError(.sqlite(message))
    }
}

extension Message {
    static func sqlite(_ text: String) -> Message { Message("SQLite: \(text)") }
    static let oneStatement = Message("a query runs one statement: remove what follows its first ';'")
    static func sqliteReadOnly(_ text: String) -> Message {
        Message("SQLite: \(text): align opens SQLite files read-only and changes nothing in them")
    }
    static func noTable(_ name: String, suggestion: String?, among names: [String]) -> Message {
        let shown = names.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        let hint = suggestion.map { "; did you mean '\($0)'?" } ?? (names.isEmpty ? " (it has no tables)" : " (it has \(shown))")
        return Message("there is no table '\(name)'" + hint)
    }
}
