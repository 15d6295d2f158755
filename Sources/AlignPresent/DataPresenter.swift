import AlignCore
import AlignLanguage
import AlignOutput

/// Sources, actuals, what a refresh changed and what a fit found. Values in,
/// documents out.
public struct DataPresenter {
    /// The workspace shown.
    public let workspace: Workspace

    /// Shows `workspace`'s sources and actuals.
    public init(_ workspace: Workspace) { self.workspace = workspace }

    /// `show sources`: each source, where it is, and the metrics pulled from it.
    public func sources() -> Table {
        let ws = workspace
        var table = Table(
            name: "sources", columns: [.init("Source"), .init("Kind"), .init("Place"), .init("Table"), .init("Actuals of")])
        for (id, s) in ws.sources.all {
            let metrics = ws.actualsList.filter { $0.definition.source == id }.map { ws.metrics[$0.metric].name }
            table.add([
                .name(s.name), .text(s.kind.rawValue), .text(s.location), s.table.map(Cell.text) ?? .empty,
                metrics.isEmpty ? .empty : .text(metrics.joined(separator: ", ")),
            ])
        }
        return table
    }

    /// `show SOURCE`: the source, and each definition that pulls from it.
    public func describeSource(_ id: SourceID, into doc: inout Document) {
        let ws = workspace
        let s = ws.sources[id]
        doc.heading("source \(s.name)")
        var where_ = "\(s.kind.rawValue): \(s.location)"
        if let table = s.table { where_ += "; table \(table)" }
        doc.line(Span(where_))
        let pulled = ws.actualsList.filter { $0.definition.source == id }
        if pulled.isEmpty {
            doc.line(Span("no actuals are pulled from it yet: actuals METRIC = count() from \(s.name) by DATECOL", .dim))
        }
        for (metric, d) in pulled {
            doc.line(Span(ws.metrics[metric].name, .name), Span(" = " + ScriptPrinter.pull(d, ws) + grainNote(metric, d)))
        }
    }

    /// The line `show METRIC` gives a metric whose actuals come from a source.
    public func actualsLine(_ metric: MetricID) -> [Span]? {
        guard let d = workspace.actuals[metric] else { return nil }
        return [Span("actuals: "), Span(ScriptPrinter.pull(d, workspace) + grainNote(metric, d))]
    }

    private func grainNote(_ metric: MetricID, _ d: ActualsDefinition) -> String {
        let grain = workspace.pullGrain(of: metric)
        return d.grain == nil ? " (by \(grain.word), as recorded)" : " (by \(grain.word))"
    }

    /// One value a refresh added, changed or removed.
    public struct Change: Sendable {
        /// The metric.
        public var metric: MetricID
        /// The period.
        public var period: Period
        /// The value before; nil when it is new.
        public var before: Double?
        /// The value after; nil when it was removed.
        public var after: Double?

        /// Makes a change.
        public init(metric: MetricID, period: Period, before: Double?, after: Double?) {
            self.metric = metric
            self.period = period
            self.before = before
            self.after = after
        }
    }

    /// What a refresh did: a line for each pull, then each value added (+),
    /// changed (~) or removed (-), in order of metric and period.
    public func refresh(_ changes: [Change], pulls: [String], unchanged: Int) -> Document {
        let ws = workspace
        var doc = Document()
        for pull in pulls { doc.line(Span(pull, .dim)) }
        let added = changes.filter { $0.before == nil }.count
        let removed = changes.filter { $0.after == nil }.count
        let changed = changes.count - added - removed
        guard !changes.isEmpty else {
            doc.line(Span("nothing changed (\(NumberFormat.count(unchanged, "value")) the same)"))
            return doc
        }
        doc.line(
            Span(
                "\(added) added, \(changed) changed, \(removed) removed, \(NumberFormat.count(unchanged, "value")) the same"
            ))
        var table = Table(
            name: "refresh",
            columns: [.init("±", key: "change"), .init("Metric"), .init("Period"), .init("Before", numeric: true),
                .init("After", numeric: true)])
        for c in changes {
            let unit = ws.valueUnit(of: c.metric)
            let mark = c.before == nil ? "+" : c.after == nil ? "-" : "~"
            table.add([
                .text(mark), .name(ws.metrics[c.metric].name), .text(c.period.description),
                c.before.map { .number($0, unit: unit) } ?? .empty, c.after.map { .number($0, unit: unit) } ?? .empty,
            ])
        }
        doc.add(.table(table))
        return doc
    }
}
