/// A metric in a period as one word: the key of results and overrides,
/// compared and hashed as an integer.
struct ValueKey: Hashable {
    let metric: MetricID
    let period: Period

    init(_ metric: MetricID, _ period: Period) {
        self.metric = metric
        self.period = period
    }

    /// The key in one word: the metric's slot above the packed period.
    var bits: UInt64 { UInt64(UInt32(bitPattern: metric.slot)) << 32 | UInt64(period.packed) }

    func hash(into hasher: inout Hasher) { hasher.combine(bits) }
}

/// A map that scans a short list of keys and hashes only once it grows:
/// what a what-if overrides and works out is usually a handful of results,
/// looked up many times over.
struct SmallMap<Value> {
    private var keys: [UInt64] = []
    private var values: [Value] = []
    private var index: [UInt64: Int]?
    private static var longest: Int { 24 }

    init() {}

    /// Makes a map with room for `capacity` entries before it grows.
    init(capacity: Int) {
        keys.reserveCapacity(capacity)
        values.reserveCapacity(capacity)
    }

    var isEmpty: Bool { keys.isEmpty }
    var count: Int { keys.count }

    private func position(_ key: ValueKey) -> Int? {
        if let index { return index[key.bits] }
        return keys.firstIndex(of: key.bits)
    }

    subscript(key: ValueKey) -> Value? {
        get { position(key).map { values[$0] } }
        set {
            if let i = position(key) {
                if let newValue {
                    values[i] = newValue
                } else {
                    remove(at: i)
                }
            } else if let newValue {
                index?[key.bits] = keys.count
                keys.append(key.bits)
                values.append(newValue)
                if index == nil, keys.count > Self.longest {
                    index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
                }
            }
        }
    }

    private mutating func remove(at i: Int) {
        let last = keys.count - 1
        index?[keys[i]] = nil
        if i != last {
            keys[i] = keys[last]
            values[i] = values[last]
            index?[keys[i]] = i
        }
        keys.removeLast()
        values.removeLast()
    }

    /// The entries, in no particular order.
    var entries: [(key: ValueKey, value: Value)] {
        keys.indices.map { (ValueKey(bits: keys[$0]), values[$0]) }
    }

    /// Empties the map, keeping its room.
    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        index = nil
    }
}

extension ValueKey {
    fileprivate init(bits: UInt64) {
        self.init(MetricID(Int32(truncatingIfNeeded: bits >> 32)), Period(packed: UInt32(truncatingIfNeeded: bits)))
    }
}

/// A set of metrics that scans a short list, and marks a bit per metric once it grows.
struct MetricSet {
    private var list: [Int32] = []
    private var bits: [UInt64] = []

    init() {}

    init(_ metrics: some Sequence<MetricID>, slots: Int) {
        for metric in metrics { insert(metric, slots: slots) }
    }

    var members: [MetricID] { list.map(MetricID.init) }

    func contains(_ metric: MetricID) -> Bool {
        if !bits.isEmpty {
            let i = metric.index
            return i >> 6 < bits.count && bits[i >> 6] & (1 << UInt64(i & 63)) != 0
        }
        return list.contains(metric.slot)
    }

    mutating func insert(_ metric: MetricID, slots: Int) {
        guard !contains(metric) else { return }
        list.append(metric.slot)
        if bits.isEmpty, list.count <= 16 { return }
        if bits.isEmpty {
            bits = [UInt64](repeating: 0, count: (max(slots, metric.index + 1) + 63) / 64)
            for member in list { bits[Int(member) >> 6] |= 1 << UInt64(member & 63) }
        } else {
            while metric.index >> 6 >= bits.count { bits.append(0) }
            bits[metric.index >> 6] |= 1 << UInt64(metric.index & 63)
        }
    }
}
