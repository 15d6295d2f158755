import AlignCore
import AlignLanguage

/// The rows of a query of one's own (`actuals METRIC = sql SOURCE "..."`)
/// as values: the first cell a period or a date, the second a number.
public enum QueryRows {
    /// Each row's value in its period. A date (`2026-07-01`, or a timestamp
    /// as `date_trunc` gives it) lands in the period of `grain` that holds
    /// it; a period (`2026-Q3`) stays as written, but a bare year (`2026`)
    /// only when the grain is a year. A row with no number is left out; a
    /// number that is not finite and two rows in one period are errors.
    public static func values(_ rows: [[String?]], grain: Period.Grain) throws(SourceError) -> [(period: Period, value: Double)] {
        var result: [(period: Period, value: Double)] = []
        var seen: [Period: Int] = [:]
        for (i, row) in rows.enumerated() {
            let number = i + 1
            guard let first = row[0]?.trimmingBlanks(), !first.isEmpty else {
                throw SourceError(.queryNoPeriod(number))
            }
            let period: Period
            if case .month(let month) = DateCell.read(first),
                let p = Period(grain: grain, year: month / 12, index: (month % 12) / grain.months + 1),
                first.count > 7 || grain == .month
            {
                period = p
            } else if let p = Period(first) ?? Period(first.prefix(7)) {
                // A bare year is most often arithmetic (`select 2026-07` is 2019) or a
                // period read by the year alone; it is a period only for yearly actuals.
                if p.grain == .year, grain != .year { throw SourceError(.queryBareYear(first, number, grain)) }
                period = p
            } else {
                throw SourceError(.queryNotAPeriod(first, number))
            }
            guard let text = row[1]?.trimmingBlanks(), !text.isEmpty else { continue }
            guard let value = Double(text) ?? amount(text) else { throw SourceError(.queryNotANumber(text, number)) }
            // Double reads `inf`, `Infinity`, `NaN` and numbers past 1.8e308 (as infinity):
            // none is a value align can compute with or save.
            guard value.isFinite else { throw SourceError(.queryNotFinite(text, number)) }
            if let earlier = seen[period] { throw SourceError(.queryTwice(period, earlier, number)) }
            seen[period] = number
            result.append((period, value))
        }
        return result
    }

    private static func amount(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { bytes in
            if case .number(let n) = AmountCell.read(bytes) { return n }
            return nil
        }
    }
}

extension Message {
    static func queryNoPeriod(_ row: Int) -> Message {
        Message("row \(row) of the query has no period: its first column must be a period or a date")
    }
    static func queryNotAPeriod(_ text: String, _ row: Int) -> Message {
        Message("'\(text)' in row \(row) of the query is neither a period (2026-07, 2026-Q3) nor a date (2026-07-01)")
    }
    static func queryNotANumber(_ text: String, _ row: Int) -> Message {
        Message("'\(text)' in row \(row) of the query is not a number: its second column must be one")
    }
    static func queryNotFinite(_ text: String, _ row: Int) -> Message {
        let shown = text.count > 24 ? text.prefix(20) + "..." : Substring(text)
        return Message(
            "'\(shown)' in row \(row) of the query is not a finite number: align keeps numbers "
                + "between -1.8e308 and 1.8e308")
    }
    static func queryBareYear(_ text: String, _ row: Int, _ grain: Period.Grain) -> Message {
        Message(
            "'\(text)' in row \(row) of the query is a bare number, which as a period is the year \(text), "
                + "but these actuals are by \(grain.word): write the period as text ('2026-07' in quotes; "
                + "unquoted, 2026-07 is a subtraction, 2019) or give per=year for yearly rows")
    }
    static func queryTwice(_ period: Period, _ first: Int, _ second: Int) -> Message {
        Message(
            "rows \(first) and \(second) of the query both fall in \(period): group by the month "
                + "(date_trunc('month', ...)) or give per= the grain the rows are in")
    }
}
