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
        var flat = [Element?](repeating: nil, count: pairs.count)
        for pair in pairs {
            flat[Int(next[Int(pair.row)])] = pair.element
            next[Int(pair.row)] += 1
        }
        self.starts = starts
        self.flat = flat.map { $0! }
    }

    /// Rows whose elements come in row order already.
    init(rows: Int, inOrder: [(row: Int32, element: Element)]) {
        var starts = [Int32](repeating: 0, count: rows + 1)
        for pair in inOrder { starts[Int(pair.row) + 1] += 1 }
        for i in 0..<rows { starts[i + 1] += starts[i] }
        self.starts = starts
        self.flat = inOrder.map(\.element)
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
