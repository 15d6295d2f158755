import AlignCore
import AlignLanguage
import Glibc

/// A PostgreSQL database as a source of rows, reached through the `psql`
/// client: libpq reads the connection string or URI, and the password from
/// PGPASSWORD, ~/.pgpass or a service file, as every PostgreSQL tool does.
/// Each query runs in a read-only transaction, with a connection timeout
/// and a statement timeout; the database groups the rows by month and
/// sends back one row a month.
public struct PostgresSource {
    /// The connection string or URI, as written.
    public let connection: String
    /// The table `count()`, `sum()` and `avg()` read.
    public let table: String?
    /// Asked while the query runs: true ends psql (Ctrl-C).
    public let stop: () -> Bool

    /// Seconds allowed to connect, unless PGCONNECT_TIMEOUT says otherwise.
    public static let connectSeconds = 10
    /// Seconds a statement may run, unless PGOPTIONS says otherwise.
    public static let statementSeconds = 300

    /// A source over the database `connection` names.
    public init(connection: String, table: String?, stop: @escaping () -> Bool = { false }) {
        self.connection = connection
        self.table = table
        self.stop = stop
    }

    /// Runs statements, in order, in one read-only transaction; the rows of the
    /// last, as CSV cells.
    func run(_ statements: [String], suggesting: Bool = true) throws(SourceError) -> [[String]] {
        func environment(_ key: String) -> String? { getenv(key).map { String(cString: $0) } }
        var settings = [
            "PGCONNECT_TIMEOUT": environment("PGCONNECT_TIMEOUT") ?? String(Self.connectSeconds),
            "PGAPPNAME": environment("PGAPPNAME") ?? "align",
            // align's first, so that the user's own PGOPTIONS win.
            "PGOPTIONS": "-c default_transaction_read_only=on -c statement_timeout=\(Self.statementSeconds)s "
                + (environment("PGOPTIONS") ?? ""),
        ]
        settings["PGCLIENTENCODING"] = "UTF8"
        var arguments = ["-X", "-q", "-w", "--csv", "-t", "-v", "ON_ERROR_STOP=1", "-P", "null=\\N", "-d", connection]
        for statement in ["BEGIN READ ONLY"] + statements + ["COMMIT"] { arguments += ["-c", statement] }
        let seconds = Self.connectSeconds + Self.statementSeconds + 30
        // On SIGINT psql sends the server a cancel request, as at its own prompt, so
        // an interrupted query stops there too.
        let output = try Subprocess.run(
            "psql", arguments, environment: settings, seconds: seconds, interrupt: SIGINT, stop: stop)
        guard output.status == 0 else {
            let text = PostgresSource.explain(output.stderr)
            throw SourceError(.postgres(text + (suggesting ? tableSuggestion(text) : "")))
        }
        var rows: [[String]] = []
        var scanner = CSVScanner.over(output.stdout, delimiter: 44)
        try scanner.forEachRow { row throws(SourceError) in
            rows.append((0..<row.count).map { row.string($0) ?? "" })
            return true
        }
        return rows
    }

    /// For `relation "deal" does not exist`, `; did you mean 'deals'?` from
    /// the tables and views the server has (one more query); else nothing.
    func tableSuggestion(_ text: String) -> String {
        guard let start = text.firstRange(of: "relation \"")?.upperBound,
            let end = text[start...].firstRange(of: "\" does not exist"), !stop()
        else { return "" }
        let missing = String(text[start..<end.lowerBound])
        let sql = """
            SELECT CASE WHEN n.nspname = ANY (current_schemas(false)) THEN c.relname ELSE n.nspname || '.' || c.relname END \
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
            WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
            AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1
            """
        guard let names = try? run([sql], suggesting: false).compactMap(\.first),
            let guess = Suggestions.closest(to: missing, among: names)
        else { return "" }
        return "; did you mean '\(guess)'?"
    }

    /// psql's complaint in a sentence: its prefixes and hints left out.
    static func explain(_ stderr: [UInt8]) -> String {
        let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n").map { line -> String in
            var text = Substring(line)
            for prefix in ["psql: error: ", "psql: "] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
            if text.hasPrefix("<command>:") || text.hasPrefix("<stdin>:"), let error = text.firstRange(of: "ERROR:") {
                text = text[error.upperBound...]
            }
            var cleaned = String(text)
            for level in ["ERROR:  ", "FATAL:  "] {
                while let found = cleaned.firstRange(of: level) { cleaned.replaceSubrange(found, with: "") }
            }
            return cleaned.trimmingBlanks()
        }
        let kept = lines.filter { !$0.isEmpty && !$0.hasPrefix("LINE ") && !$0.hasPrefix("^") && !$0.hasPrefix("HINT:") }
        return kept.prefix(2).joined(separator: "; ")
    }

    private func tableName() throws(SourceError) -> String {
        guard let table else { throw SourceError(.needsTable) }
        return table
    }

    /// The columns of the table.
    public func header() throws(SourceError) -> Header {
        let sql = """
            SELECT attname FROM pg_attribute WHERE attrelid = \(SQLText.literal(SQLText.table(try tableName())))::regclass \
            AND attnum > 0 AND NOT attisdropped ORDER BY attnum
            """
        return Header(try run([sql]).map { $0.first ?? "" })
    }

    /// A query's totals by month.
    public func totals(_ query: RowQuery) throws(SourceError) -> PullResult {
        let header = try header()
        let table = SQLText.table(try tableName())
        let date = PostgresSource.timestamp(try PostgresSource.column(query.date, header))
        let conditions = try PostgresSource.conditions(query.filters, header)
        let value = try query.value.map { c throws(SourceError) in
            "NULLIF(\(try PostgresSource.column(c, header)), '')::numeric"
        }
        let sql = """
            SELECT to_char(date_trunc('month', \(date)), 'YYYY-MM'), count(*), \
            count(\(value ?? "NULL")), coalesce(sum(\(value ?? "NULL::numeric")), 0) \
            FROM \(table) WHERE 1 = 1\(conditions) GROUP BY 1
            """
        var result = PullResult()
        for cells in try run([sql]) where cells.count >= 4 {
            let rows = Int(cells[1]) ?? 0
            result.rowsRead += rows
            guard cells[0] != "\\N", case .month(let month) = DateCell.read(cells[0]) else {
                result.rowsWithoutDate += rows
                continue
            }
            result.months[month] = MonthTotal(rows: rows, values: Int(cells[2]) ?? 0, sum: Double(cells[3]) ?? 0)
        }
        return result
    }

    /// The rows that carry the first date, by its month and the lag to the second.
    public func pairs(first: String, second: String, filters: [ActualsDefinition.Filter]) throws(SourceError) -> PairCounts {
        let header = try header()
        let table = SQLText.table(try tableName())
        let a = PostgresSource.timestamp(try PostgresSource.column(first, header))
        let b = PostgresSource.timestamp(try PostgresSource.column(second, header))
        let conditions = try PostgresSource.conditions(filters, header)
        let sql = """
            SELECT to_char(\(a), 'YYYY-MM'), \
            (extract(year FROM \(b)) * 12 + extract(month FROM \(b)))::int - (extract(year FROM \(a)) * 12 + extract(month FROM \(a)))::int, \
            count(*) FROM \(table) WHERE \(a) IS NOT NULL\(conditions) GROUP BY 1, 2
            """
        var counts = PairCounts()
        for cells in try run([sql]) where cells.count >= 3 {
            guard case .month(let from) = DateCell.read(cells[0]) else { continue }
            counts.add(first: from, second: Int(cells[1]).map { from + $0 }, count: Int(cells[2]) ?? 0)
        }
        return counts
    }

    /// A query of one's own: its rows' first two cells (nil for NULL).
    public func query(_ sql: String) throws(SourceError) -> [[String?]] {
        try run([sql]).map { cells throws(SourceError) in
            guard cells.count >= 2 else { throw SourceError(.twoColumns(cells.count)) }
            return cells.prefix(2).map { $0 == "\\N" ? nil : $0 }
        }
    }

    /// A column of the header as trimmed text, whatever its type.
    static func column(_ name: String, _ header: Header) throws(SourceError) -> String {
        "btrim((\(SQLText.identifier(header.names[try header.require(name)])))::text)"
    }

    /// Trimmed text as a timestamp; NULL when empty.
    static func timestamp(_ text: String) -> String { "NULLIF(\(text), '')::timestamp" }

    /// ` AND ...` for each condition, values written as SQL literals.
    static func conditions(_ filters: [ActualsDefinition.Filter], _ header: Header) throws(SourceError) -> String {
        var sql = ""
        for f in filters {
            let column = try PostgresSource.column(f.column, header)
            switch f.value {
            case .text(let t): sql += " AND \(column) = \(SQLText.literal(t))"
            case .boolean(let wanted):
                sql += " AND coalesce(lower(\(column)), '') \(wanted ? "IN" : "NOT IN") \(SQLText.truths)"
            case .number(let n):
                sql += " AND CASE WHEN \(column) ~ '^[-+]?[0-9]*[.]?[0-9]+([eE][-+]?[0-9]+)?$' THEN \(column)::numeric END = \(n)"
            }
        }
        return sql
    }
}

extension Message {
    static func postgres(_ text: String) -> Message { Message("PostgreSQL: \(text)") }
}
