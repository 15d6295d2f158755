import AlignCore
import AlignSources
import Foundation
import Testing

/// SQLite files as sources: opened read-only, the adding up done by SQLite.
@Suite("SQLite sources")
struct SQLiteSourceTests {
    static func month(_ m: Int) -> Int { 2026 * 12 + m - 1 }

    @Test("deals counted and added up by SQLite, by the month they close, with conditions")
    func totals() throws {
        let source = SQLiteSource(path: try SQLiteFile.deals(), table: "Deals")
        let all = try source.totals(RowQuery(date: "CloseDate"))
        let won = try source.totals(RowQuery(date: "close_date", value: "Amount", filters: [.init(column: "IsWon", value: .boolean(true))]))
        let lost = try source.totals(RowQuery(date: "Close Date", filters: [.init(column: "StageName", value: .text("Closed Lost"))]))
        let small = try source.totals(RowQuery(date: "Close Date", filters: [.init(column: "Amount", value: .number(500))]))
        #expect(all.rowsRead == 34)
        #expect(all.rowsWithoutDate == 1)
        for m in 1...6 {
            #expect(all.months[Self.month(m)]?.rows == m + 2)
            #expect(won.months[Self.month(m)] == MonthTotal(rows: m, values: m, sum: Double(1000 * m * m)))
            #expect(lost.months[Self.month(m)]?.rows == 2)
            #expect(small.months[Self.month(m)]?.rows == 2)
        }
        #expect(try source.header().names == ["Opportunity ID", "Account Name", "Stage", "Amount", "Close Date", "Won"])
    }

    @Test("dates as seconds since 1970, months, and text that is no date")
    func dates() throws {
        let path = try SQLiteFile.make([
            "CREATE TABLE t (d, v)", "INSERT INTO t VALUES (1783000000, 1), ('2026-07', 2), ('2026-07-31 23:59', 3), ('', 4)",
        ])
        let result = try SQLiteSource(path: path, table: "t").totals(RowQuery(date: "d", value: "v"))
        #expect(result.months[Self.month(7)] == MonthTotal(rows: 3, values: 3, sum: 6))
        #expect(result.rowsWithoutDate == 1)
        let bad = try SQLiteFile.make(["CREATE TABLE t (d TEXT, v)", "INSERT INTO t VALUES ('07/15/2026', 1)"])
        do {
            _ = try SQLiteSource(path: bad, table: "t").totals(RowQuery(date: "d"))
            Issue.record("no error")
        } catch {
            #expect(error.message == "'07/15/2026' in column 'd' is not a date (write 2026-07-15, 2026-07-15T10:20:30Z or 07/15/2026)")
            #expect(error.notes == ["in table 't'"])
        }
    }

    @Test("an amount stored as text that is no number is an error")
    func badAmount() throws {
        let path = try SQLiteFile.make(["CREATE TABLE t (d TEXT, v TEXT)", "INSERT INTO t VALUES ('2026-01-01', '12'), ('2026-01-02', '$1,200')"])
        do {
            _ = try SQLiteSource(path: path, table: "t").totals(RowQuery(date: "d", value: "v"))
            Issue.record("no error")
        } catch {
            #expect(error.message == "'$1,200' in column 'v' is not a number (write 1200, 1,200.50, $1,200 or (500))")
        }
    }

    @Test("a missing table or column says what there is; a missing file is not made")
    func failures() throws {
        let path = try SQLiteFile.deals()
        #expect(throws: SourceError(text: "there is no table 'deal'; did you mean 'deals'?")) {
            _ = try SQLiteSource(path: path, table: "deal").totals(RowQuery(date: "CloseDate"))
        }
        #expect(throws: SourceError(text: "there is no column 'ClosDate'; did you mean 'Close Date'?", line: 1)) {
            _ = try SQLiteSource(path: path, table: "deals").totals(RowQuery(date: "ClosDate"))
        }
        let missing = path + ".missing"
        #expect(throws: SourceError.self) { _ = try SQLiteSource(path: missing, table: "t").totals(RowQuery(date: "d")) }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let notADatabase = try Exports.file("x.db", "metric,period,value\n")
        #expect(throws: SourceError(text: "SQLite: file is not a database")) {
            _ = try SQLiteSource(path: notADatabase, table: "t").totals(RowQuery(date: "d"))
        }
    }

    @Test("the file is opened read-only: a query that writes is refused and changes nothing")
    func readOnly() throws {
        let path = try SQLiteFile.deals()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for sql in ["DELETE FROM deals", "CREATE TABLE x (a)", "PRAGMA query_only = 0; DELETE FROM deals", "UPDATE deals SET Amount = 0"] {
            #expect(throws: SourceError.self) { _ = try SQLiteSource(path: path, table: nil).query(sql) }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test("a query of one's own gives its first two columns; a long one stops when asked")
    func query() throws {
        let path = try SQLiteFile.deals()
        let source = SQLiteSource(path: path, table: nil)
        let rows = try source.query("SELECT substr(\"Close Date\", 1, 7), sum(Amount) FROM deals WHERE Won GROUP BY 1 ORDER BY 1")
        #expect(rows.first! == ["2026-01", "1000.0"])
        #expect(try QueryRows.values(rows, grain: .month).map(\.value) == [1000, 4000, 9000, 16000, 25000, 36000])
        #expect(throws: SourceError(text: "the query gives 1 column; it must give two: a period or a date, then a number")) {
            _ = try source.query("SELECT 1")
        }
        let long = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) SELECT count(*), 1 FROM n"
        #expect(throws: SourceError(text: "interrupted")) { _ = try SQLiteSource(path: path, table: nil, stop: { true }).query(long) }
    }

    @Test("a number past 1.8e308, infinity or NaN in a query's rows is refused, naming the row")
    func notFinite() throws {
        let source = SQLiteSource(path: try SQLiteFile.deals(), table: nil)
        let rows = try source.query("SELECT '2026-06', 5 UNION ALL SELECT '2026-07', 1e400 UNION ALL SELECT '2026-08', -1e400")
        do {
            _ = try QueryRows.values(rows, grain: .month)
            Issue.record("1e400 was taken")
        } catch {
            #expect(error.message.hasSuffix(" in row 2 of the query is not a finite number: align keeps numbers between -1.8e308 and 1.8e308"), "\(error.message)")
        }
        for text in ["-Inf", "NaN", "Infinity", String(repeating: "9", count: 400)] {
            #expect(throws: SourceError.self) { _ = try QueryRows.values([["2026-07", text]], grain: .month) }
        }
    }

    @Test("a bare year is a period only for yearly actuals: unquoted 2026-07 is 2019")
    func bareYear() throws {
        let source = SQLiteSource(path: try SQLiteFile.deals(), table: nil)
        let rows = try source.query("SELECT 2026-07, 1")
        #expect(rows.first! == ["2019", "1"])
        let message = "'2019' in row 1 of the query is a bare number, which as a period is the year 2019, but these "
            + "actuals are by month: write the period as text ('2026-07' in quotes; unquoted, 2026-07 is a subtraction, "
            + "2019) or give per=year for yearly rows"
        #expect(throws: SourceError(text: message)) { _ = try QueryRows.values(rows, grain: .month) }
        #expect(throws: SourceError.self) { _ = try QueryRows.values(rows, grain: .quarter) }
        #expect(try QueryRows.values([["2026", "7"]], grain: .year).map(\.period) == [Period("2026")!])
        #expect(try QueryRows.values([["2026-Q3", "7"]], grain: .month).map(\.period) == [Period("2026-Q3")!])
    }

    @Test("pairs of dates are counted by SQLite")
    func pairs() throws {
        var statements = ["CREATE TABLE c (mql TEXT, sql TEXT)", "BEGIN"]
        for month in 1...6 {
            for k in 0..<25 {
                let lag: Int? = k < 2 ? 0 : k < 7 ? 1 : k < 10 ? 2 : nil
                let sql = lag.map { String(format: "'2026-%02d-20 16:00:00'", month + $0) } ?? (k % 2 == 0 ? "NULL" : "''")
                statements.append(String(format: "INSERT INTO c VALUES ('2026-%02d-03', %@)", month, sql))
            }
        }
        statements.append("COMMIT")
        let counts = try SQLiteSource(path: try SQLiteFile.make(statements), table: "c").pairs(first: "mql", second: "sql", filters: [])
        let fit = try #require(Fit(counts))
        #expect(fit.share == 0.4)
        #expect(fit.profile == [0.2, 0.5, 0.3])
    }
}
