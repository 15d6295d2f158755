import AlignCore
import AlignLanguage
import AlignOutput
import AlignPresent
import AlignSources

extension Message {
    static let safeSource = Message("--safe: sources are refused; no file or database is read for actuals in safe mode")
    static func sqlNeedsDatabase(_ source: String) -> Message {
        Message("sql runs a query on a database: \(source) is a CSV file; use count(), sum(COL) or avg(COL)")
    }
    static func needsTableOn(_ source: String) -> Message {
        Message(
            "count(), sum() and avg() read a table: name it on the source (source \(source) ... table=NAME), "
                + "or write the query with sql")
    }
    static func actualsDefined(_ metric: String, _ pull: String) -> Message {
        Message("\(metric): actuals = \(pull); 'refresh' pulls them")
    }
    static func noActuals(_ metric: String) -> Message {
        Message("\(metric) has no actuals from a source (see 'show sources')")
    }
}

/// `source`, `actuals`, `refresh` and `fit`, and removing and renaming sources.
extension Session {
    func execute(_ command: DataCommand, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        switch command {
        case .source(let name, let kind, let location, let table):
            try refuseInSafeMode(range, source)
            let folder = currentFolder.isEmpty ? "." : currentFolder
            let defined = DataSource(name: name.text, kind: kind, location: location.path, table: table, folder: folder)
            let (_, created) = try change(at: range, in: source) { $0.defineSource(defined) }
            confirm("\(created ? "added" : "updated") source \(name.text)")

        case .actuals(let metricName, let sourceName, let pull, let grain):
            let metric = try self.metric(metricName, source)
            let sourceID = try dataSource(sourceName, source)
            let definition = try actualsDefinition(sourceID, pull, grain, source)
            try change(at: range, in: source) { $0.defineActuals(metric, definition) }
            confirm(Message.actualsDefined(metricName.text, ScriptPrinter.pull(definition, workspace)).text)

        case .refresh(let name):
            try refuseInSafeMode(range, source)
            try refresh(name, range, source)

        case .fit(let metric, let sourceName, let from, let to, let filters):
            try refuseInSafeMode(range, source)
            let id = try dataSource(sourceName, source)
            emit(try fit(metric, id, from, to, filters.map(\.filter), range, source))

        case .removeSource(let name, let cascade):
            let id = try dataSource(name, source)
            let touched = try change(at: name.range, in: source) { try $0.removeSource(id, cascade: cascade) }
            let extra = touched.isEmpty ? "" : " and " + NumberFormat.count(touched.count, "actuals definition")
            confirm("removed source \(name.text)\(extra)")

        case .removeActuals(let name):
            let id = try metric(name, source)
            try change(at: name.range, in: source) { try $0.removeActuals(id) }
            confirm("\(name.text) no longer pulls its actuals from a source")

        case .renameSource(let old, let new):
            let id = try dataSource(old, source)
            try change(at: new.range, in: source) { try $0.renameSource(id, to: new.text) }
            confirm("renamed source \(old.text) to \(new.text)")
        }
    }

    /// In safe mode, refuses every command that names or reads a source.
    private func refuseInSafeMode(_ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        guard options.safe, replay == nil else { return }
        throw Diagnostic(.safeSource, at: range, in: source)
    }

    /// The source with this name, or "did you mean".
    func dataSource(_ name: Name, _ source: SourceText) throws(Diagnostic) -> SourceID {
        if let id = workspace.sources.id(named: name.text) { return id }
        throw unknown(.source, name, workspace.sources.names, source)
    }

    /// An `actuals` line as the workspace keeps it, checked against the kind of its source.
    private func actualsDefinition(
        _ id: SourceID, _ pull: PullSyntax, _ grain: Period.Grain?, _ source: SourceText
    ) throws(Diagnostic) -> ActualsDefinition {
        let s = workspace.sources[id]
        switch pull {
        case .sql(let query, let range):
            guard s.kind != .csv else { throw Diagnostic(.sqlNeedsDatabase(s.name), at: range, in: source) }
            return ActualsDefinition(source: id, pull: .sql(query), grain: grain)
        case .rows(let aggregate, _, let date, let filters):
            if s.kind != .csv, s.table == nil {
                throw Diagnostic(.needsTableOn(s.name), at: date.range, in: source)
            }
            return ActualsDefinition(
                source: id, pull: .rows(aggregate, date: date.text, filters: filters.map(\.filter)), grain: grain)
        }
    }
}
