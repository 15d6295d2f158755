/// The weights a variance's sweep passes down (`VarianceSplit`): per table
/// of the evaluator, each metric's weight there.
///
/// A split of revenue reaches most metrics in most periods; a split of one
/// funnel's bookings, a few dozen values of a workspace of a million
/// metrics. So the weights sit in chunks of `chunk` slots, made when first
/// written to, and each table keeps the metrics written to it in a heap by
/// their place in the sweep's order, until there are too many to be worth
/// it: such a table is then walked in that order whole.
///
/// The storage is the split's own, let go of by `deallocate`: a split adds
/// millions of weights, and each add is a few loads through raw pointers.
struct SweepWeights {
    static let chunkShift = 9
    static let chunk = 1 << chunkShift
    /// Each slot's place in the sweep's order, and the slots in that order.
    let rank: UnsafeMutableBufferPointer<Int32>
    let order: UnsafeMutableBufferPointer<Int32>
    /// How many of the first slots of the order have a formula: the rest
    /// (metrics without one) rarely get a weight, and a table's walk leaves
    /// them out until one does (`leafWritten`).
    let formulaCount: Int
    /// Per table: whether a slot past `formulaCount` was written to.
    private var leafWritten: [Bool] = []
    /// How many chunks a table has room for.
    private let chunkCount: Int
    /// Per table: its chunks (nil until the table is written to), each nil until written to.
    private var tables: [UnsafeMutablePointer<UnsafeMutablePointer<Double>?>?] = []
    /// Per table: the ranks of the metrics written to, a min-heap (may hold
    /// one twice); nil once more than `heapLimit` were.
    private var queued: [[Int32]?] = []
    private let heapLimit: Int

    /// `list`: the slots in the sweep's order, those with a formula
    /// (`formulaCount` of them) before those without.
    init(order list: [Int32], formulaCount: Int) {
        let n = list.count
        self.formulaCount = formulaCount
        order = .allocate(capacity: n)
        _ = order.initialize(from: list)
        rank = .allocate(capacity: n)
        for (i, m) in list.enumerated() { rank[Int(m)] = Int32(i) }
        chunkCount = (n + Self.chunk - 1) >> Self.chunkShift
        heapLimit = max(64, n / 16)
    }

    /// Lets go of every chunk and of the order.
    func deallocate() {
        for case let table? in tables {
            for c in 0..<chunkCount { table[c]?.deallocate() }
            table.deallocate()
        }
        order.deallocate()
        rank.deallocate()
    }

    /// The weight of slot `m` in table `t`.
    func weight(_ m: Int, _ t: Int) -> Double {
        guard t < tables.count, let table = tables[t], let c = table[m >> Self.chunkShift] else { return 0 }
        return c[m & (Self.chunk - 1)]
    }

    /// Adds to the weight of slot `m` in table `t`; true when the table
    /// had not been written to before.
    @discardableResult @inline(__always)
    mutating func add(_ x: Double, _ m: Int, _ t: Int, mayBeLeaf: Bool = false) -> Bool {
        var isNew = false
        if t >= tables.count {
            tables.append(contentsOf: repeatElement(nil, count: t + 1 - tables.count))
            queued.append(contentsOf: repeatElement([], count: t + 1 - queued.count))
            leafWritten.append(contentsOf: repeatElement(false, count: t + 1 - leafWritten.count))
        }
        if mayBeLeaf, Int(rank[m]) >= formulaCount { leafWritten[t] = true }
        let table: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>
        if let made = tables[t] {
            table = made
        } else {
            table = .allocate(capacity: chunkCount)
            table.initialize(repeating: nil, count: chunkCount)
            tables[t] = table
            isNew = true
        }
        let c: UnsafeMutablePointer<Double>
        if let made = table[m >> Self.chunkShift] {
            c = made
        } else {
            c = .allocate(capacity: Self.chunk)
            c.initialize(repeating: 0, count: Self.chunk)
            table[m >> Self.chunkShift] = c
        }
        let i = m & (Self.chunk - 1)
        if c[i] == 0, queued[t] != nil {
            if queued[t]!.count >= heapLimit {
                queued[t] = nil
            } else {
                Self.push(rank[m], into: &queued[t]!)
            }
        }
        c[i] += x
        return isNew
    }

    /// Where a walk through one table is: its place in the sweep's order
    /// when the table is walked whole, else the last rank taken from its heap.
    struct Cursor {
        var scanning: Bool
        var position = 0
        var last: Int32 = -1
    }

    /// A walk through table `t`.
    func walk(_ t: Int) -> Cursor { Cursor(scanning: t >= queued.count || queued[t] == nil) }

    /// The next metric of the table with a weight, and the weight, in the
    /// sweep's order, metrics written to since the walk began included.
    mutating func next(_ t: Int, _ cursor: inout Cursor) -> (Int, Double)? {
        guard t < tables.count, let table = tables[t] else { return nil }
        // Gone past the heap's limit since the last call: the rest of the table, in order.
        if !cursor.scanning, queued[t] == nil {
            cursor.scanning = true
            cursor.position = Int(cursor.last) + 1
        }
        if cursor.scanning {
            var position = cursor.position
            defer { cursor.position = position }
            // (Past the metrics with a formula only where one without was written to.)
            while position < (leafWritten[t] ? order.count : formulaCount) {
                let m = Int(order[position])
                position += 1
                guard let c = table[m >> Self.chunkShift] else { continue }
                let w = c[m & (Self.chunk - 1)]
                if w != 0 { return (m, w) }
            }
            return nil
        }
        while let top = queued[t]!.first {
            Self.popFirst(&queued[t]!)
            guard top != cursor.last else { continue }
            cursor.last = top
            let m = Int(order[Int(top)])
            let w = weight(m, t)
            if w != 0 { return (m, w) }
        }
        return nil
    }

    private static func push(_ x: Int32, into heap: inout [Int32]) {
        heap.append(x)
        var i = heap.count - 1
        while i > 0, heap[(i - 1) / 2] > heap[i] {
            heap.swapAt(i, (i - 1) / 2)
            i = (i - 1) / 2
        }
    }

    private static func popFirst(_ heap: inout [Int32]) {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var i = 0
        while true {
            let (l, r) = (2 * i + 1, 2 * i + 2)
            var smallest = i
            if l < heap.count, heap[l] < heap[smallest] { smallest = l }
            if r < heap.count, heap[r] < heap[smallest] { smallest = r }
            if smallest == i { return }
            heap.swapAt(i, smallest)
            i = smallest
        }
    }
}
