/// A solve across periods (the reverse waterfall): the periods of the driver
/// that feed the metric through the formulas' offsets, scaled by one factor.
public struct PeriodSolve: Equatable, Sendable {
    /// The metric to bring to the target.
    public var metric: MetricID
    /// The period it is asked for.
    public var period: Period
    /// The number to reach.
    public var target: Double
    /// The driver moved.
    public var driver: MetricID
    /// The driver's periods that feed the metric (within `over`, when
    /// given), in time order, with their values today.
    public var parts: [Part]
    /// The factor the parts are scaled by (or, when they are all zero today,
    /// the value each is set to); or why there is none.
    public var result: SolveResult
    /// Whether the parts are all zero today and are set, not scaled.
    public var even: Bool
    /// Every value on the way from the parts to the metric, before and after.
    public var stages: [Stage]
    /// The metrics of the stages, each after those it reads: the driver first.
    public var order: [MetricID] = []
    /// The driver's periods that feed the metric but end at or before the
    /// end of actuals (`through`): held as they are, not moved.
    public var held: [Period] = []
    /// The end of actuals the held periods are measured against.
    public var through: Period?

    /// One period of the driver, and its value today.
    public struct Part: Equatable, Sendable {
        public var period: Period
        public var today: Double
    }

    /// A value on the way, before and after the solve.
    public struct Stage: Equatable, Sendable {
        public var metric: MetricID
        public var period: Period
        public var before: Outcome
        public var after: Outcome
    }

    /// The driver's value in each part once solved, in the order of `parts`.
    public var solvedParts: [Double]? {
        guard case .solved(let x, _) = result else { return nil }
        return parts.map { even ? x : $0.today * x }
    }
}

/// What `solve` answers: one driver value in one period, or the periods
/// that feed the metric, scaled.
public enum SolveAnswer: Equatable, Sendable {
    case single(SolveResult)
    case periods(PeriodSolve)
}

extension Analysis {
    /// Finds what `driver` must be for `metric` to reach `target` in `period`.
    /// Where formulas read earlier periods (or `over` restricts them), the
    /// driver's values in the periods that feed the metric are scaled by one
    /// factor, keeping their shape; where only the period itself feeds it,
    /// the driver's value there is solved for, as without time.
    ///
    /// Once the workspace tells actuals from forecast (it has a plan, or
    /// `actuals through` is set), a period of the driver that ends at or
    /// before the end of actuals is closed: without `over` it is held as it
    /// is and only the later ones move; `over` names the periods to move,
    /// closed or not.
    public func solve(
        _ metric: MetricID, to target: Double, by driver: MetricID, in period: Period, over: ClosedRange<Period>? = nil
    ) -> SolveAnswer {
        guard metric != driver else { return .single(solve(metric, to: target, by: driver, in: period)) }
        let closed = over == nil ? closedThrough : nil
        guard evaluator.plan.hasTime || over != nil else {
            if let closed, period.endMonth <= closed.endMonth {
                return .periods(
                    PeriodSolve(
                        metric: metric, period: period, target: target, driver: driver, parts: [], result: .noEffect, even: false,
                        stages: [], held: [period], through: closed))
            }
            return .single(solve(metric, to: target, by: driver, in: period))
        }
        let answer = solveAcross(
            metric, to: target, by: driver, in: period, over: over, reach: evaluator.reach(of: metric, in: period, from: driver),
            holding: closed)
        if over == nil, answer.held.isEmpty, answer.parts.map(\.period) == [period] || answer.parts.isEmpty {
            return .single(solve(metric, to: target, by: driver, in: period))
        }
        return .periods(answer)
    }

    /// The end of actuals, once the workspace tells actuals from forecast.
    var closedThrough: Period? {
        workspace.hasPlan || workspace.actualsCutoff != nil ? workspace.actualsEnd : nil
    }

    /// The reverse waterfall: the driver's periods that feed `metric` in
    /// `period`, each scaled by the one factor that brings it to `target`.
    public func solveAcross(
        _ metric: MetricID, to target: Double, by driver: MetricID, in period: Period, over: ClosedRange<Period>? = nil
    ) -> PeriodSolve {
        solveAcross(metric, to: target, by: driver, in: period, over: over, reach: evaluator.reach(of: metric, in: period, from: driver))
    }

    /// `solveAcross`, with the reach of the driver into the metric already found.
    func solveAcross(
        _ metric: MetricID, to target: Double, by driver: MetricID, in period: Period, over: ClosedRange<Period>?,
        reach: Reach, holding closed: Period? = nil
    ) -> PeriodSolve {
        let base = self.evaluator
        var answer = PeriodSolve(
            metric: metric, period: period, target: target, driver: driver, parts: [], result: .noEffect, even: false,
            stages: [])
        var periods = reach.driverPeriods.filter { p in
            guard let over else { return true }
            return p.firstMonth >= over.lowerBound.firstMonth
                && p.firstMonth + p.grain.months <= over.upperBound.firstMonth + over.upperBound.grain.months
        }
        if let closed {
            answer.held = periods.filter { $0.endMonth <= closed.endMonth }
            answer.through = closed
            periods.removeAll { $0.endMonth <= closed.endMonth }
        }
        guard !periods.isEmpty else {
            if reach.driverPeriods.isEmpty {
                let linked = graph.downstream(of: driver, followLinks: true).contains(metric)
                if !graph.downstream(of: driver, followLinks: false).contains(metric) {
                    answer.result = .notADriver(throughLinksOnly: linked)
                }
            }
            return answer
        }
        for p in periods {
            let today = base.value(driver, in: p)
            guard let number = today.number else {
                answer.result = .unknown(today)
                return answer
            }
            answer.parts.append(PeriodSolve.Part(period: p, today: number))
        }
        let even = answer.parts.allSatisfy { $0.today == 0 }
        answer.even = even
        let cone = graph.downstream(of: driver, followLinks: false)
        func moved(to x: Double) -> Evaluator {
            Evaluator(
                reusing: base, overrides: answer.parts.map { (driver, $0.period, even ? x : $0.today * x) }, stale: cone)
        }
        func f(_ x: Double) -> Outcome {
            if isCancelled() { return .missing(metric, period) }
            return moved(to: x).value(metric, in: period)
        }
        let negative = answer.parts.contains { $0.today < 0 }
        answer.result = solve(f, from: 1, floor: negative ? nil : 0, to: target)
        if case .solved(let x, _) = answer.result {
            let after = moved(to: x)
            var metrics: [MetricID] = []
            for stage in reach.stages where !metrics.contains(stage.metric) { metrics.append(stage.metric) }
            answer.order = [driver] + topologicalOrder(metrics).filter { $0 != driver }
            answer.stages = reach.stages.map { stage in
                PeriodSolve.Stage(
                    metric: stage.metric, period: stage.period, before: base.value(stage.metric, in: stage.period),
                    after: after.value(stage.metric, in: stage.period))
            }
        }
        return answer
    }
}
