/// Changes in the order they were made, kept compact: a value's change (what
/// a script is mostly made of) takes sixteen bytes, and the rare structural
/// change is kept whole beside them. Undo records of a million commands stay
/// a small part of the workspace they undo.
public struct UndoRecord: Sendable {
    /// A value change: the metric's slot, the period packed (its top bit set
    /// when there was no value) and the value. The removal of an entity (the
    /// inverse of creating one, a line of most scripts): its slot, and in
    /// place of the period the `removal` bit and its kind. Any other
    /// structural change: a negative code, `-1 - i` for `others[i]`, kept
    /// whole (a `Change` is as large as its largest case, about 90 bytes).
    private struct Entry: Sendable {
        var code: Int32
        var period: UInt32
        var number: Double
    }

    private static let noValue: UInt32 = 1 << 31
    /// Never set in a packed period (years end at 9999, below bit 14 of the year).
    private static let removal: UInt32 = 1 << 30
    private enum Kind: UInt32 { case team, term, metric, goal, link }

    private var entries: [Entry] = []
    private var others: [Change] = []

    /// Makes an empty record.
    public init() {}

    /// Makes a record of changes, in order.
    public init(_ changes: [Change]) {
        for change in changes { append(change) }
    }

    /// How many changes it holds.
    public var count: Int { entries.count }

    /// Whether it holds no change.
    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a change at the end.
    public mutating func append(_ change: Change) {
        switch change {
        case .value(let id, let period, let value):
            entries.append(
                Entry(code: id.slot, period: period.packed | (value == nil ? Self.noValue : 0), number: value ?? 0))
        case .team(let id, nil): appendRemoval(id.slot, .team)
        case .term(let id, nil): appendRemoval(id.slot, .term)
        case .metric(let id, nil): appendRemoval(id.slot, .metric)
        case .goal(let id, nil): appendRemoval(id.slot, .goal)
        case .link(let id, nil): appendRemoval(id.slot, .link)
        default:
            entries.append(Entry(code: -1 - Int32(others.count), period: 0, number: 0))
            others.append(change)
        }
    }

    private mutating func appendRemoval(_ slot: Int32, _ kind: Kind) {
        entries.append(Entry(code: slot, period: Self.removal | kind.rawValue, number: 0))
    }

    /// Adds another record's changes from `start` on, in their order.
    public mutating func append(contentsOf other: UndoRecord, from start: Int = 0) {
        if isEmpty, start == 0 {
            self = other
            return
        }
        for entry in other.entries[start...] {
            if entry.code >= 0 {
                entries.append(entry)
            } else {
                append(other.others[Int(-1 - entry.code)])
            }
        }
    }

    /// The change at a position.
    public subscript(position: Int) -> Change {
        let entry = entries[position]
        if entry.code < 0 { return others[Int(-1 - entry.code)] }
        if entry.period & Self.noValue == 0, entry.period & Self.removal != 0 {
            switch Kind(rawValue: entry.period & ~Self.removal)! {
            case .team: return .team(TeamID(entry.code), nil)
            case .term: return .term(TermID(entry.code), nil)
            case .metric: return .metric(MetricID(entry.code), nil)
            case .goal: return .goal(GoalID(entry.code), nil)
            case .link: return .link(LinkID(entry.code), nil)
            }
        }
        let value: Double? = entry.period & Self.noValue != 0 ? nil : entry.number
        return .value(MetricID(entry.code), Period(packed: entry.period & ~Self.noValue), value)
    }

    /// The changes, in order.
    public var changes: [Change] { (0..<count).map { self[$0] } }

    /// Removes the changes from `start` on and returns them as a record.
    public mutating func removeSuffix(from start: Int) -> UndoRecord {
        if start == 0 {
            defer { self = UndoRecord() }
            return self
        }
        var suffix = UndoRecord()
        suffix.append(contentsOf: self, from: start)
        if let firstOther = entries[start...].first(where: { $0.code < 0 }) {
            others.removeSubrange(Int(-1 - firstOther.code)...)
        }
        entries.removeSubrange(start...)
        return suffix
    }

    /// Empties the record, keeping its room for the next changes.
    public mutating func removeAll() {
        // A large buffer may be shared with the record it was appended to: let it go.
        if entries.capacity > 4096 { entries = [] } else { entries.removeAll(keepingCapacity: true) }
        others.removeAll()
    }
}
