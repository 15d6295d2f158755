import AlignCore
import AlignLanguage
import AlignOutput

/// Running one parsed command: dispatch by kind.
extension Session {
    func execute(_ parsed: ParsedCommand) throws(Diagnostic) {
        let source = parsed.source
        let range = parsed.range
        let version = workspace.structureVersion
        /// "added", "updated", or "unchanged" when the line repeats what is there.
        func done(_ created: Bool, _ changed: String = "updated") -> String {
            created ? "added" : workspace.structureVersion == version ? "unchanged:" : changed
        }
        switch parsed.command {
        case .team(let name, let horizon, let description):
            let (_, created) = try change(at: range, in: source) {
                $0.defineTeam(name.text, horizon: horizon, description: description)
            }
            confirm("\(done(created)) team \(name.text)")

        case .term(let name, let definition, let by, let aka):
            let team = try by.map { n throws(Diagnostic) in try self.team(n, source) }
            let (_, created) = try change(at: range, in: source) {
                $0.defineTerm(name.text, definition: definition, by: team, synonyms: aka.map(\.text))
            }
            let whose = by.map { " for \($0.text)" } ?? ""
            confirm("\(done(created)) term \(name.text)\(whose)")

        case .metric(let name, let owner, let unit, let term, let description, let aggregation, let expression):
            let ownerID = try owner.map { n throws(Diagnostic) in try self.team(n, source) }
            if let expression {
                // Attributes and formula, all or nothing.
                try setFormula(name, expression, range, source) { ws in
                    _ = try ws.defineMetric(
                        name.text, owner: ownerID, unit: unit, term: term?.text, description: description,
                        aggregation: aggregation)
                }
                return
            }
            let (_, created) = try change(at: range, in: source) {
                try $0.defineMetric(
                    name.text, owner: ownerID, unit: unit, term: term?.text, description: description,
                    aggregation: aggregation)
            }
            if let term, let id = workspace.terms.id(named: term.text), workspace.terms[id].definitions.isEmpty,
                options.interactive
            {
                warn(.undefinedTerm(term.text), at: term.range, in: source)
            }
            confirm("\(done(created)) metric \(name.text)")

        case .formula(let name, let expression):
            try setFormula(name, expression, range, source)

        case .link(let from, let to, let lag, let weight, let why):
            let a = try metric(from, source)
            let b = try metric(to, source)
            let (_, created) = try change(at: from.range.joined(to.range), in: source) {
                try $0.link(a, b, lag: lag, weight: weight, why: why)
            }
            confirm("\(done(created)) link \(from.text) -> \(to.text)")

        case .value(let name, let period, let value):
            let id = try metric(name, source)
            let doubt = try change(at: range, in: source) { ws in
                ws.setValue(id, period, value)
                return ws.doubt(about: value, of: id)
            }
            question(id, value, doubt, at: range, in: source)
            confirm("\(name.text) in \(period) = \(NumberFormat.format(value, unit: workspace.valueUnit(of: id)))")

        case .goal(let name, let teamName, let metricName, let comparison, let target, let period, let why):
            let teamID = try team(teamName, source)
            let metricID = try metric(metricName, source)
            let goal = Goal(
                name: name.text, team: teamID, metric: metricID, comparison: comparison, target: target,
                period: period, why: why)
            let (id, created, doubt) = try change(at: range, in: source) { ws in
                let (id, created) = ws.defineGoal(goal)
                return (id, created, ws.doubt(about: target, of: metricID))
            }
            question(metricID, target, doubt, at: range, in: source)
            let kept = !created && why == nil ? workspace.goals[id].why.map { "; its reason stays: " + ScriptPrinter.quoted($0) } : nil
            confirm("\(done(created, "replaced")) goal \(name.text)" + (kept ?? ""))

        case .revenue(let name):
            let id = try metric(name, source)
            try change(at: range, in: source) { $0.chooseRevenue(id) }
            confirm("revenue is measured by \(name.text)")

        case .remove(let target, let cascade):
            try remove(target, cascade: cascade, range, source)

        case .rename(let kind, let old, let new):
            try rename(kind, old, new, range, source)

        case .note(let kind, let text, let time):
            let note = Note(kind: kind, text: text, time: stamp(time, range, source))
            try change(at: range, in: source) { $0.addNote(note) }
            let count = workspace.notes.filter { $0.kind == kind }.count
            confirm("\(kind == .note ? "note" : "decision") \(count) recorded")

        case .show(let list):
            emit(show(list))
        case .showName(let name, let period):
            emit(try show(name, in: period, source))
        case .tree(let name, let period):
            try emitUnlessCancelled(try tree(name, period, range, source), range, source)
        case .chart(let name, let period, let grain):
            emit(try chart(name, in: period, by: grain, source))
        case .query(let query):
            try emitUnlessCancelled(try self.query(query, range, source), range, source)
        case .whatIf(let changes, let scenario):
            let answer = try whatIf(changes, range, source)
            if let scenario {
                // Kept under a name: a change to the workspace, silent in a script.
                if options.interactive, commandCancelled { throw Diagnostic(.interrupted, at: range, in: source) }
                let kept = try keepScenario(scenario, changes, source)
                if options.interactive { emit(answer) }
                confirm(kept)
            } else {
                try emitUnlessCancelled(answer, range, source)
            }
        case .plan(let name, let period, let value):
            let id = try metric(name, source)
            let doubt = try change(at: range, in: source) { ws in
                ws.setPlan(id, period, value)
                return ws.doubt(about: value, of: id)
            }
            question(id, value, doubt, at: range, in: source)
            warnPlansOutOfStep([(id, period)], singly: true, at: range, in: source)
            confirm("plan for \(name.text) in \(period) = \(NumberFormat.format(value, unit: workspace.valueUnit(of: id)))")
        case .actualsThrough(let period):
            try actualsThrough(period, range, source)
        case .compare(let first, let second, let metricName, let period):
            try emitUnlessCancelled(try compare(first, second, on: metricName, in: period, range, source), range, source)
        case .adopt(let name):
            try adopt(name, range, source)
        case .solve(let name, let target, let driver, let period, let over):
            try emitUnlessCancelled(try solve(name, target, driver, period, over: over, range, source), range, source)

        case .save(let path):
            try save(path, source)
        case .run(let path):
            try runFile(path, source, callRange: range)
            // Typed at the prompt: that it ran, and how to take it back.
            confirm("ran \(path.path); 'undo' takes it back as one step")
        case .record(let path):
            try record(path, source)
        case .importValues(let path):
            try importValues(path, range, source)
        case .importPlan(let path):
            try importValues(path, range, source, plan: true)
        case .export(let format, let path, let period, let title):
            try export(format, path, period: period, title: title, range, source)

        case .undo:
            try undo(range, source)
        case .redo:
            try redo(range, source)
        case .history:
            emit(history())
        case .snapshot(let name):
            try snapshot(name, source)
        case .diff(let from, let to):
            emit(try diff(from, to, source))

        case .format(let format):
            options.format = format
            confirm("answers print as \(format.rawValue)")
        case .help(let topic):
            emit(try help(topic, source))
        case .quit:
            wantsQuit = true
        case .data(let command):
            try execute(command, range, source)
        case .room(let command):
            try executeRoom(command, range, source)
        }
    }

    /// Gives a metric its formula, creating it if new; `attributes` sets its
    /// other attributes in the same step. A new metric may read its own
    /// earlier periods (`arr = arr[-1m] + new_arr`).
    private func setFormula(
        _ name: Name, _ expression: Expression, _ range: SourceRange, _ source: SourceText,
        attributes: (inout Workspace) throws -> Void = { _ in }
    ) throws(Diagnostic) {
        let own = workspace.metrics.id(named: name.text) ?? workspace.metrics.nextID
        // The formula this line replaces, said at the prompt: undo brings it back.
        let replaced = workspace.metrics.id(named: name.text).flatMap { workspace.metrics[$0].formula }
        let formula = try expression.formula { n throws(Diagnostic) in
            n.text == name.text ? own : try self.metric(n, source)
        }
        var checked: UnitInference?
        try change(at: expression.range, in: source) { ws in
            try attributes(&ws)
            // Checked as the line makes the metric (its unit given on the same
            // line counts), on the workspace being changed.
            let passed = try Session.checkFormula(formula, of: name, own: own, expression, source, in: ws)
            checked = passed.unit
            let id = try ws.defineMetric(name.text).id
            // (Checked for the identifier a new metric takes; checked again otherwise.)
            if id == passed.metric { ws.setFormula(passed) } else { try ws.setFormula(id, formula) }
        }
        let id = workspace.metrics.id(named: name.text)!
        // (The unit the check worked out, unless the formula reads its own metric, which had none then.)
        let computedUnit = formula.reads(id) || checked == nil ? workspace.unit(of: formula) : checked!
        if let declared = workspace.metrics[id].unit, case .known(let cls, let computed) = computedUnit,
            cls != UnitClass(declared)
        {
            warn(.unitDisagrees(name.text, declared: declared, computed: computed), at: expression.range, in: source)
        }
        // Shares of a cohort that add up to more than the whole: taken, and questioned.
        for profile in expression.profiles where profile.shares.reduce(0, +) > 1 + 1e-9 {
            warn(.profileOverWhole(profile.shares.reduce(0, +)), at: profile.range, in: source)
        }
        // (Written out only where it is shown: a script's formulas are not.)
        confirm(Self.formulaSet(name.text, formula, replacing: replaced, in: workspace))
    }

    /// What the prompt says a formula line did: the formula as it reads
    /// now, and the one it replaced, if any, and different.
    private static func formulaSet(_ name: String, _ formula: Formula, replacing old: Formula?, in ws: Workspace) -> String {
        let now = "\(name) = \(ScriptPrinter.formula(formula, ws))"
        guard let old, case let was = "\(name) = \(ScriptPrinter.formula(old, ws))", was != now else { return now }
        return "\(now) (replaced \(was); undo to restore)"
    }

    /// Refuses a formula that closes a cycle, pointing at the input that
    /// leads back, or that adds units that cannot add, pointing at the
    /// operator. `own` is the metric's identifier (a new one is made by this line).
    private static func checkFormula(
        _ formula: Formula, of name: Name, own id: MetricID, _ expression: Expression, _ source: SourceText,
        in ws: Workspace
    ) throws(Diagnostic) -> CheckedFormula {
        let error: WorkspaceError
        do {
            return try ws.check(formula, for: id)
        } catch let refused {
            error = refused
        }
        if case .formulaCycle(let cycle) = error {
            let input = cycle.count > 1 ? cycle[1] : id
            // The name that reads the input in the same period (the metric may be new: made by this line).
            func resolves(_ n: Name) -> Bool { (n.text == name.text ? id : ws.metrics.id(named: n.text)) == input }
            let place = (expression.namesNow.first(where: resolves) ?? expression.names.first(where: resolves))?.range
            // The metric may be new: made by this very line.
            let names = cycle.map { ws.metrics.entity($0)?.name ?? name.text }
            var error = Diagnostic(.formulaCycle(names), at: place ?? expression.range, in: source)
            if cycle.count == 2 { error.notes.append(Message.readEarlierPeriod(name.text).text) }
            throw error
        }
        var place: SourceRange?
        if case .unitMismatch(_, _, let part) = error {
            place = operatorRange(of: part, in: expression) { n in n.text == name.text ? id : ws.metrics.id(named: n.text) }
        }
        throw Diagnostic(describe(error, in: ws), at: place ?? expression.range, in: source)
    }

    /// Where the operator of the part of `expression` that computes `part` is.
    private static func operatorRange(
        of part: Formula, in expression: Expression, resolve: (Name) -> MetricID?
    ) -> SourceRange? {
        struct Unknown: Error {}
        var stack = [expression]
        while let e = stack.popLast() {
            switch e {
            case .binary(_, let lhs, let rhs, let range):
                let formula = try? e.formula { n throws(Unknown) in
                    guard let id = resolve(n) else { throw Unknown() }
                    return id
                }
                if formula == part { return range }
                stack += [rhs, lhs]
            case .negate(let inner, _), .group(let inner, _), .profile(let inner, _, _, _):
                stack.append(inner)
            case .number, .name, .shifted:
                break
            }
        }
        return nil
    }
}
