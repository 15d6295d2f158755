/// Changes in the order they were made, kept compact: a value's change (what
/// a script is mostly made of) takes sixteen bytes, and the rare structural
/// change is kept whole beside them. Undo records of a million commands stay
/// a small part of the workspace they undo.
public struct UndoRecord: Sendable {
    /// A value change: the metric's slot, the period packed (its top bit set
    /// when there was no value) and the value. A structural change: a
    /// negative code, `-1 - i` for `others[i]`.
    private struct Entry: Sendable {
        var code: Int32
        var period: UInt32
        var number: Double
    }

    private static let noValue: UInt32 = 1 << 31

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
        if case .value(let id, let period, let value) = change {
            entries.append(
                Entry(code: id.slot, period: period.packed | (value == nil ? Self.noValue : 0), number: value ?? 0))
        } else {
            entries.append(Entry(code: -1 - Int32(others.count), period: 0, number: 0))
            others.append(change)
        }
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
