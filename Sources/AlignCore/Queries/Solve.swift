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
    /// or a sum of it, as funnels are); otherwise brackets the target and
    /// bisects.
    public func solve(_ metric: MetricID, to target: Double, by driver: MetricID, in period: Period) -> SolveResult {
        solve(metric, to: target, by: driver, in: period, base: Evaluator(workspace))
    }

    /// `solve`, starting from an evaluator of the workspace that several questions share.
    func solve(_ metric: MetricID, to target: Double, by driver: MetricID, in period: Period, base: Evaluator)
        -> SolveResult
    {
        let cone = graph.downstream(of: driver, followLinks: false)
        guard metric == driver || cone.contains(metric) else {
            let linked = graph.downstream(of: driver, followLinks: true).contains(metric)
            return .notADriver(throughLinksOnly: linked)
        }
        if metric == driver { return .solved(value: target, exact: true) }
        let stale = cone
        func f(_ x: Double) -> Outcome {
            Evaluator(reusing: base, overrides: [(driver, period, x)], stale: stale).value(metric, in: period)
        }
        let current = base.value(driver, in: period).number
        let x0 = current ?? 1
        let x1 = x0 == 0 ? 1 : x0 * 1.1
        let y0 = f(x0)
        guard let v0 = y0.number else { return .unknown(y0) }
        guard let v1 = f(x1).number else { return .unknown(f(x1)) }
        let tolerance = 1e-9 * max(1, abs(target))
        if abs(v1 - v0) < 1e-12 * max(1, abs(v0)) { return abs(v0 - target) <= tolerance ? .solved(value: x0, exact: true) : .noEffect }
        let slope = (v1 - v0) / (x1 - x0)
        let guess = x0 + (target - v0) / slope
        if let v = f(guess).number, abs(v - target) <= tolerance {
            return .solved(value: Self.tidy(guess), exact: true)
        }
        return bisect(f, target: target, from: x0, tolerance: tolerance)
    }

    /// Rounds away the last bits of floating-point noise (1249.9999999 → 1250).
    static func tidy(_ x: Double) -> Double {
        let rounded = (x * 1e6).rounded() / 1e6
        return abs(rounded - x) <= 1e-9 * max(1, abs(x)) ? rounded : x
    }

    private func bisect(_ f: (Double) -> Outcome, target: Double, from start: Double, tolerance: Double) -> SolveResult {
        // Walk outwards in both directions until the target is bracketed.
        var lowest = Double.infinity
        var highest = -Double.infinity
        let origin = f(start).number ?? 0
        var bracket: (Double, Double)?
        var step = max(1, abs(start))
        for _ in 0..<60 {
            for candidate in [start + step, start - step] {
                guard let v = f(candidate).number else { continue }
                lowest = min(lowest, v)
                highest = max(highest, v)
                if (v - target) * (origin - target) <= 0 { bracket = (start, candidate) }
            }
            if bracket != nil { break }
            step *= 2
        }
        guard var (a, b) = bracket else { return .unreachable(lowest: min(lowest, origin), highest: max(highest, origin)) }
        guard var fa = f(a).number else { return .unknown(f(a)) }
        for _ in 0..<200 {
            let mid = (a + b) / 2
            guard let fm = f(mid).number else { return .unknown(f(mid)) }
            if abs(fm - target) <= tolerance { return .solved(value: Self.tidy(mid), exact: false) }
            if (fm - target) * (fa - target) <= 0 {
                b = mid
            } else {
                a = mid
                fa = fm
            }
        }
        return .solved(value: Self.tidy((a + b) / 2), exact: false)
    }
}
