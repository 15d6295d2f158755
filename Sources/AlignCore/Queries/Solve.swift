/// The answer to "what must this driver be for that metric to reach a number?"
public enum SolveResult: Equatable, Sendable {
    /// This value of the driver brings the metric to the target.
    case solved(value: Double, exact: Bool)
    /// The driver does not drive the metric through formulas.
    case notADriver(throughLinksOnly: Bool)
    /// The metric cannot be computed even with the driver set (an input is missing).
    case unknown(Outcome)
    /// The metric does not move with the driver here.
    case noEffect
    /// No value of the driver reaches the target; the metric's range seen is given.
    case unreachable(lowest: Double, highest: Double)
}

extension Analysis {
    /// Finds the value of `driver` that brings `metric` to `target` in `period`.
    ///
    /// Tries the straight line through two evaluations first and checks it,
    /// which is exact when the formulas are linear in the driver (a product
    /// or a sum of it, as funnels are); otherwise brackets the target on a
    /// grid around today's value that widens until numbers run out, and
    /// beside every place where the metric cannot be computed or jumps
    /// (a pole: `1 / (x - 3)`), then bisects (Solve+Search.swift). A driver
    /// that is not negative today (a count, an amount, a rate) is not made
    /// negative.
    public func solve(_ metric: MetricID, to target: Double, by driver: MetricID, in period: Period) -> SolveResult {
        let cone = graph.downstream(of: driver, followLinks: false)
        return solve(metric, to: target, probe: DriverProbe(evaluator, driver: driver, in: period, cone: cone))
    }

    /// `solve`, moving the probe's driver in the probe's period; a probe
    /// may serve several questions about one driver.
    func solve(_ metric: MetricID, to target: Double, probe: DriverProbe) -> SolveResult {
        let base = evaluator
        let driver = probe.driver
        let period = probe.period
        guard metric == driver || probe.reaches(metric) else {
            let linked = graph.downstream(of: driver, followLinks: true).contains(metric)
            return .notADriver(throughLinksOnly: linked)
        }
        let current = base.value(driver, in: period).number
        let floor: Double? = (current ?? 0) >= 0 ? 0 : nil
        if metric == driver {
            if let floor, target < floor { return .unreachable(lowest: floor, highest: .infinity) }
            return .solved(value: target, exact: true)
        }
        func f(_ x: Double) -> Outcome {
            // Cancelled: no value, so the search ends at once; the answer is thrown away.
            if isCancelled() { return .missing(metric, period) }
            return probe.value(of: metric, at: x)
        }
        // Through the probe, as every other point: at a period made of finer
        // ones, a set value is spread over them as the what-if does.
        return solve(f, from: current ?? 1, floor: floor, to: target)
    }

    /// Finds the `x` where `f(x)` reaches `target`, starting from `x0` and
    /// never going below `floor`: the straight line through two points,
    /// checked, and else a search for a bracket (`search`), bisected.
    func solve(_ f: (Double) -> Outcome, from start: Double, floor: Double?, to target: Double) -> SolveResult {
        var x0 = start
        var y0 = f(x0)
        // Today's value fails (deals at 0 in spend / deals): start from the
        // nearest value of the driver where the metric can be computed.
        if case .failed = y0, let start = Self.grid(around: x0, floor: floor).first(where: { f($0).number != nil }) {
            x0 = start
            y0 = f(start)
        }
        guard let v0 = y0.number else { return .unknown(y0) }
        let tolerance = 1e-9 * max(1, abs(target))
        if abs(v0 - target) <= tolerance { return .solved(value: x0, exact: true) }
        let x1 = x0 == 0 ? 1 : x0 * 1.1
        // A second point that cannot be computed (a pole there) only spares the straight line.
        if let v1 = f(x1).number, abs(v1 - v0) > 1e-12 * max(1, abs(v0)) {
            let guess = Self.tidy(x0 + (target - v0) * (x1 - x0) / (v1 - v0))
            if floor == nil || guess >= floor!, let v = f(guess).number, abs(v - target) <= tolerance {
                return .solved(value: guess, exact: true)
            }
        }
        return search(f, target: target, from: x0, origin: v0, floor: floor, tolerance: tolerance)
    }
}
