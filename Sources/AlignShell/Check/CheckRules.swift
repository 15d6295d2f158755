import AlignCore
import AlignLanguage
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
    func span(_ periods: [Period]) -> String { Period.span(periods) }
    /// `below`, `above` or `equal to`: where a value stands against a target.
    func relation(_ value: Double, _ target: Double) -> String {
        value < target ? "below" : value > target ? "above" : "equal to"
    }
    func explain(_ outcome: Outcome) -> String { QueryPresenter(ws).explain(outcome) }

    /// Pairs of goals on one chain that do not add up (or cannot be worked out).
    func consistency() -> [CheckFinding] {
        var found: [CheckFinding] = []
        func add(_ up: GoalID, _ down: GoalID, _ implied: Outcome, _ ok: Bool?, _ notes: [Message]) {
            let u = ws.goals[up]
            let d = ws.goals[down]
            let subject = "\(u.name)->\(d.name)"
            guard let ok, let value = implied.number else {
                found.append(
                    CheckFinding(.uncheckedGoals, subject, .cannotWorkOut(u.name, d.name, explain(implied)), at: goalPlace(down)))
                return
            }
            guard !ok else { return }
            let upstream = "\(u.name) (\(format(u.target, u.metric)) \(name(u.metric)) in \(u.period))"
            let implies = "\(name(d.metric)) \(format(value, d.metric)) in \(d.period)"
            let message = Message.doNotAddUp(
                upstream, implies: implies, relation(value, d.target), "\(format(d.target, d.metric)) of \(d.name)")
            found.append(CheckFinding(.inconsistentGoals, subject, message, notes: notes, at: goalPlace(down)))
        }
        if analysis.evaluator.plan.hasTime {
            for c in analysis.chainChecks(in: nil) {
                let up = ws.goals[c.upstream]
                var notes = [Message.fedBy(ws.goals[c.downstream].name, name(up.metric), span(c.feeding))]
                if let needed = c.needed {
                    let amount = NumberFormat.format(needed, unit: ws.valueUnit(of: up.metric), decimals: 2)
                    notes.append(.takesOverPeriods(amount, name(up.metric)))
                }
                add(c.upstream, c.downstream, c.implied, c.consistent, notes)
            }
        } else {
            for c in analysis.consistency(in: nil) {
                let up = ws.goals[c.upstream]
                var notes: [Message] = []
                if case .solved(let v, _) = c.needed {
                    let amount = NumberFormat.precise(v, unit: ws.valueUnit(of: up.metric))
                    notes.append(.takes(ws.goals[c.downstream].name, amount, name(up.metric)))
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
            let message = Message.partsMiss(
                "\(goal.name) (\(goal.comparison.rawValue) \(format(goal.target, goal.metric)) in \(goal.period))", parts,
                format(c.combined, goal.metric), name(goal.metric), ws.aggregation(of: goal.metric).rawValue)
            return CheckFinding(.inconsistentGrains, goal.name, message, at: goalPlace(c.goal))
        }
    }

    /// Goals on metrics with no path to revenue.
    func orphans() -> [CheckFinding] {
        guard let orphans = analysis.orphans() else {
            return [CheckFinding(.noRevenue, "revenue", .noRevenueMetric, at: nil)]
        }
        let revenue = ws.revenue.map(name) ?? "revenue"
        return orphans.flatMap { orphan in
            orphan.goals.map { id in
                CheckFinding(
                    .orphanGoal, ws.goals[id].name, .orphanGoal(ws.goals[id].name, name(orphan.metric), revenue),
                    at: goalPlace(id))
            }
        }
    }
}

extension Message {
    static func cannotWorkOut(_ up: String, _ down: String, _ why: String) -> Message {
        Message("whether \(up) and \(down) add up cannot be worked out: \(why)")
    }
    /// `q3_mqls (900 mqls in 2026-Q3) implies revenue 1,800,000 USD in 2026-Q3, below the 2,500,000 USD of q3_bookings`.
    static func doNotAddUp(_ upstream: String, implies: String, _ relation: String, _ target: String) -> Message {
        Message("\(upstream) implies \(implies), \(relation) the \(target): the goals do not add up")
    }
    static func fedBy(_ goal: String, _ metric: String, _ periods: String) -> Message {
        Message("\(goal) is fed by the \(metric) of \(periods)")
    }
    static func takesOverPeriods(_ amount: String, _ metric: String) -> Message {
        Message("meeting it takes \(amount) \(metric) over those periods")
    }
    static func takes(_ goal: String, _ amount: String, _ metric: String) -> Message {
        Message("meeting \(goal) takes \(amount) \(metric)")
    }
    static func partsMiss(_ goal: String, _ parts: String, _ combined: String, _ metric: String, _ agg: String) -> Message {
        Message("\(goal): the goals inside it, \(parts), make \(combined) as \(metric) rolls up (agg=\(agg)): meeting them all still misses it")
    }
    static let noRevenueMetric = Message(
        "no metric measures revenue, so goals are not checked for a path to it: name one with 'revenue METRIC'")
    static func orphanGoal(_ goal: String, _ metric: String, _ revenue: String) -> Message {
        Message("goal \(goal) sits on \(metric), which has no path to \(revenue): meeting it cannot show up in \(revenue)")
    }
}
