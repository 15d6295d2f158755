/// What a what-if sets: a value in a period made of finer ones moves them too.
extension Evaluator {
    /// The overrides that set `id` to `value` in `period` as a what-if means
    /// it: where the period's value is made of finer periods (a quarter of
    /// months), each of those is moved in proportion, as the value is spread
    /// over them today, down to the finest, so that every metric made of
    /// them follows and "before" and "after" are worked out the same way.
    /// Where today's parts add up to zero they share the value evenly.
    public func spread(_ id: MetricID, in period: Period, to value: Double) -> [(MetricID, Period, Double)] {
        var result = [(id, period, value)]
        spreadDown(id, period, value, into: &result)
        return result
    }

    /// Whether a what-if that sets `id` in `period` moves its finer periods:
    /// no value is recorded there and every finer part has a number today.
    func isSpread(_ id: MetricID, in period: Period) -> Bool {
        recordedValue(id, period) == nil && hasFinerData(period)
            && childrenOf(period).allSatisfy { value(id, in: $0).number != nil }
    }

    private func spreadDown(_ id: MetricID, _ period: Period, _ target: Double, into result: inout [(MetricID, Period, Double)]) {
        guard isSpread(id, in: period) else { return }
        let children = childrenOf(period)
        let parts = children.map { value(id, in: $0).number! }
        let aggregation = aggregation(of: id)
        let today =
            switch aggregation {
            case .sum: parts.reduce(0, +)
            case .average: parts.reduce(0, +) / Double(parts.count)
            case .last: parts[parts.count - 1]
            case .first: parts[0]
            }
        for (child, part) in zip(children, parts) {
            let moved: Double
            if today != 0 {
                moved = part * (target / today)
            } else {
                moved = aggregation == .sum ? target / Double(parts.count) : target
            }
            result.append((id, child, moved))
            spreadDown(id, child, moved, into: &result)
        }
    }
}
