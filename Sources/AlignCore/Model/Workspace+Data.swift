/// Sources and actuals definitions: defined, renamed and removed like the
/// other entities, one undoable change at a time.
extension Workspace {
    /// Creates a source, or replaces the kind, place and table of an existing one.
    @discardableResult
    public mutating func defineSource(_ source: DataSource) -> (id: SourceID, created: Bool) {
        let existing = sources.id(named: source.name)
        let id = existing ?? sources.nextID
        guard existing == nil || sources[id] != source else { return (id, false) }
        apply(.source(id, source))
        return (id, existing == nil)
    }

    /// The metrics whose actuals come from a source, in order of creation.
    public func references(toSource id: SourceID) -> [Reference] {
        actualsList.filter { $0.definition.source == id }.map { .actuals($0.metric) }
    }

    /// Removes a source; with `cascade`, also the actuals defined on it (the
    /// values they pulled stay).
    @discardableResult
    public mutating func removeSource(_ id: SourceID, cascade: Bool) throws -> [Reference] {
        let refs = references(toSource: id)
        guard refs.isEmpty || cascade else { throw WorkspaceError.stillReferenced(.source, sources[id].name, refs) }
        for case .actuals(let metric) in refs { apply(.actuals(metric, nil)) }
        apply(.source(id, nil))
        return refs
    }

    /// Renames a source; the definitions on it follow.
    public mutating func renameSource(_ id: SourceID, to name: String) throws {
        if let other = sources.id(named: name), other != id { throw WorkspaceError.nameTaken(.source, name) }
        var source = sources[id]
        source.name = name
        apply(.source(id, source))
    }

    /// Says where a metric's actuals come from, replacing an earlier definition.
    /// Returns whether the metric had none before.
    @discardableResult
    public mutating func defineActuals(_ metric: MetricID, _ definition: ActualsDefinition) -> Bool {
        let old = actuals[metric]
        guard old != definition else { return false }
        apply(.actuals(metric, definition))
        return old == nil
    }

    /// Forgets where a metric's actuals come from; its values stay.
    public mutating func removeActuals(_ metric: MetricID) throws {
        guard actuals[metric] != nil else { throw WorkspaceError.noActuals(metric) }
        apply(.actuals(metric, nil))
    }

    /// Every actuals definition, by metric in order of creation.
    public var actualsList: [(metric: MetricID, definition: ActualsDefinition)] {
        actuals.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The grain a metric's pulled values land in: the definition's own, or
    /// the finest grain the metric has values at, or months.
    public func pullGrain(of metric: MetricID) -> Period.Grain {
        if let grain = actuals[metric]?.grain { return grain }
        return valueList(of: metric).map(\.period.grain).min() ?? .month
    }
}
