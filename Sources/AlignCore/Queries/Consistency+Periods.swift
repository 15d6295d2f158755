/// Whether two goals on one driver chain add up when the chain has lags:
/// the upstream goal's metric in the periods that feed the downstream goal.
public struct ChainCheck: Equatable, Sendable {
    /// The goal on the driving metric.
    public var upstream: GoalID
    /// The goal on the driven metric.
    public var downstream: GoalID
    /// The upstream metric's periods that feed the downstream goal, in time order.
    public var feeding: [Period]
    /// The upstream metric over those periods today: added up, or their
    /// mean for a metric that averages.
    public var feedingToday: Outcome
    /// The downstream metric in its goal's period, with the upstream goal's target set.
    public var implied: Outcome
    /// Whether that meets the downstream goal; nil if unknown.
    public var consistent: Bool?
    /// The factor the feeding periods must be scaled by to meet the downstream goal.
    public var factor: SolveResult
    /// The upstream metric over the feeding periods, so scaled.
    public var needed: Double?
    /// The downstream metric's periods that the upstream goal's period feeds, in time order.
    public var reached: [Period]
    /// The upstream metric's own periods that make up the upstream goal's period (its months).
    public var upstreamParts: [Period]
}

/// Goals on one metric at different grains: a year against its quarters,
/// a quarter against its months.
public struct GrainCheck: Equatable, Sendable {
    /// The goal over the longer period.
    public var goal: GoalID
    /// The goals over shorter periods inside it, of one grain, in time order.
    public var parts: [GoalID]
    /// Their targets made one, as the metric rolls up (added, averaged, the last, the first).
    public var combined: Double
    /// Whether the shorter periods cover the whole of the longer one.
    public var covers: Bool
    /// For a metric that adds up and periods that do not cover it all: what
    /// the rest of the longer period must bring for its goal.
    public var rest: Double?
    /// Whether meeting the shorter goals meets the longer one (for a full
    /// cover), or leaves it reachable; nil when it cannot be said.
    public var consistent: Bool?
}

extension Analysis {
    /// Pairs of goals on one chain through formulas with lags, in any
    /// periods: the upstream goal's metric in the periods that feed the
    /// downstream goal, what the upstream target implies there, and what
    /// the feeding periods would have to bring. With `period`, the pairs
    /// where either goal is due in it.
    public func chainChecks(in period: Period?) -> [ChainCheck] {
        let base = evaluator
        let goals = workspace.goals.all.map { ($0.id, $0.entity) }
        // The goals on each metric, so that each upstream goal meets only
        // the goals in its cone, not every goal of the workspace.
        var onMetric: [MetricID: [Int]] = [:]
        for (k, goal) in goals.enumerated() { onMetric[goal.1.metric, default: []].append(k) }
        var result: [ChainCheck] = []
        for (u, up) in goals {
            if isCancelled() { break }
            let cone = graph.downstream(of: up.metric, followLinks: false)
            let downstream = cone.flatMap { onMetric[$0] ?? [] }.sorted().map { goals[$0] }
            for (d, down) in downstream where d != u {
                if let period, up.period != period, down.period != period { continue }
                let reach = base.reach(of: down.metric, in: down.period, from: up.metric)
                guard !reach.driverPeriods.isEmpty else { continue }
                let averages = base.aggregation(of: up.metric) == .average
                var today: Outcome = .known(0)
                var sum = 0.0
                for p in reach.driverPeriods {
                    let v = base.value(up.metric, in: p)
                    guard let n = v.number else {
                        today = v
                        break
                    }
                    sum += n
                }
                if today.number != nil { today = .known(averages ? sum / Double(reach.driverPeriods.count) : sum) }
                let after = Evaluator(
                    reusing: base, overrides: base.spread(up.metric, in: up.period, to: up.target), stale: cone)
                let implied = after.value(down.metric, in: down.period)
                let solved = solveAcross(down.metric, to: down.target, by: up.metric, in: down.period, over: nil, reach: reach)
                var needed: Double?
                if case .solved(let f, _) = solved.result, let t = today.number { needed = solved.even ? f : t * f }
                let parts = base.parts(of: up.metric, in: up.period).sorted()
                result.append(
                    ChainCheck(
                        upstream: u, downstream: d, feeding: reach.driverPeriods, feedingToday: today, implied: implied,
                        consistent: implied.number.map { down.comparison.isMet($0, target: down.target) },
                        factor: solved.result, needed: needed,
                        reached: reached(from: up.metric, in: parts, to: down.metric), upstreamParts: parts))
            }
        }
        return result
    }

    /// The months of `metric` that the values of `driver` in `parts` feed
    /// through formulas and their offsets, up to the last recorded month:
    /// followed forward month by month, each formula reading its inputs in
    /// the month itself and the months its offsets name.
    func reached(from driver: MetricID, in parts: [Period], to metric: MetricID) -> [Period] {
        let plan = evaluator.plan
        let end = max(evaluator.endMonth ?? 0, parts.map { $0.firstMonth + $0.grain.months }.max() ?? 0)
        // The metrics on the way: downstream of the driver and upstream of the metric.
        let on = Set(graph.downstream(of: driver, followLinks: false)).intersection(
            graph.upstream(of: metric, followLinks: false) + [metric])
        var seen = Set<UInt64>()
        var stack: [(Int32, Int)] = []
        for part in parts {
            for month in part.firstMonth..<(part.firstMonth + part.grain.months) { stack.append((driver.slot, month)) }
        }
        var months = Set<Int>()
        while let (m, month) = stack.popLast() {
            if isCancelled() { break }
            for k in Int(plan.readerStart[Int(m)])..<Int(plan.readerStart[Int(m) + 1]) {
                let reader = plan.readers[k]
                guard on.contains(MetricID(reader)) else { continue }
                var lags: [Int] = []
                let r = Int(reader)
                if plan.inputs[Int(plan.inputStart[r])..<Int(plan.inputStart[r + 1])].contains(m) { lags.append(0) }
                for shift in plan.shifts[Int(plan.shiftStart[r])..<Int(plan.shiftStart[r + 1])] where shift.metric == m {
                    lags.append(Int(shift.months))
                }
                for lag in lags where month + lag < end {
                    let next = (reader, month + lag)
                    guard seen.insert(UInt64(UInt32(bitPattern: next.0)) << 32 | UInt64(next.1)).inserted else { continue }
                    if reader == metric.slot { months.insert(next.1) }
                    stack.append(next)
                }
            }
        }
        return months.sorted().compactMap { Period(grain: .month, year: $0 / 12, index: $0 % 12 + 1) }
    }

    /// Goals on one metric at different grains, each longer one against the
    /// shorter ones inside it of each grain.
    public func grainChecks(in period: Period?) -> [GrainCheck] {
        let goals = workspace.goals.all.map { ($0.id, $0.entity) }
        // Goals meet only the goals on their own metric: grouped once.
        var onMetric: [MetricID: [(GoalID, Goal)]] = [:]
        for (id, goal) in goals { onMetric[goal.metric, default: []].append((id, goal)) }
        var result: [GrainCheck] = []
        for (g, goal) in goals {
            if let period, !goal.period.contains(period), !period.contains(goal.period) { continue }
            let sameMetric = onMetric[goal.metric] ?? []
            guard sameMetric.count > 1, goal.period.grain != .month else { continue }
            let inside = sameMetric.filter { other in
                other.0 != g && other.1.comparison == goal.comparison && other.1.period.grain < goal.period.grain
                    && goal.period.contains(other.1.period)
            }
            for grain in Period.Grain.allCases where inside.contains(where: { $0.1.period.grain == grain }) {
                let parts = inside.filter { $0.1.period.grain == grain }.sorted { $0.1.period < $1.1.period }
                // One goal a period: where two share one, the first named counts.
                var seen = Set<Period>()
                let unique = parts.filter { seen.insert($0.1.period).inserted }
                let targets = unique.map(\.1.target)
                let count = goal.period.grain.months / grain.months
                let covers = unique.count == count
                let aggregation = evaluator.aggregation(of: goal.metric)
                let combined: Double
                var rest: Double?
                var consistent: Bool?
                switch aggregation {
                case .sum:
                    combined = targets.reduce(0, +)
                    if covers {
                        consistent = goal.comparison.isMet(combined, target: goal.target)
                    } else {
                        rest = goal.target - combined
                    }
                case .average:
                    combined = targets.reduce(0, +) / Double(targets.count)
                    if covers { consistent = goal.comparison.isMet(combined, target: goal.target) }
                case .last, .first:
                    // The longer period's value is that of its last (first) part.
                    let end = aggregation == .last
                    let edge = unique.first { p in
                        end ? p.1.period.firstMonth + grain.months == goal.period.firstMonth + goal.period.grain.months
                            : p.1.period.firstMonth == goal.period.firstMonth
                    }
                    combined = edge?.1.target ?? .nan
                    if let edge { consistent = goal.comparison.isMet(edge.1.target, target: goal.target) }
                }
                result.append(
                    GrainCheck(
                        goal: g, parts: unique.map(\.0), combined: combined, covers: covers, rest: rest,
                        consistent: consistent))
            }
        }
        return result
    }
}
