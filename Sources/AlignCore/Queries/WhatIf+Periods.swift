/// What a what-if across periods found: each change where it lands.
public struct PeriodWhatIf: Equatable, Sendable {
    /// A value the what-if sets: a metric in a period, before and after.
    public struct Setting: Equatable, Sendable {
        public var metric: MetricID
        public var period: Period
        public var before: Double
        public var after: Double
    }

    /// One metric that moves, its values before and after in each of `periods`.
    public struct Row: Equatable, Sendable {
        public var metric: MetricID
        public var before: [Outcome]
        public var after: [Outcome]
        /// The longer periods whose value is recorded (or planned) and left
        /// so by the change although values inside them moved: there
        /// `before` and `after` are the moved values rolled up, by the
        /// metric's rule, not the recorded value, which stays as it is.
        public var rolledUp: [Period] = []
    }

    /// The values set, in the order of the changes and of time.
    public var settings: [Setting]
    /// The periods looked at, in time order: the months from the start of
    /// the year of the first value set to the last recorded, and the
    /// quarters, halves and years that hold them.
    public var periods: [Period]
    /// The metrics that move in some period: the changed ones first, then in driver order.
    public var rows: [Row]
    /// The metric to read the answer by: revenue when it moves, else the last one moved.
    public var headline: MetricID?
    /// Metrics the change reaches only through links, which carry no arithmetic.
    public var throughLinks: [MetricID]
    /// Changes that found no value to move (a metric with no value in the periods named).
    public var unmoved: [WhatIfItem]
    /// Metrics the change reaches that have no value where it lands (an
    /// input of theirs unknown there), each with the first such period and
    /// why: the change cannot be followed to them.
    public var unreached: [Unreached] = []

    /// A metric the change cannot be followed to.
    public struct Unreached: Equatable, Sendable {
        public var metric: MetricID
        public var period: Period
        public var outcome: Outcome
    }
}

extension Analysis {
    /// The values a change sets: each part of the metric (the periods whose
    /// values are its own) in the periods the scope names, moved as the
    /// change says. A share or percentage points move every part; a value
    /// set or an amount added applies to each period of the scope, spread
    /// over its parts as today's value is, except over a range of a metric
    /// that adds up, where it is the range's total.
    public func settings(for item: WhatIfItem) -> [(MetricID, Period, Double)] {
        let base = evaluator
        let id = item.metric
        let periods: [Period]
        var wholeRange = false
        switch item.scope {
        case .within(let range):
            periods = Analysis.periods(in: range)
            wholeRange = periods.count > 1 && base.aggregation(of: id) == .sum
        case .from(let start):
            let end = max(base.endMonth ?? 0, start.firstMonth + start.grain.months)
            periods = Analysis.periods(from: start, untilMonth: end)
        }
        switch item.change {
        case .relative(let share):
            return parts(id, periods).map { (id, $0.0, $0.1 * (1 + share)) }
        case .points(let points):
            return parts(id, periods).map { (id, $0.0, $0.1 + points) }
        case .set(let value), .delta(let value):
            let adding: Bool = if case .delta = item.change { true } else { false }
            if wholeRange {
                let list = parts(id, periods)
                let total = list.reduce(0) { $0 + $1.1 }
                let goal = adding ? total + value : value
                if total == 0 { return list.map { (id, $0.0, goal / Double(list.count)) } }
                return list.map { (id, $0.0, $0.1 * goal / total) }
            }
            var result: [(MetricID, Period, Double)] = []
            for p in periods {
                guard let today = base.value(id, in: p).number else {
                    if !adding { result += base.spread(id, in: p, to: value) }
                    continue
                }
                result += base.spread(id, in: p, to: adding ? today + value : value)
            }
            return result
        }
    }

    /// The parts of a metric in some periods, with their numbers today;
    /// parts without a number are left out.
    private func parts(_ id: MetricID, _ periods: [Period]) -> [(Period, Double)] {
        let base = evaluator
        return periods.flatMap { base.parts(of: id, in: $0) }.compactMap { p in
            base.value(id, in: p).number.map { (p, $0) }
        }
    }

    /// The periods of the grain of the finer end of a range, from its start to its end.
    static func periods(in range: ClosedRange<Period>) -> [Period] {
        let grain = min(range.lowerBound.grain, range.upperBound.grain)
        let start = range.lowerBound.firstMonth
        let end = range.upperBound.firstMonth + range.upperBound.grain.months
        return stride(from: start - start % grain.months, to: end, by: grain.months).compactMap {
            Period(grain: grain, year: $0 / 12, index: $0 % 12 / grain.months + 1)
        }
    }

    /// `start` and the periods of its grain after it, up to the one holding `untilMonth - 1`.
    static func periods(from start: Period, untilMonth end: Int) -> [Period] {
        stride(from: start.firstMonth, to: end, by: start.grain.months).compactMap {
            Period(grain: start.grain, year: $0 / 12, index: $0 % 12 / start.grain.months + 1)
        }
    }

    /// Where a changed metric's value is recorded for a longer period (a
    /// rate for the year) and the change set values inside it, the recorded
    /// value is kept: the row then gives that period the values set inside
    /// it rolled up with the rest of its parts (the year's average of its
    /// quarters), and names it, so that it does not read as unchanged.
    private func rollUpKept(
        _ row: inout PeriodWhatIf.Row, _ periods: [Period], _ overrides: [(MetricID, Period, Double)],
        _ base: Evaluator, _ after: Evaluator
    ) {
        let id = row.metric
        let set = overrides.filter { $0.0 == id }.map(\.1)
        for (i, period) in periods.enumerated() where period.grain != .month {
            let inside = set.filter { $0 != period && period.contains($0) }
            guard let grain = inside.map(\.grain).min(), !set.contains(period),
                base.source(id, in: period) == .recorded || base.source(id, in: period) == .planned
            else { continue }
            let parts = Analysis.periods(from: Period(grain: grain, year: period.year, index: 1)!, untilMonth: period.firstMonth + period.grain.months)
                .filter { period.contains($0) }
            var was: [Double] = []
            var now: [Double] = []
            for part in parts {
                guard let a = base.value(id, in: part).number, let b = after.value(id, in: part).number else { return }
                was.append(a)
                now.append(b)
            }
            guard !was.isEmpty else { continue }
            let aggregation = base.aggregation(of: id)
            row.before[i] = base.combine(was, aggregation, id, period)
            row.after[i] = base.combine(now, aggregation, id, period)
            row.rolledUp.append(period)
        }
    }

    /// Applies changes across periods and reports every metric that moves,
    /// in every period from the first value set to the last recorded one.
    public func whatIf(_ items: [WhatIfItem]) -> PeriodWhatIf {
        let base = evaluator
        var overrides: [(MetricID, Period, Double)] = []
        var unmoved: [WhatIfItem] = []
        for item in items {
            let found = settings(for: item)
            if found.isEmpty { unmoved.append(item) }
            overrides += found
        }
        var changed: [MetricID] = []
        for item in items where !changed.contains(item.metric) { changed.append(item.metric) }
        var cone: [MetricID] = []
        for id in changed { cone += graph.downstream(of: id, followLinks: false) }
        let after = Evaluator(reusing: base, overrides: overrides, stale: cone + changed)
        let settings = overrides.map { o in
            PeriodWhatIf.Setting(
                metric: o.0, period: o.1, before: base.value(o.0, in: o.1).number ?? .nan, after: o.2)
        }
        // From the start of the year of the first value set to the last
        // recorded one, every grain.
        let setFrom = overrides.map(\.1.firstMonth).min() ?? 0
        let first = setFrom - setFrom % 12
        let last = max(base.endMonth ?? 0, overrides.map { $0.1.firstMonth + $0.1.grain.months }.max() ?? 0)
        var periods: [Period] = []
        for grain in Period.Grain.allCases {
            let start = first - first % grain.months
            for month in stride(from: start, to: last, by: grain.months) {
                if let p = Period(grain: grain, year: month / 12, index: month % 12 / grain.months + 1) { periods.append(p) }
            }
        }
        periods.sort()
        var seen = Set<MetricID>()
        var order: [MetricID] = []
        for id in changed + topologicalOrder(cone) where seen.insert(id).inserted { order.append(id) }
        var rows: [PeriodWhatIf.Row] = []
        var unreached: [PeriodWhatIf.Unreached] = []
        // Per metric met so far: in which of `periods` the change reaches it
        // (it moves there, or it is unknown there while an input of its
        // formula moved: the change cannot be followed to it, nor past it).
        var reached: [MetricID: [Bool]] = [:]
        let months = periods.indices.filter { periods[$0].grain == .month }
        var monthAt: [Int: Int] = [:]
        for i in months { monthAt[periods[i].firstMonth] = i }
        for id in order {
            if isCancelled() { break }
            let before = periods.map { base.value(id, in: $0) }
            let moved = periods.map { after.value(id, in: $0) }
            var row = PeriodWhatIf.Row(metric: id, before: before, after: moved)
            if changed.contains(id) { rollUpKept(&row, periods, overrides, base, after) }
            if !zip(row.before, row.after).allSatisfy({ $0.isSame(as: $1) }) { rows.append(row) }
            var here = periods.indices.map { !row.before[$0].isSame(as: row.after[$0]) }
            if !changed.contains(id), months.contains(where: { moved[$0].number == nil }) {
                // Reached, and unknown where an input moved: say so, and why (the first month).
                // (Each read where it is read: `leads[-1m]` in May is April's leads.)
                let reads = workspace.metrics[id].formula?.timedReads ?? []
                func inputMoved(_ i: Int) -> Bool {
                    reads.contains { read in
                        guard let j = monthAt[periods[i].firstMonth - read.months] else { return false }
                        // (A balance reads its own earlier months: reached there, it is reached here.)
                        if read.metric == id { return read.months > 0 && here[j] }
                        return reached[read.metric]?[j] == true
                    }
                }
                var said = false
                for i in months where moved[i].number == nil && inputMoved(i) {
                    here[i] = true
                    if !said {
                        unreached.append(PeriodWhatIf.Unreached(metric: id, period: periods[i], outcome: moved[i]))
                        said = true
                    }
                }
            }
            reached[id] = here
        }
        let headline =
            rows.first { $0.metric == workspace.revenue && !changed.contains($0.metric) }?.metric
            ?? rows.last { !changed.contains($0.metric) }?.metric
        var inCone = Set(cone + changed)
        var linked: [MetricID] = []
        for id in changed {
            for other in graph.downstream(of: id, followLinks: true) where inCone.insert(other).inserted {
                linked.append(other)
            }
        }
        return PeriodWhatIf(
            settings: settings, periods: periods, rows: rows, headline: headline, throughLinks: linked, unmoved: unmoved,
            unreached: unreached)
    }
}
