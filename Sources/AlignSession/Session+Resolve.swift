import AlignCore
import AlignLanguage
import AlignPresent

/// Turning names into identifiers, with "did you mean" when one is unknown.
extension Session {
    func team(_ name: Name, _ source: SourceText) throws(Diagnostic) -> TeamID {
        if let id = workspace.teams.id(named: name.text) { return id }
        throw unknown(.team, name, workspace.teams.names, source)
    }

    func metric(_ name: Name, _ source: SourceText) throws(Diagnostic) -> MetricID {
        if let id = workspace.metrics.id(named: name.text) { return id }
        throw unknown(.metric, name, workspace.metrics.names, source)
    }

    func term(_ name: Name, _ source: SourceText) throws(Diagnostic) -> TermID {
        if let id = workspace.terms.id(named: name.text) { return id }
        throw unknown(.term, name, workspace.terms.names, source)
    }

    func goal(_ name: Name, _ source: SourceText) throws(Diagnostic) -> GoalID {
        if let id = workspace.goals.id(named: name.text) { return id }
        throw unknown(.goal, name, workspace.goals.names, source)
    }

    func unknown(_ kind: EntityKind, _ name: Name, _ candidates: [String], _ source: SourceText) -> Diagnostic {
        Diagnostic(
            .unknownName(kind, name.text, suggestion: Suggestions.closest(to: name.text, among: candidates)),
            at: name.range, in: source)
    }

    /// The metric revenue is measured by, or an error saying how to choose one.
    func revenueMetric(at range: SourceRange, _ source: SourceText) throws(Diagnostic) -> MetricID {
        guard let id = workspace.revenue else { throw Diagnostic(.noRevenue, at: range, in: source) }
        return id
    }

    /// A sentence for each reason the workspace refuses a change.
    func describe(_ error: WorkspaceError) -> Message {
        Session.describe(error, in: workspace)
    }

    /// A sentence for each reason `ws` refuses a change.
    static func describe(_ error: WorkspaceError, in ws: Workspace) -> Message {
        switch error {
        case .formulaCycle(let path):
            return .formulaCycle(path.map { ws.metrics[$0].name })
        case .unitMismatch(let lhs, let rhs, let expression):
            var subtracting = false
            if case .binary(.subtract, _, _) = expression { subtracting = true }
            return .unitMismatch(lhs, rhs, ScriptPrinter.formula(expression, ws), subtracting: subtracting)
        case .unitBreaksFormula(let reader, let lhs, let rhs, let expression):
            var subtracting = false
            if case .binary(.subtract, _, _) = expression { subtracting = true }
            let clash = Message.unitMismatch(lhs, rhs, ScriptPrinter.formula(expression, ws), subtracting: subtracting)
            return .unitBreaksFormula(ws.metrics[reader].name, clash)
        case .stillReferenced(let kind, let name, let refs):
            return .stillReferenced(kind, name, refs.map { describe($0, in: ws) })
        case .nameTaken(let kind, let name):
            return .nameTaken(kind, name)
        case .selfLink(let id):
            return .selfLink(ws.metrics[id].name)
        case .noSuchLink(let from, let to):
            return .noSuchLink(ws.metrics[from].name, ws.metrics[to].name)
        case .noSuchValue(let id, let period):
            return .noSuchValue(ws.metrics[id].name, period)
        case .noSuchNote(let kind, let number):
            return .noSuchNote(kind, number, count: ws.notes.filter { $0.kind == kind }.count)
        case .noActuals(let id):
            return .noActuals(ws.metrics[id].name)
        case .noOpenVote:
            return .noOpenVote
        case .noSuchPlan(let id, let period):
            return .noSuchPlan(ws.metrics[id].name, period)
        case .noSuchScenario(let name):
            return .unknownScenario(name, suggestion: Suggestions.closest(to: name, among: ws.scenarios.map(\.name)))
        }
    }

    /// A reference as `remove` lists it: "the formula of sqls", "goal q3_mqls".
    func describe(_ reference: Reference) -> String {
        Session.describe(reference, in: workspace)
    }

    static func describe(_ reference: Reference, in ws: Workspace) -> String {
        switch reference {
        case .formula(let id): return "the formula of \(ws.metrics[id].name)"
        case .link(let id):
            let link = ws.links[id]
            return "link \(ws.metrics[link.from].name) -> \(ws.metrics[link.to].name)"
        case .goal(let id): return "goal \(ws.goals[id].name)"
        case .owner(let id): return "metric \(ws.metrics[id].name) (owner)"
        case .definition(let id): return "its definition of \(ws.terms[id].name)"
        case .synonym(let id): return "its synonyms for \(ws.terms[id].name)"
        case .metricTerm(let id): return "metric \(ws.metrics[id].name)"
        case .revenue: return "the revenue choice"
        case .actuals(let id): return "the actuals of \(ws.metrics[id].name)"
        case .decisionOwner(let n): return "decision \(n) (owner)"
        case .scenario(let name): return "scenario \(name)"
        }
    }
}
