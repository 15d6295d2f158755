import Foundation
import Glibc
import Testing

/// Sources, actuals, refresh and fit through the built binary: exports made
/// by the tests, an SQLite file, a real PostgreSQL server, and each failure.
@Suite("Data where it lives, end to end")
struct DataEndToEndTests {
    static let metrics = ["-c", "metric bookings unit=USD", "-c", "metric deals", "-c", "metric mqls", "-c", "metric sqls"]

    static func opps(_ s: Scratch, _ text: String = DataFixtures.salesforce()) throws -> [String] {
        try s.write("opps.csv", text)
        return metrics + ["-c", "source opps csv opps.csv"]
    }

    @Test("a Salesforce export: won deals added up by the month they close; the answer is the diff")
    func salesforce() throws {
        let s = try Scratch()
        let setup = try Self.opps(s)
        let (result, saved) = try s.saved(after: setup + [
            "-c", "actuals bookings = sum(Amount) from opps by CloseDate where IsWon = true",
            "-c", "actuals deals = count() from opps by \"Close Date\" where StageName = \"Closed Won\" per=quarter",
            "-c", "refresh",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("bookings from opps: 21 rows in 6 months (34 rows read)"))
        #expect(result.stdout.contains("8 added, 0 changed, 0 removed, 0 values the same"))
        #expect(result.stdout.contains("+  bookings  2026-06          36,000 USD"), "\(result.stdout)")
        for (m, total) in [1: 1000, 2: 4000, 3: 9000, 4: 16000, 5: 25000, 6: 36000] {
            #expect(saved.contains("value bookings 2026-0\(m) \(total)\n"))
        }
        #expect(saved.contains("value deals 2026-Q1 6\nvalue deals 2026-Q2 15\n"))
        #expect(saved.contains("source opps csv \"opps.csv\"\n"))
    }

    @Test("a HubSpot export: fit finds the 40% that convert at 20%, 50%, 30% and prints the line to paste")
    func hubspotFit() throws {
        let s = try Scratch()
        try s.write("contacts.csv", DataFixtures.hubspot())
        let result = try s.run(Self.metrics + [
            "-c", "source contacts csv contacts.csv", "-c", "actuals mqls = count() from contacts by mql_date",
            "-c", "fit sqls from contacts mql_date -> sql_date",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("metric sqls = profile(mqls, 1m, 20%, 50%, 30%) * 40%\n"), "\(result.stdout)")
        #expect(result.stdout.contains("150 rows with mql_date in 2026-01..2026-06; 60 of them (40%) reach sql_date within 2 months"))
        let json = try s.run(["--format", "json"] + Self.metrics + [
            "-c", "source contacts csv contacts.csv", "-c", "fit sqls from contacts mql_date -> sql_date",
        ])
        #expect(json.stdout.contains("\"fit\""), "\(json.stdout)")
    }

    @Test("an SQLite file made by the test: the sums come from SQLite; a query of one's own")
    func sqlite() throws {
        let s = try Scratch()
        try DataFixtures.sqlite(s.path("crm.db"), """
            CREATE TABLE deals (id INTEGER, stage TEXT, amount REAL, close_date TEXT);
            INSERT INTO deals VALUES (1, 'Closed Won', 100, '2026-01-05'), (2, 'Closed Won', 50.5, '2026-01-31T23:00:00.000Z'),
              (3, 'Closed Lost', 70, '2026-02-02'), (4, 'Closed Won', 10, '2026-03-10 09:00:00');
            """)
        let (result, saved) = try s.saved(after: Self.metrics + [
            "-c", "source crm sqlite crm.db table=deals",
            "-c", "actuals bookings = sum(Amount) from crm by CloseDate where Stage = \"Closed Won\"",
            "-c", "actuals deals = sql crm \"SELECT substr(close_date, 1, 7), count(*) FROM deals GROUP BY 1\"",
            "-c", "refresh",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(saved.contains("value bookings 2026-01 150.5\nvalue bookings 2026-02 0\nvalue bookings 2026-03 10\n"))
        #expect(saved.contains("value deals 2026-01 2\nvalue deals 2026-02 1\nvalue deals 2026-03 1\n"))
    }

    @Test("a query's number past 1.8e308 is refused, naming the source and the row; what is saved replays")
    func notFinite() throws {
        let s = try Scratch()
        try DataFixtures.sqlite(s.path("crm.db"), "CREATE TABLE t (a INTEGER);")
        for number in ["1e400", "-1e400"] {
            let result = try s.run([
                "--keep-going", "-c", "metric m unit=USD", "-c", "source s sqlite crm.db",
                "-c", "actuals m = sql s \"select '2026-07', \(number)\"", "-c", "refresh", "-c", "save inf.align",
            ])
            #expect(result.status != 0)
            let sign = number.hasPrefix("-") ? "-" : ""
            #expect(result.stderr.contains("error: source s: '\(sign)Inf' in row 1 of the query is not a finite number"), "\(result.stderr)")
            #expect(result.stderr.contains("nothing from this refresh was applied"))
            let saved = s.read("inf.align") ?? ""
            #expect(!saved.contains("value m"), "\(saved)")
            let replayed = try s.run(["inf.align"])
            #expect(replayed.status == 0, "\(replayed.stderr)")
        }
    }

    @Test("a real PostgreSQL server: the password from PGPASSWORD, then from ~/.pgpass", .enabled(if: DataFixtures.Postgres.available))
    func postgres() throws {
        let s = try Scratch()
        let table = DataFixtures.Postgres.table("leads")
        try DataFixtures.Postgres.run("""
            CREATE TABLE \(table) (id serial, created date, sql_date timestamptz, won boolean, amount numeric);
            INSERT INTO \(table) (created, sql_date, won, amount) VALUES
              ('2026-07-03', '2026-08-10 10:00+00', true, 1200), ('2026-07-15', NULL, false, 800),
              ('2026-08-01', '2026-08-20 09:00+00', true, 300.5), (NULL, NULL, false, 1);
            """)
        let lines = Self.metrics + [
            "-c", "source wh postgres \"\(DataFixtures.Postgres.connection)\" table=\(table)",
            "-c", "actuals mqls = count() from wh by created",
            "-c", "actuals bookings = sum(amount) from wh by created where won = true",
            "-c", "actuals sqls = sql wh \"select date_trunc('month', sql_date), count(*) from \(table) where sql_date is not null group by 1\"",
            "-c", "refresh",
        ]
        let (result, saved) = try s.saved(after: lines, environment: ["PGPASSWORD": DataFixtures.Postgres.password])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("mqls from wh: 3 rows in 2 months; 1 row without a date left out"), "\(result.stdout)")
        #expect(saved.contains("value mqls 2026-07 2\nvalue mqls 2026-08 1\n"))
        #expect(saved.contains("value bookings 2026-07 1200\nvalue bookings 2026-08 300.5\n"))
        #expect(saved.contains("value sqls 2026-08 2\n"))
        try s.write(".pgpass", "127.0.0.1:\(DataFixtures.Postgres.port):sales:analyst:\(DataFixtures.Postgres.password)\n")
        chmod(s.path(".pgpass"), 0o600)
        let (fromFile, savedFromFile) = try s.saved(after: lines)
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(savedFromFile == saved)
    }

    // MARK: Failures, each with its message and place; nothing of a failed pull is applied.

    @Test("a column that is not there: did you mean, from the header; FILE:LINE; nothing applied")
    func missingColumn() throws {
        let s = try Scratch()
        let (result, saved) = try s.saved(after: try Self.opps(s) + [
            "-c", "value bookings 2026-01 5", "-c", "actuals bookings = sum(Amount) from opps by CloseDat", "-c", "refresh",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("opps.csv:1: error: there is no column 'CloseDat'; did you mean 'Close Date'?\n"), "\(result.stderr)")
        #expect(result.stderr.contains("note: nothing from this refresh was applied\n"))
        #expect(saved.contains("value bookings 2026-01 5\n"))
    }

    @Test("a date that cannot be read: FILE:LINE and the column; nothing applied")
    func badDate() throws {
        let s = try Scratch()
        let text = DataFixtures.salesforce().replacingOccurrences(of: "2/2/2026", with: "2/30/2026")
        let (result, saved) = try s.saved(after: try Self.opps(s, text) + [
            "-c", "actuals deals = count() from opps by CloseDate", "-c", "refresh",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("opps.csv:6: error: '2/30/2026' in column 'Close Date' is not a date"), "\(result.stderr)")
        #expect(!saved.contains("value deals"))
    }

    @Test("a number that cannot be read: FILE:LINE and the column")
    func badNumber() throws {
        let s = try Scratch()
        let text = DataFixtures.salesforce().replacingOccurrences(of: "\"$3,000.00\"", with: "3 thousand")
        let result = try s.run(try Self.opps(s, text) + ["-c", "actuals bookings = sum(Amount) from opps by CloseDate", "-c", "refresh"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("opps.csv:9: error: '3 thousand' in column 'Amount' is not a number"), "\(result.stderr)")
    }

    @Test("a file that is not there")
    func noFile() throws {
        let s = try Scratch()
        let result = try s.run(Self.metrics + ["-c", "source opps csv gone.csv", "-c", "actuals deals = count() from opps by d", "-c", "refresh"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<arg>:1:1: error: source opps: cannot read 'gone.csv': there is no such file\n"), "\(result.stderr)")
    }

    @Test("a refused connection is an error at once")
    func refused() throws {
        let s = try Scratch()
        let started = Date()
        let result = try s.run(Self.metrics + [
            "-c", "source wh postgres \"host=127.0.0.1 port=1 dbname=sales user=analyst\" table=t",
            "-c", "actuals deals = count() from wh by d", "-c", "refresh",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: source wh: PostgreSQL: connection to server at \"127.0.0.1\", port 1 failed: Connection refused"))
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("a server that never answers: the connection times out within seconds")
    func connectTimeout() throws {
        // A socket that listens and never answers: the kernel takes the connection, no server speaks.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        listen(fd, 8)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let port = UInt16(bigEndian: address.sin_port)
        let s = try Scratch()
        let started = Date()
        let result = try s.run(
            Self.metrics + [
                "-c", "source wh postgres \"host=127.0.0.1 port=\(port) dbname=sales user=analyst\" table=t",
                "-c", "actuals deals = count() from wh by d", "-c", "refresh",
            ], environment: ["PGCONNECT_TIMEOUT": "2"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("timeout expired"), "\(result.stderr)")
        #expect(Date().timeIntervalSince(started) < 8)
    }

    @Test("a wrong password, and a statement that runs too long", .enabled(if: DataFixtures.Postgres.available))
    func passwordAndStatementTimeout() throws {
        let s = try Scratch()
        let lines = Self.metrics + [
            "-c", "source wh postgres \"\(DataFixtures.Postgres.connection)\"",
            "-c", "actuals deals = sql wh \"select '2026-07', 1 from pg_sleep(30)\"", "-c", "refresh",
        ]
        let wrong = try s.run(lines, environment: ["PGPASSWORD": "wrong"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("password authentication failed for user \"analyst\""), "\(wrong.stderr)")
        let started = Date()
        let slow = try s.run(
            lines, environment: ["PGPASSWORD": DataFixtures.Postgres.password, "PGOPTIONS": "-c statement_timeout=1s"])
        #expect(slow.status == 1)
        #expect(slow.stderr.contains("canceling statement due to statement timeout"), "\(slow.stderr)")
        #expect(Date().timeIntervalSince(started) < 8)
    }

    @Test("a password in a line is refused at its place and written nowhere")
    func passwordInLine() throws {
        let s = try Scratch()
        let (result, saved) = try s.saved(after: [
            "-c", "record rec.align", "-c", "source wh postgres \"host=db password=hunter2 user=u\"",
            "-c", "source wh2 postgres \"postgresql://u:hunter2@db:5432/sales\"", "-c", "record off",
        ])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<arg>:1:38: error: a password written in a line would be kept"), "\(result.stderr)")
        #expect(result.stderr.contains("<arg>:1:37: error: a password written in a line"))
        #expect(!saved.contains("hunter2") && !saved.contains("source"))
        #expect(!(s.read("rec.align") ?? "").contains("hunter2"))
    }

    @Test("--safe refuses every source")
    func safe() throws {
        let s = try Scratch()
        try s.write("plan.align", "metric deals\nsource opps csv opps.csv\n")
        let result = try s.run(["--safe", "plan.align"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("plan.align:2:1: error: --safe: sources are refused"), "\(result.stderr)")
    }

    @Test("--recover takes a refresh again from the values in the journal, with no source")
    func recover() throws {
        let s = try Scratch()
        let lines = [
            "session→1764234000→200→-→\(s.url.path)", "prompt→1764234000",
            "command→1764234001→ok→-→metric deals",
            "command→1764234002→ok→-→source opps csv gone.csv",
            "command→1764234003→ok→-→actuals deals = count() from opps by CloseDate",
            "read→<pulled> deals→# grain month\\nvalue deals 2026-07 4\\nvalue deals 2026-08 0\\nvalue deals 2026-09 2\\n",
            "command→1764234004→ok→-→refresh",
        ]
        let text = (["align-journal 1"] + lines).joined(separator: "\n") + "\n"
        try s.write("state/align/journals/20261127-090000-200.journal", text.replacingOccurrences(of: "→", with: "\t"))
        let result = try s.run(["--recover", "-c", "save out.align"], environment: ["XDG_STATE_HOME": s.path("state")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(s.read("out.align")?.contains("value deals 2026-07 4\nvalue deals 2026-08 0\nvalue deals 2026-09 2\n") == true)
    }
}
