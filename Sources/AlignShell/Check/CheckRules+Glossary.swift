import AlignCore
import AlignLanguage

/// The rules about words, time and results: the glossary, horizons, closed periods.
extension CheckRules {
    /// Terms defined differently, terms counted but never defined, synonyms that clash.
    func glossary() -> [CheckFinding] {
        let conflicts = analysis.conflicts()
        var found: [CheckFinding] = []
        for clash in conflicts.clashes {
            let term = ws.terms[clash.term].name
            let teams = clash.definitions.map { team($0.team) }
            var notes = clash.definitions.map { Message.definition(team($0.team), $0.text) }
            if !clash.metrics.isEmpty { notes.append(.countedBy(clash.metrics.map(name).joined(separator: ", "))) }
            // The definition that made the clash: the last one given.
            let place = clash.definitions.last.flatMap { places[.definition(term: term, team: $0.team.map { ws.teams[$0].name })] }
            found.append(
                CheckFinding(.termConflict, term, .definedDifferently(term, list(teams)), notes: notes, at: place ?? places[.term(term)]))
        }
        for undefined in conflicts.undefined {
            let term = ws.terms[undefined.term].name
            found.append(
                CheckFinding(
                    .undefinedTerm, term, .undefined(term, undefined.metrics.map(name).joined(separator: ", ")),
                    at: places[.term(term)]))
        }
        for clash in conflicts.synonyms {
            var meanings = clash.synonymOf.map { "a synonym of \(ws.terms[$0.term].name) (\(team($0.team)))" }
            if let named = clash.termNamed { meanings.append("the name of term \(ws.terms[named].name)") }
            found.append(
                CheckFinding(.synonymClash, clash.name, .meansMore(clash.name, list(meanings)), at: places[.synonym(clash.name)]))
        }
        return found
    }

    /// `a`, `a and b`, `a, b and c`.
    func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// Goals only a lever slower than their team's horizon can move.
    func horizons() -> [CheckFinding] {
        analysis.horizonConflicts().map { c in
            let goal = ws.goals[c.goal]
            let slowest = c.chain.first.map { name($0.from) } ?? name(goal.metric)
            var chain = c.chain.map { name($0.from) }
            chain.append(name(goal.metric))
            var notes = [Message.chain(chain.joined(separator: " -> "))]
            if !c.feeding.isEmpty { notes.append(.takesWork("\(goal.period)", slowest, span(c.feeding))) }
            notes.append(.longerHorizon)
            let message = Message.slowerLever(
                "\(goal.name) (\(team(goal.team)), plans a \(c.horizon.rawValue) ahead)", slowest, "\(c.lag)")
            return CheckFinding(.horizonConflict, goal.name, message, notes: notes, at: goalPlace(c.goal))
        }
    }

    /// Goals due in a period the actuals have closed, measured on the actuals.
    func closedPeriods() -> [CheckFinding] {
        guard let end = ws.actualsEnd else { return [] }
        let actuals = analysis.evaluator(.actual)
        var found: [CheckFinding] = []
        for (id, goal) in ws.goals.all where goal.period.endMonth <= end.endMonth {
            let outcome = actuals.value(goal.metric, in: goal.period)
            guard let value = outcome.number else {
                found.append(
                    CheckFinding(
                        .unmeasuredGoal, goal.name, .unmeasured(goal.name, "\(goal.period)", "\(end)", explain(outcome)),
                        at: goalPlace(id)))
                continue
            }
            guard !goal.comparison.isMet(value, target: goal.target) else { continue }
            let was = "\(name(goal.metric)) was \(format(value, goal.metric)) in \(goal.period)"
            let target = "\(goal.comparison.rawValue) \(format(goal.target, goal.metric))"
            found.append(
                CheckFinding(
                    .missedGoal, goal.name, .missed(goal.name, was, relation(value, goal.target), target),
                    notes: [.closed("\(goal.period)", "\(end)")], at: goalPlace(id)))
        }
        return found
    }
}

extension Message {
    static func definedDifferently(_ term: String, _ teams: String) -> Message {
        Message("term \(term) is defined differently by \(teams)")
    }
    static func definition(_ team: String, _ text: String) -> Message { Message("\(team): \"\(text)\"") }
    static func countedBy(_ metrics: String) -> Message {
        Message("counted by \(metrics), whose numbers then mean different things")
    }
    static func undefined(_ term: String, _ metrics: String) -> Message {
        Message("term \(term) is counted by \(metrics) but no team defines it: term \(term) \"...\" by=TEAM")
    }
    static func meansMore(_ name: String, _ meanings: String) -> Message {
        Message("'\(name)' means more than one thing: \(meanings)")
    }
    static func chain(_ chain: String) -> Message { Message("the chain: \(chain)") }
    static func takesWork(_ period: String, _ driver: String, _ periods: String) -> Message {
        Message("in \(period) it takes the \(driver) of \(periods)")
    }
    static let longerHorizon = Message("set the goal over a longer horizon, or agree a goal on the faster driver")
    static func slowerLever(_ goal: String, _ driver: String, _ lag: String) -> Message {
        Message("goal \(goal) depends on \(driver) through a \(lag) lag: a lever slower than the team's horizon")
    }
    static func unmeasured(_ goal: String, _ period: String, _ end: String, _ why: String) -> Message {
        Message("goal \(goal) was due in \(period), which has closed (actuals through \(end)), but it cannot be measured: \(why)")
    }
    static func missed(_ goal: String, _ was: String, _ relation: String, _ target: String) -> Message {
        Message("goal \(goal) was missed: \(was), \(relation) its target of \(target)")
    }
    static func closed(_ period: String, _ end: String) -> Message { Message("\(period) has closed: actuals run through \(end)") }
}
