/// Removing and renaming. A removal that would leave a dangling reference is
/// refused with the list of references, unless it cascades.
extension Workspace {
    /// Where a team is used: metrics it owns, its goals, its definitions and synonyms.
    public func references(toTeam id: TeamID) -> [Reference] {
        var result: [Reference] = []
        for (metricID, metric) in metrics.all where metric.owner == id { result.append(.owner(metricID)) }
        for (goalID, goal) in goals.all where goal.team == id { result.append(.goal(goalID)) }
        for (termID, term) in terms.all {
            if term.definitions.contains(where: { $0.team == id }) { result.append(.definition(termID)) }
            if term.synonyms.contains(where: { $0.team == id }) { result.append(.synonym(termID)) }
        }
        let decisions = notes.filter { $0.kind == .decision }
        for (i, decision) in decisions.enumerated() where decision.owner == id { result.append(.decisionOwner(i + 1)) }
        return result
    }

    /// Where a term is used: the metrics that count it.
    public func references(toTerm id: TermID) -> [Reference] {
        metrics.all.filter { $0.entity.term == id }.map { .metricTerm($0.id) }
    }

    /// Where a metric is used: formulas, links, goals, and the revenue choice.
    public func references(toMetric id: MetricID) -> [Reference] {
        var result: [Reference] = []
        if isReadByFormulas(id) {
            // A balance's own formula reading its earlier periods is not a use.
            for (other, metric) in metrics.all where other != id && metric.formula?.reads(id) == true {
                result.append(.formula(other))
            }
        }
        for (linkID, link) in links.all where link.from == id || link.to == id { result.append(.link(linkID)) }
        for (goalID, goal) in goals.all where goal.metric == id { result.append(.goal(goalID)) }
        if revenueChoice == id { result.append(.revenue) }
        for scenario in scenarios where scenario.items.contains(where: { $0.metric == id }) {
            result.append(.scenario(scenario.name))
        }
        return result
    }

    /// Removes a team; with `cascade`, also its goals and definitions, and
    /// leaves its metrics without an owner. Returns what the cascade touched.
    @discardableResult
    public mutating func removeTeam(_ id: TeamID, cascade: Bool) throws -> [Reference] {
        let refs = references(toTeam: id)
        guard refs.isEmpty || cascade else { throw WorkspaceError.stillReferenced(.team, teams[id].name, refs) }
        for ref in refs {
            switch ref {
            case .owner(let metricID):
                var metric = metrics[metricID]
                metric.owner = nil
                apply(.metric(metricID, metric))
            case .goal(let goalID):
                apply(.goal(goalID, nil))
            case .definition(let termID), .synonym(let termID):
                var term = terms[termID]
                term.definitions.removeAll { $0.team == id }
                term.synonyms.removeAll { $0.team == id }
                if term != terms[termID] { apply(.term(termID, term)) }
            case .decisionOwner:
                // Every decision the team owns at once: one change of the list.
                let list = notes.map { n in n.owner == id ? Note(kind: n.kind, text: n.text, time: n.time, due: n.due) : n }
                if list != notes { apply(.notes(list)) }
            default:
                break
            }
        }
        apply(.team(id, nil))
        return refs
    }

    /// Removes a term; with `cascade`, the metrics that count it stop doing so.
    @discardableResult
    public mutating func removeTerm(_ id: TermID, cascade: Bool) throws -> [Reference] {
        let refs = references(toTerm: id)
        guard refs.isEmpty || cascade else { throw WorkspaceError.stillReferenced(.term, terms[id].name, refs) }
        for case .metricTerm(let metricID) in refs {
            var metric = metrics[metricID]
            metric.term = nil
            apply(.metric(metricID, metric))
        }
        apply(.term(id, nil))
        return refs
    }

    /// Removes a metric and its values; with `cascade`, also the links and
    /// goals on it, and the formulas that read it are cleared.
    @discardableResult
    public mutating func removeMetric(_ id: MetricID, cascade: Bool) throws -> [Reference] {
        let refs = references(toMetric: id)
        guard refs.isEmpty || cascade else { throw WorkspaceError.stillReferenced(.metric, metrics[id].name, refs) }
        for ref in refs {
            switch ref {
            case .formula(let reader):
                var metric = metrics[reader]
                metric.formula = nil
                apply(.metric(reader, metric))
            case .link(let linkID): apply(.link(linkID, nil))
            case .goal(let goalID): apply(.goal(goalID, nil))
            case .revenue: apply(.revenue(nil))
            case .scenario(let name): apply(.scenarios(scenarios.filter { $0.name != name }))
            default: break
            }
        }
        // A scenario adopted that changed it is forgotten with it (its plan values go below).
        let adoptedKept = adopted.filter { !$0.items.contains { $0.metric == id } }
        if adoptedKept.count != adopted.count { apply(.adopted(adoptedKept)) }
        for (period, _) in valueList(of: id) { apply(.value(id, period, nil)) }
        if actuals[id] != nil { apply(.actuals(id, nil)) }
        for (period, _) in planList(of: id) { apply(.plan(id, period, nil)) }
        apply(.metric(id, nil))
        return refs
    }

    /// Removes a goal.
    public mutating func removeGoal(_ id: GoalID) {
        apply(.goal(id, nil))
    }

    /// Removes the link from one metric to another.
    public mutating func removeLink(from: MetricID, to: MetricID) throws {
        guard let id = links.id(from: from, to: to) else { throw WorkspaceError.noSuchLink(from: from, to: to) }
        apply(.link(id, nil))
    }

    /// Erases a recorded value.
    public mutating func removeValue(_ id: MetricID, _ period: Period) throws {
        guard value(of: id, in: period) != nil else { throw WorkspaceError.noSuchValue(id, period) }
        apply(.value(id, period, nil))
    }

    /// Renames a team; every reference follows, as references hold identifiers.
    public mutating func renameTeam(_ id: TeamID, to name: String) throws {
        if let other = teams.id(named: name), other != id { throw WorkspaceError.nameTaken(.team, name) }
        var team = teams[id]
        team.name = name
        apply(.team(id, team))
    }

    /// Renames a term.
    public mutating func renameTerm(_ id: TermID, to name: String) throws {
        if let other = terms.id(named: name), other != id { throw WorkspaceError.nameTaken(.term, name) }
        var term = terms[id]
        term.name = name
        apply(.term(id, term))
    }

    /// Renames a metric. The metric named `revenue` is revenue by default;
    /// renamed, it stays the revenue metric, chosen explicitly.
    public mutating func renameMetric(_ id: MetricID, to name: String) throws {
        if let other = metrics.id(named: name), other != id { throw WorkspaceError.nameTaken(.metric, name) }
        var metric = metrics[id]
        guard metric.name != name else { return }
        if revenueChoice == nil, revenue == id { apply(.revenue(id)) }
        metric.name = name
        apply(.metric(id, metric))
    }

    /// Renames a goal.
    public mutating func renameGoal(_ id: GoalID, to name: String) throws {
        if let other = goals.id(named: name), other != id { throw WorkspaceError.nameTaken(.goal, name) }
        var goal = goals[id]
        goal.name = name
        apply(.goal(id, goal))
    }
}
