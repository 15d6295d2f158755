import AlignCore
import AlignLanguage
import AlignOutput
import AlignPresent
import AlignSources

extension Message {
    static let nothingToRefresh = Message("no actuals are defined yet: actuals METRIC = count() from SOURCE by DATECOL")
    static let nothingApplied = Message("nothing from this refresh was applied")
    static func pulling(_ metric: String, _ pull: String) -> Message {
        Message("pulling the actuals of \(metric): \(pull)")
    }
    static func pullingFrom(_ metrics: String, _ source: String) -> Message {
        Message("pulling the actuals of \(metrics) from \(source)")
    }
    static func notFinite(_ metric: String, _ period: Period) -> Message {
        Message("the actuals of \(metric) in \(period) come to no finite number (past 1.8e308)")
    }
    static func askedAt(_ place: String) -> Message { Message("asked for at \(place)") }
    static func fromSource(_ source: String, _ text: String) -> Message { Message("source \(source): \(text)") }
    static func nothingConverted(_ from: String, _ to: String, _ source: String) -> Message {
        Message("no row of \(source) has both \(from) and \(to) on or after it: there is no conversion to measure")
    }
    static func noUpstream(_ source: String, _ from: String) -> Message {
        Message(
            "no metric counts \(source) by \(from) yet: replace UPSTREAM with the one that will "
                + "(actuals NAME = count() from \(source) by \(ScriptPrinter.column(from)))")
    }
}

/// Pulling values from sources: `refresh`, and the pairs of dates `fit` reads.
extension Session {
    /// One definition's values, as pulled.
    struct Pulled {
        var metric: MetricID
        var grain: Period.Grain
        var values: [(period: Period, value: Double)]
        /// What was read, for the answer.
        var summary: String
    }

    /// `refresh [SOURCE|METRIC]`: pulls, then replaces each metric's values
    /// at the grain pulled, all at once, and shows what changed.
    func refresh(_ name: Name?, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        let chosen = try definitions(named: name, source)
        guard !chosen.isEmpty else {
            emit(Document([.line([Span(Message.nothingToRefresh.text, .dim)])]))
            return
        }
        var pulled: [Pulled] = []
        for group in chosen.grouped() {
            pulled += try pull(group, range, source)
        }
        var changes: [DataPresenter.Change] = []
        var unchanged = 0
        try change(at: range, in: source) { ws in
            for p in pulled {
                var fresh: [Period: Double] = [:]
                for (period, value) in p.values { fresh[period] = value }
                for (period, old) in ws.valueList(of: p.metric) where period.grain == p.grain && fresh[period] == nil {
                    ws.apply(.value(p.metric, period, nil))
                    changes.append(.init(metric: p.metric, period: period, before: old, after: nil))
                }
                for (period, value) in p.values {
                    let old = ws.value(of: p.metric, in: period)
                    if old == value {
                        unchanged += 1
                        continue
                    }
                    ws.setValue(p.metric, period, value)
                    changes.append(.init(metric: p.metric, period: period, before: old, after: value))
                }
            }
        }
        changes.sort { ($0.metric, $0.period) < ($1.metric, $1.period) }
        emit(DataPresenter(workspace).refresh(changes, pulls: pulled.map(\.summary), unchanged: unchanged))
    }

    /// The definitions `refresh` pulls: all, a source's, or a metric's.
    private func definitions(named name: Name?, _ source: SourceText) throws(Diagnostic)
        -> [(metric: MetricID, definition: ActualsDefinition)]
    {
        let all = workspace.actualsList
        guard let name else { return all }
        if let id = workspace.sources.id(named: name.text) { return all.filter { $0.definition.source == id } }
        if let id = workspace.metrics.id(named: name.text) {
            let own = all.filter { $0.metric == id }
            if own.isEmpty { throw Diagnostic(.noActuals(name.text), at: name.range, in: source) }
            return own
        }
        let names = workspace.sources.names + all.map { workspace.metrics[$0.metric].name }
        throw unknown(.source, name, names, source)
    }

    /// Pulls the definitions on one source: a CSV file is read once for all of them.
    private func pull(
        _ group: [(metric: MetricID, definition: ActualsDefinition)], _ range: SourceRange, _ source: SourceText
    ) throws(Diagnostic) -> [Pulled] {
        if replay != nil { return try group.map { item throws(Diagnostic) in try journalled(item.metric, range, source) } }
        let s = workspace.sources[group[0].definition.source]
        var pulled: [Pulled] = []
        let rows = group.filter { if case .rows = $0.definition.pull { return true } else { return false } }
        if s.kind == .csv, !rows.isEmpty {
            // One pass over the file for all: its header is checked for each definition first,
            // so that a missing column names its own.
            let csv = CSVSource(path: path(of: s), stop: { [unowned self] in self.commandCancelled })
            // A named pipe is read once: its header is checked in that one pass.
            if !csv.readsOnce {
                let header = try catching(rows[0], range, source) { () throws(SourceError) in try csv.header() }
                for item in rows {
                    try catching(item, range, source) { () throws(SourceError) in try header.check(RowQuery(item.definition)) }
                }
            }
            let names = rows.map { workspace.metrics[$0.metric].name }.joined(separator: ", ")
            let notes: [Message] = [.pullingFrom(names, s.name), .nothingApplied]
            let results = try catching(s, notes: notes, range, source) { () throws(SourceError) in
                try csv.totals(rows.map { RowQuery($0.definition) })
            }
            for (item, result) in zip(rows, results) { pulled.append(made(item, result, s)) }
        }
        for item in group where !(s.kind == .csv && rows.contains { $0.metric == item.metric }) {
            pulled.append(try pullOne(item, s, range, source))
        }
        // A total past 1.8e308 (many huge amounts added up) is no number a script can hold.
        for p in pulled {
            if let bad = p.values.first(where: { !$0.value.isFinite }) {
                let name = workspace.metrics[p.metric].name
                throw Diagnostic(
                    .error, Message.fromSource(s.name, Message.notFinite(name, bad.period).text).text, at: range, in: source,
                    notes: [Message.nothingApplied.text])
            }
        }
        for p in pulled { keepInJournal(p) }
        return pulled
    }

    /// Pulls one definition from a database.
    private func pullOne(
        _ item: (metric: MetricID, definition: ActualsDefinition), _ s: DataSource, _ range: SourceRange,
        _ source: SourceText
    ) throws(Diagnostic) -> Pulled {
        let stop = { [unowned self] in self.commandCancelled }
        switch item.definition.pull {
        case .rows:
            let query = RowQuery(item.definition)
            let result = try catching(item, range, source) { () throws(SourceError) in
                switch s.kind {
                case .sqlite: return try SQLiteSource(path: path(of: s), table: s.table, stop: stop).totals(query)
                default: return try PostgresSource(connection: s.location, table: s.table, stop: stop).totals(query)
                }
            }
            return made(item, result, s)
        case .sql(let sql):
            let grain = workspace.pullGrain(of: item.metric)
            let values = try catching(item, range, source) { () throws(SourceError) in
                let rows: [[String?]]
                switch s.kind {
                case .sqlite: rows = try SQLiteSource(path: path(of: s), table: s.table, stop: stop).query(sql)
                default: rows = try PostgresSource(connection: s.location, table: s.table, stop: stop).query(sql)
                }
                return try QueryRows.values(rows, grain: grain)
            }
            let summary = "\(workspace.metrics[item.metric].name) from \(s.name): \(NumberFormat.count(values.count, "row")) of its query"
            return Pulled(metric: item.metric, grain: grain, values: values, summary: summary)
        }
    }

    /// The values of a definition from the totals of its rows.
    private func made(_ item: (metric: MetricID, definition: ActualsDefinition), _ result: PullResult, _ s: DataSource) -> Pulled {
        let grain = workspace.pullGrain(of: item.metric)
        guard case .rows(let aggregate, _, _) = item.definition.pull else { preconditionFailure("a rows definition") }
        let values = result.values(aggregate, grain: grain)
        let counted = result.months.values.reduce(0) { $0 + $1.rows }
        var summary = "\(workspace.metrics[item.metric].name) from \(s.name): \(NumberFormat.count(counted, "row"))"
        summary += " in \(NumberFormat.count(values.count, grain.word, plural: grain == .half ? "halves" : nil))"
        if s.kind == .csv { summary += " (\(NumberFormat.count(result.rowsRead, "row")) read)" }
        if result.rowsWithoutDate > 0 {
            summary += "; \(NumberFormat.count(result.rowsWithoutDate, "row")) without a date left out"
        }
        return Pulled(metric: item.metric, grain: grain, values: values, summary: summary)
    }

    /// A source's file, resolved from the folder of the script that named it.
    func path(of s: DataSource) -> String {
        FileSystem.resolve(s.location, from: s.folder)
    }

    /// Runs a pull, turning its failure into an error that says where.
    func catching<R>(
        _ item: (metric: MetricID, definition: ActualsDefinition), _ range: SourceRange, _ source: SourceText,
        _ body: () throws(SourceError) -> R
    ) throws(Diagnostic) -> R {
        let pulling = Message.pulling(workspace.metrics[item.metric].name, ScriptPrinter.pull(item.definition, workspace))
        return try catching(workspace.sources[item.definition.source], notes: [pulling, .nothingApplied], range, source, body)
    }

    /// Runs a read of a source, turning its failure into an error that says
    /// where: FILE:LINE for a line of a CSV file, else the command.
    func catching<R>(
        _ s: DataSource, notes: [Message], _ range: SourceRange, _ source: SourceText, _ body: () throws(SourceError) -> R
    ) throws(Diagnostic) -> R {
        do {
            return try body()
        } catch {
            if error.message == Message.interrupted.text { throw Diagnostic(.interrupted, at: range, in: source) }
            let notes = error.notes + notes.map(\.text)
            guard let line = error.line, s.kind == .csv else {
                throw Diagnostic(.error, Message.fromSource(s.name, error.message).text, at: range, in: source, notes: notes)
            }
            var d = Diagnostic(.error, error.message, notes: notes)
            if source.name != Session.promptName {
                d.notes.append(Message.askedAt("\(source.name):\(source.location(of: range.start))").text)
            }
            d.place = "\(FileSystem.tidy(path(of: s))):\(line)"
            throw d
        }
    }
}

extension RowQuery {
    /// The query of an actuals definition that reads rows.
    init(_ d: ActualsDefinition) {
        guard case .rows(let aggregate, let date, let filters) = d.pull else { preconditionFailure("a rows definition") }
        self.init(date: date, value: aggregate.column, filters: filters)
    }
}

extension Array where Element == (metric: MetricID, definition: ActualsDefinition) {
    /// The definitions grouped by source, in order of their first.
    func grouped() -> [[Element]] {
        var order: [SourceID] = []
        var groups: [SourceID: [Element]] = [:]
        for item in self {
            if groups[item.definition.source] == nil { order.append(item.definition.source) }
            groups[item.definition.source, default: []].append(item)
        }
        return order.map { groups[$0]! }
    }
}
