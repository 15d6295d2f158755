/// The values recorded for one metric: a short list ordered by packed
/// period, searched by a scan (a binary search once long). A metric holds a
/// handful of values; a list finds one in a few comparisons where a hash
/// table hashes, and takes two thirds of the room.
public struct RecordedValues: Sendable {
    private struct Entry: Sendable {
        var period: UInt32
        var value: Double
    }

    private var entries: [Entry] = []

    /// Makes an empty list.
    public init() {}

    /// How many values.
    public var count: Int { entries.count }

    /// Whether no value is recorded.
    public var isEmpty: Bool { entries.isEmpty }

    /// Where `period` is, or would go.
    private func position(_ packed: UInt32) -> Int {
        if entries.count <= 16 {
            var i = 0
            while i < entries.count, entries[i].period < packed { i += 1 }
            return i
        }
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].period < packed { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The value recorded in a period.
    public subscript(period: Period) -> Double? { self[packed: period.packed] }

    /// The value recorded in the period whose `packed` form is given.
    public subscript(packed packed: UInt32) -> Double? {
        let i = position(packed)
        return i < entries.count && entries[i].period == packed ? entries[i].value : nil
    }

    /// Records a value (nil removes it) and returns the one it replaces.
    @discardableResult
    public mutating func set(_ period: Period, _ value: Double?) -> Double? {
        let packed = period.packed
        // Values mostly arrive in order: try the end first.
        let i = entries.last.map { $0.period < packed } == true ? entries.count : position(packed)
        let old = i < entries.count && entries[i].period == packed ? entries[i].value : nil
        switch (old, value) {
        case (nil, let value?): entries.insert(Entry(period: packed, value: value), at: i)
        case (_?, let value?): entries[i].value = value
        case (_?, nil): entries.remove(at: i)
        case (nil, nil): break
        }
        return old
    }

    /// Whether a value is recorded for a period inside `period` (not `period` itself).
    public func hasValue(inside period: Period) -> Bool {
        entries.contains { entry in
            let p = Period(packed: entry.period)
            return p.grain < period.grain && period.contains(p)
        }
    }

    /// The values by period.
    public var dictionary: [Period: Double] {
        Dictionary(uniqueKeysWithValues: entries.map { (Period(packed: $0.period), $0.value) })
    }

    /// Calls `body` with each period and value, in no particular order: no list is made.
    public func forEach(_ body: (Period, Double) -> Void) {
        for entry in entries { body(Period(packed: entry.period), entry.value) }
    }

    /// The values in chronological order.
    public var chronological: [(period: Period, value: Double)] {
        entries.map { (Period(packed: $0.period), $0.value) }.sorted { $0.period < $1.period }
    }
}
