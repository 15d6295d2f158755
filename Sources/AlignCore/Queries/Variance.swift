/// Why a metric is off plan: the difference between its actual (or
/// forecast, where no actual is recorded) and its plan in a period, split
/// into the shares of its drivers.
///
/// The method: at each formula the difference is split among the formula's
/// inputs by their Shapley values (each input's marginal effect, averaged
/// over every order in which the inputs could move from plan to actual;
/// for a formula that adds its inputs up, simply each input's own
/// difference); each input's share then passes down to what drives it, in
/// proportion to how its own difference splits. A value made of finer
/// periods splits as the sum of theirs; an offset's window, as its periods'.
/// The shares add up to the difference exactly. A metric's own difference
/// stays with it where nothing below explains it: a leaf, a recorded actual
/// of a formula metric, a plan given for a formula metric.
public struct VarianceAnswer: Equatable, Sendable {
    /// The metric asked about.
    public var metric: MetricID
    /// The period.
    public var period: Period
    /// Its actual (or forecast) value there.
    public var actual: Outcome
    /// Its plan value there.
    public var plan: Outcome
    /// The shares, largest first; they add up to actual minus plan.
    public var shares: [Share]

    /// One driver's part of the difference.
    public struct Share: Equatable, Sendable {
        public var driver: MetricID
        public var amount: Double
        /// The driver's own actual and plan there, where it is a single period's value.
        public var actual: Double?
        public var plan: Double?
    }

    /// Actual minus plan, when both are known.
    public var difference: Double? {
        guard let a = actual.number, let p = plan.number else { return nil }
        return a - p
    }
}

extension Analysis {
    /// `metric`'s actual (forecast) against its plan in `period`, split into
    /// its drivers' shares.
    public func variance(of metric: MetricID, in period: Period) -> VarianceAnswer {
        let actual = evaluator.layer == .forecast ? evaluator : Evaluator(workspace, plan: evaluator.plan, layer: .forecast)
        let planned = Evaluator(workspace, plan: evaluator.plan, layer: .plan)
        var answer = VarianceAnswer(
            metric: metric, period: period, actual: actual.value(metric, in: period), plan: planned.value(metric, in: period),
            shares: [])
        guard let total = answer.difference, total != 0 else { return answer }
        var split = VarianceSplit(actual: actual, plan: planned, workspace: workspace, isCancelled: isCancelled)
        let amounts = split.shares(of: ValueKey(metric, period), total: total)
        answer.shares = amounts.map { id, amount in
            VarianceAnswer.Share(
                driver: id, amount: amount, actual: actual.value(id, in: period).number,
                plan: planned.value(id, in: period).number)
        }.sorted { abs($0.amount) != abs($1.amount) ? abs($0.amount) > abs($1.amount) : $0.driver < $1.driver }
        return answer
    }
}

/// The work of one variance: the values on the way, how each difference
/// splits, and the weights passed down.
struct VarianceSplit {
    let actual: Evaluator
    let plan: Evaluator
    let workspace: Workspace
    let isCancelled: () -> Bool
    /// Per value: the values its difference splits into, with the share of
    /// each one's difference that belongs to it, and the part that stays.
    private var expansions: [ValueKey: (parts: [(ValueKey, Double)], own: Double)] = [:]

    init(actual: Evaluator, plan: Evaluator, workspace: Workspace, isCancelled: @escaping () -> Bool) {
        self.actual = actual
        self.plan = plan
        self.workspace = workspace
        self.isCancelled = isCancelled
    }

    /// The difference of `root` (`total`), split into metrics' shares.
    mutating func shares(of root: ValueKey, total: Double) -> [(MetricID, Double)] {
        // Each value once, in an order where a value comes before those it splits into.
        var order: [ValueKey] = []
        var state: [ValueKey: Bool] = [:]
        var stack: [(ValueKey, Bool)] = [(root, false)]
        while let (key, expanded) = stack.popLast() {
            if expanded {
                order.append(key)
                continue
            }
            if state[key] != nil { continue }
            state[key] = true
            stack.append((key, true))
            if isCancelled() { break }
            for (part, _) in expansion(of: key).parts where state[part] == nil { stack.append((part, false)) }
        }
        var weight: [ValueKey: Double] = [root: 1]
        var amounts: [MetricID: Double] = [:]
        for key in order.reversed() {
            guard let w = weight[key], w != 0, let e = expansions[key] else { continue }
            // (A value whose difference is zero may still pass on shares that cancel.)
            if e.own != 0 { amounts[key.metric, default: 0] += w * e.own }
            for (part, coefficient) in e.parts { weight[part, default: 0] += w * coefficient }
        }
        // Rounding aside, the shares add up: the last bit goes to the largest.
        var list = amounts.filter { $0.value != 0 }.map { ($0.key, $0.value) }
        if let i = list.indices.max(by: { abs(list[$0].1) < abs(list[$1].1) }) {
            list[i].1 += total - list.reduce(0) { $0 + $1.1 }
        }
        return list
    }

    private func difference(_ key: ValueKey) -> Double? {
        guard let a = actual.value(key.metric, in: key.period).number, let p = plan.value(key.metric, in: key.period).number
        else { return nil }
        return a - p
    }

    /// How the difference of `key` splits (worked out once).
    private mutating func expansion(of key: ValueKey) -> (parts: [(ValueKey, Double)], own: Double) {
        if let known = expansions[key] { return known }
        let found = expand(key)
        expansions[key] = found
        return found
    }

    private func expand(_ key: ValueKey) -> (parts: [(ValueKey, Double)], own: Double) {
        let (id, period) = (key.metric, key.period)
        guard let d = difference(key) else { return ([], 0) }
        // What stays: a leaf, or a formula metric whose value is recorded (an actual) or planned.
        guard let formula = workspace.metrics[id].formula, actual.recordedValue(id, period) == nil,
            plan.recordedValue(id, period) == nil
        else { return ([], d) }
        let m = id.index
        if actual.combinesChildren(m, period, finer: actual.hasFinerData(period))
            || plan.combinesChildren(m, period, finer: plan.hasFinerData(period))
        {
            // Made of its finer periods: theirs, whole (a month whose drivers
            // cancel out still has its drivers' shares), scaled only where the
            // two sides are not made alike.
            var children = period.children
            switch actual.aggregation(of: id) {
            case .last: children = Array(children.suffix(1))
            case .first: children = Array(children.prefix(1))
            default: break
            }
            var parts: [(ValueKey, Double)] = []
            for c in children {
                guard let x = difference(ValueKey(id, c)) else { return ([], d) }
                parts.append((ValueKey(id, c), x))
            }
            let sum = parts.reduce(0) { $0 + $1.1 }
            if Self.close(sum, d) { return (parts.map { ($0.0, 1) }, 0) }
            guard sum != 0 else { return ([], d) }
            return (parts.map { ($0.0, d / sum) }, 0)
        }
        // A formula in the period: Shapley values of its reads.
        let reads = formula.timedReads
        var a: [Double] = []
        var p: [Double] = []
        for read in reads {
            guard let x = actual.value(read.metric, back: read.months, from: period).number,
                let y = plan.value(read.metric, back: read.months, from: period).number
            else { return ([], d) }
            a.append(x)
            p.append(y)
        }
        guard let values = Shapley.values(formula, reads: reads, actual: a, plan: p) else { return ([], d) }
        let explained = values.reduce(0, +)
        let scale: Double
        if Self.close(explained, d) {
            scale = 1
        } else if explained != 0 {
            scale = d / explained
        } else {
            return ([], d)
        }
        var parts: [(ValueKey, Double)] = []
        for (i, read) in reads.enumerated() {
            let readDifference = a[i] - p[i]
            // The read's share, as a part of its own difference; a read that
            // did not move passes on its drivers' cancelling shares where the
            // formula is linear in it.
            let coefficient =
                readDifference != 0
                ? scale * values[i] / readDifference
                : Shapley.slope(formula, reads: reads, at: i, actual: a, plan: p) ?? 0
            guard coefficient != 0 else { continue }
            if read.months == 0 {
                parts.append((ValueKey(read.metric, period), coefficient))
                continue
            }
            guard let window = Evaluator.window(of: period, back: read.months) else { continue }
            switch actual.aggregation(of: read.metric) {
            case .sum: parts += window.map { (ValueKey(read.metric, $0), coefficient) }
            case .average: parts += window.map { (ValueKey(read.metric, $0), coefficient / Double(window.count)) }
            case .last: parts.append((ValueKey(read.metric, window[window.count - 1]), coefficient))
            case .first: parts.append((ValueKey(read.metric, window[0]), coefficient))
            }
        }
        return (parts, 0)
    }

    /// Equal but for the last bits.
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(a), abs(b)) }
}

/// Shapley values of a formula's reads between two sets of their values.
enum Shapley {
    /// How many reads are split exactly; beyond, each read's two marginal
    /// effects (from the plan, and back from the actual) are averaged.
    static let exactReads = 8

    /// Each read's share of `f(actual) - f(plan)`; nil where the formula
    /// cannot be computed at a mix of the two (a division by zero).
    static func values(_ formula: Formula, reads: [(metric: MetricID, months: Int)], actual: [Double], plan: [Double])
        -> [Double]?
    {
        let n = reads.count
        let expanded = formula.expanded
        func f(_ mask: Int) -> Double? {
            evaluate(expanded) { id, months in
                let i = reads.firstIndex { $0.metric == id && $0.months == months }!
                return mask & (1 << i) != 0 ? actual[i] : plan[i]
            }
        }
        if n <= exactReads {
            var cache = [Double?](repeating: nil, count: 1 << n)
            func value(_ mask: Int) -> Double? {
                if let known = cache[mask] { return known }
                let v = f(mask)
                cache[mask] = v
                return v
            }
            var factorial = [1.0]
            for k in 1...max(1, n) { factorial.append(factorial[k - 1] * Double(k)) }
            var result = [Double](repeating: 0, count: n)
            for i in 0..<n {
                for mask in 0..<(1 << n) where mask & (1 << i) == 0 {
                    let size = mask.nonzeroBitCount
                    guard let with = value(mask | 1 << i), let without = value(mask) else { return nil }
                    result[i] += factorial[size] * factorial[n - size - 1] / factorial[n] * (with - without)
                }
            }
            return result
        }
        let all = (1 << n) - 1
        var result: [Double] = []
        for i in 0..<n {
            guard let up = f(1 << i), let base = f(0), let down = f(all & ~(1 << i)), let top = f(all) else { return nil }
            result.append(((up - base) + (top - down)) / 2)
        }
        return result
    }

    /// How much the formula moves per unit of read `i`, the other reads
    /// halfway between plan and actual, where it is linear in that read
    /// (nil where it is not, or cannot be computed).
    static func slope(
        _ formula: Formula, reads: [(metric: MetricID, months: Int)], at i: Int, actual: [Double], plan: [Double]
    ) -> Double? {
        let expanded = formula.expanded
        var mid = zip(actual, plan).map { ($0 + $1) / 2 }
        func f(_ bump: Double) -> Double? {
            mid[i] = actual[i] + bump
            return evaluate(expanded) { id, months in mid[reads.firstIndex { $0.metric == id && $0.months == months }!] }
        }
        guard let f0 = f(0), let f1 = f(1), let f2 = f(2) else { return nil }
        let slope = f1 - f0
        return SlopeCheck.linear(slope, (f2 - f0) / 2) ? slope : nil
    }

    private enum SlopeCheck {
        static func linear(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
    }

    /// A formula's value with each read's number from `read`; nil on a division by zero.
    static func evaluate(_ formula: Formula, _ read: (MetricID, Int) -> Double) -> Double? {
        switch formula {
        case .number(let x): return x
        case .metric(let id): return read(id, 0)
        case .shifted(let id, let offset): return read(id, offset.months)
        case .profile: return evaluate(formula.expanded, read)
        case .negate(let f): return evaluate(f, read).map { -$0 }
        case .binary(let op, let lhs, let rhs):
            guard let a = evaluate(lhs, read), let b = evaluate(rhs, read) else { return nil }
            switch op {
            case .add: return a + b
            case .subtract: return a - b
            case .multiply: return a * b
            case .divide: return b == 0 ? nil : a / b
            }
        }
    }
}
