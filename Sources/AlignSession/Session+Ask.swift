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
    static func changeTooLarge(_ metric: String) -> Message {
        Message("this change would make \(metric) too large to compute")
    }
}

/// `query`, `whatif` and `solve`: the alignment questions, presented.
extension Session {
    var analysis: Analysis {
        var analysis = Analysis(workspace, graph: graph, evaluator: { self.evaluator })
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

    /// The presenter of answers: at a terminal, long tables show their first rows.
    var presenter: QueryPresenter {
        QueryPresenter(
            workspace, shown: options.format == .table && options.boxed ? Session.shownRows : nil,
            describesRows: options.format != .csv)
    }

    func period(_ given: Period?, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) -> Period {
        guard let period = given ?? defaultPeriod() else { throw Diagnostic(.noPeriod, at: range, in: source) }
        return period
    }

    func query(_ query: Query, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) -> Document {
        switch query {
        case .orphans:
            let revenue = try revenueMetric(at: range, source)
            return presenter.orphans(analysis.orphans() ?? [], revenue: revenue)
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
            return presenter.consistency(analysis.consistency(in: period), period)
        case .path(let from, let to):
            let a = try metric(from, source)
            let b = try metric(to, source)
            return presenter.paths(analysis.paths(from: a, to: b), from: a, to: b, graph: graph)
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

    func whatIf(_ name: Name, _ change: WhatIfChange, _ given: Period?, _ range: SourceRange, _ source: SourceText)
        throws(Diagnostic) -> Document
    {
        let id = try metric(name, source)
        let p = try period(given, range, source)
        let current = evaluator.value(id, in: p)
        let value: Double
        switch change {
        case .set(let v): value = v
        case .relative(let share), .delta(let share):
            guard let now = current.number else {
                if current == .missing(id, p) { throw Diagnostic(.nothingToMove(name.text, p), at: name.range, in: source) }
                throw Diagnostic(.unknownValue(name.text, p, because: explain(current)), at: name.range, in: source)
            }
            if case .relative = change { value = now * (1 + share) } else { value = now + share }
        }
        guard value.isFinite else { throw Diagnostic(.changeTooLarge(name.text), at: range, in: source) }
        return presenter.whatIf(analysis.whatIf(id, to: value, in: p), p)
    }

    func solve(_ name: Name, _ target: Double, _ driverName: Name, _ given: Period?, _ range: SourceRange,
        _ source: SourceText) throws(Diagnostic) -> Document
    {
        let id = try metric(name, source)
        let driver = try metric(driverName, source)
        let p = try period(given, range, source)
        let result = analysis.solve(id, to: target, by: driver, in: p)
        let current = evaluator.value(driver, in: p)
        return presenter.solve(result, metric: id, target: target, driver: driver, current: current, p)
    }

    /// Why a value is unknown, in words.
    func explain(_ outcome: Outcome) -> String {
        presenter.explain(outcome)
    }
}
