import AlignCore
import AlignLanguage
import AlignOutput

extension Message {
    static func pathsStopped(_ steps: Int) -> Message {
        Message("more chains may exist: the search stopped after \(NumberFormat.plain(Double(steps))) steps (the shortest is always found)")
    }
    static func pathsEnough(_ found: Int, shown: Int) -> Message {
        Message("more chains may exist: the search stopped after finding \(found); the \(shown) shortest of those are shown")
    }
    static func pathsShown(_ found: Int, shown: Int) -> Message {
        Message("\(found) chains in all: the \(shown) shortest are shown")
    }
}

/// `query path`: the chains between two metrics, and whether there may be more.
extension QueryPresenter {
    /// `query path FROM TO`: the chains between two metrics.
    public func paths(_ search: PathList, from: MetricID, to: MetricID, graph: DriverGraph) -> Document {
        var doc = Document()
        let list = search.paths
        guard !list.isEmpty else {
            doc.line(Span("no chain of formulas or links leads from \(name(from)) to \(name(to))", .dim))
            return doc
        }
        var table = Table(name: "paths", columns: [.init("#", key: "number", numeric: true), .init("Steps", numeric: true),
            .init("Lag"), .init("Path")])
        for (i, path) in list.enumerated() {
            let lag = path.reduce(LagRange.zero) { $0 + graph.lag(of: $1) }
            table.add([.number(Double(i + 1), unit: nil), .number(Double(path.count), unit: nil),
                lag == .zero ? .empty : .text(lag.description), .text(chainText(path, graph: graph))])
        }
        doc.add(.table(table))
        if let steps = search.stoppedAfter {
            doc.line(Span(Message.pathsStopped(steps).text, .dim))
        } else if search.stoppedFinding {
            doc.line(Span(Message.pathsEnough(search.found, shown: list.count).text, .dim))
        } else if search.found > list.count {
            doc.line(Span(Message.pathsShown(search.found, shown: list.count).text, .dim))
        }
        return doc
    }
}
