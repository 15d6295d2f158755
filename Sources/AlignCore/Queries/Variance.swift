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
    /// The period, or the first of a range asked (`in 2026-01..2026-09`).
    public var period: Period
    /// The last period of a range asked; nil for one period.
    public var through: Period?
    /// Its actual (or forecast) value there.
    public var actual: Outcome
    /// Its plan value there.
    public var plan: Outcome
    /// The plan its drivers' plans imply there, when it has a plan of its
    /// own that the split is not made against (nil otherwise).
    public var impliedPlan: Outcome?
    /// The shares, largest first; they add up to actual minus plan.
    public var shares: [Share]
    /// The shares added up by the team that owns each driver (nil: no
    /// team), the top-down plan's line apart, in the order each first
    /// comes in `shares`.
    public var byTeam: [TeamPart] = []

    /// What one team's drivers explain, or the top-down plan's line.
    public struct TeamPart: Equatable, Sendable {
        public var team: TeamID?
        public var topDown: Bool
        public var amount: Double
    }

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
        /// of the driver's values the split reaches (a driver without a
        /// formula is reached in a month it was on plan too).
        public var from: Period?
        public var through: Period?
    }

    /// The periods asked, as answers write them: `2026-Q3`, `2026-01 .. 2026-09`.
    public var periodText: String { through.map { Period.span(period, $0) } ?? period.description }
    /// The periods asked: one, or each of a range.
    public var periods: [Period] { through.map { Analysis.periods(in: period...$0) } ?? [period] }
    /// The first month asked, and the month after the last.
    public var firstMonth: Int { period.firstMonth }
    public var endMonth: Int { (through ?? period).endMonth }

    /// Actual minus plan, when both are known; 0 where they differ by
    /// rounding alone (an average of 0.2s against a plan of 0.2).
    public var difference: Double? {
        guard let a = actual.number, let p = plan.number else { return nil }
        return Noise.change(from: p, to: a)
    }
}

extension Analysis {
    /// `metric`'s actual (forecast) against its plan in `period`, split into
    /// its drivers' shares.
    public func variance(of metric: MetricID, in period: Period) -> VarianceAnswer {
        variance(of: metric, over: [period])
    }

    /// Over a range of periods of one grain (`2026-01..2026-09`, the year to
    /// date): the metric's value over them made as it rolls up (added up,
    /// averaged, the last or the first), against the plan made the same way.
    public func variance(of metric: MetricID, in range: ClosedRange<Period>) -> VarianceAnswer {
        variance(of: metric, over: Analysis.periods(in: range))
    }

    /// A metric's value over consecutive periods, made as it rolls up; the
    /// first unknown part where one is.
    public static func combined(_ e: Evaluator, _ metric: MetricID, _ periods: [Period]) -> Outcome {
        guard periods.count > 1 else { return e.value(metric, in: periods[0]) }
        var parts: [Double] = []
        for p in periods {
            let outcome = e.value(metric, in: p)
            guard let x = outcome.number else { return outcome }
            parts.append(x)
        }
        return e.combine(parts, e.aggregation(of: metric), metric, periods[0])
    }

    /// Where a split over `periods` starts: each period's value with the
    /// weight it has in the value made of them.
    static func starts(_ e: Evaluator, _ metric: MetricID, _ periods: [Period]) -> [(Period, Double)] {
        switch e.aggregation(of: metric) {
        case .sum: return periods.map { ($0, 1) }
        case .average: return periods.map { ($0, 1 / Double(periods.count)) }
        case .last: return [(periods[periods.count - 1], 1)]
        case .first: return [(periods[0], 1)]
        }
    }

    private func variance(of metric: MetricID, over periods: [Period]) -> VarianceAnswer {
        let actual = evaluator(.forecast)
        let planned = evaluator(.plan)
        let (first, last) = (periods[0], periods[periods.count - 1])
        var answer = VarianceAnswer(
            metric: metric, period: first, through: periods.count > 1 ? last : nil,
            actual: Self.combined(actual, metric, periods), plan: Self.combined(planned, metric, periods), shares: [])
        guard let total = answer.difference, total != 0 else { return answer }
        // A plan of its own, set top-down: the drivers explain the forecast
        // against the plan they imply; the rest is the top-down plan's.
        var against = planned
        var topDown: VarianceAnswer.Share?
        // (Where the plan there is what the drivers imply anyway, its own plan values do not reach the period.)
        if let implied = impliedPlan(of: metric, over: periods, planned), let i = Self.combined(implied, metric, periods).number,
            let a = answer.actual.number, let p = answer.plan.number, !Noise.isSame(i, p)
        {
            answer.impliedPlan = .known(i)
            against = implied
            topDown = VarianceAnswer.Share(driver: metric, amount: total - (a - i), actual: i, plan: p, topDown: true)
        }
        var list: [VarianceAnswer.Share] = []
        let rest = total - (topDown?.amount ?? 0)
        if rest != 0 {
            var split = VarianceSplit(actual: actual, plan: against, workspace: workspace, isCancelled: isCancelled)
            list = split.shares(of: metric, from: Self.starts(actual, metric, periods), total: rest).map { part in
                // The driver's own figures in the periods asked, where its share comes from them, all of it.
                let inside = part.from.firstMonth == first.firstMonth && part.through.endMonth == last.endMonth
                return VarianceAnswer.Share(
                    driver: part.metric, amount: part.amount, actual: inside ? Self.combined(actual, part.metric, periods).number : nil,
                    plan: inside ? Self.combined(against, part.metric, periods).number : nil, from: part.from, through: part.through)
            }
        }
        if let topDown, topDown.amount != 0 { list.append(topDown) }
        // Rounding aside, the shares add up: the last bit goes to the largest.
        if let k = list.indices.max(by: { abs(list[$0].amount) < abs(list[$1].amount) }) {
            list[k].amount += total - list.reduce(0) { $0 + $1.amount }
        }
        // Largest first, then by driver: sorted by their places, the shares
        // themselves moved once (tens of thousands of them in a large workspace).
        let keys = list.map { (size: abs($0.amount), driver: $0.driver, topDown: $0.topDown ? 1 : 0) }
        func before(_ i: Int, _ j: Int) -> Bool {
            keys[i].size != keys[j].size ? keys[i].size > keys[j].size
                : (keys[i].driver, keys[i].topDown) < (keys[j].driver, keys[j].topDown)
        }
        // By team, added up while the shares are in the order of their
        // drivers' slots: each driver's team is then read from the
        // metrics' table front to back, not at random.
        var parts: [VarianceAnswer.TeamPart] = []
        var firstShare: [Int] = []
        for (i, share) in list.enumerated() {
            let team = share.topDown ? nil : workspace.metrics[share.driver].owner
            if let k = parts.firstIndex(where: { $0.team == team && $0.topDown == share.topDown }) {
                parts[k].amount += share.amount
                if before(i, firstShare[k]) { firstShare[k] = i }
            } else {
                parts.append(VarianceAnswer.TeamPart(team: team, topDown: share.topDown, amount: share.amount))
                firstShare.append(i)
            }
        }
        answer.byTeam = parts.indices.sorted { before(firstShare[$0], firstShare[$1]) }.map { parts[$0] }
        let order = list.indices.sorted(by: before)
        answer.shares = order.map { list[$0] }
        return answer
    }

    /// An evaluator of the plan without `metric`'s own plan values, when it
    /// has a formula and a plan value of its own overlapping one of
    /// `periods`: the plan its drivers' plans imply.
    func impliedPlan(of metric: MetricID, over periods: [Period], _ planned: Evaluator) -> Evaluator? {
        guard workspace.metrics[metric].formula != nil else { return nil }
        let own = workspace.planList(of: metric).map(\.period)
        guard own.contains(where: { p in periods.contains { p.contains($0) || $0.contains(p) } }) else { return nil }
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
    /// The formulas' programs and reads, each once met: the same in every
    /// period, and kept with the compiled formulas for the next split.
    private var programs: Shapley.Programs
    /// Per metric slot, what each of its values looks up, side by side (a
    /// value's first read of memory): its program's number (as
    /// `Programs.shapeOf`), where its reads start in `readList` and how
    /// many; and the
    /// month after the last period either evaluator holds a recorded value
    /// of it in (-1 for none; `Int32.min` until looked at): most formula
    /// metrics have none, and a balance only its opening, so most values
    /// need no search period by period. The split's own, made and let go
    /// of by `shares`.
    private var slots = UnsafeMutablePointer<SlotInfo>.allocate(capacity: 0)
    private struct SlotInfo {
        var shape: Int32
        var readAt: Int32
        var readCount: Int32
        var recordedUntil: Int32
    }
    /// The reads of the metrics met, each a slot and how many months back,
    /// copied from the programs as each metric is met: the split's own, let
    /// go of by `shares`.
    private var readList = UnsafeMutablePointer<(slot: Int32, months: Int32)>.allocate(capacity: 0)
    private var readListCount = 0
    private var readListCapacity = 0
    /// The finer periods' tables and differences `expandChildren` found,
    /// and the reads' numbers: reused from one value to the next.
    private var found: [(table: Int32, difference: Double)] = []
    private var reads = Reads()
    private var scratch = Shapley.Scratch()
    /// Per table and side (`2 * table + side`): its cells, once looked up
    /// (see `cells`), for `cellTables` tables; the split's own, let go of
    /// when it ends.
    private var cellPointers = UnsafeMutablePointer<UnsafePointer<Evaluator.Cell>?>.allocate(capacity: 0)
    private var cellTables = 0
    /// Per table of `actual` (`2 * table` and `2 * table + 1`): its cells
    /// and those of the plan's table of the same period, for `pairTables`
    /// tables; let go of as `cellPointers` are.
    private var pairPointers = UnsafeMutablePointer<UnsafePointer<Evaluator.Cell>?>.allocate(capacity: 0)
    private var pairTables = 0
    /// Per table of `actual`: its period, once looked up; and its first
    /// month and the month after its last.
    private var periods: [Period] = []
    private var tableMonths: [(Int32, Int32)] = []
    /// Per table of `actual` and number of months back (under
    /// `monthsBack`): the table of the month that far back from a month's
    /// table (-2 until looked up, -1 before the calendar).
    private var monthBack: [Int32] = []
    private static let monthsBack = 48

    init(actual: Evaluator, plan: Evaluator, workspace: Workspace, isCancelled: @escaping () -> Bool) {
        // The split reads the evaluators' tables: a what-if's evaluator,
        // which keeps its results by key, is replaced by one of its own.
        self.actual = actual.base == nil ? actual : Evaluator(workspace, plan: actual.plan, layer: actual.layer)
        self.plan = plan.base == nil ? plan : Evaluator(workspace, plan: plan.plan, layer: plan.layer)
        self.workspace = workspace
        self.isCancelled = isCancelled
        slotCount = workspace.metrics.slots.count
        let kept = self.actual.plan.splitPrograms.withLock { $0 }
        programs = kept.shapeOf.count == slotCount ? kept : Shapley.Programs(slots: slotCount, formulas: self.actual.plan)
    }

    /// `readersFirst`, kept with the programs for the next split.
    private mutating func order() -> [Int32] {
        if let known = programs.readersFirst, known.count == slotCount { return known }
        let order = readersFirst()
        programs.readersFirst = order
        return order
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
        // The metrics without a formula last (they read nothing, so any
        // place after their readers is theirs): a table's walk stops before
        // them until one is given a weight.
        return order.filter { formulas.hasFormula(Int($0)) } + order.filter { !formulas.hasFormula(Int($0)) }
    }

    /// Where a table comes in the sweep: later periods first, and of two
    /// that end together, the longer.
    private mutating func sweepKey(_ t: Int) -> Int {
        let period = period(t)
        return (period.firstMonth + period.grain.months) * 16 + period.grain.months
    }

    /// The weights still to pass on, and the tables that hold them, the next one last.
    private struct Sweep {
        var weights: SweepWeights
        var pending: [(key: Int, table: Int)] = []
        /// Per metric: the part of the difference it keeps; the first 64
        /// tables whose values keep some, as bits; and of the later tables,
        /// those of its earliest and latest values that keep some.
        var amounts: UnsafeMutableBufferPointer<Double>
        var kept: UnsafeMutableBufferPointer<UInt64>
        var first: UnsafeMutableBufferPointer<Int32>
        var last: UnsafeMutableBufferPointer<Int32>

        /// For `n` metric slots, none keeping anything yet.
        init(weights: SweepWeights, slots n: Int) {
            self.weights = weights
            amounts = .allocate(capacity: n)
            amounts.initialize(repeating: 0)
            kept = .allocate(capacity: n)
            kept.initialize(repeating: 0)
            first = .allocate(capacity: n)
            first.initialize(repeating: -1)
            last = .allocate(capacity: n)
            last.initialize(repeating: -1)
        }

        func deallocate() {
            weights.deallocate()
            amounts.deallocate()
            kept.deallocate()
            first.deallocate()
            last.deallocate()
        }
    }

    /// Gives metric `m` a part of the difference kept by its value in table `t`.
    private mutating func keep(_ amount: Double, _ m: Int, _ t: Int, in sweep: inout Sweep) {
        sweep.amounts[m] += amount
        if t < 64 {
            sweep.kept[m] |= 1 << UInt64(t)
            return
        }
        let (start, end) = months(t)
        if sweep.first[m] < 0 || start < months(Int(sweep.first[m])).0 { sweep.first[m] = Int32(t) }
        if sweep.last[m] < 0 || end > months(Int(sweep.last[m])).1 { sweep.last[m] = Int32(t) }
    }

    /// The periods of the earliest and the latest of metric `m`'s values that keep a part.
    private mutating func keptSpan(_ m: Int, _ sweep: Sweep) -> (Period, Period) {
        // (No list of them: it runs for every metric that keeps a part, a
        // hundred thousand in a large workspace; the tables' months are
        // compared, and the two periods made at the end.)
        var (first, last) = (-1, -1)
        var (firstMonth, endMonth) = (Int.max, Int.min)
        func meet(_ t: Int) {
            let (start, end) = months(t)
            if start < firstMonth { (first, firstMonth) = (t, start) }
            if end > endMonth { (last, endMonth) = (t, end) }
        }
        if sweep.first[m] >= 0 {
            meet(Int(sweep.first[m]))
            meet(Int(sweep.last[m]))
        }
        var bits = sweep.kept[m]
        while bits != 0 {
            meet(bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        return (period(first), period(last))
    }

    /// The first month of `actual`'s table `t` and the month after its last.
    @inline(__always)
    private mutating func months(_ t: Int) -> (Int, Int) {
        if t >= tableMonths.count {
            while tableMonths.count <= t {
                let p = period(tableMonths.count)
                tableMonths.append((Int32(p.firstMonth), Int32(p.endMonth)))
            }
        }
        return (Int(tableMonths[t].0), Int(tableMonths[t].1))
    }

    /// Adds to a metric's weight in a table, and queues the table the first time.
    @inline(__always)
    private mutating func add(_ x: Double, _ m: Int, _ t: Int, to sweep: inout Sweep, mayBeLeaf: Bool = false) {
        if sweep.weights.add(x, m, t, mayBeLeaf: mayBeLeaf) {
            let key = sweepKey(t)
            sweep.pending.insert((key, t), at: sweep.pending.firstIndex { $0.key > key } ?? sweep.pending.count)
        }
    }

    /// The difference of `metric` (`total`), made of its values in the
    /// periods of `starts`, each with its weight, split into metrics' shares.
    mutating func shares(of metric: MetricID, from starts: [(Period, Double)], total: Double)
        -> [(metric: MetricID, amount: Double, from: Period, through: Period)]
    {
        let n = slotCount
        defer { actual.plan.splitPrograms.withLock { [programs] in $0 = programs } }
        let order = order()
        let formulas = actual.plan
        let formulaCount = order.prefix { formulas.hasFormula(Int($0)) }.count
        var sweep = Sweep(weights: SweepWeights(order: order, formulaCount: formulaCount), slots: n)
        slots = .allocate(capacity: n)
        // (-3: not yet copied from the programs.)
        slots.initialize(repeating: SlotInfo(shape: -3, readAt: 0, readCount: 0, recordedUntil: Int32.min), count: n)
        defer {
            slots.deallocate()
            readList.deallocate()
            (readList, readListCount, readListCapacity) = (.allocate(capacity: 0), 0, 0)
            sweep.deallocate()
            cellPointers.deallocate()
            cellTables = 0
            pairPointers.deallocate()
            (pairPointers, pairTables) = (.allocate(capacity: 0), 0)
            reads.deallocate()
            reads = Reads()
        }
        for (period, weight) in starts { add(weight, metric.index, actual.tableNumber(for: period), to: &sweep, mayBeLeaf: true) }
        var checked = 0
        sweep: while let (_, t) = sweep.pending.popLast() {
            let here = Here(table: t, planTable: planTable(t), period: self.period(t))
            var cursor = sweep.weights.walk(t)
            // (A value whose difference is zero may still pass on shares that cancel.)
            while let (m, w) = sweep.weights.next(t, &cursor) {
                checked &+= 1
                if checked & 1023 == 0, isCancelled() { break sweep }
                let own = expand(m, here, weight: w, into: &sweep)
                // (A metric without a formula reached where it is on plan keeps
                // nothing, and is still read there: its span says so.)
                if own != 0 || isLeaf(m) { keep(w * own, m, t, in: &sweep) }
            }
        }
        // Rounding aside, the shares add up: the last bit goes to the largest.
        var list: [(metric: MetricID, amount: Double, from: Period, through: Period)] = []
        for (slot, amount) in sweep.amounts.enumerated() where amount != 0 {
            let (from, through) = keptSpan(slot, sweep)
            list.append((MetricID(Int32(slot)), amount, from, through))
        }
        if let i = list.indices.max(by: { abs(list[$0].amount) < abs(list[$1].amount) }) {
            list[i].amount += total - list.reduce(0) { $0 + $1.amount }
        }
        return list
    }

    /// A formula's reads, in the split's own memory (let go of when it
    /// ends): each read's two numbers and, for a month's read of an earlier
    /// month, that month's table (-1 for a read of the same period, or of a
    /// window).
    private struct Reads {
        var actual = UnsafeMutablePointer<Double>.allocate(capacity: 0)
        var plan = UnsafeMutablePointer<Double>.allocate(capacity: 0)
        var tables = UnsafeMutablePointer<Int32>.allocate(capacity: 0)
        /// Each read's part of the difference per unit of its own difference.
        var slopes = UnsafeMutablePointer<Double>.allocate(capacity: 0)
        var capacity = 0

        /// Room for `count` reads.
        @inline(__always)
        mutating func reserve(_ count: Int) {
            if count > capacity { grow(count) }
        }

        private mutating func grow(_ count: Int) {
            deallocate()
            capacity = max(count, 2 * capacity, 16)
            (actual, plan, tables) = (.allocate(capacity: capacity), .allocate(capacity: capacity), .allocate(capacity: capacity))
            slopes = .allocate(capacity: capacity)
        }

        func deallocate() {
            actual.deallocate()
            plan.deallocate()
            tables.deallocate()
            slopes.deallocate()
        }
    }

    /// The table being split: of `actual`, its period, and the plan's table of that period.
    private struct Here {
        let table: Int
        let planTable: Int
        let period: Period
    }

    /// The plan evaluator's table of the period of `actual`'s table `t`.
    @inline(__always)
    private mutating func planTable(_ t: Int) -> Int {
        if t < planTable.count, planTable[t] >= 0 { return Int(planTable[t]) }
        return lookUpPlanTable(t)
    }

    private mutating func lookUpPlanTable(_ t: Int) -> Int {
        while planTable.count <= t { planTable.append(-1) }
        if planTable[t] < 0 { planTable[t] = Int32(plan.tableNumber(for: period(t))) }
        return Int(planTable[t])
    }

    /// The period of `actual`'s table `t`.
    @inline(__always)
    private mutating func period(_ t: Int) -> Period {
        if t < periods.count { return periods[t] }
        while periods.count <= t { periods.append(actual.tables[periods.count].period) }
        return periods[t]
    }

    /// The table of `actual` for the month `months` back from the month of
    /// its table `t`; nil before the calendar.
    @inline(__always)
    private mutating func month(_ months: Int32, before t: Int) -> Int? {
        let k = t * Self.monthsBack + Int(months)
        let known = k < monthBack.count ? monthBack[k] : -2
        if known != -2 { return known < 0 ? nil : Int(known) }
        return lookUpMonth(months, before: t)
    }

    private mutating func lookUpMonth(_ months: Int32, before t: Int) -> Int? {
        let k = t * Self.monthsBack + Int(months)
        while monthBack.count <= k { monthBack.append(-2) }
        if monthBack[k] == -2 { monthBack[k] = Int32(actual.windowTables(t, months)?.first ?? -1) }
        return monthBack[k] < 0 ? nil : Int(monthBack[k])
    }

    /// What the programs know of slot `m`, copied into `slots`; its
    /// formula compiled first where it was never met.
    private mutating func learn(_ m: Int) -> SlotInfo {
        if programs.shapeOf[m] == -1 {
            let formulas = actual.plan
            _ =
                formulas.hasFormula(m)
                ? programs.meet(m, formulas.code[Int(formulas.codeStart[m])..<Int(formulas.codeStart[m + 1])]) : programs.leaf(m)
        }
        let shape = programs.shapeOf[m]
        let count = shape >= 0 ? Int(programs.readCounts[Int(shape)]) : 0
        if readListCount + count > readListCapacity {
            readListCapacity = max(2 * readListCapacity, readListCount + count, 1024)
            let grown = UnsafeMutablePointer<(slot: Int32, months: Int32)>.allocate(capacity: readListCapacity)
            grown.moveInitialize(from: readList, count: readListCount)
            readList.deallocate()
            readList = grown
        }
        let at = Int(programs.readAt[m])
        for i in 0..<count { (readList + readListCount + i).initialize(to: (programs.readSlots[at + i], programs.readMonths[at + i])) }
        slots[m] = SlotInfo(shape: shape, readAt: Int32(readListCount), readCount: Int32(count), recordedUntil: slots[m].recordedUntil)
        readListCount += count
        return slots[m]
    }

    /// Whether the metric in slot `m` has no formula.
    @inline(__always)
    private mutating func isLeaf(_ m: Int) -> Bool {
        let shape = slots[m].shape
        return shape == -2 || shape == -3 && learn(m).shape == -2
    }

    /// Which evaluator a number is read from.
    private enum Side: Int { case actual = 0, plan = 1 }

    /// A metric's actual and plan in the period of `actual`'s table `t`
    /// (the plan's from the plan's table of that period), each worked out
    /// if need be: the two tables' cells found by one look-up, while both
    /// are known.
    @inline(__always)
    private mutating func pair(_ m: Int, _ t: Int) -> (Double?, Double?) {
        if t < pairTables, let a = pairPointers[2 * t], let p = pairPointers[2 * t + 1] {
            let (x, y) = (a[m], p[m])
            if x.state == Evaluator.Cell.known, y.state == Evaluator.Cell.known { return (x.number, y.number) }
        }
        return lookUpPair(m, t)
    }

    private mutating func lookUpPair(_ m: Int, _ t: Int) -> (Double?, Double?) {
        let tp = planTable(t)
        let numbers = (number(.actual, m, t), number(.plan, m, tp))
        if t >= pairTables {
            let count = max(t + 1, 2 * pairTables, 32)
            let grown = UnsafeMutablePointer<UnsafePointer<Evaluator.Cell>?>.allocate(capacity: 2 * count)
            grown.initialize(repeating: nil, count: 2 * count)
            grown.update(from: pairPointers, count: 2 * pairTables)
            pairPointers.deallocate()
            pairPointers = grown
            pairTables = count
        }
        // (After what `number` worked out: the pointers are the cells as they are now.)
        pairPointers[2 * t] = cells(.actual, t)
        pairPointers[2 * t + 1] = cells(.plan, tp)
        return numbers
    }

    /// The cells of a table of one side, read in place. The pointers hold
    /// while nothing is worked out: `value` may fill cells (and make a
    /// table), so they are let go of after every call to it.
    @inline(__always)
    private mutating func cells(_ side: Side, _ t: Int) -> UnsafePointer<Evaluator.Cell> {
        if t < cellTables, let known = cellPointers[2 * t + side.rawValue] { return known }
        return lookUpCells(side, t)
    }

    private mutating func lookUpCells(_ side: Side, _ t: Int) -> UnsafePointer<Evaluator.Cell> {
        if t >= cellTables {
            let count = max(2 * (t + 1), 2 * cellTables, 64)
            let grown = UnsafeMutablePointer<UnsafePointer<Evaluator.Cell>?>.allocate(capacity: count)
            grown.initialize(repeating: nil, count: count)
            grown.update(from: cellPointers, count: 2 * cellTables)
            cellPointers.deallocate()
            cellPointers = grown
            cellTables = count / 2
        }
        let pointer = (side == .actual ? actual : plan).tables[t].cells.withUnsafeBufferPointer { $0.baseAddress! }
        cellPointers[2 * t + side.rawValue] = pointer
        return pointer
    }

    /// A metric's number in a table of one side, worked out if need be.
    @inline(__always)
    private mutating func number(_ side: Side, _ m: Int, _ t: Int) -> Double? {
        let cell = cells(side, t)[m]
        if cell.state == Evaluator.Cell.known { return cell.number }
        if cell.state == Evaluator.Cell.problem { return nil }
        return workOut(side, m, t)
    }

    private mutating func workOut(_ side: Side, _ m: Int, _ t: Int) -> Double? {
        let worked = (side == .actual ? actual : plan).value(m, t).number
        cellPointers.update(repeating: nil, count: 2 * cellTables)
        pairPointers.update(repeating: nil, count: 2 * pairTables)
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

    /// Passes the difference of metric `m` in the table `here`, times its
    /// weight, on to what it splits into (each value with its
    /// coefficient), and returns the part that stays with its metric.
    private mutating func expand(_ m: Int, _ here: Here, weight w: Double, into sweep: inout Sweep) -> Double {
        let (t, tp) = (here.table, here.planTable)
        guard case let (a?, b?) = pair(m, t) else { return 0 }
        let d = a - b
        // What stays: a leaf, or a formula metric whose value is recorded (an actual) or planned.
        // (Whether it has a formula is kept with the programs, beside what they need.)
        var info = slots[m]
        if info.shape == -2 { return d }
        if info.shape < 0 {
            info = learn(m)
            guard info.shape >= 0 else { return d }
        }
        let shape = Int(info.shape)
        let period = here.period
        if info.recordedUntil == Int32.min {
            var end = -1
            for e in [actual, plan] where m < e.recorded.count {
                e.recorded[m].forEach { p, _ in end = max(end, p.endMonth) }
            }
            slots[m].recordedUntil = Int32(end)
            info.recordedUntil = Int32(end)
        }
        if period.firstMonth < Int(info.recordedUntil), Self.isRecorded(actual, m, t) || Self.isRecorded(plan, m, tp) {
            return d
        }
        let isMonth = period.grain == .month
        if !isMonth,
            actual.combinesChildren(m, period, finer: actual.tables[t].finer)
                || plan.combinesChildren(m, period, finer: plan.tables[tp].finer)
        {
            return expandChildren(m, here, d, weight: w, into: &sweep)
        }
        // A formula in the period: Shapley values of its reads.
        let pairs = Int(programs.pairStart[shape])
        let (at, count) = (Int(info.readAt), Int(info.readCount))
        reads.reserve(count)
        let (actualReads, planReads, slopes) = (reads.actual, reads.plan, reads.slopes)
        for i in 0..<count {
            let (slot, months) = (Int(readList[at + i].slot), readList[at + i].months)
            let x: Double?
            let y: Double?
            var table = -1
            if months == 0 {
                (x, y) = pair(slot, t)
            } else if isMonth, months < Self.monthsBack {
                // A month's read of an earlier month: one value, whatever it rolls up by.
                guard let w = month(months, before: t) else { return d }
                table = w
                (x, y) = pair(slot, w)
            } else {
                (x, y) = (number(.actual, slot, back: months, from: t), number(.plan, slot, back: months, from: tp))
            }
            guard let x, let y else { return d }
            actualReads[i] = x
            planReads[i] = y
            reads.tables[i] = Int32(table)
        }
        // Each read's part of the difference per unit of its own: its
        // Shapley value over its difference, or where it did not move, the
        // formula's slope in it (its drivers' shares then cancel out).
        var explained = 0.0
        if pairs >= 0 {
            programs.pairTerms.withUnsafeBufferPointer { terms in
                Shapley.pairSlopes(terms[pairs..<Int(programs.pairEnd[shape])], actual: actualReads, plan: planReads, count: count, into: slopes)
            }
            for i in 0..<count { explained += slopes[i] * (actualReads[i] - planReads[i]) }
        } else {
            let program = programs.shapes[shape]
            let (actualIn, planIn) = (UnsafeBufferPointer(start: actualReads, count: count), UnsafeBufferPointer(start: planReads, count: count))
            guard Shapley.values(program, actual: actualIn, plan: planIn, into: &scratch) else { return d }
            for i in 0..<count { explained += scratch.result[i] }
            for i in 0..<count {
                let readDifference = actualReads[i] - planReads[i]
                slopes[i] = readDifference != 0 ? scratch.result[i] / readDifference : .nan
            }
            for i in 0..<count where slopes[i].isNaN {
                slopes[i] = Shapley.slope(program, at: i, actual: actualIn, plan: planIn, into: &scratch) ?? 0
            }
        }
        let scale: Double
        if Self.close(explained, d) {
            scale = 1
        } else if explained != 0 {
            scale = d / explained
        } else {
            return d
        }
        for i in 0..<count {
            let (slot, months) = readList[at + i]
            let readDifference = actualReads[i] - planReads[i]
            // A metric without a formula keeps its read's part at once (its
            // own value is the read: a window's is not), and one that did not
            // move has none to keep and nothing to pass on.
            if months == 0 || reads.tables[i] >= 0, isLeaf(Int(slot)) {
                let table = months == 0 ? t : Int(reads.tables[i])
                keep(readDifference != 0 ? w * (scale * slopes[i]) * readDifference : 0, Int(slot), table, in: &sweep)
                continue
            }
            // The read's share, as a part of its own difference; a read that
            // did not move passes on its drivers' cancelling shares where the
            // formula is linear in it.
            let coefficient = readDifference != 0 ? scale * slopes[i] : slopes[i]
            guard coefficient != 0 else { continue }
            if months == 0 {
                add(w * coefficient, Int(slot), t, to: &sweep)
                continue
            }
            if reads.tables[i] >= 0 {
                add(w * coefficient, Int(slot), Int(reads.tables[i]), to: &sweep)
                continue
            }
            guard let window = actual.windowTables(t, months) else { continue }
            switch actual.plan.aggregations[Int(slot)] {
            // (A window is the one read that may give a metric without a formula a weight.)
            case .sum: for v in window { add(w * coefficient, Int(slot), v, to: &sweep, mayBeLeaf: true) }
            case .average:
                for v in window { add(w * (coefficient / Double(window.count)), Int(slot), v, to: &sweep, mayBeLeaf: true) }
            case .last: add(w * coefficient, Int(slot), window[window.count - 1], to: &sweep, mayBeLeaf: true)
            case .first: add(w * coefficient, Int(slot), window[0], to: &sweep, mayBeLeaf: true)
            }
        }
        return 0
    }

    /// A value made of its finer periods: theirs, whole (a month whose
    /// drivers cancel out still has its drivers' shares), scaled only where
    /// the two sides are not made alike. Returns what stays with the metric.
    private mutating func expandChildren(_ m: Int, _ here: Here, _ d: Double, weight w: Double, into sweep: inout Sweep)
        -> Double
    {
        var children = actual.childTables(here.table)[...]
        switch actual.plan.aggregations[m] {
        case .last: children = children.suffix(1)
        case .first: children = children.prefix(1)
        default: break
        }
        found.removeAll(keepingCapacity: true)
        var sum = 0.0
        for c in children {
            guard let x = difference(m, c) else { return d }
            found.append((Int32(c), x))
            sum += x
        }
        let same = Self.close(sum, d)
        guard same || sum != 0 else { return d }
        for part in found { add(w * (same ? 1 : d / sum), m, Int(part.table), to: &sweep) }
        return 0
    }

    /// Equal but for the last bits.
    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(a), abs(b)) }
}
