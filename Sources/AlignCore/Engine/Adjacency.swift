/// Rows of neighbours, one row a metric slot, held as one flat array and
/// where each row starts (compressed sparse rows). An array of arrays took a
/// heap allocation of 48 bytes or more for every metric with a neighbour:
/// about 10 MB for the graph of 100,000 formulas, built again at each change
/// of structure, for edges that take 4 bytes each here.
public struct Adjacency<Element: Sendable>: Sendable {
    private let starts: [Int32]
    private let flat: [Element]

    /// Rows from a list of (row, element) pairs; each row keeps its
    /// elements in the order of the list.
    init(rows: Int, pairs: [(row: Int32, element: Element)]) {
        var starts = [Int32](repeating: 0, count: rows + 1)
        for pair in pairs { starts[Int(pair.row) + 1] += 1 }
        for i in 0..<rows { starts[i + 1] += starts[i] }
        var next = starts
        // Each place is written once, by the pair the counts gave it to.
        let flat = [Element](unsafeUninitializedCapacity: pairs.count) { buffer, initialized in
            for pair in pairs {
                (buffer.baseAddress! + Int(next[Int(pair.row)])).initialize(to: pair.element)
                next[Int(pair.row)] += 1
            }
            initialized = pairs.count
        }
        self.starts = starts
        self.flat = flat
    }

    /// Rows given whole: `starts` holds where each row starts in `flat`,
    /// and where the last one ends.
    init(starts: [Int32], flat: [Element]) {
        self.starts = starts
        self.flat = flat
    }

    /// The rows of `other` turned round: row `m` lists, in order, the rows
    /// of `other` that hold `m` (the readers of each metric, from the
    /// inputs of each formula), without a list of pairs in between.
    init(transposing other: Adjacency<MetricID>, rows: Int) where Element == MetricID {
        var starts = [Int32](repeating: 0, count: rows + 1)
        for m in other.flat { starts[Int(m.slot) + 1] += 1 }
        for i in 0..<rows { starts[i + 1] += starts[i] }
        var next = starts
        let flat = [MetricID](unsafeUninitializedCapacity: other.flat.count) { buffer, initialized in
            for row in 0..<other.count {
                for k in Int(other.starts[row])..<Int(other.starts[row + 1]) {
                    let m = Int(other.flat[k].slot)
                    (buffer.baseAddress! + Int(next[m])).initialize(to: MetricID(Int32(row)))
                    next[m] += 1
                }
            }
            initialized = other.flat.count
        }
        self.starts = starts
        self.flat = flat
    }

    /// How many rows.
    public var count: Int { starts.count - 1 }

    /// A row's elements, indexed from 0.
    public subscript(row: Int) -> Row { Row(flat: flat, start: Int(starts[row]), end: Int(starts[row + 1])) }

    /// One row: a view of the flat array, indexed from 0.
    public struct Row: RandomAccessCollection, Sendable {
        fileprivate let flat: [Element]
        fileprivate let start: Int
        fileprivate let end: Int

        public var startIndex: Int { 0 }
        public var endIndex: Int { end - start }
        public subscript(position: Int) -> Element { flat[start + position] }
    }
}
