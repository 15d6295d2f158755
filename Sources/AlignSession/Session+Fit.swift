import AlignCore
import AlignLanguage
import AlignOutput
import AlignPresent
import AlignSources

/// `fit`: a conversion share and lag profile measured from pairs of dates.
extension Session {
    func fit(
        _ metric: Name, _ id: SourceID, _ from: Name, _ to: Name, _ filters: [ActualsDefinition.Filter],
        _ range: SourceRange, _ source: SourceText
    ) throws(Diagnostic) -> Document {
        let s = workspace.sources[id]
        let stop = { [unowned self] in self.commandCancelled }
        let counts = try catching(s, notes: [], range, source) { () throws(SourceError) in
            switch s.kind {
            case .csv:
                return try CSVSource(path: path(of: s), stop: stop).pairs(first: from.text, second: to.text, filters: filters)
            case .sqlite:
                return try SQLiteSource(path: path(of: s), table: s.table, stop: stop)
                    .pairs(first: from.text, second: to.text, filters: filters)
            case .postgres:
                return try PostgresSource(connection: s.location, table: s.table, stop: stop)
                    .pairs(first: from.text, second: to.text, filters: filters)
            }
        }
        guard let fit = Fit(counts) else { throw Diagnostic(.nothingConverted(from.text, to.text, s.name), at: range, in: source) }
        let upstream = upstreamMetric(of: id, counting: from.text)
        func period(_ month: Int) -> Period { Period(grain: .month, year: month / 12, index: month % 12 + 1)! }
        let figures = DataPresenter.FitFigures(
            from: from.text, to: to.text, lags: fit.lags, candidates: fit.candidates, converted: fit.converted,
            months: period(fit.months.lowerBound)...period(fit.months.upperBound), recentMonths: fit.recentMonths,
            earlier: fit.earlier, later: fit.later, formula: fit.formula(metric: metric.text, upstream: upstream ?? "UPSTREAM"),
            upstreamNote: upstream == nil ? Message.noUpstream(s.name, from.text).text : nil)
        return DataPresenter(workspace).fit(figures)
    }

    /// The metric whose actuals count the source's rows by this date column.
    private func upstreamMetric(of id: SourceID, counting column: String) -> String? {
        for (metric, d) in workspace.actualsList where d.source == id {
            if case .rows(.count, let date, _) = d.pull, Header([date]).index(of: column) != nil {
                return workspace.metrics[metric].name
            }
        }
        return nil
    }
}
