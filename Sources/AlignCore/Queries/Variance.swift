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
        /// The driver's own actual and plan in the period asked, where its
        /// share comes from inside that period (nil where it comes from
        /// other periods: leads months earlier, through a lag).
        public var actual: Double?
        public var plan: Double?
        /// The line of a plan set top-down: the driver-implied plan (as
        /// `actual`) against the metric's own plan (`plan`).
        public var topDown = false
        /// The periods the share comes from: the earliest and the latest
        /// of the driver's values that keep a part of the difference.
        public var from: Period?
        public var through: Period?
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
            list = split.shares(of: metric, in: period, total: rest).map { part in
                // The driver's own figures in the period asked, where its share comes from that period, all of it.
                let inside = part.from.firstMonth == period.firstMonth && part.through.endMonth == period.endMonth
                return VarianceAnswer.Share(
                    driver: part.metric, amount: part.amount, actual: inside ? actual.value(part.metric, in: period).number : nil,
                    plan: inside ? against.value(part.metric, in: period).number : nil, from: part.from, through: part.through)
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

/// The work of one variance: how each difference splits, and the weights
/// passed down.
///
/// A split of revenue walks every value revenue is made of (with a balance
/// carried month to month, every month back to its opening), millions of
/// them in a large workspace. It is done as one sweep over the evaluators'
/// own tables, without a graph: a value only ever splits into values of the
/// same period that its formula reads, of periods that end earlier (an
/// offset), or of finer periods that end with it (its months). So taking
/// the periods by their last month, latest first, and the longer period
/// first where two end together, and within a period each metric before
/// the metrics its formula reads there, every value is reached after all
/// the values that pass weight to it: it is split once, its weight
/// complete, and its parts' weights added where they sit, one number per
/// metric in each period's table.
struct VarianceSplit {
    let actual: Evaluator
    let plan: Evaluator
    let workspace: Workspace
    let isCancelled: () -> Bool
    /// Per table of `actual`: the plan evaluator's table of the same period (-1 until looked up).
    private var planTable: [Int32] = []
    /// How many metric slots.
    private let slotCount: Int
    /// Per metric slot, its formula's program, with its reads, once met: the
    /// same in every period, and kept with the compiled formulas for the
    /// next split.
    private var programs: [Shapley.Program?]
    /// Per metric slot: the month after the last period either evaluator
    /// holds a recorded value of it in (-1 for none; `Int32.min` until
    /// looked at): most formula metrics have none, and a balance only its
    /// opening, so most values need no search period by period.
    private var recordedUntil: [Int32]
    /// What `expand` found (a slot, a table of `actual`, a coefficient), and
    /// the reads' numbers: reused from one value to the next.
    private var found: [(slot: Int32, table: Int32, coefficient: Double)] = []
    private var actualReads: [Double] = []
    private var planReads: [Double] = []
    private var scratch = Shapley.Scratch()
    /// Per side, per table: its cells, once looked up (see `cells`).
    private var cellPointers: [[UnsafePointer<Evaluator.Cell>?]] = [[], []]

    init(actual: Evaluator, plan: Evaluator, workspace: Workspace, isCancelled: @escaping () -> Bool) {
        // The split reads the evaluators' tables: a what-if's evaluator,
        // which keeps its results by key, is replaced by one of its own.
        self.actual = actual.base == nil ? actual : Evaluator(workspace, plan: actual.plan, layer: actual.layer)
        self.plan = plan.base == nil ? plan : Evaluator(workspace, plan: plan.plan, layer: plan.layer)
        self.workspace = workspace
        self.isCancelled = isCancelled
        slotCount = workspace.metrics.slots.count
        let kept = self.actual.plan.splitPrograms.withLock { $0 }
        programs = kept.count == slotCount ? kept : Array(repeating: nil, count: slotCount)
        recordedUntil = [Int32](repeating: Int32.min, count: slotCount)
    }

    /// The metric slots, each before every metric its formula reads in the same period.
    private func readersFirst() -> [Int32] {
        let formulas = actual.plan
        let n = slotCount
        var readers = [Int32](repeating: 0, count: n)
        for k in formulas.inputs.indices { readers[Int(formulas.inputs[k])] += 1 }
        var order: [Int32] = []
        order.reserveCapacity(n)
        for m in 0..<n where readers[m] == 0 { order.append(Int32(m)) }
        var next = 0
        while next < order.count {
            let m = Int(order[next])
            next += 1
            for k in Int(formulas.inputStart[m])..<Int(formulas.inputStart[m + 1]) {
                let input = Int(formulas.inputs[k])
                readers[input] -= 1
                if readers[input] == 0 { order.append(Int32(input)) }
            }
        }
        return order
    }

    /// Where a table comes in the sweep: later periods first, and of two
    /// that end together, the longer.
    private func sweepKey(_ t: Int) -> Int {
        let period = actual.tables[t].period
        return (period.firstMonth + period.grain.months) * 16 + period.grain.months
    }

    /// The difference of `metric` in `period` (`total`), split into metrics' shares.
    mutating func shares(of metric: MetricID, in period: Period, total: Double)
        -> [(metric: MetricID, amount: Double, from: Period, through: Period)]
    {
        let n = slotCount
        defer { actual.plan.splitPrograms.withLock { [programs] in $0 = programs } }
        var weights = SweepWeights(order: readersFirst())
        defer { weights.deallocate() }
        // The tables with weight still to pass on, the next one last.
        var pending: [(key: Int, table: Int)] = []
        func add(_ x: Double, _ m: Int, _ t: Int) {
            if !weights.has(t) {
                let key = sweepKey(t)
                pending.insert((key, t), at: pending.firstIndex { $0.key > key } ?? pending.count)
            }
            weights.add(x, m, t)
        }
        add(1, metric.index, actual.tableNumber(for: period))
        var amounts = [Double](repeating: 0, count: n)
        // Per metric, the tables of its earliest and latest values that keep a part.
        var first = [Int32](repeating: -1, count: n)
        var last = [Int32](repeating: -1, count: n)
        var checked = 0
        sweep: while let (_, t) = pending.popLast() {
            var cursor = weights.walk(t)
            // (A value whose difference is zero may still pass on shares that cancel.)
            while let (m, w) = weights.next(t, &cursor) {
                checked &+= 1
                if checked & 1023 == 0, isCancelled() { break sweep }
                let own = expand(m, t)
                if own != 0 {
                    amounts[m] += w * own
                    let p = actual.tables[t].period
                    if first[m] < 0 || p.firstMonth < actual.tables[Int(first[m])].period.firstMonth { first[m] = Int32(t) }
                    if last[m] < 0 || p.endMonth > actual.tables[Int(last[m])].period.endMonth { last[m] = Int32(t) }
                }
                for part in found { add(w * part.coefficient, Int(part.slot), Int(part.table)) }
            }
        }
        // Rounding aside, the shares add up: the last bit goes to the largest.
        var list: [(metric: MetricID, amount: Double, from: Period, through: Period)] = []
        for (slot, amount) in amounts.enumerated() where amount != 0 {
            list.append((MetricID(Int32(slot)), amount, actual.tables[Int(first[slot])].period, actual.tables[Int(last[slot])].period))
        }
        if let i = list.indices.max(by: { abs(list[$0].amount) < abs(list[$1].amount) }) {
            list[i].amount += total - list.reduce(0) { $0 + $1.amount }
        }
        return list
    }

    /// The plan evaluator's table of the period of `actual`'s table `t`.
    private mutating func planTable(_ t: Int) -> Int {
        while planTable.count <= t { planTable.append(-1) }
        if planTable[t] < 0 { planTable[t] = Int32(plan.tableNumber(for: actual.tables[t].period)) }
        return Int(planTable[t])
    }

    /// Which evaluator a number is read from.
    private enum Side: Int { case actual = 0, plan = 1 }

    /// The cells of a table of one side, read in place. The pointers hold
    /// while nothing is worked out: `value` may fill cells (and make a
    /// table), so they are let go of after every call to it.
    private mutating func cells(_ side: Side, _ t: Int) -> UnsafePointer<Evaluator.Cell> {
        if t < cellPointers[side.rawValue].count, let known = cellPointers[side.rawValue][t] { return known }
        let e = side == .actual ? actual : plan
        let pointer = e.tables[t].cells.withUnsafeBufferPointer { $0.baseAddress! }
        while cellPointers[side.rawValue].count <= t { cellPointers[side.rawValue].append(nil) }
        cellPointers[side.rawValue][t] = pointer
        return pointer
    }

    /// A metric's number in a table of one side, worked out if need be.
    private mutating func number(_ side: Side, _ m: Int, _ t: Int) -> Double? {
        let cell = cells(side, t)[m]
        if cell.state == Evaluator.Cell.known { return cell.number }
        if cell.state == Evaluator.Cell.problem { return nil }
        let worked = (side == .actual ? actual : plan).value(m, t).number
        cellPointers[0].removeAll(keepingCapacity: true)
        cellPointers[1].removeAll(keepingCapacity: true)
        return worked
    }

    /// A metric over the window a read `months` back covers from a table's
    /// period, rolled up by its aggregation, as `Evaluator.value(_:back:from:)` gives it.
    private mutating func number(_ side: Side, _ m: Int, back months: Int32, from t: Int) -> Double? {
        guard months != 0 else { return number(side, m, t) }
        let e = side == .actual ? actual : plan
        guard let window = e.windowTables(t, months) else { return nil }
        var sum = 0.0
        var (first, last) = (0.0, 0.0)
        for (k, w) in window.enumerated() {
            guard let x = number(side, m, w) else { return nil }
            if k == 0 { first = x }
            sum += x
            last = x
        }
        switch e.plan.aggregations[m] {
        case .sum: return sum.isFinite ? sum : nil
        case .average: return (sum / Double(window.count)).isFinite ? sum / Double(window.count) : nil
        case .last: return last
        case .first: return first
        }
    }

    /// Actual minus plan of a metric in `actual`'s table `t`.
    private mutating func difference(_ m: Int, _ t: Int) -> Double? {
        guard let a = number(.actual, m, t) else { return nil }
        let tp = planTable(t)
        guard let p = number(.plan, m, tp) else { return nil }
        return a - p
    }

    /// Whether an evaluator's table holds a recorded value of the metric.
    private static func isRecorded(_ e: Evaluator, _ m: Int, _ t: Int) -> Bool {
        m < e.recorded.count && e.recorded[m][packed: e.tables[t].packed] != nil
    }

    /// Fills `found` with what the difference of metric `m` in `actual`'s
    /// table `t` splits into (each value with its coefficient) and returns
    /// the part that stays with its metric.
    private mutating func expand(_ m: Int, _ t: Int) -> Double {
        found.removeAll(keepingCapacity: true)
        guard let d = difference(m, t) else { return 0 }
        // What stays: a leaf, or a formula metric whose value is recorded (an actual) or planned.
        let formulas = actual.plan
        let tp = planTable(t)
        guard formulas.hasFormula(m) else { return d }
        let period = actual.tables[t].period
        if recordedUntil[m] == Int32.min {
            var end = -1
            for e in [actual, plan] where m < e.recorded.count {
                e.recorded[m].forEach { p, _ in end = max(end, p.endMonth) }
            }
            recordedUntil[m] = Int32(end)
        }
        if period.firstMonth < Int(recordedUntil[m]), Self.isRecorded(actual, m, t) || Self.isRecorded(plan, m, tp) {
            return d
        }
        if actual.combinesChildren(m, period, finer: actual.tables[t].finer)
            || plan.combinesChildren(m, period, finer: plan.tables[tp].finer)
        {
            // Made of its finer periods: theirs, whole (a month whose drivers
            // cancel out still has its drivers' shares), scaled only where the
            // two sides are not made alike.
            var children = actual.childTables(t)[...]
            switch actual.plan.aggregations[m] {
            case .last: children = children.suffix(1)
            case .first: children = children.prefix(1)
            default: break
            }
            var sum = 0.0
            for c in children {
                guard let x = difference(m, c) else {
                    found.removeAll(keepingCapacity: true)
                    return d
                }
                found.append((Int32(m), Int32(c), x))
                sum += x
            }
            if Self.close(sum, d) {
                for k in found.indices { found[k].coefficient = 1 }
                return 0
            }
            guard sum != 0 else {
                found.removeAll(keepingCapacity: true)
                return d
            }
            for k in found.indices { found[k].coefficient = d / sum }
            return 0
        }
        // A formula in the period: Shapley values of its reads.
        let program: Shapley.Program
        if let known = programs[m] {
            program = known
        } else {
            program = Shapley.Program(formulas.code[Int(formulas.codeStart[m])..<Int(formulas.codeStart[m + 1])])
            programs[m] = program
        }
        let reads = program.reads
        actualReads.removeAll(keepingCapacity: true)
        planReads.removeAll(keepingCapacity: true)
        for read in reads {
            guard let x = number(.actual, Int(read.slot), back: read.months, from: t),
                let y = number(.plan, Int(read.slot), back: read.months, from: tp)
            else { return d }
            actualReads.append(x)
            planReads.append(y)
        }
        guard Shapley.values(program, actual: actualReads, plan: planReads, into: &scratch) else { return d }
        let values = scratch.result
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
            let readDifference = actualReads[i] - planReads[i]
            // The read's share, as a part of its own difference; a read that
            // did not move passes on its drivers' cancelling shares where the
            // formula is linear in it.
            let coefficient =
                readDifference != 0
                ? scale * values[i] / readDifference
                : Shapley.slope(program, at: i, actual: actualReads, plan: planReads, into: &scratch) ?? 0
            guard coefficient != 0 else { continue }
            if read.months == 0 {
                found.append((read.slot, Int32(t), coefficient))
                continue
            }
            guard let window = actual.windowTables(t, read.months) else { continue }
            switch actual.plan.aggregations[Int(read.slot)] {
            case .sum: for w in window { found.append((read.slot, Int32(w), coefficient)) }
            case .average:
                for w in window { found.append((read.slot, Int32(w), coefficient / Double(window.count))) }
            case .last: found.append((read.slot, Int32(window[window.count - 1]), coefficient))
            case .first: found.append((read.slot, Int32(window[0]), coefficient))
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

    /// A formula as a program over its reads' numbers, made from its
    /// compiled code, and, where the formula is a sum of products of its
    /// reads (no division by a read), as that sum: each product's Shapley
    /// values are worked out over its own few reads, the others taking no
    /// part, which is the same split at a fraction of the cost.
    final class Program: Sendable {
        enum Op: Equatable, Sendable {
            case read(Int), number(Double), negate, add, subtract, multiply, divide
        }
        let ops: [Op]
        /// The distinct reads, in the order they first appear: a metric's
        /// slot and how many months back.
        let reads: [(slot: Int32, months: Int32)]
        /// Whether the formula is a sum of products of its reads, and that
        /// sum, flat: term k is `coefficients[k]` times the reads
        /// `factorReads[factorStart[k]..<factorStart[k + 1]]`, each to its
        /// power; and the most reads in one term.
        let isSumOfProducts: Bool
        let coefficients: [Double]
        let factorStart: [Int32]
        let factorReads: [Int32]
        let factorPowers: [Int32]
        let widest: Int

        /// The sum of products, term by term, where the formula is one.
        var terms: [Term]? {
            guard isSumOfProducts else { return nil }
            return coefficients.indices.map { k in
                let range = Int(factorStart[k])..<Int(factorStart[k + 1])
                return Term(coefficient: coefficients[k], factors: range.map { (Int(factorReads[$0]), Int(factorPowers[$0])) })
            }
        }

        /// A number times a product of reads, each to a power.
        struct Term: Sendable {
            var coefficient: Double
            var factors: [(read: Int, power: Int)]
        }

        /// The most terms a product may make: a product of long sums is left to the program.
        static let maximumTerms = 64

        init(_ code: ArraySlice<EvaluationPlan.Instruction>) {
            var ops: [Op] = []
            var reads: [(slot: Int32, months: Int32)] = []
            var place: [Int64: Int] = [:]
            func read(_ slot: Int32, _ months: Int32) -> Int {
                let key = Int64(slot) << 32 | Int64(UInt32(bitPattern: months))
                if let i = place[key] { return i }
                place[key] = reads.count
                reads.append((slot, months))
                return reads.count - 1
            }
            for instruction in code {
                switch instruction {
                case .number(let x): ops.append(.number(x))
                case .metric(let slot): ops.append(.read(read(slot, 0)))
                case .shifted(let slot, let months): ops.append(.read(read(slot, months)))
                case .negate: ops.append(.negate)
                case .add: ops.append(.add)
                case .subtract: ops.append(.subtract)
                case .multiply: ops.append(.multiply)
                case .divide: ops.append(.divide)
                }
            }
            self.ops = ops
            self.reads = reads
            let terms = Self.sumOfProducts(ops)
            isSumOfProducts = terms != nil
            coefficients = terms?.map(\.coefficient) ?? []
            var starts: [Int32] = [0]
            var factors: [Int32] = []
            var powers: [Int32] = []
            for term in terms ?? [] {
                for f in term.factors {
                    factors.append(Int32(f.read))
                    powers.append(Int32(f.power))
                }
                starts.append(Int32(factors.count))
            }
            factorStart = starts
            factorReads = factors
            factorPowers = powers
            widest = terms?.lazy.map(\.factors.count).max() ?? 0
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

        /// The formula multiplied out into terms; nil where it divides by a
        /// read or a product would make more than `maximumTerms` terms.
        private static func sumOfProducts(_ ops: [Op]) -> [Term]? {
            var stack: [[Term]] = []
            for op in ops {
                switch op {
                case .read(let i): stack.append([Term(coefficient: 1, factors: [(i, 1)])])
                case .number(let x): stack.append(x == 0 ? [] : [Term(coefficient: x, factors: [])])
                case .negate:
                    for k in stack[stack.count - 1].indices { stack[stack.count - 1][k].coefficient.negate() }
                case .add, .subtract:
                    // In place: a wide sum, written a + b + c + ..., is gathered in one pass.
                    let b = stack.removeLast()
                    let sign = op == .add ? 1.0 : -1.0
                    for term in b { stack[stack.count - 1].append(Term(coefficient: sign * term.coefficient, factors: term.factors)) }
                case .multiply:
                    let b = merged(stack.removeLast())
                    let a = merged(stack.removeLast())
                    guard a.count * b.count <= Self.maximumTerms else { return nil }
                    var result: [Term] = []
                    for x in a {
                        for y in b { result.append(Term(coefficient: x.coefficient * y.coefficient, factors: Self.product(x.factors, y.factors))) }
                    }
                    stack.append(merged(result))
                default:
                    // Only a division by a number keeps a sum of products.
                    let b = merged(stack.removeLast())
                    guard b.count == 1, b[0].factors.isEmpty else { return nil }
                    for k in stack[stack.count - 1].indices { stack[stack.count - 1][k].coefficient /= b[0].coefficient }
                }
            }
            return stack.last.map(merged)
        }

        /// Two products' factors multiplied, by read.
        private static func product(_ a: [(read: Int, power: Int)], _ b: [(read: Int, power: Int)]) -> [(read: Int, power: Int)] {
            var result = a
            for f in b {
                if let i = result.firstIndex(where: { $0.read == f.read }) {
                    result[i].power += f.power
                } else {
                    result.append(f)
                }
            }
            return result.sorted { $0.read < $1.read }
        }

        /// Terms with the same product added together, and those that come to nothing dropped.
        private static func merged(_ terms: [Term]) -> [Term] {
            var result: [Term] = []
            var place: [[Int]: Int] = [:]
            for term in terms {
                let key = term.factors.flatMap { [$0.read, $0.power] }
                if let i = place[key] {
                    result[i].coefficient += term.coefficient
                } else {
                    place[key] = result.count
                    result.append(term)
                }
            }
            result.removeAll { $0.coefficient == 0 }
            return result
        }
    }

    /// Buffers a split reuses from one formula to the next.
    struct Scratch {
        var mix: [Double] = []
        var at: [Double] = []
        /// Each read's share, after `values`.
        var result: [Double] = []
    }

    /// Each read's share of `f(actual) - f(plan)`, into `scratch.result`;
    /// false where the formula cannot be computed at a mix of the two (a
    /// division by zero).
    static func values(_ program: Program, actual: [Double], plan: [Double], into scratch: inout Scratch) -> Bool {
        let n = actual.count
        scratch.result.removeAll(keepingCapacity: true)
        scratch.result.append(contentsOf: repeatElement(0, count: n))
        if program.isSumOfProducts, n <= exactReads || program.widest <= 1 {
            addTerms(program, actual: actual, plan: plan, into: &scratch)
            return true
        }
        scratch.mix.removeAll(keepingCapacity: true)
        scratch.mix.append(contentsOf: plan)
        func f(_ mask: Int) -> Double? {
            for i in 0..<n { scratch.mix[i] = mask & (1 << i) != 0 ? actual[i] : plan[i] }
            return scratch.mix.withUnsafeBufferPointer { program.run($0) }
        }
        if n <= exactReads {
            // The formula at every mix of the two, each once: every one is needed.
            scratch.at.removeAll(keepingCapacity: true)
            for mask in 0..<(1 << n) {
                guard let v = f(mask) else { return false }
                scratch.at.append(v)
            }
            shares(of: n, into: &scratch) { i in i }
            return true
        }
        // Beyond: each read moved alone from the plan, and alone back from the actual.
        func run(_ values: [Double]) -> Double? { values.withUnsafeBufferPointer { program.run($0) } }
        guard let base = run(plan), let top = run(actual) else { return false }
        var up = plan
        var down = actual
        for i in 0..<n {
            up[i] = actual[i]
            down[i] = plan[i]
            guard let raised = run(up), let lowered = run(down) else { return false }
            scratch.result[i] = ((raised - base) + (top - lowered)) / 2
            up[i] = plan[i]
            down[i] = actual[i]
        }
        return true
    }

    /// Adds each term's Shapley values to `scratch.result`: the term at
    /// every mix of its own reads' two values, the other reads taking no part.
    private static func addTerms(_ program: Program, actual: [Double], plan: [Double], into scratch: inout Scratch) {
        let (coefficients, starts, reads, powers) =
            (program.coefficients, program.factorStart, program.factorReads, program.factorPowers)
        func power(_ x: Double, _ p: Int32) -> Double {
            var r = x
            var p = p
            while p > 1 {
                r *= x
                p -= 1
            }
            return r
        }
        for k in coefficients.indices {
            let first = Int(starts[k])
            let count = Int(starts[k + 1]) - first
            let c = coefficients[k]
            switch count {
            case 0: continue
            case 1:
                let (i, p) = (Int(reads[first]), powers[first])
                scratch.result[i] += c * (power(actual[i], p) - power(plan[i], p))
            case 2:
                // Two reads: each gets its own move, half at the other's plan and half at its actual.
                let (i, j) = (Int(reads[first]), Int(reads[first + 1]))
                let (pi, pj) = (powers[first], powers[first + 1])
                let (ai, bi) = (power(actual[i], pi), power(plan[i], pi))
                let (aj, bj) = (power(actual[j], pj), power(plan[j], pj))
                scratch.result[i] += c * (ai - bi) * (aj + bj) / 2
                scratch.result[j] += c * (aj - bj) * (ai + bi) / 2
            default:
                scratch.at.removeAll(keepingCapacity: true)
                for mask in 0..<(1 << count) {
                    var v = c
                    for j in 0..<count {
                        let i = Int(reads[first + j])
                        v *= power(mask & (1 << j) != 0 ? actual[i] : plan[i], powers[first + j])
                    }
                    scratch.at.append(v)
                }
                shares(of: count, into: &scratch) { j in Int(reads[first + j]) }
            }
        }
    }

    /// Each of `k` players' Shapley value, from the game's value at every
    /// coalition in `scratch.at` (by bit mask), added to `scratch.result`
    /// at the read `player` names.
    private static func shares(of k: Int, into scratch: inout Scratch, player: (Int) -> Int) {
        let weights = Shapley.weights[k]
        for j in 0..<k {
            let bit = 1 << j
            var sum = 0.0
            for mask in 0..<(1 << k) where mask & bit == 0 {
                sum += weights[mask.nonzeroBitCount] * (scratch.at[mask | bit] - scratch.at[mask])
            }
            scratch.result[player(j)] += sum
        }
    }

    /// How much the formula moves per unit of read `i`, the other reads
    /// halfway between plan and actual, where it is linear in that read
    /// (nil where it is not, or cannot be computed).
    static func slope(_ program: Program, at i: Int, actual: [Double], plan: [Double], into scratch: inout Scratch)
        -> Double?
    {
        scratch.mix.removeAll(keepingCapacity: true)
        for k in actual.indices { scratch.mix.append((actual[k] + plan[k]) / 2) }
        scratch.mix[i] = actual[i]
        if program.isSumOfProducts {
            // The terms that hold the read, with the others at their middle.
            var slope = 0.0
            for k in program.coefficients.indices {
                let range = Int(program.factorStart[k])..<Int(program.factorStart[k + 1])
                guard let at = range.first(where: { Int(program.factorReads[$0]) == i }) else { continue }
                guard program.factorPowers[at] == 1 else { return nil }
                var v = program.coefficients[k]
                for g in range where g != at {
                    for _ in 0..<program.factorPowers[g] { v *= scratch.mix[Int(program.factorReads[g])] }
                }
                slope += v
            }
            return slope
        }
        func f(_ bump: Double) -> Double? {
            scratch.mix[i] = actual[i] + bump
            return scratch.mix.withUnsafeBufferPointer { program.run($0) }
        }
        guard let f0 = f(0), let f1 = f(1), let f2 = f(2) else { return nil }
        let slope = f1 - f0
        return abs(slope - (f2 - f0) / 2) <= 1e-9 * max(1, abs(slope)) ? slope : nil
    }
}
