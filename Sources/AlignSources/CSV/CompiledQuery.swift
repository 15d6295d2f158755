import AlignCore
import AlignLanguage

/// A query with its columns found in a header and its conditions ready to
/// test the bytes of a cell, so a row costs no text.
struct CompiledQuery {
    let date: Int
    let dateName: String
    let value: Int?
    let valueName: String?
    let filters: [CompiledFilter]
    let decimalComma: Bool

    init(_ query: RowQuery, _ header: Header, decimalComma: Bool) throws(SourceError) {
        date = try header.require(query.date)
        dateName = header.names[date]
        if let column = query.value {
            let i = try header.require(column)
            value = i
            valueName = header.names[i]
        } else {
            value = nil
            valueName = nil
        }
        var filters: [CompiledFilter] = []
        for f in query.filters { filters.append(CompiledFilter(index: try header.require(f.column), value: f.value)) }
        self.filters = filters
        self.decimalComma = decimalComma
    }

    /// The last column read.
    var lastIndex: Int { ([date] + (value.map { [$0] } ?? []) + filters.map(\.index)).max()! }

    func matches(_ row: CSVRow) -> Bool {
        for f in filters where !f.matches(row.bytes(f.index), decimalComma: decimalComma) { return false }
        return true
    }

    /// The month of the row's date; nil when the cell is empty.
    func month(_ row: CSVRow) throws(SourceError) -> Int? {
        switch DateCell.read(row.bytes(date)) {
        case .month(let m): return m
        case .empty: return nil
        case .invalid: throw SourceError(.notADate(text(row, date), column: dateName), line: row.line)
        case .dayFirst: throw SourceError(.dayFirst(text(row, date), column: dateName), line: row.line)
        }
    }

    /// The value to add up, if the query adds one up and the cell holds one,
    /// and the currency it is written in, if any.
    func value(_ row: CSVRow, currency: inout AmountCell.Currency?) throws(SourceError) -> Double? {
        guard let value else { return nil }
        switch AmountCell.read(row.bytes(value), decimalComma: decimalComma, currency: &currency) {
        case .number(let n): return n
        case .empty: return nil
        case .invalid: throw SourceError(.notAnAmount(text(row, value), column: valueName!), line: row.line)
        }
    }

    /// The value cell's text, for an error.
    func valueText(_ row: CSVRow) -> String { value.map { text(row, $0) } ?? "" }

    private func text(_ row: CSVRow, _ i: Int) -> String {
        String(decoding: row.bytes(i), as: UTF8.self).trimmingBlanks()
    }
}

/// A condition ready to test a cell's bytes.
struct CompiledFilter {
    let index: Int
    private let test: Test

    private enum Test {
        case text([UInt8])
        case boolean(Bool)
        case number(Double)
    }

    init(index: Int, value: ActualsDefinition.Filter.Value) {
        self.index = index
        switch value {
        case .text(let t): test = .text(Array(t.utf8))
        case .boolean(let b): test = .boolean(b)
        case .number(let n): test = .number(n)
        }
    }

    /// The words that mean true; anything else, an empty cell included, is false.
    private static let truths: [[UInt8]] = ["true", "t", "1", "yes", "y", "x", "checked"].map { Array($0.utf8) }

    func matches(_ cell: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Bool {
        var start = 0
        var end = cell.count
        while start < end, cell[start] == 32 || cell[start] == 9 { start += 1 }
        while end > start, cell[end - 1] == 32 || cell[end - 1] == 9 { end -= 1 }
        switch test {
        case .text(let needle):
            guard end - start == needle.count else { return false }
            for k in 0..<needle.count where cell[start + k] != needle[k] { return false }
            return true
        case .boolean(let wanted):
            let isTrue = CompiledFilter.truths.contains { word in
                word.count == end - start && (0..<word.count).allSatisfy { cell[start + $0] | 0x20 == word[$0] }
            }
            return isTrue == wanted
        case .number(let wanted):
            if case .number(let n) = AmountCell.read(cell, decimalComma: decimalComma) { return n == wanted }
            return false
        }
    }
}

extension Message {
    static func notADate(_ text: String, column: String) -> Message {
        Message("'\(text)' in column '\(column)' is not a date (write 2026-07-15, 2026-07-15T10:20:30Z or 07/15/2026)")
    }
    static func dayFirst(_ text: String, column: String) -> Message {
        Message(
            "'\(text)' in column '\(column)' is not a date: dates with / are read month/day/year, as US exports "
                + "write them; export ISO dates (2026-07-15) instead")
    }
    static func notAnAmount(_ text: String, column: String) -> Message {
        Message("'\(text)' in column '\(column)' is not a number (write 1200, 1,200.50, $1,200 or (500))")
    }
}
