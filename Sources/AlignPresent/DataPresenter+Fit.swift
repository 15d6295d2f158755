import AlignCore
import AlignOutput

extension DataPresenter {
    /// What `fit` measured, as the presenter needs it.
    public struct FitFigures: Sendable {
        /// The first date column, as written.
        public var from: String
        /// The second date column, as written.
        public var to: String
        /// Conversions at each lag, in months from 0.
        public var lags: [Int]
        /// Rows with the first date in the months used.
        public var candidates: Int
        /// Of them, those that converted within the longest lag kept.
        public var converted: Int
        /// The months used, as periods.
        public var months: ClosedRange<Period>
        /// Months left out as too recent to have converted in full.
        public var recentMonths: Int
        /// Rows whose second date comes before the first.
        public var earlier: Int
        /// Conversions past the longest lag kept.
        public var later: Int
        /// The line to paste.
        public var formula: String
        /// Why the formula reads what it reads, when no metric counts the first date.
        public var upstreamNote: String?

        /// Gathers the figures.
        public init(
            from: String, to: String, lags: [Int], candidates: Int, converted: Int, months: ClosedRange<Period>,
            recentMonths: Int, earlier: Int, later: Int, formula: String, upstreamNote: String?
        ) {
            self.from = from
            self.to = to
            self.lags = lags
            self.candidates = candidates
            self.converted = converted
            self.months = months
            self.recentMonths = recentMonths
            self.earlier = earlier
            self.later = later
            self.formula = formula
            self.upstreamNote = upstreamNote
        }
    }

    /// The conversion found: a sentence, the lag table, what was left out, and the formula line.
    public func fit(_ f: FitFigures) -> Document {
        var doc = Document()
        let share = f.candidates == 0 ? 0 : Double(f.converted) / Double(f.candidates)
        let span = f.months.lowerBound == f.months.upperBound ? "in \(f.months.lowerBound)" : "in \(f.months.lowerBound)..\(f.months.upperBound)"
        let within = f.lags.count == 1 ? "in the same month" : "within \(NumberFormat.count(f.lags.count - 1, "month"))"
        doc.line(
            Span(
                "\(NumberFormat.count(f.candidates, "row")) with \(f.from) \(span); \(NumberFormat.plain(Double(f.converted))) "
                    + "of them (\(NumberFormat.percent(share))) reach \(f.to) \(within)"))
        var table = Table(
            name: "fit", columns: [.init("Lag (months)", key: "lag", numeric: true), .init("Converted", numeric: true),
                .init("Share", numeric: true)])
        for (lag, n) in f.lags.enumerated() {
            table.add([
                .number(Double(lag), unit: nil), .number(Double(n), unit: nil),
                .percent(f.converted == 0 ? 0 : Double(n) / Double(f.converted)),
            ])
        }
        doc.add(.table(table))
        var leftOut: [String] = []
        if f.recentMonths > 0 {
            leftOut.append("\(NumberFormat.count(f.recentMonths, "month")) too recent to have converted in full")
        }
        if f.earlier > 0 { leftOut.append("\(NumberFormat.count(f.earlier, "row")) with \(f.to) before \(f.from)") }
        if f.later > 0 { leftOut.append("\(NumberFormat.count(f.later, "conversion")) after the longest lag kept") }
        if !leftOut.isEmpty { doc.line(Span("left out: " + leftOut.joined(separator: "; "), .dim)) }
        if let note = f.upstreamNote { doc.line(Span(note, .dim)) }
        doc.line(Span(f.formula))
        return doc
    }
}
