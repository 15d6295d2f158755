import AlignCore
import AlignOutput
import AlignPresent

/// The findings of the rules on a workspace: the alignment queries asked
/// all at once, each answer that is a problem turned into a finding that
/// points at the line defining what it is about.
struct CheckRules {
    let ws: Workspace
    let analysis: Analysis
    let places: PlaceBook

    /// Asks every query of `workspace`; `places` says where things were defined.
    init(_ workspace: Workspace, places: PlaceBook) {
        ws = workspace
        // With a plan, figures are forecasts, as the session reads them.
        let layer: ValueLayer = workspace.hasPlan ? .forecast : .actual
        analysis = Analysis(workspace, evaluator: { Evaluator(workspace, layer: layer) })
        self.places = places
    }

    /// Every finding, in no particular order.
    func findings() -> [CheckFinding] {
        consistency() + grains() + glossary() + orphans() + closedPeriods() + horizons()
    }

    func name(_ id: MetricID) -> String { ws.metrics[id].name }
    func team(_ id: TeamID?) -> String { id.map { ws.teams[$0].name } ?? "everyone" }
    func format(_ value: Double, _ metric: MetricID) -> String {
        NumberFormat.format(value, unit: ws.valueUnit(of: metric))
    }
    func goalPlace(_ id: GoalID) -> CheckPlace? { places[.goal(ws.goals[id].name)] }
    func span(_ periods: [Period]) -> String {
        guard let first = periods.first, let last = periods.last else { return "" }
        return first == last ? "\(first)" : "\(first) .. \(last)"
    }
    /// `below`, `above` or `equal to`: where a value stands against a target.
    func relation(_ value: Double, _ target: Double) -> String {
        value < target ? "below" : value > target ? "above" : "equal to"
    }
    func explain(_ outcome: Outcome) -> String { QueryPresenter(ws).explain(outcome) }

    /// Pairs of goals on one chain that do not add up (or cannot be worked out).
    func consistency() -> [CheckFinding] {
        var found: [CheckFinding] = []
        func add(_ up: GoalID, _ down: GoalID, _ implied: Outcome, _ ok: Bool?, _ notes: [String]) {
            let u = ws.goals[up]
            let d = ws.goals[down]
            let subject = "\(u.name)->\(d.name)"
            guard let ok, let value = implied.number else {
                found.append(
                    CheckFinding(
                        .uncheckedGoals, subject,
                        "whether \(u.name) and \(d.name) add up cannot be worked out: " + explain(implied),
                        at: goalPlace(down)))
                return
            }
            guard !ok else { return }
            let message =
                "\(u.name) (\(format(u.target, u.metric)) \(name(u.metric)) in \(u.period)) implies \(name(d.metric)) "
                + "\(format(value, d.metric)) in \(d.period), \(relation(value, d.target)) the "
                + "\(format(d.target, d.metric)) of \(d.name): the goals do not add up"
            found.append(CheckFinding(.inconsistentGoals, subject, message, notes: notes, at: goalPlace(down)))
        }
        if analysis.evaluator.plan.hasTime {
            for c in analysis.chainChecks(in: nil) {
                let up = ws.goals[c.upstream]
                var notes = ["\(ws.goals[c.downstream].name) is fed by the \(name(up.metric)) of \(span(c.feeding))"]
                if let needed = c.needed {
                    notes.append(
                        "meeting it takes \(NumberFormat.format(needed, unit: ws.valueUnit(of: up.metric), decimals: 2)) \(name(up.metric)) over those periods"
                    )
                }
                add(c.upstream, c.downstream, c.implied, c.consistent, notes)
            }
        } else {
            for c in analysis.consistency(in: nil) {
                let up = ws.goals[c.upstream]
                var notes: [String] = []
                if case .solved(let v, _) = c.needed {
                    notes.append(
                        "meeting \(ws.goals[c.downstream].name) takes \(NumberFormat.precise(v, unit: ws.valueUnit(of: up.metric))) \(name(up.metric))"
                    )
                }
                add(c.upstream, c.downstream, c.implied, c.consistent, notes)
            }
        }
        return found
    }

    /// Goals on one metric whose shorter periods do not make the longer one.
    func grains() -> [CheckFinding] {
        analysis.grainChecks(in: nil).compactMap { c in
            guard c.consistent == false else { return nil }
            let goal = ws.goals[c.goal]
            let parts = c.parts.map { "\(ws.goals[$0].name) (\(ws.goals[$0].period))" }.joined(separator: ", ")
            let message =
                "\(goal.name) (\(goal.comparison.rawValue) \(format(goal.target, goal.metric)) in \(goal.period)): "
                + "the goals inside it, \(parts), make \(format(c.combined, goal.metric)) as \(name(goal.metric)) rolls up "
                + "(agg=\(ws.aggregation(of: goal.metric).rawValue)): meeting them all still misses it"
            return CheckFinding(.inconsistentGrains, goal.name, message, at: goalPlace(c.goal))
        }
    }

    /// Goals on metrics with no path to revenue.
    func orphans() -> [CheckFinding] {
        guard let orphans = analysis.orphans() else {
            return [
                CheckFinding(
                    .noRevenue, "revenue",
                    "no metric measures revenue, so goals are not checked for a path to it: name one with 'revenue METRIC'",
                    at: nil)
            ]
        }
        let revenue = ws.revenue.map(name) ?? "revenue"
        return orphans.flatMap { orphan in
            orphan.goals.map { id in
                CheckFinding(
                    .orphanGoal, ws.goals[id].name,
                    "goal \(ws.goals[id].name) sits on \(name(orphan.metric)), which has no path to \(revenue): meeting it cannot show up in \(revenue)",
                    at: goalPlace(id))
            }
        }
    }
}
