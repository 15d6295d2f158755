/// A stable handle on an entity of the workspace.
///
/// Identifiers never change when an entity is renamed and are never reused,
/// so formulas, links and goals hold identifiers and a rename touches one slot.
public struct EntityID<Entity>: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The slot of the entity in its table.
    public let slot: Int32

    /// Wraps a slot number.
    public init(_ slot: Int32) { self.slot = slot }

    /// The slot as an array index.
    @inlinable public var index: Int { Int(slot) }

    public var description: String { "#\(slot)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.slot < rhs.slot }
}

/// Identifies a team.
public typealias TeamID = EntityID<Team>
/// Identifies a glossary term.
public typealias TermID = EntityID<Term>
/// Identifies a metric.
public typealias MetricID = EntityID<Metric>
/// Identifies a goal.
public typealias GoalID = EntityID<Goal>
/// Identifies a driver link.
public typealias LinkID = EntityID<Link>
