import Foundation
import Testing

/// The throw-away PostgreSQL server `scripts/test` starts (scripts/postgres),
/// named by ALIGN_TEST_PG_* variables. Without them the tests that need it
/// are skipped, unless ALIGN_TEST_PG_REQUIRED=1 says it must be there.
enum PostgresServer {
    static let environment = ProcessInfo.processInfo.environment

    /// Whether the server was started for this run.
    static var available: Bool { environment["ALIGN_TEST_PG_PORT"] != nil }

    static var port: String { environment["ALIGN_TEST_PG_PORT"] ?? "" }
    static var password: String { environment["ALIGN_TEST_PG_PASSWORD"] ?? "" }

    /// A connection string with no password in it: libpq reads the password
    /// from the file `passfile=` names, as from ~/.pgpass.
    static func connection(password: String = PostgresServer.password) throws -> String {
        try FileManager.default.createDirectory(at: Exports.folder, withIntermediateDirectories: true)
        let file = Exports.folder.appendingPathComponent("pgpass-" + UUID().uuidString)
        try Data("127.0.0.1:\(port):sales:analyst:\(password)\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        return "host=127.0.0.1 port=\(port) dbname=sales user=analyst passfile=\(file.path)"
    }

    /// Runs SQL as the analyst, through psql.
    static func run(_ sql: String) throws { _ = try output(sql) }

    /// Runs SQL as the analyst, through psql: what it prints, unaligned, without headers.
    static func output(_ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = [
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port, "-U", "analyst", "-d", "sales", "-c", sql,
        ]
        process.environment = ["PGPASSWORD": password, "PATH": "/usr/bin:/bin"]
        let error = Pipe()
        let output = Pipe()
        process.standardError = error
        process.standardOutput = output
        try process.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        if process.terminationStatus != 0 { throw Failure(text) }
        return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A table name no other test uses.
    static func table(_ stem: String) -> String { stem + "_" + UUID().uuidString.prefix(8).lowercased() }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// Fails the run when the server was required but not started.
@Suite("PostgreSQL server for the tests")
struct PostgresServerCheck {
    @Test("scripts/test started it, when it says it must be there")
    func started() {
        if PostgresServer.environment["ALIGN_TEST_PG_REQUIRED"] == "1" {
            #expect(PostgresServer.available, "ALIGN_TEST_PG_REQUIRED=1 but no ALIGN_TEST_PG_PORT: scripts/postgres did not start")
        }
    }
}
