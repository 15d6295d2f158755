import AlignCore
import AlignLanguage
import AlignOutput

/// `solve`: the driver's value that reaches a target, a count whole.
extension QueryPresenter {
    /// `solve`: the driver's value that brings the metric to the target, or why none does.
    public func solve(_ result: SolveResult, metric: MetricID, target: Double, driver: MetricID, current: Outcome, _ period: Period)
        -> Document
    {
        var doc = Document()
        switch result {
        case .solved(let value, let exact):
            // A share would have to be more than the whole, or less than none:
            // no real value of it gets there, and the answer says so first.
            if let bound = ws.shareBound(value, of: driver) {
                doc.line(
                    Span("no \(name(driver)) from 0 to 100% brings \(name(metric)) to \(format(target, metric)) in \(period): "
                        + "it would take \(ShareWords.shown(value, unit: unit(driver))), \(ShareWords.side(bound))", .bad))
                var table = Table(name: "solution", columns: Self.solutionColumns)
                table.add([.name(name(driver)), .number(value, unit: unit(driver)), .name(name(metric)), .number(target, unit: unit(metric)),
                    .status(false, bound == .aboveWhole ? "no: above 100%" : "no: below 0")])
                doc.add(.table(table))
                return doc
            }
            // A count is whole: rounded on, the way the driver had to move, so
            // the metric reaches the target and a little past it.
            let exactValue = value
            let value =
                isCount(driver) ? Precision.rounded(value, unit: unit(driver), current.number.map { value < $0 ? .down : .up } ?? .up) : value
            let whole = abs(value - exactValue) > Comparison.tolerance(exactValue)
            var spans: [Span] = [Span(name(driver), .name), Span(" \(NumberFormat.precise(value, unit: unit(driver)))", .number)]
            if let now = current.number {
                var delta = " (now \(format(now, driver)): \(NumberFormat.change(value - now, unit: unit(driver)))"
                if now != 0 { delta += ", \(NumberFormat.change((value - now) / abs(now) * 100, unit: nil))%" }
                spans.append(Span(delta + ")"))
            }
            spans.append(Span(" brings \(name(metric)) to \(format(target, metric)) in \(period)"))
            if whole {
                let way = value > exactValue ? "up" : "down"
                spans.append(Span(" (\(NumberFormat.plain(exactValue, decimals: 2)) exactly; \(name(driver)) is a count, so rounded \(way))", .dim))
            }
            if !exact { spans.append(Span(" (found numerically)", .dim)) }
            doc.add(.line(spans))
            var table = Table(name: "solution", columns: Self.solutionColumns)
            table.add([.name(name(driver)), .number(value, unit: unit(driver)), .name(name(metric)), .number(target, unit: unit(metric)), .status(exact, Self.found(exact: exact, rounded: whole ? (value > exactValue ? "up" : "down") : nil))])
            doc.add(.table(table))
        case .notADriver(let throughLinks):
            let how = throughLinks ? ": it reaches it only through links, which carry no arithmetic" : ""
            doc.line(Span("\(name(driver)) does not drive \(name(metric)) through formulas\(how)", .bad))
            doc.line(Span("see what does: query drivers \(name(metric)) in \(period)", .dim))
        case .unknown(let outcome):
            doc.line(Span("cannot compute \(name(metric)): " + explain(outcome), .bad))
        case .noEffect:
            doc.line(Span("\(name(metric)) does not change with \(name(driver)) in \(period), so no value of it reaches \(format(target, metric))", .bad))
        case .unreachable(let low, let high):
            doc.line(
                Span(
                    "no value of \(name(driver)) brings \(name(metric)) to \(format(target, metric)); it "
                        + reach(low, high, beyond: target, metric), .bad))
        }
        return doc
    }

    /// The solution table's columns. "Found" says how the value was found,
    /// as the sentence above it does; machines read it as `exact`, true
    /// where the formulas were solved exactly rather than searched.
    static let solutionColumns: [Table.Column] = [
        .init("Driver"), .init("Value", numeric: true), .init("Metric"), .init("Target", numeric: true), .init("Found", key: "exact"),
    ]

    /// `exactly`, `numerically`, or `rounded up` for a count made whole.
    static func found(exact: Bool, rounded way: String?) -> String {
        if let way { return "rounded " + way }
        return exact ? "exactly" : "numerically"
    }

    /// How far a metric reaches as its driver moves, said from the side the
    /// target lies beyond ("cannot go below 2"): that side is a bound, the
    /// other may be only where the search stopped.
    func reach(_ low: Double, _ high: Double, beyond target: Double, _ metric: MetricID) -> String {
        // A bound the search came within a hair of is the number it tends to
        // (spend / deals tends to 0 as deals grow: 0, not 9.095e-10). A hair
        // is no wider for a large target: 1 is no hair beside 1e50.
        let hair = 1e-6 * min(1, target == 0 ? 1 : abs(target))
        let low = abs(low) < hair ? 0 : low
        let high = abs(high) < hair ? 0 : high
        if target == low || target == high { return "comes near \(format(target, metric)) but never reaches it" }
        if target < low || !high.isFinite { return "cannot go below \(format(low, metric))" }
        if target > high || !low.isFinite { return "cannot go above \(format(high, metric))" }
        return "only ranges from \(format(low, metric)) to \(format(high, metric))"
    }

    /// Whether a metric counts things (its unit is `count`, `number` or `#`):
    /// what it takes is a whole number.
    func isCount(_ metric: MetricID) -> Bool {
        unit(metric).map(UnitClass.init) == .count
    }

    /// What a goal on `metric` must be, as a goal line writes it: rounded to
    /// the precision its unit deserves, the way `comparison` keeps it met.
    func suggestedTarget(_ need: Double, _ metric: MetricID, _ comparison: Comparison) -> Double {
        Precision.rounded(need, unit: unit(metric), Precision.direction(of: comparison))
    }

    /// A need and the metric's name, as an answer says them: a count whole
    /// (`3,334 mqls (3,333.33, rounded up)`), anything else with the digits
    /// to act on (`0.341404 win_rate`).
    func needText(_ need: Double, _ metric: MetricID, _ comparison: Comparison) -> String {
        let whole = suggestedTarget(need, metric, comparison)
        guard isCount(metric), abs(whole - need) > Comparison.tolerance(need) else {
            return NumberFormat.precise(isCount(metric) ? whole : need, unit: unit(metric)) + " " + name(metric)
        }
        let way = whole > need ? "rounded up" : whole < need ? "rounded down" : "rounded"
        return "\(format(whole, metric)) \(name(metric)) (\(NumberFormat.plain(need, decimals: 2)), \(way))"
    }
}
