import Foundation

/// Exports, SQLite files and PostgreSQL tables made by the end-to-end tests.
enum DataFixtures {
    /// A Salesforce opportunity report export: report labels, US dates (some
    /// with a time), "$1,234.00" amounts, a name with a comma, CRLF line
    /// ends, one open deal with no close date. In month m of 2026's first
    /// half, m + 2 deals close: the first m won, for 1,000 × m each.
    static func salesforce() -> String {
        var text = "\"Opportunity ID\",\"Account Name\",\"Stage\",\"Amount\",\"Close Date\",\"Won\"\r\n"
        var id = 0
        for month in 1...6 {
            for k in 0..<(month + 2) {
                id += 1
                let won = k < month
                let amount = won ? String(format: "\"$%d,000.00\"", month) : "\"$500.00\""
                let time = id % 3 == 0 ? " 10:20 AM" : ""
                text += "006\(id),\"\(k == 0 ? "Acme, Inc" : "Account \(k)")\",\(won ? "Closed Won" : "Closed Lost"),"
                text += "\(amount),\(month)/\(1 + k)/2026\(time),\(won)\r\n"
            }
        }
        return text + "006\(id + 1),\"Open Co\",Prospecting,\"$9,999.00\",,false\r\n"
    }

    /// A HubSpot contact export: a byte-order mark, the export's labels, ISO
    /// dates with a time. Each month from January to June, 25 contacts
    /// become MQLs and 10 of them SQLs: 2 the same month, 5 a month later,
    /// 3 two months later.
    static func hubspot() -> String {
        var text = "\u{FEFF}Record ID,Email,Lifecycle Stage,Become a Lead Date,Became a Marketing Qualified Lead Date,Became a Sales Qualified Lead Date\n"
        var id = 100
        for month in 1...6 {
            for k in 0..<25 {
                id += 1
                let lag: Int? = k < 2 ? 0 : k < 7 ? 1 : k < 10 ? 2 : nil
                let sql = lag.map { String(format: "2026-%02d-20 16:00", month + $0) } ?? ""
                text += "\(id),c\(id)@example.com,x,2026-01-01 08:00,\(String(format: "2026-%02d-03 09:30", month)),\(sql)\n"
            }
        }
        return text
    }

    /// Runs a program; fails with what it wrote to standard error.
    static func run(_ program: String, _ arguments: [String], input: String = "", environment: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let stdin = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        try stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        let error = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if process.terminationStatus != 0 { throw Failure("\(program) failed: \(error)") }
    }

    /// An SQLite file made with the sqlite3 command.
    static func sqlite(_ path: String, _ sql: String) throws {
        try run("/usr/bin/sqlite3", [path], input: sql)
    }

    /// The throw-away server scripts/test starts, if it did.
    enum Postgres {
        static let environment = ProcessInfo.processInfo.environment
        static var available: Bool { environment["ALIGN_TEST_PG_PORT"] != nil }
        static var port: String { environment["ALIGN_TEST_PG_PORT"] ?? "" }
        static var password: String { environment["ALIGN_TEST_PG_PASSWORD"] ?? "" }
        static var connection: String { "host=127.0.0.1 port=\(port) dbname=sales user=analyst" }

        /// Runs SQL as the analyst.
        static func run(_ sql: String) throws {
            try DataFixtures.run(
                "/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port, "-U", "analyst", "-d", "sales"],
                input: sql, environment: ["PGPASSWORD": password])
        }

        static func table(_ stem: String) -> String { stem + "_" + UUID().uuidString.prefix(8).lowercased() }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
