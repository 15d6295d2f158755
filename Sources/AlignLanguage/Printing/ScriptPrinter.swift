import AlignCore

/// Writes a workspace as a canonical script: sections in a fixed order, one
/// command a line, numbers in their shortest exact spelling. Running the
/// script and printing again gives the same bytes.
public enum ScriptPrinter {
    /// The whole workspace as a script. `location` gives each source's place
    /// as the script is to write it (`save` makes a relative file path
    /// relative to the folder it writes in).
    public static func script(_ ws: Workspace, location: (DataSource) -> String = { $0.location }) -> String {
        var out = "# align workspace\n"
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            out += "\n# \(title)\n"
            for line in lines {
                out += line
                out += "\n"
            }
        }
        section("Teams", ws.teams.all.map { team($0.entity) })
        section("Terms", ws.terms.all.flatMap { term($0.entity, ws) })
        section("Metrics", ws.metrics.all.map { metric($0.entity, ws) })
        section("Formulas", formulaOrder(ws).map { id in
            let m = ws.metrics[id]
            return "metric \(m.name) = " + formula(m.formula!, ws)
        })
        section("Revenue", ws.revenueChoice.map { ["revenue \(ws.metrics[$0].name)"] } ?? [])
        section("Links", ws.links.all.map { link($0.link, ws) })
        section("Sources", sources(ws, location: location))
        section("Actuals", actuals(ws))
        var values: [String] = []
        for (id, m) in ws.metrics.all {
            for (period, value) in ws.valueList(of: id) {
                values.append("value \(m.name) \(period) \(number(value))")
            }
        }
        section("Values", values)
        section("Goals", ws.goals.all.map { goal($0.entity, ws) })
        var plan: [String] = []
        for (id, m) in ws.metrics.all {
            for (period, value) in ws.planList(of: id) { plan.append("plan \(m.name) \(period) \(number(value))") }
        }
        if let cutoff = ws.actualsCutoff { plan.append("actuals through \(cutoff)") }
        section("Plan", plan)
        section("Scenarios", ws.scenarios.map { whatIf($0.items, as: $0.name, ws) })
        section("Notes and decisions", ws.notes.map { note($0, ws) })
        section("Votes", votes(ws))
        return out
    }

    /// The first recorded or planned number that no script can spell (an
    /// infinity or NaN), as `metric period`; nil when there is none. `save`
    /// refuses such a workspace rather than write a script that does not run.
    public static func unwritableNumber(_ ws: Workspace) -> String? {
        for (id, m) in ws.metrics.all {
            if let bad = ws.valueList(of: id).first(where: { !$0.value.isFinite }) { return "value \(m.name) \(bad.period)" }
            if let bad = ws.planList(of: id).first(where: { !$0.value.isFinite }) { return "plan \(m.name) \(bad.period)" }
        }
        return nil
    }

    /// A number in the shortest spelling that reads back to the same value.
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A string in double quotes, with `"`, `\`, newlines and tabs escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A word as it must be written: bare when it lexes as one word, else quoted.
    static func word(_ text: String) -> String {
        let bytes = Array(text.utf8)
        if let first = bytes.first, Lexer.isWordStart(first), bytes.allSatisfy(Lexer.isWordByte) { return text }
        return quoted(text)
    }

    /// A formula with metric names.
    public static func formula(_ f: Formula, _ ws: Workspace) -> String {
        f.rendered(name: { ws.metrics[$0].name }, number: number)
    }

    static func team(_ t: Team) -> String {
        var line = "team \(t.name)"
        if let h = t.horizon { line += " horizon=\(h.rawValue)" }
        if let d = t.description { line += " " + quoted(d) }
        return line
    }

    /// A term's lines: each team's definition with that team's synonyms
    /// beside it, or, when that would change the order the synonyms were
    /// given in, the definitions and then the synonyms in their order. A term
    /// with neither (one a metric named before any team defined it) is a bare line.
    static func term(_ t: Term, _ ws: Workspace) -> [String] {
        func by(_ team: TeamID?) -> String { team.map { " by=\(ws.teams[$0].name)" } ?? "" }
        func aka(_ synonyms: [Term.Synonym]) -> String {
            synonyms.isEmpty ? "" : " aka=" + synonyms.map(\.name).joined(separator: ",")
        }
        if t.definitions.isEmpty && t.synonyms.isEmpty { return ["term \(t.name)"] }
        var teams = t.definitions.map(\.team)
        for s in t.synonyms where !teams.contains(s.team) { teams.append(s.team) }
        let byTeam = teams.map { team in t.synonyms.filter { $0.team == team } }
        if Array(byTeam.joined()) == t.synonyms {
            return teams.indices.map { i in
                let definition = i < t.definitions.count ? " " + quoted(t.definitions[i].text) : ""
                return "term \(t.name)\(definition)\(by(teams[i]))\(aka(byTeam[i]))"
            }
        }
        var lines = t.definitions.map { "term \(t.name) \(quoted($0.text))\(by($0.team))" }
        var start = 0
        while start < t.synonyms.count {
            let team = t.synonyms[start].team
            var end = start + 1
            while end < t.synonyms.count, t.synonyms[end].team == team { end += 1 }
            lines.append("term \(t.name)\(by(team))\(aka(Array(t.synonyms[start..<end])))")
            start = end
        }
        return lines
    }

    static func metric(_ m: Metric, _ ws: Workspace) -> String {
        var line = "metric \(m.name)"
        if let o = m.owner { line += " owner=\(ws.teams[o].name)" }
        if let u = m.unit { line += " unit=\(word(u))" }
        if let t = m.term { line += " term=\(ws.terms[t].name)" }
        if let a = m.aggregation { line += " agg=\(a.rawValue)" }
        if let d = m.description { line += " " + quoted(d) }
        return line
    }

    /// Metrics with formulas, each after every metric its formula reads.
    static func formulaOrder(_ ws: Workspace) -> [MetricID] {
        // Per slot: 0 not placed, 1 being placed (its inputs first), 2 placed.
        var state = [UInt8](repeating: 0, count: ws.metrics.slots.count)
        var order: [MetricID] = []
        for (id, m) in ws.metrics.all where m.formula != nil && state[id.index] == 0 {
            // Iterative post-order: inputs first. A read that closes a cycle
            // (a balance reading its own earlier periods) is passed over.
            var stack: [(MetricID, Bool)] = [(id, false)]
            while let (current, expanded) = stack.popLast() {
                if state[current.index] == 2 { continue }
                guard let f = ws.metrics[current].formula else {
                    state[current.index] = 2
                    continue
                }
                if expanded {
                    state[current.index] = 2
                    order.append(current)
                } else if state[current.index] == 0 {
                    state[current.index] = 1
                    stack.append((current, true))
                    for input in f.inputs.reversed() where state[input.index] == 0 { stack.append((input, false)) }
                }
            }
        }
        return order
    }

    /// A `whatif` line for changes, with `as NAME` when they are a scenario.
    public static func whatIf(_ items: [WhatIfItem], as name: String? = nil, _ ws: Workspace) -> String {
        "whatif " + changes(items, ws) + (name.map { " as \($0)" } ?? "")
    }

    /// What follows `whatif`: the changes joined by `and`. `readable` writes
    /// numbers as a person would (`11k`, `30%` for a share), for showing:
    /// they read back the same, but `save` writes the plain form.
    public static func changes(_ items: [WhatIfItem], _ ws: Workspace, readable: Bool = false) -> String {
        items.map { item in
            let share = readable && ws.metrics[item.metric].unit.map { UnitClass($0) == .share } == true
            let value = change(item.change, readable: readable, share: share)
            return "\(ws.metrics[item.metric].name) = \(value) \(scope(item.scope))"
        }.joined(separator: " and ")
    }

    /// A change as written after `=`: `30%` is written `0.3`, `+10%`, `+5pp`,
    /// `+500`; `readable`, `30%` (of a share) and `11k` stay so.
    public static func change(_ change: ValueChange, readable: Bool = false, share: Bool = false) -> String {
        func signed(_ text: String, _ x: Double) -> String { (x < 0 ? "-" : "+") + text }
        func written(_ x: Double) -> String { readable ? short(x, share: share) : number(x) }
        switch change {
        case .set(let v): return v < 0 ? "-" + written(-v) : written(v)
        case .relative(let r): return signed(Formula.percent(abs(r)), r)
        case .delta(let d): return signed(written(abs(d)), d)
        case .points(let p): return signed(String(Formula.percent(abs(p)).dropLast()) + "pp", p)
        }
    }

    /// A number of zero or more as a person would write it, read back
    /// exactly: `30%` for a share, `2.5M`, `11k`, else as `number` writes it.
    public static func short(_ value: Double, share: Bool) -> String {
        if share {
            let percent = Formula.percent(value)
            if percent.hasSuffix("%"), Literals.number(percent) == value { return percent }
        }
        for (suffix, scale) in [("B", 1e9), ("M", 1e6), ("k", 1e3)] where value >= scale {
            // Two decimals at most: `1234567` stays as it is, not `1234.567k`.
            for power in [1.0, 10, 100] {
                let text = number((value / scale * power).rounded() / power) + suffix
                if Literals.number(text) == value { return text }
            }
        }
        return number(value)
    }

    /// Where a change applies, as written: `in 2026-Q3`, `in 2026-06..2026-10`, `from 2026-07`.
    public static func scope(_ scope: ChangeScope) -> String {
        switch scope {
        case .within(let range) where range.lowerBound == range.upperBound: return "in \(range.lowerBound)"
        case .within(let range): return "in \(range.lowerBound)..\(range.upperBound)"
        case .from(let start): return "from \(start)"
        }
    }

    static func link(_ l: Link, _ ws: Workspace) -> String {
        var line = "link \(ws.metrics[l.from].name) -> \(ws.metrics[l.to].name)"
        if let lag = l.lag { line += " lag=\(lag)" }
        if let w = l.weight { line += " weight=\(number(w))" }
        if let why = l.why { line += " " + quoted(why) }
        return line
    }

    static func goal(_ g: Goal, _ ws: Workspace) -> String {
        var line = "goal \(g.name) \(ws.teams[g.team].name) \(ws.metrics[g.metric].name) "
        line += "\(g.comparison.rawValue) \(number(g.target)) by \(g.period)"
        if let why = g.why { line += " " + quoted(why) }
        return line
    }

    static func note(_ n: Note, _ ws: Workspace) -> String {
        var line = n.kind.verb + " " + quoted(n.text)
        if let time = n.time { line += " at=" + quoted(time) }
        if let owner = n.owner { line += " owner=" + ws.teams[owner].name }
        if let due = n.due { line += " due=\(due)" }
        return line
    }
}
