import CSQLite
import Foundation

/// SQLite files made by the tests, through the same system library.
enum SQLiteFile {
    /// A new file in a temporary folder, with `statements` run in it; its path.
    static func make(_ statements: [String]) throws -> String {
        let path = try Exports.file("test.db", "")
        try FileManager.default.removeItem(atPath: path)
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw Failure("cannot create \(path)") }
        defer { sqlite3_close(db) }
        for statement in statements {
            guard sqlite3_exec(db, statement, nil, nil, nil) == SQLITE_OK else {
                throw Failure(String(cString: sqlite3_errmsg(db)) + " in: " + statement)
            }
        }
        return path
    }

    /// The deals of `Exports.deals()` as a table `deals`: ISO close dates
    /// (some with a time), amounts as numbers, Won as 0 or 1.
    static func deals() throws -> String {
        var statements = [
            "CREATE TABLE deals (\"Opportunity ID\" TEXT, \"Account Name\" TEXT, Stage TEXT, Amount REAL, \"Close Date\" TEXT, Won INTEGER)",
            "BEGIN",
        ]
        for d in Exports.deals() {
            let close = d.close.map { c in String(format: "'%04d-%02d-%02d%@'", c.year, c.month, c.day, d.id % 2 == 0 ? "T10:20:30.000Z" : "") } ?? "NULL"
            statements.append(
                "INSERT INTO deals VALUES ('006\(d.id)', '\(d.account)', '\(d.stage)', \(d.amount), \(close), \(d.won ? 1 : 0))")
        }
        statements.append("COMMIT")
        return try make(statements)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
