import AlignCore
import AlignLanguage
import Foundation
import Testing

@testable import AlignSession

/// Tab in the data commands: source names after `from` and `refresh`, the
/// aggregates, and the columns of the source the line names, read from its
/// header (`|` marks the cursor).
@Suite("Tab completion of sources and columns")
struct DataCompletionTests {
    static func engine() throws -> CompletionEngine {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-completion-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("\u{FEFF}Opportunity ID,Stage,Amount,Close Date\n006,Closed Won,1,2026-07-01\n".utf8)
            .write(to: folder.appendingPathComponent("opps.csv"))
        var options = SessionOptions()
        options.workingDirectory = folder.path
        let session = Session(options: options, output: CapturedOutput())
        session.run(SourceText(name: "test", text: """
            metric bookings
            metric deals
            source opps csv opps.csv
            source other csv missing.csv
            source wh postgres "host=db"
            """))
        return CompletionEngine(workspace: session.workspace, folder: folder.path)
    }

    @Test("what each place offers", arguments: [
        ("refresh |", ["opps", "other", "wh"]),
        ("refresh o|", ["opps", "other"]),
        ("actuals bookings = s|", ["sql", "sum("]),
        ("actuals bookings = |", ["avg(", "count()", "sql", "sum("]),
        ("actuals bookings = sum(A|", []),
        ("actuals bookings = count() from o|", ["opps", "other"]),
        ("actuals bookings = count() from opps by |", ["\"Close Date\"", "\"Opportunity ID\"", "Amount", "Stage"]),
        ("actuals bookings = count() from opps by \"C|", ["\"Close Date\""]),
        ("actuals bookings = count() from opps by CloseDate where S|", ["Stage"]),
        ("actuals bookings = count() from opps by CloseDate where Stage = t|", ["true"]),
        ("actuals bookings = count() from opps by CloseDate p|", ["per="]),
        ("actuals bookings = count() from other by |", []),
        ("actuals bookings = count() from wh by |", []),
        ("fit deals from opps |", ["\"Close Date\"", "\"Opportunity ID\"", "Amount", "Stage"]),
        ("source x |", ["csv", "postgres", "sqlite"]),
        ("remove source |", ["opps", "other", "wh"]),
        ("show so|", ["sources"]),
    ])
    func offers(_ marked: String, _ expected: [String]) throws {
        #expect(CompletionTests.offers(marked, try Self.engine()) == expected, "\(marked)")
    }
}
