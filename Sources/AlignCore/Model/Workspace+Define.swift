/// Creating and updating entities. Each operation names what it changes and
/// leaves untouched every attribute it was not given.
extension Workspace {
    /// Creates a team, or updates the attributes given of an existing one.
    @discardableResult
    public mutating func defineTeam(
        _ name: String, horizon: Horizon? = nil, description: String? = nil
    ) -> (id: TeamID, created: Bool) {
        let existing = teams.id(named: name)
        var team = existing.map { teams[$0] } ?? Team(name: name)
        if let horizon { team.horizon = horizon }
        if let description { team.description = description }
        let id = existing ?? teams.nextID
        // The same line again changes nothing, and leaves nothing to undo.
        guard existing == nil || team != teams[id] else { return (id, false) }
        apply(.team(id, team))
        return (id, existing == nil)
    }

    /// Gives a team's definition of a term, replacing that team's earlier one,
    /// and adds synonyms.
    @discardableResult
    public mutating func defineTerm(
        _ name: String, definition: String?, by team: TeamID? = nil, synonyms: [String] = []
    ) -> (id: TermID, created: Bool) {
        let existing = terms.id(named: name)
        var term = existing.map { terms[$0] } ?? Term(name: name)
        if let definition {
            if let i = term.definitions.firstIndex(where: { $0.team == team }) {
                term.definitions[i].text = definition
            } else {
                term.definitions.append(.init(team: team, text: definition))
            }
        }
        for synonym in synonyms where !term.synonyms.contains(where: { $0.name == synonym && $0.team == team }) {
            term.synonyms.append(.init(name: synonym, team: team))
        }
        let id = existing ?? terms.nextID
        guard existing == nil || term != terms[id] else { return (id, false) }
        apply(.term(id, term))
        return (id, existing == nil)
    }

    /// The term with this name, created without definitions if it does not exist,
    /// so a metric can count a term that no team has defined yet.
    public mutating func termNamed(_ name: String) -> TermID {
        if let id = terms.id(named: name) { return id }
        let id = terms.nextID
        apply(.term(id, Term(name: name)))
        return id
    }

    /// Creates a metric, or updates the attributes given of an existing one.
    /// A new unit that would make a formula reading the metric add units that
    /// cannot add is refused, as the formula itself would have been.
    @discardableResult
    public mutating func defineMetric(
        _ name: String, owner: TeamID? = nil, unit: String? = nil, term: String? = nil,
        description: String? = nil, aggregation: Aggregation? = nil
    ) throws -> (id: MetricID, created: Bool) {
        let existing = metrics.id(named: name)
        var metric = existing.map { metrics[$0] } ?? Metric(name: name)
        if let owner { metric.owner = owner }
        if let unit { metric.unit = unit }
        if let term { metric.term = termNamed(term) }
        if let description { metric.description = description }
        if let aggregation { metric.aggregation = aggregation }
        let id = existing ?? metrics.nextID
        guard existing == nil || metric != metrics[id] else { return (id, false) }
        let unitChanged = existing != nil && metric.unit != metrics[id].unit
        let inverse = apply(.metric(id, metric))
        if unitChanged, isReadByFormulas(id) {
            for (readerID, reader) in metrics.all {
                guard let formula = reader.formula, formula.inputs.contains(id),
                    case .conflict(let lhs, let rhs, let expression) = self.unit(of: formula)
                else { continue }
                apply(inverse)
                throw WorkspaceError.unitBreaksFormula(reader: readerID, lhs: lhs, rhs: rhs, expression: expression)
            }
        }
        return (id, existing == nil)
    }

    /// Sets or clears a metric's formula, refusing one that would close a cycle
    /// or add values whose units cannot add.
    public mutating func setFormula(_ id: MetricID, _ formula: Formula?) throws {
        guard let formula else { return replaceFormula(id, nil) }
        setFormula(try check(formula, for: id))
    }

    /// Sets a formula `check` passed, without checking it again (a session
    /// checks a formula first, to point at the part of the line at fault).
    public mutating func setFormula(_ checked: CheckedFormula) {
        replaceFormula(checked.metric, checked.formula)
    }

    /// Checks `formula` as the formula of `id` (which may not exist yet: a
    /// line can make the metric it defines): refused if it would close a
    /// cycle or add values whose units cannot add. What it returns is what
    /// `setFormula(_:)` takes, with the unit the formula gives.
    public func check(_ formula: Formula, for id: MetricID) throws(WorkspaceError) -> CheckedFormula {
        if let cycle = cycle(ifFormulaOf: id, were: formula) {
            throw WorkspaceError.formulaCycle(cycle)
        }
        let unit = unit(of: formula)
        if case .conflict(let lhs, let rhs, let expression) = unit {
            throw WorkspaceError.unitMismatch(lhs: lhs, rhs: rhs, expression: expression)
        }
        return CheckedFormula(metric: id, formula: formula, unit: unit)
    }

    private mutating func replaceFormula(_ id: MetricID, _ formula: Formula?) {
        var metric = metrics[id]
        guard metric.formula != formula else { return }
        metric.formula = formula
        apply(.metric(id, metric))
    }

    /// Creates a link, or updates the attributes given of the existing one
    /// between the same two metrics.
    @discardableResult
    public mutating func link(
        _ from: MetricID, _ to: MetricID, lag: Lag? = nil, weight: Double? = nil, why: String? = nil
    ) throws -> (id: LinkID, created: Bool) {
        guard from != to else { throw WorkspaceError.selfLink(from) }
        let existing = links.id(from: from, to: to)
        var link = existing.map { links[$0] } ?? Link(from: from, to: to)
        if let lag { link.lag = lag }
        if let weight { link.weight = weight }
        if let why { link.why = why }
        let id = existing ?? links.nextID
        guard existing == nil || link != links[id] else { return (id, false) }
        apply(.link(id, link))
        return (id, existing == nil)
    }

    /// Records (or, with nil, erases) a metric's value in a period.
    public mutating func setValue(_ id: MetricID, _ period: Period, _ value: Double?) {
        guard self.value(of: id, in: period) != value else { return }
        apply(.value(id, period, value))
    }

    /// Creates a goal, or replaces the one with the same name. A goal given
    /// no reason keeps the one it had (a new target is not a new purpose);
    /// an empty reason clears it.
    @discardableResult
    public mutating func defineGoal(_ goal: Goal) -> (id: GoalID, created: Bool) {
        let existing = goals.id(named: goal.name)
        var goal = goal
        if goal.why == nil, let existing { goal.why = goals[existing].why }
        if goal.why == "" { goal.why = nil }
        let id = existing ?? goals.nextID
        guard existing == nil || goal != goals[id] else { return (id, false) }
        apply(.goal(id, goal))
        return (id, existing == nil)
    }

    /// Chooses the metric that revenue is measured by (nil: the one named `revenue`).
    public mutating func chooseRevenue(_ id: MetricID?) {
        guard id != revenueChoice else { return }
        apply(.revenue(id))
    }

    /// Appends a note or a decision.
    public mutating func addNote(_ note: Note) {
        apply(.notes(notes + [note]))
    }

    /// Removes the `number`th (1-based) note or decision of its kind.
    public mutating func removeNote(_ kind: Note.Kind, number: Int) throws {
        let positions = notes.indices.filter { notes[$0].kind == kind }
        guard number >= 1, number <= positions.count else { throw WorkspaceError.noSuchNote(kind, number) }
        var list = notes
        list.remove(at: positions[number - 1])
        apply(.notes(list))
    }
}
