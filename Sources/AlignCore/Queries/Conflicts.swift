/// What `query conflicts` finds in the glossary.
public struct GlossaryConflicts: Equatable, Sendable {
    /// A term that teams define differently.
    public struct Clash: Equatable, Sendable {
        /// The term.
        public var term: TermID
        /// Its definitions, one per team.
        public var definitions: [Term.Definition]
        /// The metrics that count the term, whose numbers mean different things to different teams.
        public var metrics: [MetricID]
    }

    /// A term that metrics count but no team defines.
    public struct Undefined: Equatable, Sendable {
        /// The term.
        public var term: TermID
        /// The metrics that count it.
        public var metrics: [MetricID]
    }

    /// A name used for more than one thing: a synonym of two terms, or a
    /// synonym that is another term's name.
    public struct SynonymClash: Equatable, Sendable {
        /// The name.
        public var name: String
        /// The terms it is a synonym of, with the team that uses it.
        public var synonymOf: [(term: TermID, team: TeamID?)]
        /// The term that has the name itself, if any.
        public var termNamed: TermID?

        public static func == (a: Self, b: Self) -> Bool {
            a.name == b.name && a.termNamed == b.termNamed
                && a.synonymOf.map(\.term) == b.synonymOf.map(\.term) && a.synonymOf.map(\.team) == b.synonymOf.map(\.team)
        }
    }

    /// Terms with different definitions.
    public var clashes: [Clash] = []
    /// Terms used but undefined.
    public var undefined: [Undefined] = []
    /// Synonyms that clash.
    public var synonyms: [SynonymClash] = []

    /// Whether the glossary is clean.
    public var isEmpty: Bool { clashes.isEmpty && undefined.isEmpty && synonyms.isEmpty }
}

extension Analysis {
    /// Terms defined differently by different teams, terms used but never
    /// defined, and synonyms that clash.
    public func conflicts() -> GlossaryConflicts {
        let ws = workspace
        var result = GlossaryConflicts()
        var users: [TermID: [MetricID]] = [:]
        for (id, m) in ws.metrics.all { if let t = m.term { users[t, default: []].append(id) } }
        for (id, term) in ws.terms.all {
            if term.hasClashingDefinitions {
                result.clashes.append(.init(term: id, definitions: term.definitions, metrics: users[id] ?? []))
            }
            if term.definitions.isEmpty, let metrics = users[id] {
                result.undefined.append(.init(term: id, metrics: metrics))
            }
        }
        var bySynonym: [String: [(term: TermID, team: TeamID?)]] = [:]
        var order: [String] = []
        for (id, term) in ws.terms.all {
            for s in term.synonyms {
                if bySynonym[s.name] == nil { order.append(s.name) }
                bySynonym[s.name, default: []].append((id, s.team))
            }
        }
        for name in order {
            let uses = bySynonym[name]!
            let terms = Set(uses.map(\.term))
            let named = ws.terms.id(named: name)
            if terms.count > 1 || (named != nil && !terms.contains(named!)) {
                result.synonyms.append(.init(name: name, synonymOf: uses, termNamed: named))
            }
        }
        return result
    }
}
