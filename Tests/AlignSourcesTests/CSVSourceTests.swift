import AlignCore
import AlignSources
import Foundation
import Testing

/// CSV exports as sources: totals by month, conditions, the errors that name
/// FILE:LINE and the column.
@Suite("CSV sources")
struct CSVSourceTests {
    static func month(_ m: Int) -> Int { 2026 * 12 + m - 1 }

    static func salesforce() throws -> CSVSource {
        CSVSource(path: try Exports.file("opportunities.csv", Exports.salesforce(Exports.deals())))
    }

    @Test("a Salesforce export: deals counted and added up by the month they close, with conditions")
    func salesforce() throws {
        let source = try Self.salesforce()
        let results = try source.totals([
            RowQuery(date: "Close Date"),
            RowQuery(date: "CloseDate", value: "Amount", filters: [.init(column: "IsWon", value: .boolean(true))]),
            RowQuery(date: "close_date", filters: [.init(column: "StageName", value: .text("Closed Lost"))]),
            RowQuery(date: "Close Date", filters: [.init(column: "Amount", value: .number(500))]),
        ])
        #expect(results.allSatisfy { $0.rowsRead == 34 })
        #expect(results[0].rowsWithoutDate == 1)
        for m in 1...6 {
            #expect(results[0].months[Self.month(m)]?.rows == m + 2)
            #expect(results[1].months[Self.month(m)] == MonthTotal(rows: m, values: m, sum: Double(1000 * m * m)))
            #expect(results[2].months[Self.month(m)]?.rows == 2)
            #expect(results[3].months[Self.month(m)]?.rows == 2)
        }
        #expect(results[1].rowsWithoutDate == 0)
    }

    @Test("values at a grain: months rolled up; averages over the values; zero between periods with rows")
    func grains() throws {
        var result = PullResult()
        result.months = [Self.month(1): MonthTotal(rows: 2, values: 2, sum: 10), Self.month(5): MonthTotal(rows: 1, values: 1, sum: 5)]
        #expect(result.values(.count, grain: .month).map(\.value) == [2, 0, 0, 0, 1])
        #expect(result.values(.count, grain: .quarter).map { "\($0.period) \($0.value)" } == ["2026-Q1 2.0", "2026-Q2 1.0"])
        #expect(result.values(.avg("x"), grain: .month).map(\.value) == [5, 5])
        #expect(result.values(.sum("x"), grain: .year).map { "\($0.period) \($0.value)" } == ["2026 15.0"])
    }

    @Test("a date that cannot be read is an error naming the line and the column")
    func badDate() throws {
        let text = Exports.salesforce(Exports.deals()).replacingOccurrences(of: "3/1/2026", with: "3/32/2026")
        let source = CSVSource(path: try Exports.file("o.csv", text))
        #expect(throws: SourceError(text: "'3/32/2026' in column 'Close Date' is not a date (write 2026-07-15, 2026-07-15T10:20:30Z or 07/15/2026)", line: 9)) {
            _ = try source.totals([RowQuery(date: "CloseDate")])
        }
    }

    @Test("a date written day first is refused with the reason")
    func dayFirst() throws {
        let source = CSVSource(path: try Exports.file("o.csv", "Close Date,Amount\n15/07/2026,5\n"))
        #expect(throws: SourceError.self) { _ = try source.totals([RowQuery(date: "Close Date")]) }
        do {
            _ = try source.totals([RowQuery(date: "Close Date")])
        } catch {
            #expect(error.message.contains("month/day/year"))
            #expect(error.line == 2)
        }
    }

    @Test("an amount that cannot be read is an error; an empty one is left out of the sum and the average")
    func badAmount() throws {
        let source = CSVSource(path: try Exports.file("o.csv", "d,a\n2026-01-02,5\n2026-01-03,\n2026-01-04,5 apples\n"))
        #expect(throws: SourceError(text: "'5 apples' in column 'a' is not a number (write 1200, 1,200.50, $1,200 or (500))", line: 4)) {
            _ = try source.totals([RowQuery(date: "d", value: "a")])
        }
        let ok = CSVSource(path: try Exports.file("o.csv", "d,a\n2026-01-02,5\n2026-01-03,\n"))
        #expect(try ok.totals([RowQuery(date: "d", value: "a")])[0].months[Self.month(1)] == MonthTotal(rows: 2, values: 1, sum: 5))
    }

    @Test("amounts in more than one currency in one column are refused, naming the first row of each")
    func currencies() throws {
        let mixed = "Close Date,Deal Amount,Stage\n2026-01-05,\"$12,000.00\",Won\n2026-01-09,\"USD 20,000\",Won\n"
            + "2026-02-01,500,Won\n2026-03-02,\"€1,000\",Won\n2026-03-04,£20,Lost\n2026-03-05,\"€3,000\",Won\n"
        let source = CSVSource(path: try Exports.file("deals.csv", mixed))
        let message = "column 'Deal Amount' holds amounts in 3 currencies: USD from line 2 ('$12,000.00'), "
            + "EUR from line 5 ('€1,000'), GBP from line 6 ('£20'); align converts none, and a total of two is in "
            + "neither: export the amounts in one currency (Salesforce's 'Amount (converted)'), or keep one with where"
        #expect(throws: SourceError(text: message, line: 5)) {
            _ = try source.totals([RowQuery(date: "Close Date", value: "Deal Amount")])
        }
        // Only the amounts a query adds up count; a count reads none.
        let lost = try source.totals([
            RowQuery(date: "Close Date", value: "Deal Amount", filters: [.init(column: "Stage", value: .text("Lost"))]),
            RowQuery(date: "Close Date"),
        ])
        #expect(lost[0].months[Self.month(3)]?.sum == 20)
        #expect(lost[1].months[Self.month(3)]?.rows == 3)
        // $ and USD are one currency; a bare number is in none.
        let dollars = CSVSource(path: try Exports.file("d.csv", "d,a\n2026-01-02,\"$12,000.00\"\n2026-01-03,\"USD 20,000\"\n2026-01-04,500\n"))
        #expect(try dollars.totals([RowQuery(date: "d", value: "a")])[0].months[Self.month(1)]?.sum == 32500)
    }

    @Test("an amount too large to be a finite number is not a number")
    func infiniteAmount() throws {
        let huge = String(repeating: "9", count: 400)
        let source = CSVSource(path: try Exports.file("o.csv", "d,a\n2026-01-02,5\n2026-01-03,\(huge)\n"))
        #expect(throws: SourceError(text: "'\(huge)' in column 'a' is not a number (write 1200, 1,200.50, $1,200 or (500))", line: 3)) {
            _ = try source.totals([RowQuery(date: "d", value: "a")])
        }
    }

    @Test("a missing column, a short row, a missing file, a folder")
    func failures() throws {
        let source = try Self.salesforce()
        #expect(throws: SourceError(text: "there is no column 'Close Dat'; did you mean 'Close Date'?", line: 1)) {
            _ = try source.totals([RowQuery(date: "Close Dat")])
        }
        let short = CSVSource(path: try Exports.file("o.csv", "a,b,c\n2026-01-01,1,2\n2026-01-02,1\n"))
        #expect(throws: SourceError(text: "this row ends after 2 fields, but the header has 3", line: 3)) {
            _ = try short.totals([RowQuery(date: "a", value: "c")])
        }
        #expect(throws: SourceError(text: "cannot read '/nonexistent/x.csv': there is no such file")) {
            _ = try CSVSource(path: "/nonexistent/x.csv").totals([RowQuery(date: "a")])
        }
        #expect(throws: SourceError(text: "cannot read '/tmp': it is a folder, not a file")) {
            _ = try CSVSource(path: "/tmp").totals([RowQuery(date: "a")])
        }
        #expect(throws: SourceError(text: "the file is empty", line: 1)) {
            _ = try CSVSource(path: try Exports.file("e.csv", "")).totals([RowQuery(date: "a")])
        }
    }

    @Test("a read stops when asked to")
    func stops() throws {
        let path = try Exports.file("o.csv", Exports.salesforce(Exports.deals()))
        #expect(throws: SourceError(text: "interrupted")) {
            _ = try CSVSource(path: path, stop: { true }).totals([RowQuery(date: "Close Date")])
        }
    }

    @Test("a file of many rows is read in chunks, to the same totals")
    func manyRows() throws {
        var text = "Id,Close Date,Amount,Stage\n"
        for i in 0..<200_000 {
            text += "\(i),2026-\(i % 12 + 1 < 10 ? "0" : "")\(i % 12 + 1)-15,\"1,000.50\",\(i % 2 == 0 ? "Closed Won" : "Open")\n"
        }
        let result = try CSVSource(path: try Exports.file("big.csv", text)).totals([
            RowQuery(date: "CloseDate", value: "Amount", filters: [.init(column: "Stage", value: .text("Closed Won"))])
        ])[0]
        #expect(result.rowsRead == 200_000)
        #expect(result.months.values.reduce(0) { $0 + $1.rows } == 100_000)
        #expect(result.months[Self.month(1)]?.sum == 1000.5 * Double(16_667))
    }
}
