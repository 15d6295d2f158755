import AlignCore
import AlignLanguage
import AlignOutput
import AlignPresent

extension Message {
    static let noPeriod = Message("no values are recorded yet, so there is no period to use: add 'in PERIOD'")
    static func nothingToMove(_ metric: String, _ period: Period) -> Message {
        Message("\(metric) has no value in \(period) to move; set one with: whatif \(metric) = NUMBER in \(period)")
    }
    static func unknownValue(_ metric: String, _ period: Period, because: String) -> Message {
        Message("\(metric) has no value in \(period): \(because)")
    }
    static func nothingToMoveFrom(_ metric: String, _ start: Period) -> Message {
        Message("\(metric) has no value from \(start) on to move")
    }
    static func changeTooLarge(_ metric: String) -> Message {
        Message("this change would make \(metric) too large to compute")
    }
}

/// `query`, `whatif` and `solve`: the alignment questions, presented.
extension Session {
    var analysis: Analysis {
        var analysis = Analysis(workspace, graph: graph, evaluator: { self.evaluator }, layers: { self.evaluator($0) })
        analysis.isCancelled = { [unowned self] in self.commandCancelled }
        return analysis
    }

    /// Whether Ctrl-C (or a signal to end) asks the command under way to
    /// stop. Steps taken again from the journal run to their end.
    var commandCancelled: Bool { replay == nil && shouldStop() }

    /// Prints the answer of a command that may take long, unless it was
    /// cancelled on the way: then its answer is incomplete, and it fails.
    func emitUnlessCancelled(_ document: Document, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        if commandCancelled { throw Diagnostic(.interrupted, at: range, in: source) }
        emit(document)
    }

    /// How many rows of a long answer a terminal shows.
    static let shownRows = 100

    /// How many rows of a long table (or metrics of a tree) this session
    /// shows: `shownRows` at a terminal, every one elsewhere (nil).
    var shownHere: Int? { options.format == .table && options.boxed ? Session.shownRows : nil }

    /// The presenter of answers: at a terminal, long tables show their first rows.
    var presenter: QueryPresenter {
        QueryPresenter(workspace, shown: shownHere, describesRows: options.format != .csv)
    }

    func period(_ given: Period?, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) -> Period {
        guard let period = given ?? defaultPeriod() else { throw Diagnostic(.noPeriod, at: range, in: source) }
        return period
    }

    func query(_ query: Query, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) -> Document {
        switch query {
        case .orphans:
            let revenue = try revenueMetric(at: range, source)
            return presenter.orphans(analysis.orphans() ?? [], outcomes: analysis.outcomeMeasures(), revenue: revenue)
        case .conflicts:
            return presenter.conflicts(analysis.conflicts())
        case .handoffs:
            return presenter.handoffs(analysis.handoffs())
        case .horizons:
            let a = analysis
            return presenter.horizons(a.horizonConflicts(), a.horizonCrossings())
        case .gaps(let period):
            return presenter.gaps(analysis.gaps(in: period), period)
        case .consistency(let period):
            let a = analysis
            var doc =
                evaluator.plan.hasTime
                ? presenter.chainChecks(a.chainChecks(in: period), period)
                : presenter.consistency(a.consistency(in: period), period)
            doc.blocks += presenter.grainChecks(a.grainChecks(in: period)).blocks
            return doc
        case .path(let from, let to):
            let a = try metric(from, source)
            let b = try metric(to, source)
            return presenter.paths(analysis.pathSearch(from: a, to: b), from: a, to: b, graph: graph)
        case .pacing(let period):
            return pacing(period)
        case .variance(let name, let period):
            return try variance(name, period, range, source)
        case .drivers(let name, let given):
            let id = try metric(name, source)
            let p = try period(given, range, source)
            var doc = presenter.drivers(analysis.drivers(of: id, in: p), of: id, in: p, graph: graph)
            let outcome = evaluator.value(id, in: p)
            if outcome.number == nil {
                doc.line(Span("the effects are unknown because \(name.text) has no value: " + explain(outcome), .dim))
            }
            return doc
        }
    }

    /// Whether answers are for a machine (CSV, JSON): tables whole and long, not pivoted.
    var machineFormat: Bool { options.format == .csv || options.format == .json }

    func whatIf(_ changes: [WhatIfChangeSyntax], _ range: SourceRange, _ source: SourceText) throws(Diagnostic)
        -> Document
    {
        let items = try whatIfItems(changes, range, source)
        let a = analysis
        for (item, c) in zip(items, changes) {
            let found = a.settings(for: item)
            if found.contains(where: { !$0.2.isFinite }) {
                throw Diagnostic(.changeTooLarge(c.metric.text), at: range, in: source)
            }
            if found.isEmpty {
                switch item.scope {
                case .from(let start):
                    throw Diagnostic(.nothingToMoveFrom(c.metric.text, start), at: c.metric.range, in: source)
                case .within(let span):
                    let current = evaluator.value(item.metric, in: span.lowerBound)
                    if current == .missing(item.metric, span.lowerBound) || current.number != nil {
                        throw Diagnostic(.nothingToMove(c.metric.text, span.lowerBound), at: c.metric.range, in: source)
                    }
                    throw Diagnostic(
                        .unknownValue(c.metric.text, span.lowerBound, because: explain(current)), at: c.metric.range,
                        in: source)
                }
            }
        }
        // One change in one period, where no formula reads earlier periods:
        // the value before and after in that period says it all.
        if items.count == 1, case .within(let span) = items[0].scope, span.lowerBound == span.upperBound,
            !evaluator.plan.hasTime
        {
            return presenter.whatIf(a.whatIf(items[0].metric, settings: a.settings(for: items[0]), in: span.lowerBound), span.lowerBound)
        }
        return presenter.periodWhatIf(a.whatIf(items), items: items, machine: machineFormat)
    }

    func solve(_ name: Name, _ target: Double, _ driverName: Name, _ given: Period?, over: ClosedRange<Period>?,
        _ range: SourceRange, _ source: SourceText) throws(Diagnostic) -> Document
    {
        let id = try metric(name, source)
        let driver = try metric(driverName, source)
        let p = try period(given, range, source)
        switch analysis.solve(id, to: target, by: driver, in: p, over: over) {
        case .single(let result):
            let current = evaluator.value(driver, in: p)
            return presenter.solve(result, metric: id, target: target, driver: driver, current: current, p)
        case .periods(let answer):
            return presenter.periodSolve(answer, machine: machineFormat)
        }
    }

    /// Why a value is unknown, in words.
    func explain(_ outcome: Outcome) -> String {
        presenter.explain(outcome)
    }
}
