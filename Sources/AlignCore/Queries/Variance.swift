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
///
/// A split of revenue walks every value revenue is made of (with a balance
/// carried month to month, every month back to its opening), so each step
/// is kept to flat arrays: the parts of every value in one list, a metric's
/// compiled formula and its share in arrays by slot, and scratch buffers
/// reused from one value to the next.
struct VarianceSplit {
    let actual: Evaluator
    let plan: Evaluator
    let workspace: Workspace
    let isCancelled: () -> Bool
    /// The values met, numbered.
    private var numbers = KeyNumbers()
    /// Per number, where its parts start in `partNumbers` and how many there
    /// are (the other values its difference splits into, each with the
    /// share of that value's difference that belongs to it), and the part of
    /// its difference that stays with its metric.
    private var partStart: [Int32] = []
    private var partCount: [Int32] = []
    private var own: [Double] = []
    private var partNumbers: [Int32] = []
    private var partCoefficients: [Double] = []
    /// Per metric slot: 0 not looked at yet, -1 no formula, else 1 + its place in `compiled`.
    private var programOf: [Int32] = []
    /// Each formula's reads and its program: the same in every period.
    private var compiled: [(reads: [(metric: MetricID, months: Int)], program: Shapley.Program)] = []
    /// What `expand` found, reused from one value to the next.
    private var found: [(ValueKey, Double)] = []
    private var actualReads: [Double] = []
    private var planReads: [Double] = []

    init(actual: Evaluator, plan: Evaluator, workspace: Workspace, isCancelled: @escaping () -> Bool) {
        self.actual = actual
        self.plan = plan
        self.workspace = workspace
        self.isCancelled = isCancelled
        programOf = [Int32](repeating: 0, count: workspace.metrics.slots.count)
    }

    /// Gives a value its number, and room for its parts when it is new.
    private mutating func number(_ key: ValueKey) -> (Int, new: Bool) {
        let (n, new) = numbers.insert(key)
        if new {
            partStart.append(0)
            partCount.append(0)
            own.append(0)
        }
        return (n, new)
    }

    /// The difference of `root` (`total`), split into metrics' shares.
    mutating func shares(of root: ValueKey, total: Double) -> [(MetricID, Double)] {
        // Each value once, numbered in the order met, and an order in which
        // a value comes after every value that splits into it.
        var order: [Int32] = []
        var stack: [(Int32, Bool)] = [(Int32(number(root).0), false)]
        var expanded: [Bool] = [false]
        var checked = 0
        while let (n, done) = stack.popLast() {
            if done {
                order.append(n)
                continue
            }
            let i = Int(n)
            if expanded[i] { continue }
            expanded[i] = true
            checked &+= 1
            if checked & 1023 == 0, isCancelled() { break }
            stack.append((n, true))
            own[i] = expand(numbers.keys[i])
            partStart[i] = Int32(partNumbers.count)
            partCount[i] = Int32(found.count)
            for (key, coefficient) in found {
                let (m, new) = number(key)
                if new { expanded.append(false) }
                partNumbers.append(Int32(m))
                partCoefficients.append(coefficient)
                if !expanded[m] { stack.append((Int32(m), false)) }
            }
        }
        var weight = [Double](repeating: 0, count: numbers.keys.count)
        weight[0] = 1
        var amounts = [Double](repeating: 0, count: workspace.metrics.slots.count)
        for n in order.reversed() {
            let i = Int(n)
            let w = weight[i]
            // (A value whose difference is zero may still pass on shares that cancel.)
            guard w != 0 else { continue }
            if own[i] != 0 { amounts[numbers.keys[i].metric.index] += w * own[i] }
            let start = Int(partStart[i])
            for k in start..<(start + Int(partCount[i])) {
                weight[Int(partNumbers[k])] += w * partCoefficients[k]
            }
        }
        // Rounding aside, the shares add up: the last bit goes to the largest.
        var list: [(MetricID, Double)] = []
        for (slot, amount) in amounts.enumerated() where amount != 0 { list.append((MetricID(Int32(slot)), amount)) }
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

    /// Fills `found` with what the difference of `key` splits into (each
    /// value with its coefficient) and returns the part that stays with its
    /// metric.
    private mutating func expand(_ key: ValueKey) -> Double {
        let (id, period) = (key.metric, key.period)
        found.removeAll(keepingCapacity: true)
        if programOf[id.index] == 0 {
            if let formula = workspace.metrics[id].formula {
                let reads = formula.timedReads
                compiled.append((reads, Shapley.Program(formula, reads: reads)))
                programOf[id.index] = Int32(compiled.count)
            } else {
                programOf[id.index] = -1
            }
        }
        guard let d = difference(key) else { return 0 }
        // What stays: a leaf, or a formula metric whose value is recorded (an actual) or planned.
        let compiledNumber = Int(programOf[id.index])
        guard compiledNumber > 0, actual.recordedValue(id, period) == nil, plan.recordedValue(id, period) == nil
        else { return d }
        let m = id.index
        if actual.combinesChildren(m, period, finer: actual.hasFinerData(period))
            || plan.combinesChildren(m, period, finer: plan.hasFinerData(period))
        {
            // Made of its finer periods: theirs, whole (a month whose drivers
            // cancel out still has its drivers' shares), scaled only where the
            // two sides are not made alike.
            var children = actual.childrenOf(period)[...]
            switch actual.aggregation(of: id) {
            case .last: children = children.suffix(1)
            case .first: children = children.prefix(1)
            default: break
            }
            var sum = 0.0
            for c in children {
                guard let x = difference(ValueKey(id, c)) else {
                    found.removeAll(keepingCapacity: true)
                    return d
                }
                found.append((ValueKey(id, c), x))
                sum += x
            }
            if Self.close(sum, d) {
                for k in found.indices { found[k].1 = 1 }
                return 0
            }
            guard sum != 0 else {
                found.removeAll(keepingCapacity: true)
                return d
            }
            for k in found.indices { found[k].1 = d / sum }
            return 0
        }
        // A formula in the period: Shapley values of its reads.
        let (reads, program) = compiled[compiledNumber - 1]
        actualReads.removeAll(keepingCapacity: true)
        planReads.removeAll(keepingCapacity: true)
        for read in reads {
            guard let x = actual.value(read.metric, back: read.months, from: period).number,
                let y = plan.value(read.metric, back: read.months, from: period).number
            else { return d }
            actualReads.append(x)
            planReads.append(y)
        }
        let (a, p) = (actualReads, planReads)
        guard let values = Shapley.values(program, actual: a, plan: p) else { return d }
        let explained = values.reduce(0, +)
        let scale: Double
        if Self.close(explained, d) {
            scale = 1
        } else if explained != 0 {
            scale = d / explained
        } else {
            return d
        }
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
                found.append((ValueKey(read.metric, period), coefficient))
                continue
            }
            guard let window = Evaluator.window(of: period, back: read.months) else { continue }
            switch actual.aggregation(of: read.metric) {
            case .sum: for w in window { found.append((ValueKey(read.metric, w), coefficient)) }
            case .average:
                for w in window { found.append((ValueKey(read.metric, w), coefficient / Double(window.count))) }
            case .last: found.append((ValueKey(read.metric, window[window.count - 1]), coefficient))
            case .first: found.append((ValueKey(read.metric, window[0]), coefficient))
            }
        }
        return 0
    }

    /// Equal but for the last bits.
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(a), abs(b)) }
}

/// Shapley values of a formula's reads between two sets of their values.
enum Shapley {
    /// How many reads are split exactly; beyond, each read's two marginal
    /// effects (from the plan, and back from the actual) are averaged.
    static let exactReads = 8

    /// For n reads, the weight of a marginal effect on a coalition of k
    /// others: k! (n - k - 1)! / n!.
    static let weights: [[Double]] = (0...exactReads).map { n in
        var factorial = [1.0]
        for k in 1...max(1, n) { factorial.append(factorial[k - 1] * Double(k)) }
        return (0..<max(1, n)).map { k in n == 0 ? 0 : factorial[k] * factorial[n - k - 1] / factorial[n] }
    }

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
            // The formula at every mix of the two, each once: every one is needed.
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: 1 << n) { at -> [Double]? in
                for mask in 0..<(1 << n) {
                    guard let v = f(mask) else { return nil }
                    at[mask] = v
                }
                let weights = Shapley.weights[n]
                var result = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    let bit = 1 << i
                    var sum = 0.0
                    for mask in 0..<(1 << n) where mask & bit == 0 {
                        sum += weights[mask.nonzeroBitCount] * (at[mask | bit] - at[mask])
                    }
                    result[i] = sum
                }
                return result
            }
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
