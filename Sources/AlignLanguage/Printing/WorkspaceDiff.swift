import AlignCore

/// What changed between two workspaces, thing by thing, compared by name and
/// shown in the language's own spelling.
public struct WorkspaceDiff: Sendable {
    /// One difference.
    public struct Entry: Equatable, Sendable {
        /// Added, removed or changed.
        public enum Change: String, Sendable { case added, removed, changed }

        /// What happened.
        public var change: Change
        /// The kind of thing: team, term, metric, formula, link, value, goal, note, revenue.
        public var kind: String
        /// Its name (for a value, `metric period`; for a link, `from -> to`).
        public var name: String
        /// The command that described it before, if it existed.
        public var before: String?
        /// The command that describes it now, if it exists.
        public var after: String?
    }

    /// The differences, in section order (teams first, notes last).
    public let entries: [Entry]

    /// Compares `old` with `new`.
    public init(from old: Workspace, to new: Workspace) {
        var entries: [Entry] = []
        func compare(_ kind: String, _ a: [(String, String)], _ b: [(String, String)]) {
            var before: [String: String] = [:]
            for (k, v) in a { before[k] = v }
            var after: [String: String] = [:]
            for (k, v) in b { after[k] = v }
            for (k, v) in b {
                if let old = before[k] {
                    if old != v { entries.append(Entry(change: .changed, kind: kind, name: k, before: old, after: v)) }
                } else {
                    entries.append(Entry(change: .added, kind: kind, name: k, before: nil, after: v))
                }
            }
            for (k, v) in a where after[k] == nil {
                entries.append(Entry(change: .removed, kind: kind, name: k, before: v, after: nil))
            }
        }
        compare("team", Self.teams(old), Self.teams(new))
        compare("term", Self.terms(old), Self.terms(new))
        compare("metric", Self.metrics(old), Self.metrics(new))
        compare("formula", Self.formulas(old), Self.formulas(new))
        compare("revenue", Self.revenue(old), Self.revenue(new))
        compare("link", Self.links(old), Self.links(new))
        compare("value", Self.values(old), Self.values(new))
        compare("goal", Self.goals(old), Self.goals(new))
        compare("note", Self.notes(old), Self.notes(new))
        self.entries = entries
    }

    private static func teams(_ ws: Workspace) -> [(String, String)] {
        ws.teams.all.map { ($0.entity.name, ScriptPrinter.team($0.entity)) }
    }

    private static func terms(_ ws: Workspace) -> [(String, String)] {
        var result: [(String, String)] = []
        for (_, term) in ws.terms.all {
            for d in term.definitions {
                let team = d.team.map { ws.teams[$0].name } ?? "everyone"
                result.append(("\(term.name) (\(team))", "term \(term.name) \(ScriptPrinter.quoted(d.text))"))
            }
            if !term.synonyms.isEmpty {
                result.append(("\(term.name) synonyms", term.synonyms.map(\.name).joined(separator: ", ")))
            }
        }
        return result
    }

    private static func metrics(_ ws: Workspace) -> [(String, String)] {
        ws.metrics.all.map { ($0.entity.name, ScriptPrinter.metric($0.entity, ws)) }
    }

    private static func formulas(_ ws: Workspace) -> [(String, String)] {
        ws.metrics.all.compactMap { m in
            m.entity.formula.map { (m.entity.name, "metric \(m.entity.name) = " + ScriptPrinter.formula($0, ws)) }
        }
    }

    private static func revenue(_ ws: Workspace) -> [(String, String)] {
        ws.revenue.map { [("revenue", "revenue \(ws.metrics[$0].name)")] } ?? []
    }

    private static func links(_ ws: Workspace) -> [(String, String)] {
        ws.links.all.map { l in
            ("\(ws.metrics[l.link.from].name) -> \(ws.metrics[l.link.to].name)", ScriptPrinter.link(l.link, ws))
        }
    }

    private static func values(_ ws: Workspace) -> [(String, String)] {
        var result: [(String, String)] = []
        for (id, m) in ws.metrics.all {
            for (period, value) in ws.values(of: id).sorted(by: { $0.key < $1.key }) {
                result.append(("\(m.name) \(period)", "value \(m.name) \(period) \(ScriptPrinter.number(value))"))
            }
        }
        return result
    }

    private static func goals(_ ws: Workspace) -> [(String, String)] {
        ws.goals.all.map { ($0.entity.name, ScriptPrinter.goal($0.entity, ws)) }
    }

    private static func notes(_ ws: Workspace) -> [(String, String)] {
        var counts: [Note.Kind: Int] = [:]
        return ws.notes.map { note in
            counts[note.kind, default: 0] += 1
            return ("\(note.kind.rawValue) \(counts[note.kind]!)", ScriptPrinter.note(note))
        }
    }
}
