/// How much a finding of `align check` matters. Findings at or above the
/// level `--fail-on` names (warning, unless told) make the exit status 1.
public enum CheckSeverity: String, Sendable, CaseIterable, Comparable {
    /// For information: the model could not be checked somewhere, or a line is stale.
    case note
    /// A risk the teams should settle: their plans may not meet.
    case warning
    /// The model contradicts itself: goals that cannot all be met, words that mean two things.
    case error

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A rule of `align check`: what it finds, under an identifier that stays
/// the same from release to release (CI reports and accept lines name it).
public struct CheckRule: Sendable, Equatable, Hashable {
    /// The stable identifier: `inconsistent-goals`.
    public let id: String
    /// How much its findings matter.
    public let severity: CheckSeverity
    /// What a finding's subject names, as an accept line writes it.
    public let subject: String
    /// What the rule finds, in one sentence.
    public let summary: String

    init(_ id: String, _ severity: CheckSeverity, subject: String, _ summary: String) {
        self.id = id
        self.severity = severity
        self.subject = subject
        self.summary = summary
    }

    /// Every rule, in the order reports list them.
    public static let all: [CheckRule] = [
        .inconsistentGoals, .inconsistentGrains, .termConflict, .undefinedTerm, .synonymClash, .orphanGoal,
        .missedGoal, .horizonConflict, .uncheckedGoals, .unmeasuredGoal, .noRevenue, .unusedAccept, .badAccept,
    ]

    /// The rule with this identifier.
    public static func named(_ id: String) -> CheckRule? { all.first { $0.id == id } }

    static let inconsistentGoals = CheckRule(
        "inconsistent-goals", .error, subject: "UPSTREAM->DOWNSTREAM",
        "Two goals on one driver chain do not add up: meeting the upstream goal misses the downstream one, in the same period or through the lags of the formulas (query consistency).")
    static let inconsistentGrains = CheckRule(
        "inconsistent-grains", .error, subject: "GOAL",
        "Goals on one metric over shorter periods (quarters, months) do not make the goal over the longer period that holds them (query consistency).")
    static let termConflict = CheckRule(
        "term-conflict", .error, subject: "TERM",
        "Two teams define a glossary term differently (query conflicts).")
    static let undefinedTerm = CheckRule(
        "undefined-term", .warning, subject: "TERM",
        "Metrics count a term that no team defines (query conflicts).")
    static let synonymClash = CheckRule(
        "synonym-clash", .warning, subject: "NAME",
        "A synonym (aka=) means two terms, or is the name of another term (query conflicts).")
    static let orphanGoal = CheckRule(
        "orphan-goal", .error, subject: "GOAL",
        "A goal sits on a metric with no path to revenue: meeting it cannot show up in revenue (query orphans).")
    static let missedGoal = CheckRule(
        "missed-goal", .error, subject: "GOAL",
        "A goal due in a closed period (one that ends on or before the end of the actuals) missed its target on the actuals (query gaps).")
    static let horizonConflict = CheckRule(
        "horizon-conflict", .warning, subject: "GOAL",
        "A goal that only a lever slower than its team's horizon can move (query horizons).")
    static let uncheckedGoals = CheckRule(
        "unchecked-goals", .note, subject: "UPSTREAM->DOWNSTREAM",
        "Two goals on one chain whose arithmetic cannot be worked out: a value it needs is missing.")
    static let unmeasuredGoal = CheckRule(
        "unmeasured-goal", .note, subject: "GOAL",
        "A goal due in a closed period whose metric has no actual value there.")
    static let noRevenue = CheckRule(
        "no-revenue", .note, subject: "revenue",
        "No metric measures revenue (none is named revenue, and no revenue command names one), so orphan goals are not looked for.")
    static let unusedAccept = CheckRule(
        "unused-accept", .note, subject: "RULE:SUBJECT",
        "An accept line that matches no finding: the finding is gone, and the line can go too.")
    static let badAccept = CheckRule(
        "bad-accept", .error, subject: "LINE",
        "An accept line that cannot be read: an unknown rule, or no reason in double quotes.")
}
