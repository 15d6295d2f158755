@testable import AlignCore
import Testing

/// The table that numbers the values a variance walks.
@Suite("KeyNumbers")
struct KeyNumbersTests {
    @Test("keys get dense numbers in the order met, kept as the table grows many times")
    func growth() throws {
        var table = KeyNumbers(capacity: 4)
        let months = try (1...12).map { try #require(Period("2026-\($0 < 10 ? "0" : "")\($0)")) }
        var keys: [ValueKey] = []
        // Metric slots far apart and close together, to collide in the table.
        for m in [0, 1, 2, 1 << 20, (1 << 20) + 1, 65_536, 999_999] {
            for p in months { keys.append(ValueKey(MetricID(Int32(m)), p)) }
        }
        for (n, key) in keys.enumerated() {
            let (number, new) = table.insert(key)
            #expect(new && number == n)
            // Met again at once, and after everything before it.
            #expect(table.insert(key) == (n, false))
            #expect(table.number(of: keys[n / 2]) == n / 2)
        }
        for (n, key) in keys.enumerated() {
            #expect(table.number(of: key) == n)
            #expect(table.insert(key) == (n, false))
        }
        #expect(table.keys == keys)
        #expect(table.number(of: ValueKey(MetricID(3), months[0])) == nil)
    }
}
