import AlignCore
import AlignLanguage
import AlignOutput

/// Reading values from a CSV export: `metric,period,value` in any column order.
enum ValueImport {
    struct Failure: Error {
        var message: String
        var line: Int
    }

    /// What is wrong with a file: the bad rows, the first `shownRows` of
    /// them, and how many there are; or what is wrong with the file itself.
    struct Failures: Error {
        var list: [Failure]
        var count: Int

        init(_ failure: Failure) {
            list = [failure]
            count = 1
        }

        init(list: [Failure], count: Int) {
            self.list = list
            self.count = count
        }
    }

    /// How many bad rows an import names; the rest are counted.
    static let shownRows = 20
    /// How many rows a doubt about their values is shown for.
    static let shownDoubts = 3

    /// The bad rows met so far: the first `limit` kept, every one counted.
    struct BadRows {
        let limit: Int
        private(set) var shown: [Failure] = []
        private(set) var count = 0

        init(limit: Int) { self.limit = limit }

        mutating func add(_ failure: Failure) {
            count += 1
            if shown.count < limit { shown.append(failure) }
        }
    }

    /// What a file gives: the values to record, and the lines of rows with
    /// an empty value cell (a CRM export leaves a cell empty for "none yet"),
    /// which are skipped.
    struct Rows {
        var values: [(MetricID, Period, Double)] = []
        /// The line of each of `values`.
        var lines: [Int] = []
        var emptyLines: [Int] = []
        /// Values taken but most likely slips (a share of 27 meant as 27%), by line.
        var doubts: [(line: Int, metric: MetricID, value: Double, doubt: ValueDoubt)] = []
    }

    /// Every row, checked, before anything is applied: all or nothing, and
    /// every bad row is found (the first `shownRows` named), so one pass
    /// through the file fixes them all. The same metric and period twice with
    /// different values is an error; with the same value, a repeat.
    /// `renamed` says what a metric no longer named so was renamed to.
    static func rows(_ bytes: [UInt8], _ ws: Workspace, renamed: (String) -> String? = { _ in nil }) throws(Failures)
        -> Rows
    {
        let table: [CSVReader.Row]
        do {
            table = try CSVReader.rows(bytes)
        } catch {
            throw Failures(Failure(message: error.message, line: error.line))
        }
        guard let header = table.first else { throw Failures(Failure(message: Message.csvEmpty.text, line: 1)) }
        let names = header.fields.map { $0.trimmed().lowercased() }
        let wanted = ["metric", "period", "value"]
        let missing = wanted.filter { !names.contains($0) }
        if !missing.isEmpty { throw Failures(Failure(message: Message.csvHeader(missing).text, line: header.line)) }
        for name in wanted where names.filter({ $0 == name }).count > 1 {
            throw Failures(Failure(message: Message.csvColumnTwice(name).text, line: header.line))
        }
        let column = wanted.map { names.firstIndex(of: $0)! }
        var result = Rows()
        result.values.reserveCapacity(table.count - 1)
        struct Key: Hashable {
            var metric: MetricID
            var period: Period
        }
        var seen: [Key: (value: Double, line: Int)] = [:]
        var bad = BadRows(limit: shownRows)
        func fail(_ message: Message, _ line: Int) {
            bad.add(Failure(message: message.text, line: line))
        }
        for row in table.dropFirst() {
            guard row.fields.count == header.fields.count else {
                fail(.csvColumns(row.fields.count, header.fields.count), row.line)
                continue
            }
            let name = row.fields[column[0]].trimmed()
            guard let id = ws.metrics.id(named: name) else {
                if let now = renamed(name) {
                    fail(.renamedName(.metric, name, now), row.line)
                } else {
                    fail(.unknownName(.metric, name, suggestion: Suggestions.closest(to: name, among: ws.metrics.names)), row.line)
                }
                continue
            }
            let periodText = row.fields[column[1]].trimmed()
            guard let period = Period(periodText) else {
                fail(.notAPeriod(periodText), row.line)
                continue
            }
            let valueText = row.fields[column[2]].trimmed()
            if valueText.isEmpty {
                result.emptyLines.append(row.line)
                continue
            }
            guard let value = number(valueText) else {
                fail(.csvNotANumber(valueText), row.line)
                continue
            }
            let key = Key(metric: id, period: period)
            if let earlier = seen[key] {
                if earlier.value != value { fail(.csvTwice(name, period, line: earlier.line), row.line) }
                continue
            }
            seen[key] = (value, row.line)
            result.values.append((id, period, value))
            result.lines.append(row.line)
            if let doubt = ws.doubt(about: value, of: id) { result.doubts.append((row.line, id, value, doubt)) }
        }
        if bad.count > 0 { throw Failures(list: bad.shown, count: bad.count) }
        return result
    }

    /// A number as spreadsheets write it: `4000`, `-12.5`, `25%`, `20k`,
    /// `"4,000"`, `$20,000`, and `(500)` for -500 as accounts write it.
    static func number(_ text: String) -> Double? {
        var body = Substring(text)
        var sign = 1.0
        if body.count > 2, body.hasPrefix("("), body.hasSuffix(")") {
            body = body.dropFirst().dropLast()
            sign = -1
        } else if body.hasPrefix("-") {
            sign = -1
            body = body.dropFirst()
        }
        for symbol in ["$", "€", "£"] where body.hasPrefix(symbol) { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if let whole = parts.first, whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }), (1...3).contains(groups[0].count) else { return nil }
            body = Substring(groups.joined() + (parts.count > 1 ? "." + parts[1] : ""))
        }
        return Literals.number(body).map { sign * $0 }
    }
}

extension Message {
    static func csvColumnTwice(_ name: String) -> Message {
        Message("the header names the column \(name) twice")
    }
    static func csvTwice(_ metric: String, _ period: Period, line: Int) -> Message {
        Message("\(metric) in \(period) is given twice, with another value at line \(line)")
    }
    static func csvBadRows(_ count: Int, shown: Int, _ path: String) -> Message {
        let which = count > shown ? " (the first \(shown) are shown)" : ""
        return Message(
            NumberFormat.count(count, "row is", plural: "rows are") + " bad\(which); nothing from \(path) was imported")
    }
    static func csvSkipped(_ count: Int, first: String) -> Message {
        Message(NumberFormat.count(count, "row with an empty value was", plural: "rows with an empty value were") + " skipped (the first at \(first))")
    }
    static func csvMoreDoubts(_ count: Int) -> Message {
        Message(NumberFormat.count(count, "more row has", plural: "more rows have") + " such a value")
    }
    static let csvEmpty = Message("the file is empty")
    static let csvNotUTF8 = Message("the file is not UTF-8 text")
    static func csvNotANumber(_ text: String) -> Message {
        Message("'\(text)' is not a number (write 4000, 4,000, 12.5, 25% or 20k)")
    }
}

extension String {
    func trimmed() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
