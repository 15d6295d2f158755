/// A team with its planning horizon: sales plans by the quarter, marketing by the year.
public struct Team: Equatable, Sendable {
    /// The team's name, unique among teams.
    public var name: String
    /// How far ahead the team plans.
    public var horizon: Horizon?
    /// What the team does, in a sentence.
    public var description: String?

    /// Makes a team.
    public init(name: String, horizon: Horizon? = nil, description: String? = nil) {
        self.name = name
        self.horizon = horizon
        self.description = description
    }
}

/// A glossary term with one definition per team, so clashes can be found.
public struct Term: Equatable, Sendable {
    /// One team's wording of a term (or everyone's, when `team` is nil).
    public struct Definition: Equatable, Sendable {
        /// The team that uses this definition; nil for a shared one.
        public var team: TeamID?
        /// The definition's text.
        public var text: String

        /// Makes a definition.
        public init(team: TeamID?, text: String) {
            self.team = team
            self.text = text
        }
    }

    /// Another name a team uses for a term (`aka=`).
    public struct Synonym: Equatable, Sendable {
        /// The other name.
        public var name: String
        /// The team that uses it; nil when no team was named.
        public var team: TeamID?

        /// Makes a synonym.
        public init(name: String, team: TeamID?) {
            self.name = name
            self.team = team
        }
    }

    /// The term's name, unique among terms.
    public var name: String
    /// The definitions, in the order they were first given.
    public var definitions: [Definition] = []
    /// Other names for the term.
    public var synonyms: [Synonym] = []

    /// Makes a term with no definitions yet (a term used before it is defined).
    public init(name: String) { self.name = name }

    /// The definition a team gave, if any.
    public func definition(by team: TeamID?) -> Definition? {
        definitions.first { $0.team == team }
    }

    /// Whether teams define the term differently: their wordings differ once
    /// case and runs of blanks are set aside.
    public var hasClashingDefinitions: Bool {
        let wordings = Set(definitions.map { $0.text.lowercased().split(whereSeparator: { $0 == " " }).joined(separator: " ") })
        return wordings.count > 1
    }
}

/// A number that a team tracks, recorded per period or computed by a formula.
public struct Metric: Equatable, Sendable {
    // Stored widest first, the small ones packed after the formula: a
    // metric takes 80 bytes in its table, not 88.
    /// The metric's name, unique among metrics.
    public var name: String
    /// The unit its values are in (`count`, `USD`, `ratio`, ...).
    public var unit: String?
    /// What the metric measures, in a sentence.
    public var description: String?
    /// The formula that computes the metric from other metrics.
    public var formula: Formula?
    /// The team accountable for the metric.
    public var owner: TeamID?
    /// The glossary term the metric counts.
    public var term: TermID?
    /// How values roll up from finer periods, when the unit's default is wrong.
    public var aggregation: Aggregation?

    /// Makes a metric with no attributes.
    public init(name: String) { self.name = name }
}

/// A driver link: one metric moves another outside any formula, often later.
public struct Link: Equatable, Sendable {
    // Stored widest first, so that a link takes 48 bytes in its table, not 56.
    /// Why the link is believed.
    public var why: String?
    /// The elasticity: the share by which `to` moves when `from` moves by one.
    public var weight: Double?
    /// The driving metric.
    public var from: MetricID
    /// The driven metric.
    public var to: MetricID
    /// How long the effect takes to show.
    public var lag: Lag?

    /// Makes a link.
    public init(from: MetricID, to: MetricID, lag: Lag? = nil, weight: Double? = nil, why: String? = nil) {
        self.from = from
        self.to = to
        self.lag = lag
        self.weight = weight
        self.why = why
    }
}

/// A team's commitment that a metric reaches a target by a period.
public struct Goal: Equatable, Sendable {
    // Stored widest first, so that a goal takes 56 bytes in its table, not 64.
    /// The goal's name, unique among goals.
    public var name: String
    /// Why the goal matters.
    public var why: String?
    /// The target value.
    public var target: Double
    /// The team that owns the goal.
    public var team: TeamID
    /// The metric the goal is on.
    public var metric: MetricID
    /// The period by which the target is to be met.
    public var period: Period
    /// How the metric is compared with the target.
    public var comparison: Comparison

    /// Makes a goal.
    public init(
        name: String, team: TeamID, metric: MetricID, comparison: Comparison, target: Double,
        period: Period, why: String? = nil
    ) {
        self.name = name
        self.team = team
        self.metric = metric
        self.comparison = comparison
        self.target = target
        self.period = period
        self.why = why
    }
}

/// A remark, a decision or a parked item recorded during a workshop.
public struct Note: Equatable, Sendable {
    /// Whether the entry is a remark, a decision, or a question parked for later.
    public enum Kind: String, Sendable, CaseIterable { case note, decision, parked }

    /// Remark, decision or parked item.
    public var kind: Kind
    /// What was said or decided.
    public var text: String
    /// When, as the user wrote it (`at=`) or as the prompt stamped it.
    public var time: String?
    /// The team that carries a decision out.
    public var owner: TeamID?
    /// The period a decision is due by.
    public var due: Period?

    /// Makes a note.
    public init(kind: Kind, text: String, time: String? = nil, owner: TeamID? = nil, due: Period? = nil) {
        self.kind = kind
        self.text = text
        self.time = time
        self.owner = owner
        self.due = due
    }
}
