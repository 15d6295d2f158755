/// The values metrics take as one driver is moved in one period, for a
/// solve or a consistency check that asks for many points: along the line
/// of formulas from the driver to the metric where each step is plain
/// arithmetic, and by one what-if evaluator, moved from point to point,
/// where a step fails and the failure has to be explained.
final class DriverProbe {
    let driver: MetricID
    let period: Period
    /// Every metric whose formulas read the driver, directly or not.
    let cone: [MetricID]
    private let base: Evaluator
    private let coneSet: MetricSet
    /// The lines asked for so far, by the metric they lead to; nil where there is none.
    private var lines = SmallMap<Evaluator.Line?>()
    private var general: Evaluator?
    /// Whether setting the driver in this period moves its finer periods.
    private let spread: Bool

    init(_ base: Evaluator, driver: MetricID, in period: Period, cone: [MetricID]) {
        self.base = base
        self.driver = driver
        self.period = period
        self.cone = cone
        self.coneSet = MetricSet(cone, slots: base.plan.count)
        self.spread = base.isSpread(driver, in: period)
    }

    /// Whether `metric` follows the driver through formulas.
    func reaches(_ metric: MetricID) -> Bool { coneSet.contains(metric) }

    /// The value of `metric` with the driver at `x`.
    func value(of metric: MetricID, at x: Double) -> Outcome {
        if let outcome = line(to: metric)?.value(at: x) { return outcome }
        if spread {
            // Every point moves the finer periods anew: a new what-if each time.
            return Evaluator(reusing: base, overrides: base.spread(driver, in: period, to: x), stale: cone)
                .value(metric, in: period)
        }
        let evaluator = general ?? Evaluator(reusing: base, overrides: [(driver, period, x)], stale: cone)
        general = evaluator
        evaluator.move(driver, in: period, to: x)
        return evaluator.value(metric, in: period)
    }

    private func line(to metric: MetricID) -> Evaluator.Line? {
        let key = ValueKey(metric, period)
        if let known = lines[key] { return known }
        let made = base.line(from: driver, to: metric, in: period, cone: coneSet)
        lines[key] = .some(made)
        return made
    }
}
