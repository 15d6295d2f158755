import AlignCore

/// The rules about words, time and results: the glossary, horizons, closed periods.
extension CheckRules {
    /// Terms defined differently, terms counted but never defined, synonyms that clash.
    func glossary() -> [CheckFinding] {
        let conflicts = analysis.conflicts()
        var found: [CheckFinding] = []
        for clash in conflicts.clashes {
            let term = ws.terms[clash.term].name
            let teams = clash.definitions.map { team($0.team) }
            var notes = clash.definitions.map { "\(team($0.team)): \"\($0.text)\"" }
            if !clash.metrics.isEmpty {
                notes.append("counted by " + clash.metrics.map(name).joined(separator: ", ") + ", whose numbers then mean different things")
            }
            // The definition that made the clash: the last one given.
            let place = clash.definitions.last.flatMap { places[.definition(term: term, team: $0.team.map { ws.teams[$0].name })] }
            found.append(
                CheckFinding(
                    .termConflict, term, "term \(term) is defined differently by " + list(teams), notes: notes,
                    at: place ?? places[.term(term)]))
        }
        for undefined in conflicts.undefined {
            let term = ws.terms[undefined.term].name
            found.append(
                CheckFinding(
                    .undefinedTerm, term,
                    "term \(term) is counted by " + undefined.metrics.map(name).joined(separator: ", ")
                        + " but no team defines it: term \(term) \"...\" by=TEAM",
                    at: places[.term(term)]))
        }
        for clash in conflicts.synonyms {
            var meanings = clash.synonymOf.map { "a synonym of \(ws.terms[$0.term].name) (\(team($0.team)))" }
            if let named = clash.termNamed { meanings.append("the name of term \(ws.terms[named].name)") }
            found.append(
                CheckFinding(
                    .synonymClash, clash.name, "'\(clash.name)' means more than one thing: " + list(meanings),
                    at: places[.synonym(clash.name)]))
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
            var notes = ["the chain: " + chain.joined(separator: " -> ")]
            if let first = c.feeding.first, let last = c.feeding.last {
                notes.append("in \(goal.period) it takes the \(slowest) of " + (first == last ? "\(first)" : "\(first) .. \(last)"))
            }
            notes.append("set the goal over a longer horizon, or agree a goal on the faster driver")
            return CheckFinding(
                .horizonConflict, goal.name,
                "goal \(goal.name) (\(team(goal.team)), plans a \(c.horizon.rawValue) ahead) depends on \(slowest) through a \(c.lag) lag: a lever slower than the team's horizon",
                notes: notes, at: goalPlace(c.goal))
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
                        .unmeasuredGoal, goal.name,
                        "goal \(goal.name) was due in \(goal.period), which has closed (actuals through \(end)), but it cannot be measured: "
                            + explain(outcome),
                        at: goalPlace(id)))
                continue
            }
            guard !goal.comparison.isMet(value, target: goal.target) else { continue }
            found.append(
                CheckFinding(
                    .missedGoal, goal.name,
                    "goal \(goal.name) was missed: \(name(goal.metric)) was \(format(value, goal.metric)) in \(goal.period), "
                        + "\(relation(value, goal.target)) its target of \(goal.comparison.rawValue) \(format(goal.target, goal.metric))",
                    notes: ["\(goal.period) has closed: actuals run through \(end)"], at: goalPlace(id)))
        }
        return found
    }
}
