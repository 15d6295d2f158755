import AlignCore
import AlignLanguage
import Glibc

/// A CSV export as a source of rows: read once from start to end for all
/// the queries asked of it together, a chunk at a time.
public struct CSVSource {
    /// The file's path, resolved.
    public let path: String
    /// Asked between chunks: true stops the read (Ctrl-C).
    public let stop: () -> Bool

    /// A source over the file at `path`.
    public init(path: String, stop: @escaping () -> Bool = { false }) {
        self.path = path
        self.stop = stop
    }

    private func scanner() throws(SourceError) -> CSVScanner {
        let file = try FileInput(path, stop: stop)
        return CSVScanner { target throws(SourceError) in try file.read(into: target) }
    }

    /// Whether the file can be read only once (a named pipe): its header is
    /// then not read on its own, for a check or a completion, before the
    /// one pass that reads it all.
    public var readsOnce: Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO
    }

    /// The header row.
    public func header() throws(SourceError) -> Header {
        var scanner = try scanner()
        return try CSVSource.header(&scanner)
    }

    static func header(_ scanner: inout CSVScanner) throws(SourceError) -> Header {
        var names: [String]?
        try scanner.forEachRow { row throws(SourceError) in
            var fields: [String] = []
            for i in 0..<row.count {
                guard let name = row.string(i) else { throw SourceError(.csvNotUTF8, line: row.line) }
                fields.append(name.trimmingBlanks())
            }
            names = fields
            return false
        }
        guard let names else { throw SourceError(.csvEmpty, line: 1) }
        return Header(names)
    }

    /// Each query's totals by month, from one pass over the file.
    public func totals(_ queries: [RowQuery]) throws(SourceError) -> [PullResult] {
        var scanner = try scanner()
        let header = try CSVSource.header(&scanner)
        let decimalComma = scanner.delimiter == 59
        let compiled = try queries.map { q throws(SourceError) in try CompiledQuery(q, header, decimalComma: decimalComma) }
        let needed = compiled.map(\.lastIndex).max() ?? 0
        scanner.fieldLimit = needed + 1
        var months = compiled.map { _ in MonthAccumulator() }
        var results = queries.map { _ in PullResult() }
        // Each query's currencies, in the order met, with the first row of each.
        var currencies = compiled.map { _ in [CurrencySeen]() }
        var currency: AmountCell.Currency?
        var rows = 0
        try scanner.forEachRow { row throws(SourceError) in
            guard row.count > needed else {
                throw SourceError(.shortRow(row.count, header.names.count), line: row.line)
            }
            rows += 1
            for q in compiled.indices {
                let query = compiled[q]
                guard query.matches(row) else { continue }
                guard let month = try query.month(row) else {
                    results[q].rowsWithoutDate += 1
                    continue
                }
                let value = try query.value(row, currency: &currency)
                if let currency, currencies[q].first?.currency != currency, !currencies[q].contains(where: { $0.currency == currency }) {
                    currencies[q].append(CurrencySeen(currency: currency, line: row.line, text: query.valueText(row)))
                }
                months[q].add(month, value: value)
            }
            return true
        }
        // Amounts in two currencies added up make a number in neither: refused, naming where each begins.
        for (q, seen) in currencies.enumerated() where seen.count > 1 {
            throw SourceError(.mixedCurrencies(compiled[q].valueName ?? "", seen), line: seen[1].line)
        }
        for q in results.indices {
            results[q].rowsRead = rows
            results[q].months = months[q].totals
        }
        return results
    }

    /// The rows that carry the first date, by its month and the lag to the second.
    public func pairs(first: String, second: String, filters: [ActualsDefinition.Filter]) throws(SourceError) -> PairCounts {
        var scanner = try scanner()
        let header = try CSVSource.header(&scanner)
        let decimalComma = scanner.delimiter == 59
        let start = try CompiledQuery(RowQuery(date: first, filters: filters), header, decimalComma: decimalComma)
        let end = try CompiledQuery(RowQuery(date: second), header, decimalComma: decimalComma)
        let needed = max(start.lastIndex, end.lastIndex)
        scanner.fieldLimit = needed + 1
        var counts = PairCounts()
        try scanner.forEachRow { row throws(SourceError) in
            guard row.count > needed else {
                throw SourceError(.shortRow(row.count, header.names.count), line: row.line)
            }
            guard start.matches(row), let from = try start.month(row) else { return true }
            counts.add(first: from, second: try end.month(row))
            return true
        }
        return counts
    }
}

/// The first row of a query's amounts in one currency.
struct CurrencySeen {
    var currency: AmountCell.Currency
    var line: Int
    var text: String
}

/// Totals by month in an array from the first month seen: rows of one
/// export fall in a few years, and an array costs less than hashing per row.
struct MonthAccumulator {
    private var base = 0
    private var slots: [MonthTotal] = []

    mutating func add(_ month: Int, value: Double?) {
        if slots.isEmpty { base = month }
        if month < base {
            slots = [MonthTotal](repeating: MonthTotal(), count: base - month) + slots
            base = month
        }
        let i = month - base
        if i >= slots.count { slots += [MonthTotal](repeating: MonthTotal(), count: i - slots.count + 1) }
        slots[i].rows += 1
        if let value {
            slots[i].values += 1
            slots[i].sum += value
        }
    }

    var totals: [Int: MonthTotal] {
        var map: [Int: MonthTotal] = [:]
        for (i, total) in slots.enumerated() where total.rows > 0 { map[base + i] = total }
        return map
    }
}

extension String {
    func trimmingBlanks() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension Message {
    static func mixedCurrencies(_ column: String, _ seen: [CurrencySeen]) -> Message {
        let each = seen.prefix(4).map { "\($0.currency.code) from line \($0.line) ('\($0.text)')" }
        return Message(
            "column '\(column)' holds amounts in \(seen.count) currencies: " + each.joined(separator: ", ")
                + (seen.count > 4 ? ", ..." : "")
                + "; align converts none, and a total of two is in neither: export the amounts in one currency "
                + "(Salesforce's 'Amount (converted)'), or keep one with where")
    }
    static let csvEmpty = Message("the file is empty")
    static func shortRow(_ found: Int, _ header: Int) -> Message {
        Message("this row ends after \(found) field\(found == 1 ? "" : "s"), but the header has \(header)")
    }
}
