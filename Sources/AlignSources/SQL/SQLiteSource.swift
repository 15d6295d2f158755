import AlignCore
import AlignLanguage

/// An SQLite file as a source of rows. The adding up is pushed down: SQLite
/// groups the rows by month and sends back one row a month.
public struct SQLiteSource {
    /// The file's path, resolved.
    public let path: String
    /// The table `count()`, `sum()` and `avg()` read.
    public let table: String?
    /// Asked while SQLite works: true stops the query (Ctrl-C).
    public let stop: () -> Bool

    /// A source over the file at `path`.
    public init(path: String, table: String?, stop: @escaping () -> Bool = { false }) {
        self.path = path
        self.table = table
        self.stop = stop
    }

    /// The columns of the table.
    public func header() throws(SourceError) -> Header {
        let db = try SQLiteDatabase(path: path, stop: stop)
        return try db.columns(of: try db.table(try tableName()))
    }

    private func tableName() throws(SourceError) -> String {
        guard let table else { throw SourceError(.needsTable) }
        return table
    }

    /// A query's totals by month.
    public func totals(_ query: RowQuery) throws(SourceError) -> PullResult {
        let db = try SQLiteDatabase(path: path, stop: stop)
        let table = try db.table(try tableName())
        let header = try db.columns(of: table)
        let date = SQLText.identifier(header.names[try header.require(query.date)])
        var parameters: [SQLiteDatabase.Parameter] = []
        let conditions = try SQLiteSource.conditions(query.filters, header, &parameters)
        let value = try query.value.map { c throws(SourceError) in SQLText.identifier(header.names[try header.require(c)]) }
        let number = value.map { "CASE WHEN typeof(\($0)) IN ('integer', 'real') THEN \($0) WHEN trim(\($0)) = '' THEN NULL ELSE CAST(trim(\($0)) AS REAL) END" } ?? "NULL"
        let badNumber = value.map { "CASE WHEN typeof(\($0)) = 'text' AND trim(\($0)) <> '' AND CAST(trim(\($0)) AS NUMERIC) <> trim(\($0)) THEN \($0) END" } ?? "NULL"
        let sql = """
            SELECT m, count(*), count(v), total(v), min(CASE WHEN m IS NULL THEN d END), min(bad)
            FROM (SELECT \(SQLiteSource.month(date)) AS m, \(number) AS v, \(badNumber) AS bad, \(date) AS d
                  FROM \(SQLText.identifier(table))
                  WHERE \(date) IS NOT NULL AND trim(\(date)) <> ''\(conditions))
            GROUP BY m
            """
        var result = PullResult()
        var rowsWithDate = 0
        try db.run(sql, parameters) { cells throws(SourceError) in
            let rows = Int(cells[1] ?? "0") ?? 0
            rowsWithDate += rows
            if let bad = cells[5] {
                throw SourceError(.notAnAmount(bad, column: query.value ?? ""), notes: [.inTable(table)])
            }
            guard let m = cells[0], case .month(let month) = DateCell.read(m) else {
                throw SourceError(.notADate(cells[4] ?? "?", column: query.date), notes: [.inTable(table)])
            }
            result.months[month] = MonthTotal(rows: rows, values: Int(cells[2] ?? "0") ?? 0, sum: Double(cells[3] ?? "0") ?? 0)
        }
        let counted = try count(db, "SELECT count(*) FROM \(SQLText.identifier(table)) WHERE 1\(conditions)", parameters)
        result.rowsRead = counted
        result.rowsWithoutDate = max(0, counted - rowsWithDate)
        return result
    }

    /// The rows that carry the first date, by its month and the lag to the second.
    public func pairs(first: String, second: String, filters: [ActualsDefinition.Filter]) throws(SourceError) -> PairCounts {
        let db = try SQLiteDatabase(path: path, stop: stop)
        let table = try db.table(try tableName())
        let header = try db.columns(of: table)
        let a = SQLText.identifier(header.names[try header.require(first)])
        let b = SQLText.identifier(header.names[try header.require(second)])
        var parameters: [SQLiteDatabase.Parameter] = []
        let conditions = try SQLiteSource.conditions(filters, header, &parameters)
        let sql = """
            SELECT \(SQLiteSource.month(a)), CASE WHEN \(b) IS NULL OR trim(\(b)) = '' THEN NULL ELSE \(SQLiteSource.month(b)) END,
                   count(*), min(\(a)), min(CASE WHEN trim(\(b)) <> '' THEN \(b) END)
            FROM \(SQLText.identifier(table))
            WHERE \(a) IS NOT NULL AND trim(\(a)) <> ''\(conditions)
            GROUP BY 1, 2
            """
        var counts = PairCounts()
        try db.run(sql, parameters) { cells throws(SourceError) in
            guard let m = cells[0], case .month(let from) = DateCell.read(m) else {
                throw SourceError(.notADate(cells[3] ?? "?", column: first), notes: [.inTable(table)])
            }
            var to: Int?
            if let n = cells[4], !n.trimmingBlanks().isEmpty {
                guard let text = cells[1], case .month(let month) = DateCell.read(text) else {
                    throw SourceError(.notADate(n, column: second), notes: [.inTable(table)])
                }
                to = month
            }
            counts.add(first: from, second: to, count: Int(cells[2] ?? "0") ?? 0)
        }
        return counts
    }

    /// A query of one's own: its rows' first two cells, as text.
    public func query(_ sql: String) throws(SourceError) -> [[String?]] {
        let db = try SQLiteDatabase(path: path, stop: stop)
        var rows: [[String?]] = []
        try db.run(sql) { cells throws(SourceError) in
            guard cells.count >= 2 else { throw SourceError(.twoColumns(cells.count)) }
            rows.append(Array(cells.prefix(2)))
        }
        return rows
    }

    private func count(_ db: SQLiteDatabase, _ sql: String, _ parameters: [SQLiteDatabase.Parameter]) throws(SourceError) -> Int {
        var n = 0
        try db.run(sql, parameters) { cells throws(SourceError) in n = Int(cells[0] ?? "0") ?? 0 }
        return n
    }

    /// `YYYY-MM` of a date column: ISO text (with a time or not), a month
    /// `2026-07`, or seconds since 1970; NULL for anything else.
    static func month(_ column: String) -> String {
        """
        CASE WHEN typeof(\(column)) IN ('integer', 'real') THEN strftime('%Y-%m', \(column), 'unixepoch') \
        WHEN trim(\(column)) GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' THEN trim(\(column)) \
        WHEN trim(\(column)) GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]*' \
        THEN strftime('%Y-%m', substr(trim(\(column)), 1, 10)) END
        """
    }

    /// ` AND ...` for each condition, its value bound as a parameter.
    static func conditions(
        _ filters: [ActualsDefinition.Filter], _ header: Header, _ parameters: inout [SQLiteDatabase.Parameter]
    ) throws(SourceError) -> String {
        var sql = ""
        for f in filters {
            let column = SQLText.identifier(header.names[try header.require(f.column)])
            switch f.value {
            case .text(let text):
                sql += " AND CAST(\(column) AS TEXT) = ?"
                parameters.append(.text(text))
            case .boolean(let wanted):
                sql += " AND coalesce(lower(trim(CAST(\(column) AS TEXT))), '') \(wanted ? "IN" : "NOT IN") \(SQLText.truths)"
            case .number(let n):
                sql += " AND CAST(\(column) AS REAL) = ?"
                parameters.append(.number(n))
            }
        }
        return sql
    }
}

extension Message {
    static let needsTable = Message(
        "count(), sum() and avg() read a table: name it on the source with table=NAME, or write the query with sql")
    static func inTable(_ table: String) -> Message { Message("in table '\(table)'") }
    static func twoColumns(_ count: Int) -> Message {
        Message("the query gives \(count) column\(count == 1 ? "" : "s"); it must give two: a period or a date, then a number")
    }
}
