import AlignCore
import AlignLanguage
import AlignOutput

/// `query orphans`: the metrics with no path to revenue, told apart from
/// the outcome measures read off revenue's tree.
extension QueryPresenter {
    /// The orphans (no path to revenue, and not computed from its tree), then
    /// the outcome measures (computed from the tree, feeding nothing on it).
    public func orphans(_ list: [Orphan], outcomes: [OutcomeMeasure] = [], revenue: MetricID) -> Document {
        var doc = Document()
        if list.isEmpty {
            let also = outcomes.isEmpty ? "" : " or is read off its tree"
            doc.line(Span("every metric has a path to \(name(revenue))\(also)", .good))
        } else {
            doc.heading(NumberFormat.count(list.count, "metric has", plural: "metrics have") + " no path to \(name(revenue))")
            var table = Table(name: "orphans", columns: [.init("Metric"), .init("Owner"), .init("Goals on it")])
            for o in shownPart(list) {
                table.add([.name(name(o.metric)), owner(o.metric).map(Cell.name) ?? .empty,
                    o.goals.isEmpty ? .empty : .text(goalList(o.goals))])
            }
            doc.add(.table(table))
            leftOut(list.count, "metric", in: &doc)
            for o in describedPart(list) where !o.goals.isEmpty {
                let goals = o.goals.map { "goal \(goalName($0))" }.joined(separator: ", ")
                doc.line(Span(name(o.metric), .name), " has no path to \(name(revenue)); \(goals) sits on it: meeting it cannot show up in revenue")
            }
            doc.line(Span("connect a metric with: link METRIC -> DRIVEN_METRIC lag=LAG \"why\"; or use it in a formula", .dim))
        }
        guard !outcomes.isEmpty else { return doc }
        // A line, not a second heading: an answer has one title.
        doc.line(
            Span(
                NumberFormat.count(outcomes.count, "outcome measure", plural: "outcome measures")
                    + " read off \(name(revenue))'s tree, not orphans"))
        var table = Table(
            name: "outcomes", columns: [.init("Metric"), .init("Owner"), .init("Read from", key: "reads_from"), .init("Goals on it")])
        for o in shownPart(outcomes) {
            table.add([.name(name(o.metric)), owner(o.metric).map(Cell.name) ?? .empty,
                .text(o.readsFrom.map(name).joined(separator: ", ")), o.goals.isEmpty ? .empty : .text(goalList(o.goals))])
        }
        doc.add(.table(table))
        leftOut(outcomes.count, "outcome measure", in: &doc)
        for o in describedPart(outcomes) {
            var spans: [Span] = [
                Span(name(o.metric), .name),
                Span(" is read off \(name(revenue))'s tree (computed from \(o.readsFrom.map(name).joined(separator: ", "))) and feeds nothing on it: "
                    + "an outcome measure, not an orphan"),
            ]
            if !o.goals.isEmpty {
                let goals = o.goals.map { "goal \(goalName($0))" }.joined(separator: ", ")
                spans.append(Span("; \(goals) measures the tree's results, and is met by moving its drivers"))
            }
            doc.add(.line(spans))
        }
        return doc
    }
}
