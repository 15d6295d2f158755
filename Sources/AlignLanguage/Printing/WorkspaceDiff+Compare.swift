import AlignCore

/// Comparing two workspaces kind by kind.
extension WorkspaceDiff {
    /// The attributes that differ between two versions of one thing.
    struct Fields {
        let old: Workspace
        let new: Workspace
        var list: [Field] = []

        /// Notes the attribute when it differs, shown by `show` in the workspace it comes from.
        mutating func add<T: Equatable>(_ key: String, _ a: T?, _ b: T?, _ show: (T, Workspace) -> Value) {
            guard a != b else { return }
            list.append(Field(key: key, before: a.map { show($0, old) }, after: b.map { show($0, new) }))
        }
    }

    /// Walks both workspaces and collects the entries.
    struct Comparer {
        let old: Workspace
        let new: Workspace
        var entries: [Entry] = []
        /// The plan values adopted scenarios wrote, by metric: listed with
        /// the adoption, not again among the plan's changes.
        var adoptedPlans: [MetricID: Set<Period>] = [:]
        /// The scenarios adopted: not listed again as removed.
        var adoptedScenarios: Set<String> = []

        /// Records a thing that exists in `old`, `new` or both, with the attributes that differ.
        mutating func record(
            _ kind: Kind, before: String?, after: String?, _ body: (inout Fields) -> Void
        ) {
            guard let name = after ?? before else { return }
            var fields = Fields(old: old, new: new)
            body(&fields)
            let change: Change = before == nil ? .added : after == nil ? .removed : .changed
            let renamed = change == .changed && before != after
            if change == .changed && fields.list.isEmpty && !renamed { return }
            entries.append(
                Entry(change: change, kind: kind, name: name, oldName: renamed ? before : nil, fields: fields.list))
        }

        static func name(_ id: TeamID, _ ws: Workspace) -> Value { .text(ws.teams[id].name) }

        /// The two versions of each slot that is live in either table, in slot order.
        static func pairs<E>(_ a: EntityTable<E>, _ b: EntityTable<E>) -> [(E?, E?)] {
            (0..<max(a.slots.count, b.slots.count)).compactMap { i in
                let id = EntityID<E>(Int32(i))
                let pair = (a.entity(id), b.entity(id))
                return pair.0 == nil && pair.1 == nil ? nil : pair
            }
        }

        mutating func teams() {
            for (a, b) in Comparer.pairs(old.teams, new.teams) {
                record(.team, before: a?.name, after: b?.name) { f in
                    f.add("horizon", a?.horizon, b?.horizon) { h, _ in .text(h.rawValue) }
                    f.add("description", a?.description, b?.description) { d, _ in .quoted(d) }
                }
            }
        }

        /// One entry per team's wording of a term (its definition and its
        /// synonyms), so that a clash resolved for one team reads as such.
        mutating func terms() {
            for (a, b) in Comparer.pairs(old.terms, new.terms) {
                var teams: [TeamID?] = []
                for term in [a, b].compactMap({ $0 }) {
                    for team in term.definitions.map(\.team) + term.synonyms.map(\.team) where !teams.contains(team) {
                        teams.append(team)
                    }
                }
                for team in teams {
                    let has = { (t: Term?) in
                        t.map { t in t.definitions.contains { $0.team == team } || t.synonyms.contains { $0.team == team } }
                            ?? false
                    }
                    func label(_ t: Term?, _ ws: Workspace) -> String? {
                        guard let t, has(t) else { return nil }
                        // The team's current name, so that renaming a team does not rename its wordings.
                        let whose = team.map { new.teams.entity($0)?.name ?? old.teams.entity($0)?.name ?? "?" } ?? "everyone"
                        return "\(t.name) (\(whose))"
                    }
                    record(.term, before: label(a, old), after: label(b, new)) { f in
                        f.add("", a?.definition(by: team)?.text, b?.definition(by: team)?.text) { d, _ in .quoted(d) }
                        let akaA = a.map { t in t.synonyms.filter { $0.team == team }.map(\.name) }
                        let akaB = b.map { t in t.synonyms.filter { $0.team == team }.map(\.name) }
                        f.add("aka", akaA?.nilIfEmpty, akaB?.nilIfEmpty) { names, _ in .text(names.joined(separator: ", ")) }
                    }
                }
                // A term used but defined by nobody counts only as added or removed.
                let bare = { (t: Term?) in t.map { $0.definitions.isEmpty && $0.synonyms.isEmpty } ?? false }
                if (a == nil && bare(b)) || (b == nil && bare(a)) {
                    record(.term, before: a?.name, after: b?.name) { _ in }
                }
            }
        }

        mutating func metrics() {
            for (a, b) in Comparer.pairs(old.metrics, new.metrics) {
                record(.metric, before: a?.name, after: b?.name) { f in
                    f.add("owner", a?.owner, b?.owner, Comparer.name)
                    f.add("unit", a?.unit, b?.unit) { u, _ in .text(u) }
                    f.add("term", a?.term, b?.term) { t, ws in .text(ws.terms[t].name) }
                    f.add("rolls up by", a?.aggregation, b?.aggregation) { agg, _ in .text(agg.rawValue) }
                    f.add("description", a?.description, b?.description) { d, _ in .quoted(d) }
                    f.add("formula", a?.formula, b?.formula) { formula, ws in .text(ScriptPrinter.formula(formula, ws)) }
                }
            }
        }

        mutating func revenue() {
            let a = old.revenue
            let b = new.revenue
            // The metric named revenue is the revenue metric by default: no news in itself.
            guard a != b, old.revenueChoice != nil || new.revenueChoice != nil else { return }
            record(.revenue, before: a == nil ? nil : "revenue", after: b == nil ? nil : "revenue") { f in
                f.add("measured by", a, b) { id, ws in .text(ws.metrics[id].name) }
            }
        }

        mutating func links() {
            var before: [LinkTable.Key: Link] = [:]
            for (_, link) in old.links.all { before[LinkTable.Key(from: link.from, to: link.to)] = link }
            var seen = Set<LinkTable.Key>()
            func name(_ l: Link, _ ws: Workspace) -> String { "\(ws.metrics[l.from].name) -> \(ws.metrics[l.to].name)" }
            for (_, b) in new.links.all {
                let key = LinkTable.Key(from: b.from, to: b.to)
                seen.insert(key)
                compareLink(before[key], b, name)
            }
            for (_, a) in old.links.all where !seen.contains(LinkTable.Key(from: a.from, to: a.to)) {
                compareLink(a, nil, name)
            }
        }

        private mutating func compareLink(_ a: Link?, _ b: Link?, _ name: (Link, Workspace) -> String) {
            // Named as it is now, so that renaming a metric does not make its links look changed.
            let now = b.map { name($0, new) }
            record(.link, before: a.map { now ?? name($0, old) }, after: now) { f in
                f.add("lag", a?.lag, b?.lag) { lag, _ in .text(lag.description) }
                f.add("weight", a?.weight, b?.weight) { w, _ in .number(w, unit: nil) }
                f.add("why", a?.why, b?.why) { why, _ in .quoted(why) }
            }
        }

        mutating func values() {
            for i in 0..<max(old.metrics.slots.count, new.metrics.slots.count) {
                let id = MetricID(Int32(i))
                let a = old.metrics.entity(id)
                let b = new.metrics.entity(id)
                let valuesA = a == nil ? [:] : old.values(of: id)
                let valuesB = b == nil ? [:] : new.values(of: id)
                guard !valuesA.isEmpty || !valuesB.isEmpty else { continue }
                for period in Set(valuesA.keys).union(valuesB.keys).sorted() {
                    let x = valuesA[period]
                    let y = valuesB[period]
                    guard !WorkspaceDiff.same(x, y) else { continue }
                    let label = "\((b ?? a)!.name) \(period)"
                    record(.value, before: x.map { _ in label }, after: y.map { _ in label }) { f in
                        f.add("", x, y) { v, ws in .number(v, unit: ws.valueUnit(of: id)) }
                    }
                }
            }
        }

        /// The scenarios adopted in between (those the newer workspace
        /// records as adopted and the older does not): each with its
        /// changes and the plan values it wrote, before and after. Where it
        /// wrote them is worked out as `adopt` works it out, on the older
        /// workspace where it has every metric the scenario changes (one made
        /// since, on the newer).
        mutating func adoptions() {
            var spent = new.adopted
            if spent.count >= old.adopted.count, zip(old.adopted, spent).allSatisfy({ $0 == $1 }) {
                spent.removeFirst(old.adopted.count)
            } else {
                spent.removeAll { old.adopted.contains($0) }
            }
            guard !spent.isEmpty else { return }
            let older = old
            let newer = new
            let analyses = [
                Analysis(older, evaluator: { WorkspaceDiff.queried(older) }), Analysis(newer, evaluator: { WorkspaceDiff.queried(newer) }),
            ]
            // Before, a period without a plan value of its own had the plan
            // a longer one spreads over it (a year's, a twelfth a month).
            let planned = Evaluator(older, layer: .plan)
            for scenario in spent {
                let onOld = scenario.items.allSatisfy { old.metrics.entity($0.metric) != nil }
                let written = analyses[onOld ? 0 : 1].adoption(of: scenario).written
                let now = written.map { new.metrics.entity($0.metric) == nil ? nil : new.plan(of: $0.metric, in: $0.period) }
                let was = written.map { w -> Double? in
                    guard old.metrics.entity(w.metric) != nil else { return nil }
                    return old.plan(of: w.metric, in: w.period) ?? planned.value(w.metric, in: w.period).number
                }
                var fields = [Field(key: "", before: .text(ScriptPrinter.changes(scenario.items, new, readable: true)), after: nil)]
                for (i, v) in written.enumerated() where new.metrics.entity(v.metric) != nil {
                    adoptedPlans[v.metric, default: []].insert(v.period)
                    let unit = new.valueUnit(of: v.metric)
                    fields.append(
                        Field(
                            key: "\(new.metrics[v.metric].name) \(v.period)", before: was[i].map { .number($0, unit: unit) },
                            after: now[i].map { .number($0, unit: unit) }))
                }
                adoptedScenarios.insert(scenario.name)
                entries.append(Entry(change: .adopted, kind: .scenario, name: scenario.name, oldName: nil, fields: fields))
            }
        }

        mutating func plans() {
            for i in 0..<max(old.metrics.slots.count, new.metrics.slots.count) {
                let id = MetricID(Int32(i))
                let a = old.metrics.entity(id)
                let b = new.metrics.entity(id)
                let plansA = Dictionary(uniqueKeysWithValues: a == nil ? [] : old.planList(of: id).map { ($0.period, $0.value) })
                let plansB = Dictionary(uniqueKeysWithValues: b == nil ? [] : new.planList(of: id).map { ($0.period, $0.value) })
                let adopted = adoptedPlans[id] ?? []
                for period in Set(plansA.keys).union(plansB.keys).sorted()
                where !adopted.contains(period) && !WorkspaceDiff.same(plansA[period], plansB[period]) {
                    let label = "\((b ?? a)!.name) \(period)"
                    record(.plan, before: plansA[period].map { _ in label }, after: plansB[period].map { _ in label }) { f in
                        f.add("", plansA[period], plansB[period]) { v, ws in .number(v, unit: ws.valueUnit(of: id)) }
                    }
                }
            }
            let cutoffA = old.actualsCutoff
            let cutoffB = new.actualsCutoff
            record(.actuals, before: cutoffA.map { _ in "through" }, after: cutoffB.map { _ in "through" }) { f in
                f.add("", cutoffA, cutoffB) { p, _ in .text(p.description) }
            }
        }

        mutating func scenarios() {
            let names = old.scenarios.map(\.name) + new.scenarios.map(\.name).filter { n in !old.scenarios.contains { $0.name == n } }
            for name in names where !adoptedScenarios.contains(name) {
                let a = old.scenario(named: name).map { ScriptPrinter.changes($0.items, old, readable: true) }
                let b = new.scenario(named: name).map { ScriptPrinter.changes($0.items, new, readable: true) }
                record(.scenario, before: a.map { _ in name }, after: b.map { _ in name }) { f in
                    f.add("", a, b) { text, _ in .text(text) }
                }
            }
        }

        /// A goal's target with its comparison, compared as one.
        struct Target: Equatable {
            var comparison: Comparison
            var value: Double
            var metric: MetricID
        }

        mutating func goals() {
            for (a, b) in Comparer.pairs(old.goals, new.goals) {
                record(.goal, before: a?.name, after: b?.name) { f in
                    f.add("team", a?.team, b?.team, Comparer.name)
                    f.add("metric", a?.metric, b?.metric) { m, ws in .text(ws.metrics[m].name) }
                    let targetA = a.map { Target(comparison: $0.comparison, value: $0.target, metric: $0.metric) }
                    let targetB = b.map { Target(comparison: $0.comparison, value: $0.target, metric: $0.metric) }
                    if targetA?.comparison != targetB?.comparison || !WorkspaceDiff.same(targetA?.value, targetB?.value) {
                        f.list.append(
                            Field(
                                key: "target", before: targetA.map { Comparer.target($0, f.old) },
                                after: targetB.map { Comparer.target($0, f.new) }))
                    }
                    f.add("by", a?.period, b?.period) { p, _ in .text(p.description) }
                    f.add("why", a?.why, b?.why) { why, _ in .quoted(why) }
                }
            }
        }

        static func target(_ t: Target, _ ws: Workspace) -> Value {
            .number(t.value, unit: ws.valueUnit(of: t.metric), comparison: t.comparison)
        }

        /// Notes and decisions are matched by what they say: one removed from
        /// the middle does not make every later one look changed.
        mutating func notes() {
            for kind in Note.Kind.allCases {
                let a = old.notes.filter { $0.kind == kind }
                let b = new.notes.filter { $0.kind == kind }
                var matched = Array(repeating: false, count: a.count)
                let entryKind: Kind = kind == .note ? .note : kind == .decision ? .decision : .parked
                var added: [(Int, Note)] = []
                for (j, note) in b.enumerated() {
                    if let i = a.indices.first(where: { !matched[$0] && a[$0] == note }) {
                        matched[i] = true
                    } else {
                        added.append((j, note))
                    }
                }
                for (i, note) in a.enumerated() where !matched[i] {
                    record(entryKind, before: "\(i + 1)", after: nil) { f in Self.noteFields(&f, note, nil) }
                }
                for (j, note) in added {
                    record(entryKind, before: nil, after: "\(j + 1)") { f in Self.noteFields(&f, nil, note) }
                }
            }
        }

        private static func noteFields(_ f: inout Fields, _ a: Note?, _ b: Note?) {
            f.add("", a?.text, b?.text) { text, _ in .quoted(text) }
            f.add("at", a?.time, b?.time) { time, _ in .text(time) }
            f.add("owner", a?.owner, b?.owner) { team, ws in name(team, ws) }
            f.add("due", a?.due, b?.due) { due, _ in .text(due.description) }
        }
    }
}

extension Array {
    /// nil for an empty array, so "no synonyms" and "none given" compare equal.
    fileprivate var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
