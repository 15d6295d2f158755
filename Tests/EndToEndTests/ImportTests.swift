import Foundation
import Testing

/// `import values FILE.csv` as it comes out of a CRM, and `export csv` back.
@Suite("import values")
struct ImportTests {
    static let setup = ["-c", "team Sales", "-c", "metric leads owner=Sales", "-c", "metric deals owner=Sales"]

    @Test("a CRM export: BOM, CRLF, quoted thousands, columns in another order, extra columns")
    func crmExport() throws {
        let s = try Scratch()
        try s.write(
            "crm.csv",
            "\u{FEFF}\"Account\",\"Value\",\"Period\",\"Metric\"\r\n\"Acme, Inc\",\"1,234\",2026-Q3,leads\r\n"
                + "\"Globex\",\"12,500.5\",2026-07,deals\r\n")
        let (result, saved) = try s.saved(after: Self.setup + ["-c", "import values crm.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(saved.contains("value leads 2026-Q3 1234\n"))
        #expect(saved.contains("value deals 2026-07 12500.5\n"))
    }

    @Test("empty value cells are skipped with one warning; accounts' (500) is -500")
    func emptyCells() throws {
        let s = try Scratch()
        try s.write("crm.csv", "metric,period,value\nleads,2026-Q1,\nleads,2026-Q2,(500)\ndeals,2026-Q2,\n")
        let (result, saved) = try s.saved(after: Self.setup + ["-c", "import values crm.csv"])
        #expect(result.status == 0)
        #expect(result.stderr == "<arg>:1:1: warning: 2 rows with an empty value were skipped (the first at crm.csv:2)\n")
        #expect(saved.contains("value leads 2026-Q2 -500\n"))
        #expect(!saved.contains("2026-Q1"))
    }

    @Test("a bad row is FILE:ROW: error, and nothing from the file is applied", arguments: [
        ("metric,period,value\nleads,2026-Q3,100\nleads,2026-Q4,1O0\n", "v.csv:3: error: '1O0' is not a number"),
        ("metric,period,value\nleads,2026-Q3,100\nleeds,2026-Q4,5\n", "v.csv:3: error: unknown metric 'leeds'; did you mean 'leads'?"),
        ("metric,value\nleads,100\n", "v.csv:1: error: the header must name the columns metric, period and value; missing: period"),
        ("metric,period,value\nleads,2026-Q3,100\nleads,2026-Q4\n", "v.csv:3: error: this row has 2 fields but the header has 3"),
        ("metric,period,value\nleads,2026-Q3,100\nleads,2026-Q5,1\n", "v.csv:3: error: '2026-Q5' is not a period"),
    ])
    func badRow(_ csv: String, _ error: String) throws {
        let s = try Scratch()
        try s.write("v.csv", csv)
        let (result, saved) = try s.saved(after: Self.setup + ["-c", "import values v.csv"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix(error), "\(result.stderr)")
        #expect(result.stderr.contains("note: nothing from v.csv was imported\n"))
        #expect(result.stderr.hasSuffix("note: the import was asked for at <arg>:1:1\n"))
        #expect(!saved.contains("value "))
    }

    @Test("a CSV that is not UTF-8, a folder, a missing file: clear errors")
    func notCSV() throws {
        let s = try Scratch()
        try s.write("latin1.csv", Data("metric,period,value\nleads,2026,1\nd".utf8) + Data([0xE9]) + Data("als,2026,2\n".utf8))
        let latin1 = try s.run(Self.setup + ["-c", "import values latin1.csv"])
        #expect(latin1.stderr.hasPrefix("latin1.csv:3: error: the file is not UTF-8 text\n"))
        try FileManager.default.createDirectory(atPath: s.path("dir.csv"), withIntermediateDirectories: true)
        let folder = try s.run(Self.setup + ["-c", "import values dir.csv"])
        #expect(folder.stderr == "<arg>:1:15: error: 'dir.csv' is a folder, not a file\n")
        let missing = try s.run(Self.setup + ["-c", "import values none.csv"])
        #expect(missing.stderr == "<arg>:1:15: error: no such file: 'none.csv'\n")
    }

    @Test("export csv writes what import reads: the values come back the same")
    func roundTrip() throws {
        let s = try Scratch()
        let values = [
            "-c", "metric \"odd\"", "-c", "value leads 2026-Q3 4000", "-c", "value leads 2026-07 0.125",
            "-c", "value deals 2026 -3.5", "-c", "value deals 2026-H2 1234567.891",
        ]
        let (_, before) = try s.saved(after: Self.setup + values + ["-c", "export csv values.csv"])
        let csv = try #require(s.read("values.csv"))
        #expect(csv.hasPrefix("metric,period,value\n"))
        let (result, after) = try s.saved(after: Self.setup + ["-c", "import values values.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(after == before)
    }
}

/// `import plan FILE.csv`: the same columns, as plan values, all or nothing.
@Suite("import plan")
struct ImportPlanTests {
    @Test("plan values are imported as plan, beside the actuals, and saved as plan lines")
    func imported() throws {
        let s = try Scratch()
        try s.write("plan.csv", "metric,period,value\nleads,2026-Q3,4500\nleads,2026-Q4,\"5,000\"\n")
        let (result, saved) = try s.saved(after: ImportTests.setup + ["-c", "value leads 2026-Q3 4000", "-c", "import plan plan.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(saved.contains("value leads 2026-Q3 4000\n"))
        #expect(saved.contains("plan leads 2026-Q3 4500\n"))
        #expect(saved.contains("plan leads 2026-Q4 5000\n"))
    }

    @Test("a bad row refuses the whole file, naming FILE:ROW")
    func badRow() throws {
        let s = try Scratch()
        try s.write("plan.csv", "metric,period,value\nleads,2026-Q3,4500\nleads,2026-Q9,1\n")
        let (result, saved) = try s.saved(after: ImportTests.setup + ["-c", "import plan plan.csv"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("plan.csv:3: error: '2026-Q9' is not a period"), "\(result.stderr)")
        #expect(!saved.contains("plan "))
    }
}
