/// Computes metric values per period from recorded values and formulas.
///
/// Rules, in order: a value set by a what-if wins; then a recorded value (an
/// actual); then, for a metric without a formula, the values recorded at a
/// finer grain, rolled up by the metric's aggregation (`Workspace.aggregation(of:)`),
/// or where nothing is recorded inside the period, the value of the nearest
/// longer period that has one: a rate or an average holds in each of its
/// months, a flow is spread evenly over them, a balance (`last`, `first`)
/// is its last (first) month's; for a metric with a formula whose
/// aggregation is `sum`, `last` or `first`, and whose period holds finer
/// values or whose offsets are not whole periods (`mqls[-1m]` in a quarter),
/// the finer periods' results added up (or the last one, or the first), so
/// that a quarter's revenue is the sum of the months' revenues and not the
/// product of summed and averaged inputs; otherwise the formula, on the
/// inputs' values in the same period (which is how rates are recomputed for
/// a coarser period) and, for an offset, in the window of periods it reads
/// (a quarter a month back: the three months before each of its own, rolled
/// up). A formula that reads earlier periods, asked for a period before any
/// recorded value, has no value: a balance opens on a recorded one. Results
/// are memoised; evaluation uses an explicit stack, so chains of any depth,
/// and a balance carried over many periods, evaluate without recursion.
///
/// Formulas run as compiled by an `EvaluationPlan`, and results live in one
/// flat table per period. An evaluator that a session keeps can `catchUp`
/// with later values, forgetting only what the changed values reach.
public final class Evaluator {
    /// The workspace evaluated.
    public private(set) var workspace: Workspace {
        didSet { recorded = workspace.layered(layer).values }
    }
    /// Which values it starts from: the actuals, the plan, or the forecast.
    public let layer: ValueLayer
    /// The workspace's recorded values per metric slot: read here, a value
    /// costs one lookup and no copy of the workspace's fields.
    @exclusivity(unchecked) private(set) var recorded: [RecordedValues]
    /// The compiled formulas.
    public let plan: EvaluationPlan
    @exclusivity(unchecked) fileprivate(set) var overrides: SmallMap<Double>

    /// A result in a period's table: not yet known, a number, or an outcome
    /// without a number (kept in `problems`).
    private struct Cell {
        var number: Double = 0
        var state: UInt8 = Cell.unknown
        static let unknown: UInt8 = 0
        static let known: UInt8 = 1
        static let problem: UInt8 = 2
    }

    private struct Table {
        var period: Period
        var packed: UInt32
        var cells: [Cell]
        /// Whether values are recorded at a finer grain inside the period.
        var finer: Bool
        /// The periods one grain finer that make it up, and their tables once looked up.
        var children: [Period]
        var childTables: [Int]?
        /// The tables of the windows an offset reads from this period, once looked up.
        var windows: [(months: Int32, tables: [Int]?)] = []
    }

    /// A metric in a table: what the evaluator's own work lists hold.
    private struct Slot {
        var metric: Int32
        var table: Int32
    }

    @exclusivity(unchecked) private var tables: [Table] = []
    /// The period of each table, packed, and where to find each table.
    @exclusivity(unchecked) private var tablePeriods: [UInt32] = []
    @exclusivity(unchecked) private var tableIndex: [UInt32: Int] = [:]
    @exclusivity(unchecked) private var problems: [Key: Outcome] = [:]
    /// The periods holding recorded values when the tables were filled.
    private var valuePeriods: Set<Period>
    /// The first month of the earliest period with a recorded value: a
    /// formula that reads earlier periods has no value before it.
    private var floorMonth: Int?
    /// The month after the last period with a recorded value: where a change
    /// "from" a period runs to.
    public var endMonth: Int? { base?.endMonth ?? valuePeriods.lazy.map { $0.firstMonth + $0.grain.months }.max() }
    /// The period last looked up, and its table: most lookups in a row are
    /// for one period.
    @exclusivity(unchecked) private var lastPeriod = UInt32.max
    @exclusivity(unchecked) private var lastTable = 0
    /// Room for `value`'s work lists, kept between calls.
    @exclusivity(unchecked) private var spareStack: [Key] = []
    @exclusivity(unchecked) private var spareSlots: [Slot] = []

    /// For an evaluator made by `init(reusing:...)`: the evaluator whose
    /// results hold for every metric and period the overrides cannot reach.
    let base: Evaluator?
    /// Metrics the overrides may move, in every period.
    private let staleMetrics: MetricSet
    /// Periods that roll up an overridden one, for every metric.
    private let stalePeriods: Set<Period>
    /// Results for what is stale, few enough to keep in a dictionary, so a
    /// what-if costs what it touches and not the size of the workspace.
    @exclusivity(unchecked) private var overlay = SmallMap<Outcome>()

    private typealias Key = ValueKey

    /// Makes an evaluator; `overrides` fixes metrics to values in periods, as a what-if does.
    /// `plan` is the workspace's compiled formulas, when already at hand.
    public init(
        _ workspace: Workspace, overrides: [(MetricID, Period, Double)] = [], plan: EvaluationPlan? = nil,
        layer: ValueLayer = .actual
    ) {
        self.layer = layer
        let (values, periods) = workspace.layered(layer)
        self.workspace = workspace
        self.recorded = values
        self.plan = plan.flatMap { $0.version == workspace.structureVersion ? $0 : nil } ?? EvaluationPlan(workspace)
        var map = SmallMap<Double>()
        for (metric, period, value) in overrides { map[Key(metric, period)] = value }
        self.overrides = map
        self.valuePeriods = periods
        self.floorMonth = valuePeriods.lazy.map(\.firstMonth).min()
        self.base = nil
        self.staleMetrics = MetricSet()
        self.stalePeriods = []
    }

    /// Makes an evaluator that starts from another's results, forgetting those
    /// of `stale` metrics: the cheap way to evaluate a what-if.
    ///
    /// `stale` must hold every metric whose formulas read, directly or not, an
    /// overridden metric. The base is asked for everything else, and keeps what
    /// it works out for the next evaluator that reuses it.
    public init(reusing base: Evaluator, overrides: [(MetricID, Period, Double)], stale: [MetricID]) {
        let root = base.base ?? base
        self.layer = base.layer
        self.workspace = base.workspace
        self.recorded = base.recorded
        self.plan = base.plan
        var map = base.overrides
        for (metric, period, value) in overrides { map[Key(metric, period)] = value }
        self.overrides = map
        self.valuePeriods = []
        self.floorMonth = root.floorMonth
        self.base = root
        var metrics = base.staleMetrics
        for id in stale { metrics.insert(id, slots: base.plan.count) }
        for (id, _, _) in overrides { metrics.insert(id, slots: base.plan.count) }
        self.staleMetrics = metrics
        // Coarser periods may roll up what changed; recompute them whole.
        var periods = base.stalePeriods
        for (_, period, _) in overrides { periods.formUnion(period.ancestors) }
        self.stalePeriods = periods
        if base !== root {
            for (key, outcome) in base.overlay.entries
            where map[key] == nil && (metrics.contains(key.metric) || periods.contains(key.period)) {
                overlay[key] = outcome
            }
        }
    }

    /// The overrides that set `id` to `value` in `period` as a what-if means
    /// it: where the period's value is made of finer periods (a quarter of
    /// months), each of those is moved in proportion, as the value is spread
    /// over them today, down to the finest, so that every metric made of
    /// them follows and "before" and "after" are worked out the same way.
    /// Where today's parts add up to zero they share the value evenly.
    public func spread(_ id: MetricID, in period: Period, to value: Double) -> [(MetricID, Period, Double)] {
        var result = [(id, period, value)]
        spreadDown(id, period, value, into: &result)
        return result
    }

    /// Whether a what-if that sets `id` in `period` moves its finer periods:
    /// no value is recorded there and every finer part has a number today.
    func isSpread(_ id: MetricID, in period: Period) -> Bool {
        recordedValue(id, period) == nil && hasFinerData(period)
            && childrenOf(period).allSatisfy { value(id, in: $0).number != nil }
    }

    private func spreadDown(_ id: MetricID, _ period: Period, _ target: Double, into result: inout [(MetricID, Period, Double)]) {
        guard isSpread(id, in: period) else { return }
        let children = childrenOf(period)
        let parts = children.map { value(id, in: $0).number! }
        let aggregation = aggregation(of: id)
        let today =
            switch aggregation {
            case .sum: parts.reduce(0, +)
            case .average: parts.reduce(0, +) / Double(parts.count)
            case .last: parts[parts.count - 1]
            case .first: parts[0]
            }
        for (child, part) in zip(children, parts) {
            let moved: Double
            if today != 0 {
                moved = part * (target / today)
            } else {
                moved = aggregation == .sum ? target / Double(parts.count) : target
            }
            result.append((id, child, moved))
            spreadDown(id, child, moved, into: &result)
        }
    }

    /// Gives an overridden metric another value, forgetting what followed
    /// from the last one: the next point of a solve, without a new evaluator.
    /// The metric must be among this evaluator's own overrides for `period`.
    public func move(_ metric: MetricID, in period: Period, to value: Double) {
        let key = Key(metric, period)
        precondition(base != nil && overrides[key] != nil, "move applies to an overridden metric of a derived evaluator")
        overrides[key] = value
        overlay.removeAll()
    }

    /// Lets go of the workspace until the next `catchUp`, keeping its
    /// versions: a session's evaluator kept between commands then holds no
    /// copy that the session's next change would have to duplicate.
    public func detach() {
        // Once only: detached again, it would keep the versions of the empty workspace.
        guard base == nil, overrides.isEmpty, detachedVersions == nil else { return }
        detachedVersions = (workspace.structureVersion, workspace.valueVersion)
        workspace = Workspace()
    }

    private var detachedVersions: (structure: Int, values: Int)?

    /// Brings a session's evaluator up to date with a later state of its
    /// workspace: forgets the results that changed values can reach (the
    /// metrics downstream of them, in their period and the coarser ones that
    /// roll it up). False when it cannot, because the structure changed or
    /// too many values did; then make a new evaluator.
    public func catchUp(with newer: Workspace) -> Bool {
        guard base == nil, overrides.isEmpty, newer.structureVersion == plan.version else { return false }
        let version = detachedVersions?.values ?? workspace.valueVersion
        detachedVersions = nil
        if newer.valueVersion == version {
            workspace = newer
            return true
        }
        guard let changes = newer.valueChanges(since: version) else { return false }
        workspace = newer
        let periods = newer.layered(layer).periods
        if periods != valuePeriods {
            // Which periods roll up finer values has changed: start afresh.
            valuePeriods = periods
            floorMonth = periods.lazy.map(\.firstMonth).min()
            tables = []
            tablePeriods = []
            tableIndex = [:]
            problems = [:]
            lastPeriod = .max
            return true
        }
        for (metric, period) in changes {
            let cone = plan.cone(of: metric.index)
            // The periods of the change's year (it rolls up into the longer
            // ones, is carried down into the shorter ones, and a value inside
            // a longer one stops that one being spread over its other parts)
            // and, where formulas read earlier periods, every later one.
            let start = period.year * 12
            let end = start + 12
            for t in tables.indices {
                let p = tables[t].period
                let first = p.firstMonth
                guard first < end || plan.hasTime, first + p.grain.months > start else { continue }
                for m in cone {
                    tables[t].cells[Int(m)].state = Cell.unknown
                    if !problems.isEmpty { problems[Key(MetricID(m), p)] = nil }
                }
            }
        }
        return true
    }

    /// Whether a result may differ from the base evaluator's.
    private func isStale(_ key: Key) -> Bool {
        base != nil && (staleMetrics.contains(key.metric) || (!stalePeriods.isEmpty && stalePeriods.contains(key.period)))
    }

    /// A result already worked out (or, for what is not stale, the base's).
    private func known(_ key: Key) -> Outcome? {
        guard let base else { return known(key.metric.index, tableNumber(for: key.period)) }
        if isStale(key) { return overlay[key] }
        return base.value(key.metric, in: key.period)
    }

    private func store(_ key: Key, _ outcome: Outcome) {
        if base != nil {
            overlay[key] = outcome
            return
        }
        store(key.metric.index, tableNumber(for: key.period), outcome)
    }

    // MARK: The evaluator's own tables

    /// The outcome in a table, if worked out.
    private func known(_ m: Int, _ t: Int) -> Outcome? {
        let cell = tables[t].cells[m]
        switch cell.state {
        case Cell.unknown: return nil
        case Cell.known: return .known(cell.number)
        default: return problems[Key(MetricID(Int32(m)), tables[t].period)]
        }
    }

    private func store(_ m: Int, _ t: Int, _ outcome: Outcome) {
        if case .known(let number) = outcome {
            tables[t].cells[m] = Cell(number: number, state: Cell.known)
        } else {
            tables[t].cells[m].state = Cell.problem
            problems[Key(MetricID(Int32(m)), tables[t].period)] = outcome
        }
    }

    /// The value of the metric in slot `m` in table `t`: what `value` is for
    /// an evaluator of its own, on slots and tables and not on periods.
    private func value(_ m: Int, _ t: Int) -> Outcome {
        if let known = known(m, t) { return known }
        var stack = spareSlots
        spareSlots = []
        defer { spareSlots = stack }
        stack.removeAll(keepingCapacity: true)
        stack.append(Slot(metric: Int32(m), table: Int32(t)))
        while let top = stack.last {
            let (m, t) = (Int(top.metric), Int(top.table))
            if tables[t].cells[m].state != Cell.unknown {
                stack.removeLast()
                continue
            }
            if let outcome = step(m, t, needs: &stack) {
                store(m, t, outcome)
                stack.removeLast()
            }
        }
        return known(m, t)!
    }

    /// The tables of a table's finer periods.
    private func childTables(_ t: Int) -> [Int] {
        if let known = tables[t].childTables { return known }
        let found = tables[t].children.map { tableNumber(for: $0) }
        tables[t].childTables = found
        return found
    }

    /// The tables of the window that a read `months` earlier covers from
    /// table `t`'s period; nil when it reaches before the calendar.
    private func windowTables(_ t: Int, _ months: Int32) -> [Int]? {
        for window in tables[t].windows where window.months == months { return window.tables }
        let found = Evaluator.window(of: tables[t].period, back: Int(months))?.map { tableNumber(for: $0) }
        tables[t].windows.append((months, found))
        return found
    }

    /// The periods a read `months` earlier covers from `period`: one period
    /// of the same grain when the offset is a whole number of them, else the
    /// shorter periods that tile the shifted span (a quarter a month back is
    /// three months). Nil when the span starts before the calendar.
    static func window(of period: Period, back months: Int) -> [Period]? {
        let grain = Period.Grain.allCases.reversed().first { $0 <= period.grain && months % $0.months == 0 } ?? .month
        let start = period.firstMonth - months
        var result: [Period] = []
        result.reserveCapacity(period.grain.months / grain.months)
        for month in stride(from: start, to: start + period.grain.months, by: grain.months) {
            guard month >= 0, let part = Period(grain: grain, year: month / 12, index: month % 12 / grain.months + 1)
            else { return nil }
            result.append(part)
        }
        return result
    }

    /// Whether a formula metric's value in a period is its finer periods'
    /// results combined, not its formula there: for a metric that adds up
    /// (or takes the last or first), when finer values are recorded inside
    /// the period, or when an offset on its way is not a whole number of
    /// such periods.
    func combinesChildren(_ m: Int, _ period: Period, finer: Bool) -> Bool {
        period.grain != .month && plan.aggregations[m] != .average && (finer || period.grain > plan.aligned[m])
    }

    /// Whether a period ends before the first recorded value: what reads
    /// earlier periods has nothing to start from there.
    func isBeforeFloor(_ period: Period) -> Bool {
        guard let floorMonth else { return true }
        return period.firstMonth + period.grain.months <= floorMonth
    }

    /// `step`, for the evaluator's own tables: the same rules, in the same order.
    private func step(_ m: Int, _ t: Int, needs: inout [Slot]) -> Outcome? {
        let already = needs.count
        let period = tables[t].period
        let id = MetricID(Int32(m))
        if !overrides.isEmpty, let value = overrides[Key(id, period)] { return .known(value) }
        if m < recorded.count, let value = recorded[m][packed: tables[t].packed] { return .known(value) }
        let aggregation = plan.aggregations[m]
        guard plan.hasFormula(m) else { return leaf(id, aggregation, period) }
        if combinesChildren(m, period, finer: tables[t].finer) {
            let children = childTables(t)
            var sum = 0.0
            var parts = 0
            for c in children {
                let cell = tables[c].cells[m]
                switch cell.state {
                case Cell.unknown: needs.append(Slot(metric: Int32(m), table: Int32(c)))
                case Cell.known:
                    sum += cell.number
                    parts += 1
                default: break
                }
            }
            if needs.count > already { return nil }
            if parts == children.count {
                switch aggregation {
                case .last: return .known(tables[children[children.count - 1]].cells[m].number)
                case .first: return .known(tables[children[0]].cells[m].number)
                default: return finite(sum, id, period)
                }
            }
        }
        for k in Int(plan.inputStart[m])..<Int(plan.inputStart[m + 1]) {
            let input = plan.inputs[k]
            if tables[t].cells[Int(input)].state == Cell.unknown { needs.append(Slot(metric: input, table: Int32(t))) }
        }
        let shifts = Int(plan.shiftStart[m])..<Int(plan.shiftStart[m + 1])
        if !shifts.isEmpty {
            if isBeforeFloor(period) { return .missing(id, period) }
            for k in shifts {
                let shift = plan.shifts[k]
                for w in windowTables(t, shift.months) ?? [] where tables[w].cells[Int(shift.metric)].state == Cell.unknown {
                    needs.append(Slot(metric: shift.metric, table: Int32(w)))
                }
            }
        }
        if needs.count > already { return nil }
        return run(id, in: period) ?? evaluate(plan.formulas[m]!, of: id, in: period)
    }

    /// The value of a metric in a period.
    public func value(_ id: MetricID, in period: Period) -> Outcome {
        if base == nil { return value(id.index, tableNumber(for: period)) }
        let root = Key(id, period)
        if let known = known(root) { return known }
        // Taken, not shared: a nested call would find it empty and make its own.
        var stack = spareStack
        spareStack = []
        defer { spareStack = stack }
        stack.removeAll(keepingCapacity: true)
        stack.append(root)
        while let top = stack.last {
            if known(top) != nil {
                stack.removeLast()
                continue
            }
            // A step either gives the outcome or pushes what it still needs.
            if let outcome = step(top, needs: &stack) {
                store(top, outcome)
                stack.removeLast()
            }
        }
        return known(root)!
    }

    /// Where the value of a metric in a period comes from, when it is known.
    public func source(_ id: MetricID, in period: Period) -> ValueSource? {
        if overrides[Key(id, period)] != nil { return .assumed }
        if recordedValue(id, period) != nil {
            switch layer {
            case .actual: return .recorded
            case .plan: return .planned
            case .forecast: return workspace.value(of: id, in: period) != nil ? .recorded : .planned
            }
        }
        guard value(id, in: period).number != nil else { return nil }
        guard plan.hasFormula(id.index) else { return carriedFrom(id, period) == nil ? .rolledUp : .carried }
        return addsUpFinerPeriods(id, period) ? .rolledUp : .computed
    }

    /// How the metric's values roll up.
    public func aggregation(of id: MetricID) -> Aggregation { plan.aggregations[id.index] }

    /// Whether a formula metric's value in `period` is made of its values in
    /// the finer periods (summed, or the last or first one) rather than its formula.
    public func addsUpFinerPeriods(_ id: MetricID, _ period: Period) -> Bool {
        guard combinesChildren(id.index, period, finer: hasFinerData(period)) else { return false }
        return period.children.allSatisfy { value(id, in: $0).number != nil }
    }

    /// What the metric's formula gives in a period, even when an actual is
    /// recorded: the number to show beside the actual.
    public func computed(_ id: MetricID, in period: Period) -> Outcome? {
        plan.formulas[id.index].map { value(of: $0, for: id, in: period) }
    }

    /// What a formula (a metric's, or a part of one) gives in a period, its
    /// failures charged to `id`: a profile's total, an offset's window.
    public func value(of formula: Formula, for id: MetricID, in period: Period) -> Outcome {
        for read in formula.timedReads {
            if read.months == 0 {
                _ = value(read.metric, in: period)
            } else if !isBeforeFloor(period) {
                for p in Evaluator.window(of: period, back: read.months) ?? [] { _ = value(read.metric, in: p) }
            }
        }
        if formula.readsEarlierPeriods, isBeforeFloor(period) { return .missing(id, period) }
        return evaluate(formula, of: id, in: period)
    }

    private func tableNumber(for period: Period) -> Int {
        let packed = period.packed
        if packed == lastPeriod { return lastTable }
        let table: Int
        if let i = tableIndex[packed] {
            table = i
        } else {
            let finer =
                period.grain != .month && valuePeriods.contains { $0.grain < period.grain && period.contains($0) }
            tables.append(
                Table(
                    period: period, packed: packed, cells: Array(repeating: Cell(), count: plan.count), finer: finer,
                    children: period.children))
            tablePeriods.append(packed)
            table = tables.count - 1
            tableIndex[packed] = table
        }
        lastPeriod = packed
        lastTable = table
        return table
    }

    /// One step of the evaluation of `key`: its outcome, or nil with the
    /// prerequisites still to evaluate appended to `needs`.
    private func step(_ key: Key, needs: inout [Key]) -> Outcome? {
        let already = needs.count
        let id = key.metric
        let period = key.period
        if !overrides.isEmpty, let value = overrides[key] { return .known(value) }
        if let value = recordedValue(id, period) { return .known(value) }
        let aggregation = aggregation(of: id)
        guard plan.hasFormula(id.index) else {
            return leaf(id, aggregation, period)
        }
        if combinesChildren(id.index, period, finer: hasFinerData(period)) {
            let children = childrenOf(period)
            var parts: [Double] = []
            for child in children {
                if let outcome = known(Key(id, child)) {
                    if let number = outcome.number { parts.append(number) }
                } else {
                    needs.append(Key(id, child))
                }
            }
            if needs.count > already { return nil }
            if parts.count == children.count { return combine(parts, aggregation, id, period) }
        }
        let m = id.index
        for k in Int(plan.inputStart[m])..<Int(plan.inputStart[m + 1]) {
            let input = Key(MetricID(plan.inputs[k]), period)
            if known(input) == nil { needs.append(input) }
        }
        let shifts = Int(plan.shiftStart[m])..<Int(plan.shiftStart[m + 1])
        if !shifts.isEmpty {
            if isBeforeFloor(period) { return .missing(id, period) }
            for k in shifts {
                let shift = plan.shifts[k]
                for p in Evaluator.window(of: period, back: Int(shift.months)) ?? [] {
                    let input = Key(MetricID(shift.metric), p)
                    if known(input) == nil { needs.append(input) }
                }
            }
        }
        if needs.count > already { return nil }
        return run(id, in: period) ?? evaluate(plan.formulas[id.index]!, of: id, in: period)
    }

    /// Parts of a period (its finer periods, or an offset's window) made
    /// into one value by an aggregation.
    private func combine(_ parts: [Double], _ aggregation: Aggregation, _ id: MetricID, _ period: Period) -> Outcome {
        switch aggregation {
        case .sum: return finite(parts.reduce(0, +), id, period)
        case .average: return finite(parts.reduce(0, +) / Double(parts.count), id, period)
        case .last: return .known(parts[parts.count - 1])
        case .first: return .known(parts[0])
        }
    }

    /// Runs a metric's compiled formula on its inputs' numbers; nil when an
    /// input has no number or an operation fails (a division by zero, a
    /// result too large), which `evaluate` then explains.
    private func run(_ id: MetricID, in period: Period) -> Outcome? {
        let code = Int(plan.codeStart[id.index])..<Int(plan.codeStart[id.index + 1])
        let result: Double?
        if base == nil {
            let table = tableNumber(for: period)
            result = plan.execute(code) { slot in
                let cell = tables[table].cells[Int(slot)]
                return cell.state == Cell.known ? cell.number : nil
            } readEarlier: { slot, months in
                // Rolled up as `combine` does, without a list of the parts.
                guard let window = windowTables(table, months) else { return nil }
                var sum = 0.0
                for w in window {
                    let cell = tables[w].cells[Int(slot)]
                    guard cell.state == Cell.known else { return nil }
                    sum += cell.number
                }
                switch plan.aggregations[Int(slot)] {
                case .sum: return sum.isFinite ? sum : nil
                case .average: return (sum / Double(window.count)).isFinite ? sum / Double(window.count) : nil
                case .last: return tables[window[window.count - 1]].cells[Int(slot)].number
                case .first: return tables[window[0]].cells[Int(slot)].number
                }
            }
        } else {
            result = plan.execute(code) { slot in known(Key(MetricID(slot), period))?.number } readEarlier: {
                slot, months in windowValue(MetricID(slot), back: Int(months), from: period).number
            }
        }
        return result.map { .known($0) }
    }

    /// The value of a metric over the window a read `months` back covers
    /// from `period`, its parts already worked out: rolled up by the
    /// metric's aggregation, or the first part that has no number.
    private func windowValue(_ id: MetricID, back months: Int, from period: Period) -> Outcome {
        guard let window = Evaluator.window(of: period, back: months) else { return .missing(id, period) }
        var parts: [Double] = []
        for p in window {
            let outcome = known(Key(id, p)) ?? .missing(id, p)
            guard let number = outcome.number else { return outcome }
            parts.append(number)
        }
        return combine(parts, aggregation(of: id), id, window[0])
    }

    /// The value of a metric read `months` earlier from `period`: over the
    /// window of periods that covers, rolled up by its aggregation
    /// (`mqls[-1m]` in 2026-Q3 is mqls over 2026-06 .. 2026-08).
    public func value(_ id: MetricID, back months: Int, from period: Period) -> Outcome {
        guard months > 0 else { return value(id, in: period) }
        guard let window = Evaluator.window(of: period, back: months) else { return .missing(id, period) }
        for p in window { _ = value(id, in: p) }
        return windowValue(id, back: months, from: period)
    }

    /// The value recorded for a metric in a period, if any.
    func recordedValue(_ id: MetricID, _ period: Period) -> Double? {
        id.index < recorded.count ? recorded[id.index][period] : nil
    }

    private func finite(_ value: Double, _ id: MetricID, _ period: Period) -> Outcome {
        value.isFinite ? .known(value) : .failed(.overflow(metric: id, period: period))
    }

    /// `period.children`, worked out once per period.
    func childrenOf(_ period: Period) -> [Period] {
        if let base { return base.childrenOf(period) }
        return tables[tableNumber(for: period)].children
    }

    /// Whether any value is recorded at a grain finer than `period`, inside it.
    func hasFinerData(_ period: Period) -> Bool {
        guard period.grain != .month else { return false }
        if let base { return base.hasFinerData(period) }
        return tables[tableNumber(for: period)].finer
    }

    /// A leaf metric's value in a period: rolled up from values recorded
    /// inside it, or else carried down from a longer period.
    private func leaf(_ id: MetricID, _ aggregation: Aggregation, _ period: Period) -> Outcome {
        let values = id.index < recorded.count ? recorded[id.index] : RecordedValues()
        if values.isEmpty && overrides.isEmpty { return .missing(id, period) }
        if hasFinerData(period) {
            let outcome = rollUp(id, values, aggregation, period)
            if outcome != .missing(id, period) { return outcome }
        }
        return carried(id, values, aggregation, period)
    }

    private func rollUp(_ id: MetricID, _ values: RecordedValues, _ aggregation: Aggregation, _ period: Period)
        -> Outcome
    {
        // A value set by a what-if wins over the one recorded, as in `step`.
        if !overrides.isEmpty, let value = overrides[Key(id, period)] { return .known(value) }
        if let value = values[period] { return .known(value) }
        let children = period.children
        if children.isEmpty { return .missing(id, period) }
        var parts: [Double] = []
        var outcomes: [Outcome] = []
        var firstMissing: Outcome?
        var wholeChildrenMissing = 0
        for child in children {
            var outcome = rollUp(id, values, aggregation, child)
            if outcome == .missing(id, child) {
                wholeChildrenMissing += 1
                outcome = carried(id, values, aggregation, child)
            }
            outcomes.append(outcome)
            if let number = outcome.number { parts.append(number) } else if firstMissing == nil { firstMissing = outcome }
        }
        // Nothing at all inside the period: say so of the period, not of its first month.
        if wholeChildrenMissing == children.count { return .missing(id, period) }
        switch aggregation {
        case .sum:
            if let firstMissing { return firstMissing }
            return finite(parts.reduce(0, +), id, period)
        case .average:
            if parts.isEmpty { return firstMissing ?? .missing(id, period) }
            return finite(parts.reduce(0, +) / Double(parts.count), id, period)
        case .last: return outcomes[outcomes.count - 1]
        case .first: return outcomes[0]
        }
    }

    /// A leaf's value in a period inside which nothing is recorded, from the
    /// nearest longer period that holds one: a rate or an average holds in
    /// each part; a flow is spread evenly, unless some of it is recorded at
    /// a finer grain (then the rest is not known); a balance is known only
    /// at the part that ends (`last`) or starts (`first`) the longer period.
    private func carried(_ id: MetricID, _ values: RecordedValues, _ aggregation: Aggregation, _ period: Period)
        -> Outcome
    {
        guard let (from, value) = carrier(id, values, period) else { return .missing(id, period) }
        switch aggregation {
        case .average:
            return .known(value)
        case .sum:
            guard !values.hasValue(inside: from) else { return .missing(id, period) }
            return .known(value * Double(period.grain.months) / Double(from.grain.months))
        case .last:
            let end = period.firstMonth + period.grain.months
            return end == from.firstMonth + from.grain.months ? .known(value) : .missing(id, period)
        case .first:
            return period.firstMonth == from.firstMonth ? .known(value) : .missing(id, period)
        }
    }

    /// The nearest longer period holding a value (set or recorded) of the metric.
    private func carrier(_ id: MetricID, _ values: RecordedValues, _ period: Period) -> (Period, Double)? {
        // The longer periods holding this one, nearest first, made one by one.
        for grain in Period.Grain.allCases where grain > period.grain {
            guard let ancestor = Period(grain: grain, year: period.year, index: (period.firstMonth - period.year * 12) / grain.months + 1)
            else { continue }
            if !overrides.isEmpty, let value = overrides[Key(id, ancestor)] { return (ancestor, value) }
            if let value = values[ancestor] { return (ancestor, value) }
        }
        return nil
    }

    /// The longer period a leaf's value in `period` is carried down from,
    /// when it is: nothing is recorded in the period or inside it.
    public func carriedFrom(_ id: MetricID, _ period: Period) -> Period? {
        guard !plan.hasFormula(id.index), recordedValue(id, period) == nil, overrides[Key(id, period)] == nil else {
            return nil
        }
        let values = id.index < recorded.count ? recorded[id.index] : RecordedValues()
        if hasFinerData(period), values.hasValue(inside: period) { return nil }
        return carrier(id, values, period)?.0
    }

    /// Evaluates a formula whose inputs are all known: the general path, which
    /// says which operand is missing and where a computation fails.
    private func evaluate(_ formula: Formula, of id: MetricID, in period: Period) -> Outcome {
        switch formula {
        case .number(let value):
            return .known(value)
        case .metric(let input):
            return known(Key(input, period))!
        case .shifted(let input, let offset):
            return windowValue(input, back: offset.months, from: period)
        case .profile:
            return evaluate(formula.expanded, of: id, in: period)
        case .negate(let operand):
            let inner = evaluate(operand, of: id, in: period)
            guard let value = inner.number else { return inner }
            return .known(-value)
        case .binary(let op, let lhs, let rhs):
            let left = evaluate(lhs, of: id, in: period)
            guard let a = left.number else { return left }
            let right = evaluate(rhs, of: id, in: period)
            guard let b = right.number else { return right }
            let result: Double
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide:
                if b == 0 { return .failed(.divisionByZero(metric: id, divisor: rhs, period: period)) }
                result = a / b
            }
            return finite(result, id, period)
        }
    }
}
