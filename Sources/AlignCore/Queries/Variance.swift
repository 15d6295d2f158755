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
/// of a formula metric, a plan given for a formula metric below the one
/// asked about.
///
/// When the metric asked about has a plan of its own there (a budgeted
/// bookings number, set top-down), the forecast is split against the plan
/// its drivers' plans imply (its formula on them, bottom-up), by driver,
/// and the top-down plan's difference from that driver-implied plan is a
/// line of its own (a share marked `topDown`): together they add up to
/// the forecast minus the top-down plan.
public struct VarianceAnswer: Equatable, Sendable {
    /// The metric asked about.
    public var metric: MetricID
    /// The period.
    public var period: Period
    /// Its actual (or forecast) value there.
    public var actual: Outcome
    /// Its plan value there.
    public var plan: Outcome
    /// The plan its drivers' plans imply there, when it has a plan of its
    /// own that the split is not made against (nil otherwise).
    public var impliedPlan: Outcome?
    /// The shares, largest first; they add up to actual minus plan.
    public var shares: [Share]

    /// One driver's part of the difference.
    public struct Share: Equatable, Sendable {
        public var driver: MetricID
        public var amount: Double
        /// The driver's own actual and plan there, where it is a single period's value.
        public var actual: Double?
        public var plan: Double?
        /// The line of a plan set top-down: the driver-implied plan (as
        /// `actual`) against the metric's own plan (`plan`).
        public var topDown = false
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
        let actual = evaluator(.forecast)
        let planned = evaluator(.plan)
        var answer = VarianceAnswer(
            metric: metric, period: period, actual: actual.value(metric, in: period), plan: planned.value(metric, in: period),
            shares: [])
        guard let total = answer.difference, total != 0 else { return answer }
        // A plan of its own, set top-down: the drivers explain the forecast
        // against the plan they imply; the rest is the top-down plan's.
        var against = planned
        var topDown: VarianceAnswer.Share?
        if let implied = impliedPlan(of: metric, in: period, planned), let i = implied.value(metric, in: period).number,
            let a = answer.actual.number, let p = answer.plan.number
        {
            answer.impliedPlan = .known(i)
            against = implied
            topDown = VarianceAnswer.Share(driver: metric, amount: total - (a - i), actual: i, plan: p, topDown: true)
        }
        var list: [VarianceAnswer.Share] = []
        let rest = total - (topDown?.amount ?? 0)
        if rest != 0 {
            var split = VarianceSplit(actual: actual, plan: against, workspace: workspace, isCancelled: isCancelled)
            list = split.shares(of: ValueKey(metric, period), total: rest).map { id, amount in
                VarianceAnswer.Share(
                    driver: id, amount: amount, actual: actual.value(id, in: period).number,
                    plan: against.value(id, in: period).number)
            }
        }
        if let topDown, topDown.amount != 0 { list.append(topDown) }
        // Rounding aside, the shares add up: the last bit goes to the largest.
        if let k = list.indices.max(by: { abs(list[$0].amount) < abs(list[$1].amount) }) {
            list[k].amount += total - list.reduce(0) { $0 + $1.amount }
        }
        answer.shares = list.sorted {
            abs($0.amount) != abs($1.amount) ? abs($0.amount) > abs($1.amount)
                : ($0.driver, $0.topDown ? 1 : 0) < ($1.driver, $1.topDown ? 1 : 0)
        }
        return answer
    }

    /// An evaluator of the plan without `metric`'s own plan values, when it
    /// has a formula and a plan value of its own overlapping `period`: the
    /// plan its drivers' plans imply.
    func impliedPlan(of metric: MetricID, in period: Period, _ planned: Evaluator) -> Evaluator? {
        guard workspace.metrics[metric].formula != nil else { return nil }
        let own = workspace.planList(of: metric).map(\.period)
        guard own.contains(where: { $0.contains(period) || period.contains($0) }) else { return nil }
        var bottomUp = workspace
        for p in own { bottomUp.setPlan(metric, p, nil) }
        return Evaluator(bottomUp, plan: planned.plan, layer: .plan)
    }
}

/// The work of one variance: the values on the way, how each difference
/// splits, and the weights passed down.
struct VarianceSplit {
    let actual: Evaluator
    let plan: Evaluator
    let workspace: Workspace
    let isCancelled: () -> Bool
    /// The values met, numbered; per number, what its difference splits
    /// into (other numbers, with the share of each one's difference that
    /// belongs to it) and the part that stays with its metric.
    private var numbers = KeyNumbers()
    private var expansions: [(parts: [(Int, Double)], own: Double)] = []
    /// Per metric, its formula's reads and its program: the same in every period.
    private var programs: [MetricID: (reads: [(metric: MetricID, months: Int)], program: Shapley.Program)] = [:]

    init(actual: Evaluator, plan: Evaluator, workspace: Workspace, isCancelled: @escaping () -> Bool) {
        self.actual = actual
        self.plan = plan
        self.workspace = workspace
        self.isCancelled = isCancelled
    }

    /// The difference of `root` (`total`), split into metrics' shares.
    mutating func shares(of root: ValueKey, total: Double) -> [(MetricID, Double)] {
        // Each value once, numbered in the order met, and an order in which
        // a value comes after every value that splits into it.
        var order: [Int] = []
        var stack: [(Int, Bool)] = [(numbers.insert(root).number, false)]
        expansions.append(([], 0))
        var expanded: [Bool] = [false]
        while let (n, done) = stack.popLast() {
            if done {
                order.append(n)
                continue
            }
            if expanded[n] { continue }
            expanded[n] = true
            if isCancelled() { break }
            stack.append((n, true))
            let found = expand(numbers.keys[n])
            var parts: [(Int, Double)] = []
            parts.reserveCapacity(found.parts.count)
            for (key, coefficient) in found.parts {
                let (m, new) = numbers.insert(key)
                if new {
                    expansions.append(([], 0))
                    expanded.append(false)
                }
                parts.append((m, coefficient))
                if !expanded[m] { stack.append((m, false)) }
            }
            expansions[n] = (parts, found.own)
        }
        var weight = [Double](repeating: 0, count: numbers.keys.count)
        weight[0] = 1
        var amounts: [MetricID: Double] = [:]
        for n in order.reversed() {
            let w = weight[n]
            // (A value whose difference is zero may still pass on shares that cancel.)
            guard w != 0 else { continue }
            let e = expansions[n]
            if e.own != 0 { amounts[numbers.keys[n].metric, default: 0] += w * e.own }
            for (part, coefficient) in e.parts { weight[part] += w * coefficient }
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

    private mutating func expand(_ key: ValueKey) -> (parts: [(ValueKey, Double)], own: Double) {
        let (id, period) = (key.metric, key.period)
        if programs[id] == nil, let formula = workspace.metrics[id].formula {
            let reads = formula.timedReads
            programs[id] = (reads, Shapley.Program(formula, reads: reads))
        }
        guard let d = difference(key) else { return ([], 0) }
        // What stays: a leaf, or a formula metric whose value is recorded (an actual) or planned.
        guard let compiled = programs[id], actual.recordedValue(id, period) == nil, plan.recordedValue(id, period) == nil
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
        let (reads, program) = compiled
        var a: [Double] = []
        var p: [Double] = []
        for read in reads {
            guard let x = actual.value(read.metric, back: read.months, from: period).number,
                let y = plan.value(read.metric, back: read.months, from: period).number
            else { return ([], d) }
            a.append(x)
            p.append(y)
        }
        guard let values = Shapley.values(program, actual: a, plan: p) else { return ([], d) }
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
                : Shapley.slope(program, at: i, actual: a, plan: p) ?? 0
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

    /// A formula as a program over its reads' numbers: what is evaluated
    /// hundreds of times for one split costs no allocation.
    struct Program {
        enum Op: Equatable {
            case read(Int), number(Double), negate, add, subtract, multiply, divide
        }
        var ops: [Op] = []
        /// Each read's coefficient, where the formula only adds and scales its reads.
        private(set) var linear: [Double]?

        init(_ formula: Formula, reads: [(metric: MetricID, months: Int)]) {
            func emit(_ f: Formula) {
                switch f {
                case .number(let x): ops.append(.number(x))
                case .metric(let id): ops.append(.read(reads.firstIndex { $0.metric == id && $0.months == 0 }!))
                case .shifted(let id, let offset):
                    ops.append(.read(reads.firstIndex { $0.metric == id && $0.months == offset.months }!))
                case .profile: emit(f.expanded)
                case .negate(let g):
                    emit(g)
                    ops.append(.negate)
                case .binary(let op, let a, let b):
                    emit(a)
                    emit(b)
                    switch op {
                    case .add: ops.append(.add)
                    case .subtract: ops.append(.subtract)
                    case .multiply: ops.append(.multiply)
                    case .divide: ops.append(.divide)
                    }
                }
            }
            emit(formula)
            linear = linearCoefficients.flatMap { $0.count == reads.count ? $0 : nil }
        }

        /// The value with each read's number from `values`; nil on a division by zero.
        func run(_ values: UnsafeBufferPointer<Double>) -> Double? {
            withUnsafeTemporaryAllocation(of: Double.self, capacity: ops.count) { stack in
                var top = -1
                for op in ops {
                    switch op {
                    case .read(let i):
                        top += 1
                        stack[top] = values[i]
                    case .number(let x):
                        top += 1
                        stack[top] = x
                    case .negate: stack[top] = -stack[top]
                    default:
                        let b = stack[top]
                        top -= 1
                        let a = stack[top]
                        switch op {
                        case .add: stack[top] = a + b
                        case .subtract: stack[top] = a - b
                        case .multiply: stack[top] = a * b
                        default:
                            if b == 0 { return nil }
                            stack[top] = a / b
                        }
                    }
                }
                return stack[0]
            }
        }

        /// Each read's constant coefficient, when the formula only adds,
        /// subtracts and scales its reads by numbers; nil when it does more.
        private var linearCoefficients: [Double]? {
            // Each stack entry: a constant, or a linear combination of reads.
            var stack: [(constant: Double, terms: [Int: Double])] = []
            for op in ops {
                switch op {
                case .read(let i): stack.append((0, [i: 1]))
                case .number(let x): stack.append((x, [:]))
                case .negate:
                    let a = stack.removeLast()
                    stack.append((-a.constant, a.terms.mapValues { -$0 }))
                default:
                    let b = stack.removeLast()
                    let a = stack.removeLast()
                    switch op {
                    case .add, .subtract:
                        let sign = op == .add ? 1.0 : -1.0
                        var terms = a.terms
                        for (i, c) in b.terms { terms[i, default: 0] += sign * c }
                        stack.append((a.constant + sign * b.constant, terms))
                    case .multiply:
                        if a.terms.isEmpty {
                            stack.append((a.constant * b.constant, b.terms.mapValues { $0 * a.constant }))
                        } else if b.terms.isEmpty {
                            stack.append((a.constant * b.constant, a.terms.mapValues { $0 * b.constant }))
                        } else {
                            return nil
                        }
                    default:
                        guard b.terms.isEmpty, b.constant != 0 else { return nil }
                        stack.append((a.constant / b.constant, a.terms.mapValues { $0 / b.constant }))
                    }
                }
            }
            guard let result = stack.last else { return nil }
            let count = (ops.compactMap { if case .read(let i) = $0 { return i } else { return nil } }.max() ?? -1) + 1
            return (0..<count).map { result.terms[$0] ?? 0 }
        }
    }

    /// Each read's share of `f(actual) - f(plan)`; nil where the formula
    /// cannot be computed at a mix of the two (a division by zero).
    static func values(_ program: Program, actual: [Double], plan: [Double]) -> [Double]? {
        let n = actual.count
        if let linear = program.linear {
            return (0..<n).map { linear[$0] * (actual[$0] - plan[$0]) }
        }
        var mix = plan
        func f(_ mask: Int) -> Double? {
            for i in 0..<n { mix[i] = mask & (1 << i) != 0 ? actual[i] : plan[i] }
            return mix.withUnsafeBufferPointer { program.run($0) }
        }
        if n <= exactReads {
            var cache = [Double?](repeating: nil, count: 1 << n)
            var known = [Bool](repeating: false, count: 1 << n)
            func value(_ mask: Int) -> Double? {
                if known[mask] { return cache[mask] }
                let v = f(mask)
                cache[mask] = v
                known[mask] = true
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
        guard let base = f(0), let top = f(all) else { return nil }
        var result: [Double] = []
        for i in 0..<n {
            guard let up = f(1 << i), let down = f(all & ~(1 << i)) else { return nil }
            result.append(((up - base) + (top - down)) / 2)
        }
        return result
    }

    /// How much the formula moves per unit of read `i`, the other reads
    /// halfway between plan and actual, where it is linear in that read
    /// (nil where it is not, or cannot be computed).
    static func slope(_ program: Program, at i: Int, actual: [Double], plan: [Double]) -> Double? {
        if let linear = program.linear { return linear[i] }
        var mid = zip(actual, plan).map { ($0 + $1) / 2 }
        func f(_ bump: Double) -> Double? {
            mid[i] = actual[i] + bump
            return mid.withUnsafeBufferPointer { program.run($0) }
        }
        guard let f0 = f(0), let f1 = f(1), let f2 = f(2) else { return nil }
        let slope = f1 - f0
        return abs(slope - (f2 - f0) / 2) <= 1e-9 * max(1, abs(slope)) ? slope : nil
    }
}
