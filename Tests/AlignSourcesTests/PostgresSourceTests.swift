import AlignCore
import AlignSources
import Foundation
import Testing

/// A real PostgreSQL server as a source, through psql: the adding up done by
/// the server, in a read-only transaction, with timeouts.
@Suite("PostgreSQL sources", .enabled(if: PostgresServer.available))
struct PostgresSourceTests {
    static func month(_ m: Int) -> Int { 2026 * 12 + m - 1 }

    /// The deals of `Exports.deals()` in a new table: close dates as
    /// timestamps, amounts as numeric, Won as boolean.
    static func deals() throws -> String {
        let table = PostgresServer.table("deals")
        var sql = "CREATE TABLE \(table) (opportunity_id text, stage text, amount numeric, close_date timestamptz, is_won boolean);"
        sql += "INSERT INTO \(table) VALUES "
        sql += Exports.deals().map { d in
            let close = d.close.map { String(format: "'%04d-%02d-%02d 10:00'", $0.year, $0.month, $0.day) } ?? "NULL"
            return "('006\(d.id)', '\(d.stage)', \(d.amount), \(close), \(d.won))"
        }.joined(separator: ", ")
        try PostgresServer.run(sql)
        return table
    }

    @Test("deals counted and added up by the server, by the month they close, with conditions")
    func totals() throws {
        let source = PostgresSource(connection: try PostgresServer.connection(), table: try Self.deals())
        let all = try source.totals(RowQuery(date: "CloseDate"))
        let won = try source.totals(RowQuery(date: "close_date", value: "Amount", filters: [.init(column: "IsWon", value: .boolean(true))]))
        let lost = try source.totals(RowQuery(date: "Close Date", filters: [.init(column: "Stage", value: .text("Closed Lost"))]))
        let small = try source.totals(RowQuery(date: "close_date", filters: [.init(column: "amount", value: .number(500))]))
        #expect(all.rowsWithoutDate == 1)
        for m in 1...6 {
            #expect(all.months[Self.month(m)]?.rows == m + 2)
            #expect(won.months[Self.month(m)] == MonthTotal(rows: m, values: m, sum: Double(1000 * m * m)))
            #expect(lost.months[Self.month(m)]?.rows == 2)
            #expect(small.months[Self.month(m)]?.rows == 2)
        }
    }

    @Test("a query of one's own, and pairs of dates for fit")
    func queryAndPairs() throws {
        let table = PostgresServer.table("contacts")
        var sql = "CREATE TABLE \(table) (mql date, sql timestamp); INSERT INTO \(table) VALUES "
        var rows: [String] = []
        for month in 1...6 {
            for k in 0..<25 {
                let lag: Int? = k < 2 ? 0 : k < 7 ? 1 : k < 10 ? 2 : nil
                rows.append(String(format: "('2026-%02d-03', %@)", month, lag.map { String(format: "'2026-%02d-20 16:00'", month + $0) } ?? "NULL"))
            }
        }
        sql += rows.joined(separator: ", ")
        try PostgresServer.run(sql)
        let source = PostgresSource(connection: try PostgresServer.connection(), table: table)
        let fit = try #require(Fit(try source.pairs(first: "mql", second: "sql", filters: [])))
        #expect(fit.share == 0.4)
        #expect(fit.profile == [0.2, 0.5, 0.3])
        let monthly = try source.query("SELECT date_trunc('month', mql), count(*) FROM \(table) GROUP BY 1 ORDER BY 1")
        #expect(try QueryRows.values(monthly, grain: .month).map(\.value) == [25, 25, 25, 25, 25, 25])
        #expect(throws: SourceError.self) { _ = try QueryRows.values(monthly, grain: .quarter) }
    }

    @Test("every query runs read-only: a write is refused, even after a COMMIT of its own")
    func readOnly() throws {
        let table = try Self.deals()
        let source = PostgresSource(connection: try PostgresServer.connection(), table: table)
        for sql in ["DELETE FROM \(table)", "COMMIT; DELETE FROM \(table)", "CREATE TABLE x (a int)"] {
            do {
                _ = try source.query(sql)
                Issue.record("\(sql) ran")
            } catch {
                #expect(error.message.contains("read-only transaction"), "\(error.message)")
            }
        }
        #expect(try source.totals(RowQuery(date: "close_date")).months.count == 6)
    }

    @Test("a wrong password, a refused connection, a missing table or column, a statement timeout")
    func failures() throws {
        let table = try Self.deals()
        func message(_ body: () throws(SourceError) -> Void) -> String {
            do {
                try body()
                return "no error"
            } catch {
                return error.message
            }
        }
        let wrong = PostgresSource(connection: try PostgresServer.connection(password: "wrong"), table: table)
        #expect(message { () throws(SourceError) in _ = try wrong.totals(RowQuery(date: "close_date")) }.contains("password authentication failed"))
        let refused = PostgresSource(connection: "host=127.0.0.1 port=1 dbname=sales user=analyst", table: table)
        #expect(message { () throws(SourceError) in _ = try refused.totals(RowQuery(date: "close_date")) }.contains("Connection refused"))
        let good = PostgresSource(connection: try PostgresServer.connection(), table: "nope")
        #expect(message { () throws(SourceError) in _ = try good.totals(RowQuery(date: "close_date")) } == "PostgreSQL: relation \"nope\" does not exist")
        let columns = PostgresSource(connection: try PostgresServer.connection(), table: table)
        #expect(message { () throws(SourceError) in _ = try columns.totals(RowQuery(date: "closed_at")) }.hasPrefix("there is no column 'closed_at'"))
        let started = Date()
        let slow = "SET LOCAL statement_timeout = '1s'; SELECT '2026-07', 1 FROM pg_sleep(30)"
        let text = message { () throws(SourceError) in _ = try columns.query(slow) }
        #expect(text.contains("statement timeout"), "\(text)")
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("a missing table gets a did-you-mean from the server's tables")
    func missingTable() throws {
        let table = PostgresServer.table("pipeline")
        try PostgresServer.run("CREATE TABLE \(table) (close_date date)")
        let typo = String(table.dropLast())
        let source = PostgresSource(connection: try PostgresServer.connection(), table: typo)
        #expect(throws: SourceError(text: "PostgreSQL: relation \"\(typo)\" does not exist; did you mean '\(table)'?")) {
            _ = try source.totals(RowQuery(date: "close_date"))
        }
        let query = PostgresSource(connection: try PostgresServer.connection(), table: nil)
        #expect(throws: SourceError(text: "PostgreSQL: relation \"\(typo)\" does not exist; did you mean '\(table)'?")) {
            _ = try query.query("SELECT '2026-07', count(*) FROM \(typo)")
        }
    }

    @Test("an interrupted query is cancelled at the server too, as psql does on Ctrl-C")
    func cancelledAtServer() throws {
        let marker = "align_cancel_" + UUID().uuidString.prefix(8).lowercased()
        let watch = "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(marker)%' AND pid <> pg_backend_pid()"
        let started = Date()
        // Stopped once the server runs the query (or after 10 s, for the test to end).
        let source = PostgresSource(connection: try PostgresServer.connection(), table: nil) {
            (try? PostgresServer.output(watch)) == "1" || Date().timeIntervalSince(started) > 10
        }
        #expect(throws: SourceError(text: "interrupted")) {
            _ = try source.query("SELECT '2026-07', 1 FROM pg_sleep(30) -- \(marker)")
        }
        let interrupted = Date()
        #expect(interrupted.timeIntervalSince(started) < 10, "the query never showed in pg_stat_activity")
        var running = try PostgresServer.output(watch)
        while running != "0", Date().timeIntervalSince(interrupted) < 5 {
            Thread.sleep(forTimeInterval: 0.1)
            running = try PostgresServer.output(watch)
        }
        #expect(running == "0", "the query still runs at the server 5 s after the interrupt")
    }

    @Test("a long query is ended when asked to stop")
    func stops() throws {
        let stopAt = Date().addingTimeInterval(1)
        let source = PostgresSource(connection: try PostgresServer.connection(), table: nil, stop: { Date() > stopAt })
        let started = Date()
        #expect(throws: SourceError(text: "interrupted")) { _ = try source.query("SELECT '2026-07', 1 FROM pg_sleep(30)") }
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
