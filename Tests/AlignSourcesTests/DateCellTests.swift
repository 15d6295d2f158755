import AlignSources
import Testing

/// Dates as CRM and marketing exports write them.
@Suite("Date cells")
struct DateCellTests {
    static func month(_ year: Int, _ month: Int) -> DateCell.Reading { .month(year * 12 + month - 1) }

    @Test("ISO, with a time, Salesforce and HubSpot forms, US (with / or -), dotted, a month alone", arguments: [
        ("2026-07-15", 2026, 7), ("2026-07-15 10:20", 2026, 7), ("2026-07-15T10:20:30.000Z", 2026, 7),
        ("2026-07-31T23:59:59+02:00", 2026, 7), ("07/15/2026", 2026, 7), ("7/15/2026 10:20 AM", 2026, 7),
        ("7/5/26", 2026, 7), ("2026/07/15", 2026, 7), ("15.07.2026", 2026, 7), ("2026-07", 2026, 7),
        ("07-15-2026", 2026, 7), ("  2026-02-29 ", 2026, 3),
    ])
    func reads(_ text: String, _ year: Int, _ month: Int) {
        if text.contains("02-29") {
            #expect(DateCell.read(text) == .invalid)  // 2026 is not a leap year
        } else {
            #expect(DateCell.read(text) == Self.month(year, month), "\(text)")
        }
    }

    @Test("what is not a date", arguments: [
        "2026-13-01", "2026-02-30", "July 15", "15/07", "2026-07-15x", "20260715", "1.5", "abc", "2026-7",
    ])
    func invalid(_ text: String) {
        #expect(DateCell.read(text) == .invalid, "\(text)")
    }

    @Test("an empty cell, and a date written day first")
    func emptyAndDayFirst() {
        #expect(DateCell.read("  ") == .empty)
        #expect(DateCell.read("15/07/2026") == .dayFirst)
        #expect(DateCell.read("2024-02-29") == Self.month(2024, 2))
    }
}
