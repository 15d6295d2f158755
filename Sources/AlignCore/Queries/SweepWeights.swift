/// The weights a variance's sweep passes down (`VarianceSplit`): per table
/// of the evaluator, each metric's weight there.
///
/// A split of revenue reaches most metrics in most periods; a split of one
/// funnel's bookings, a few dozen values of a workspace of a million
/// metrics. So the weights sit in chunks of `chunk` slots, made when first
/// written to, and each table keeps the metrics written to it in a heap by
/// their place in the sweep's order, until there are too many to be worth
/// it: such a table is then walked in that order whole.
struct SweepWeights {
    static let chunk = 512
    /// How many metric slots, and each slot's place in the sweep's order.
    let rank: [Int32]
    let order: [Int32]
    private var chunks: [[UnsafeMutablePointer<Double>?]] = []
    /// Per table: the ranks of the metrics written to, a min-heap (may hold
    /// one twice); nil once more than `heapLimit` were.
    private var queued: [[Int32]?] = []
    private var heapLimit: Int { max(64, order.count / 16) }

    init(order: [Int32]) {
        self.order = order
        var rank = [Int32](repeating: 0, count: order.count)
        for (i, m) in order.enumerated() { rank[Int(m)] = Int32(i) }
        self.rank = rank
    }

    /// Lets go of every chunk.
    func deallocate() {
        for table in chunks { for c in table { c?.deallocate() } }
    }

    /// Whether table `t` has been written to.
    func has(_ t: Int) -> Bool { t < chunks.count && !chunks[t].isEmpty }

    /// The weight of slot `m` in table `t`.
    func weight(_ m: Int, _ t: Int) -> Double {
        guard t < chunks.count, !chunks[t].isEmpty, let c = chunks[t][m / Self.chunk] else { return 0 }
        return c[m % Self.chunk]
    }

    /// Adds to the weight of slot `m` in table `t`.
    mutating func add(_ x: Double, _ m: Int, _ t: Int) {
        while chunks.count <= t {
            chunks.append([])
            queued.append([])
        }
        if chunks[t].isEmpty { chunks[t] = Array(repeating: nil, count: (order.count + Self.chunk - 1) / Self.chunk) }
        let c: UnsafeMutablePointer<Double>
        if let made = chunks[t][m / Self.chunk] {
            c = made
        } else {
            c = UnsafeMutablePointer<Double>.allocate(capacity: Self.chunk)
            c.initialize(repeating: 0, count: Self.chunk)
            chunks[t][m / Self.chunk] = c
        }
        let i = m % Self.chunk
        if c[i] == 0, queued[t] != nil {
            if queued[t]!.count >= heapLimit {
                queued[t] = nil
            } else {
                Self.push(rank[m], into: &queued[t]!)
            }
        }
        c[i] += x
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
        guard has(t) else { return nil }
        // Gone past the heap's limit since the last call: the rest of the table, in order.
        if !cursor.scanning, queued[t] == nil {
            cursor.scanning = true
            cursor.position = Int(cursor.last) + 1
        }
        if cursor.scanning {
            while cursor.position < order.count {
                let m = Int(order[cursor.position])
                cursor.position += 1
                let w = weight(m, t)
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
