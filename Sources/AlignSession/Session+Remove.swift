import AlignCore
import AlignLanguage
import AlignOutput

/// `remove` and `rename`: what a cascade took with it is named, and an old
/// name points to the new one for the rest of the session.
extension Session {
    func remove(_ target: RemoveTarget, cascade: Bool, _ range: SourceRange, _ source: SourceText)
        throws(Diagnostic)
    {
        var touched: [Reference] = []
        var what = ""
        // What the cascade touches is named as it was before it went.
        let before = workspace
        switch target {
        case .entity(.team, let name):
            let id = try team(name, source)
            touched = try change(at: name.range, in: source) { try $0.removeTeam(id, cascade: cascade) }
            what = "team \(name.text)"
        case .entity(.term, let name):
            let id = try term(name, source)
            touched = try change(at: name.range, in: source) { try $0.removeTerm(id, cascade: cascade) }
            what = "term \(name.text)"
        case .entity(.metric, let name):
            let id = try metric(name, source)
            touched = try change(at: name.range, in: source) { try $0.removeMetric(id, cascade: cascade) }
            what = "metric \(name.text)"
        case .entity(_, let name):
            let id = try goal(name, source)
            try change(at: name.range, in: source) { $0.removeGoal(id) }
            what = "goal \(name.text)"
        case .link(let from, let to):
            let a = try metric(from, source)
            let b = try metric(to, source)
            try change(at: from.range.joined(to.range), in: source) { try $0.removeLink(from: a, to: b) }
            what = "link \(from.text) -> \(to.text)"
        case .value(let name, let period):
            let id = try metric(name, source)
            try change(at: name.range, in: source) { try $0.removeValue(id, period) }
            what = "value of \(name.text) in \(period)"
        case .note(let kind, let number, let numberRange):
            try change(at: numberRange, in: source) { try $0.removeNote(kind, number: number) }
            what = "\(kind.rawValue) \(number)"
        case .plan(let name, let period):
            let id = try metric(name, source)
            try change(at: name.range, in: source) { try $0.removePlan(id, period) }
            what = "plan of \(name.text) in \(period)"
        case .scenario(let name):
            _ = try scenario(name, source)
            try change(at: name.range, in: source) { try $0.removeScenario(named: name.text) }
            what = "scenario \(name.text)"
        }
        confirm("removed \(what)" + Session.cascade(touched, in: before))
    }

    func rename(_ kind: EntityKind, _ old: Name, _ new: Name, _ range: SourceRange, _ source: SourceText)
        throws(Diagnostic)
    {
        let slot: Int32
        switch kind {
        case .team:
            let id = try team(old, source)
            try change(at: new.range, in: source) { try $0.renameTeam(id, to: new.text) }
            slot = id.slot
        case .term:
            let id = try term(old, source)
            try change(at: new.range, in: source) { try $0.renameTerm(id, to: new.text) }
            slot = id.slot
        case .metric:
            let id = try metric(old, source)
            try change(at: new.range, in: source) { try $0.renameMetric(id, to: new.text) }
            slot = id.slot
        default:
            let id = try goal(old, source)
            try change(at: new.range, in: source) { try $0.renameGoal(id, to: new.text) }
            slot = id.slot
        }
        if old.text != new.text { formerNames[kind, default: [:]][old.text] = slot }
        confirm("renamed \(kind.rawValue) \(old.text) to \(new.text)")
    }

    /// What a cascade removed and what it cleared, named: "; also removed
    /// goal q3_mqls; cleared the formula of sqls; left leads without an
    /// owner". Empty when it touched nothing.
    static func cascade(_ touched: [Reference], in ws: Workspace) -> String {
        var removed: [String] = []
        var cleared: [String] = []
        var unowned: [String] = []
        var untermed: [String] = []
        for ref in touched {
            switch ref {
            case .formula(let id): cleared.append("the formula of \(ws.metrics[id].name)")
            case .revenue: cleared.append("the choice of revenue metric")
            case .owner(let id): unowned.append(ws.metrics[id].name)
            case .metricTerm(let id): untermed.append(ws.metrics[id].name)
            case .link, .goal, .scenario, .definition, .synonym: removed.append(describe(ref, in: ws))
            case .actuals(let id): removed.append("where the actuals of \(ws.metrics[id].name) come from")
            case .decisionOwner(let n): cleared.append("the owner of decision \(n)")
            }
        }
        func list(_ names: [String]) -> String {
            let shown = names.prefix(Session.cascadeNamed).joined(separator: ", ")
            return names.count > Session.cascadeNamed ? shown + " and \(names.count - Session.cascadeNamed) more" : shown
        }
        var text = ""
        if !removed.isEmpty { text += "; also removed " + list(removed) }
        if !cleared.isEmpty { text += "; cleared " + list(cleared) }
        if !unowned.isEmpty { text += "; left " + list(unowned) + " without an owner" }
        if !untermed.isEmpty { text += "; left " + list(untermed) + " without a term" }
        return text
    }

    /// How many things a cascade names before "and N more".
    static let cascadeNamed = 8

    /// What a name that is no longer used was renamed to, if it was: the
    /// thing's name now. Nil once the thing is gone, or when it has the name
    /// again (the rename was undone).
    func renamed(_ kind: EntityKind, _ name: String) -> String? {
        guard let slot = formerNames[kind]?[name] else { return nil }
        let now: String?
        switch kind {
        case .team: now = workspace.teams.entity(TeamID(slot))?.name
        case .term: now = workspace.terms.entity(TermID(slot))?.name
        case .metric: now = workspace.metrics.entity(MetricID(slot))?.name
        case .goal: now = workspace.goals.entity(GoalID(slot))?.name
        default: now = nil
        }
        return now == name ? nil : now
    }
}
