import AlignCore
import AlignLanguage
import AlignOutput
import AlignPresent

/// `show`, `tree` and `chart`: names resolved here, pictures drawn by the presenters.
extension Session {
    /// The period to show when none is given: the latest with any recorded value.
    func defaultPeriod() -> Period? {
        workspace.latestPeriod
    }

    /// `show` and `show LIST`.
    func show(_ list: ShowList?) -> Document {
        if list == .scenarios { return scenarioList() }
        return ShowPresenter(workspace, snapshots: snapshots).list(list)
    }

    /// `show NAME`: everything of that name, or "did you mean" when nothing
    /// has it. `show METRIC in PERIOD`: the metric, its values narrowed to
    /// the period.
    func show(_ name: Name, in period: Period?, _ source: SourceText) throws(Diagnostic) -> Document {
        var presenter = ShowPresenter(workspace, snapshots: snapshots, layers: { self.evaluator($0) })
        if let period {
            // A period narrows a metric's values: the name must be a metric's.
            if workspace.metrics.id(named: name.text) == nil {
                let other: EntityKind? =
                    workspace.teams.id(named: name.text) != nil ? .team
                    : workspace.terms.id(named: name.text) != nil ? .term
                    : workspace.goals.id(named: name.text) != nil ? .goal : nil
                if let other { throw Diagnostic(.periodNarrowsMetrics(name.text, other), at: name.range, in: source) }
                _ = try metric(name, source)
            }
            presenter.within = period
        }
        var doc = presenter.describe(name.text, graph: graph, evaluator: evaluator)
        // A scenario of that name: its line of `show scenarios`.
        if let scenario = workspace.scenario(named: name.text) {
            doc.blocks += scenarioDocument([scenario]).blocks
        }
        guard doc.isEmpty else { return doc }
        if adoptedScenarios.contains(name.text) { throw Diagnostic(.scenarioAdopted(name.text), at: name.range, in: source) }
        for kind in [EntityKind.metric, .goal, .team, .term] {
            if let now = renamed(kind, name.text) { throw Diagnostic(.renamedName(kind, name.text, now), at: name.range, in: source) }
        }
        throw Diagnostic(
            .nothingNamed(
                name.text, suggestion: Suggestions.closest(to: name.text, among: presenter.words() + workspace.scenarios.map(\.name))),
            at: name.range, in: source)
    }

    /// `tree [METRIC] [in PERIOD]`: revenue's tree when no metric is named.
    func tree(_ name: Name?, _ period: Period?, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) -> Document {
        let root: MetricID
        if let name { root = try metric(name, source) } else { root = try revenueMetric(at: range, source) }
        var presenter = TreePresenter(workspace, graph: graph, evaluator: evaluator)
        // At a terminal, a tree as long as a long table's shown rows.
        presenter.shown = shownHere
        return presenter.tree(root, in: period ?? defaultPeriod())
    }

    /// `chart METRIC [in PERIOD] [by GRAIN]`: a grain longer than the period is refused.
    func chart(_ name: Name, in period: Period?, by grain: Period.Grain?, _ source: SourceText) throws(Diagnostic) -> Document {
        let id = try metric(name, source)
        if let period, let grain, grain > period.grain {
            throw Diagnostic(.grainLongerThanPeriod(grain, period), at: name.range, in: source)
        }
        return BarChart.document(workspace, id, evaluator: evaluator, format: options.format, in: period, by: grain)
    }
}
