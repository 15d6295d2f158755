/// The kinds of things a workspace holds, as users name them in commands.
public enum EntityKind: String, Sendable, CaseIterable {
    case team, term, metric, goal, link, value, note, decision, source

    /// The plural, for listings.
    public var plural: String { self == .value ? "values" : rawValue + "s" }
}

/// One place where an entity is used, as `remove` reports it.
public enum Reference: Equatable, Sendable {
    /// A metric's formula reads the metric.
    case formula(MetricID)
    /// A link starts or ends at the metric.
    case link(LinkID)
    /// A goal is set on the metric or owned by the team.
    case goal(GoalID)
    /// The metric is owned by the team.
    case owner(MetricID)
    /// The team defines the term.
    case definition(TermID)
    /// The team uses a synonym of the term.
    case synonym(TermID)
    /// The metric counts the term.
    case metricTerm(MetricID)
    /// The metric is the chosen revenue metric.
    case revenue
    /// The metric's actuals are pulled from the source.
    case actuals(MetricID)
    /// The team owns the decision (counted among decisions, from 1).
    case decisionOwner(Int)
    /// A scenario changes the metric.
    case scenario(String)
}

/// Why the workspace refused a change. The shell turns these into messages.
public enum WorkspaceError: Error, Equatable, Sendable {
    /// The formula would make the metric depend on itself; the path runs from
    /// the metric back to it.
    case formulaCycle([MetricID])
    /// The formula adds or subtracts values whose units cannot add.
    case unitMismatch(lhs: String, rhs: String, expression: Formula)
    /// A metric's new unit would make the formula of another that reads it
    /// add or subtract units that cannot add; nothing was changed.
    case unitBreaksFormula(reader: MetricID, lhs: String, rhs: String, expression: Formula)
    /// The entity is still used; nothing was removed.
    case stillReferenced(EntityKind, String, [Reference])
    /// Another entity of the kind already has the name.
    case nameTaken(EntityKind, String)
    /// A link from a metric to itself.
    case selfLink(MetricID)
    /// No link joins the two metrics.
    case noSuchLink(from: MetricID, to: MetricID)
    /// The metric has no value recorded in the period.
    case noSuchValue(MetricID, Period)
    /// No note or decision has this number.
    case noSuchNote(Note.Kind, Int)
    /// The metric's actuals are not pulled from any source.
    case noActuals(MetricID)
    /// The metric has no plan value in the period.
    case noSuchPlan(MetricID, Period)
    /// No scenario has the name.
    case noSuchScenario(String)
    /// No vote is open to take a vote or be closed.
    case noOpenVote
}
