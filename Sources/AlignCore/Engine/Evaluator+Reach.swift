/// Which values a value is made of, across periods: what a what-if changes
/// and what a solve scales.
extension Evaluator {
    /// The periods, at or inside `period`, whose values of `id` are its own:
    /// set, recorded, or worked out by its formula there. A value rolled up
    /// from finer periods is made of theirs; one carried down from a longer
    /// period, or missing, is its own (setting it there sets it).
    public func parts(of id: MetricID, in period: Period) -> [Period] {
        var result: [Period] = []
        var stack = [period]
        while let p = stack.popLast() {
            if overrides[ValueKey(id, p)] != nil || recordedValue(id, p) != nil || p.grain == .month {
                result.append(p)
            } else if plan.hasFormula(id.index) {
                if combinesChildren(id.index, p, finer: hasFinerData(p)) {
                    stack.append(contentsOf: childrenOf(p).reversed())
                } else {
                    result.append(p)
                }
            } else if hasFinerData(p), recordedHas(id, inside: p) {
                // Only the finer periods that hold something of their own.
                stack.append(contentsOf: childrenOf(p).reversed().filter { recordedValue(id, $0) != nil || recordedHas(id, inside: $0) })
            } else {
                result.append(p)
            }
        }
        return result
    }

    private func recordedHas(_ id: MetricID, inside period: Period) -> Bool {
        id.index < recorded.count && recorded[id.index].hasValue(inside: period)
    }

    /// What the value of `metric` in `period` is made of, through formulas
    /// and their offsets: the parts of `driver` it reads (in the order of
    /// time), and every value on the way that reads one of them.
    public func reach(of metric: MetricID, in period: Period, from driver: MetricID) -> Reach {
        var memo: [ValueKey: Bool] = [:]
        var driverParts = Set<Period>()
        var stages: [(metric: MetricID, period: Period)] = []
        var stack: [(ValueKey, Bool)] = [(ValueKey(metric, period), false)]
        while let (key, expanded) = stack.popLast() {
            if memo[key] != nil { continue }
            if key.metric == driver {
                let parts = parts(of: driver, in: key.period)
                driverParts.formUnion(parts)
                memo[key] = !parts.isEmpty
                continue
            }
            let needs = inputs(of: key)
            if expanded {
                let reads = needs.contains { memo[$0] == true }
                memo[key] = reads
                if reads { stages.append((key.metric, key.period)) }
                continue
            }
            if needs.isEmpty {
                memo[key] = false
                continue
            }
            stack.append((key, true))
            for need in needs where memo[need] == nil { stack.append((need, false)) }
        }
        return Reach(
            driver: driver, driverPeriods: driverParts.sorted(), stages: stages.sorted { ($0.period, $0.metric) < ($1.period, $1.metric) })
    }

    /// The values the value of `key` is worked out from, by the rules of
    /// `step`: none for a set, recorded or leaf value.
    private func inputs(of key: ValueKey) -> [ValueKey] {
        let (id, period) = (key.metric, key.period)
        let m = id.index
        if overrides[key] != nil || recordedValue(id, period) != nil || !plan.hasFormula(m) { return [] }
        if combinesChildren(m, period, finer: hasFinerData(period)) {
            return childrenOf(period).map { ValueKey(id, $0) }
        }
        var result: [ValueKey] = []
        for k in Int(plan.inputStart[m])..<Int(plan.inputStart[m + 1]) {
            result.append(ValueKey(MetricID(plan.inputs[k]), period))
        }
        let shifts = Int(plan.shiftStart[m])..<Int(plan.shiftStart[m + 1])
        if !shifts.isEmpty, !isBeforeFloor(period) {
            for k in shifts {
                let shift = plan.shifts[k]
                for p in Evaluator.window(of: period, back: Int(shift.months)) ?? [] {
                    result.append(ValueKey(MetricID(shift.metric), p))
                }
            }
        }
        return result
    }
}

/// The values of one driver that a metric's value in a period is made of.
public struct Reach: Equatable, Sendable {
    /// The driver.
    public var driver: MetricID
    /// Its periods that the value reads, directly or through other metrics, in time order.
    public var driverPeriods: [Period]
    /// Every value between the driver and the metric (the metric's own
    /// included) that reads one of them, in time order.
    public var stages: [(metric: MetricID, period: Period)]

    public static func == (a: Reach, b: Reach) -> Bool {
        a.driver == b.driver && a.driverPeriods == b.driverPeriods
            && a.stages.elementsEqual(b.stages) { $0.metric == $1.metric && $0.period == $1.period }
    }
}
