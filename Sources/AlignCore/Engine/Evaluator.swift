/// Computes metric values per period from recorded values and formulas.
///
/// Rules, in order: a value set by a what-if wins; then a recorded value (an
/// actual); then, for a metric without a formula, the values recorded at a
/// finer grain, rolled up by the metric's aggregation (`Workspace.aggregation(of:)`;
/// not known where a part is not, an average as a sum), or where nothing is recorded inside the period, the value of the nearest
/// longer period that has one: a rate or an average holds in each of its
/// months, a flow is spread evenly over them, a balance (`last`, `first`)
/// is its last (first) month's; for a metric with a formula whose
/// aggregation is `sum`, `last` or `first`, and whose period holds finer
/// values or whose offsets are not whole periods (`mqls[-1m]` in a quarter),
/// the finer periods' results added up (or the last one, or the first; not
/// known where one of them is not), so
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
        didSet {
            // The values are made again only when they changed (a layer other
            // than the actuals merges two sets of them).
            // Let go of while detached, a merged layer keeps its values: made
            // again on every command, they would cost a merge each time.
            if detachedVersions != nil, layer != .actual { return }
            let versions = (workspace.structureVersion, workspace.valueVersion)
            guard layer == .actual || versions != recordedVersions else { return }
            recordedVersions = versions
            (recorded, recordedPeriods) = workspace.layered(layer)
        }
    }
    /// The versions of the workspace `recorded` was made from, and the
    /// periods that hold its values.
    private var recordedVersions = (0, 0)
    private var recordedPeriods = Set<Period>()
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
    ///
    /// Eight bytes: a number, or one of two NaNs of our own for the
    /// other states (arithmetic never makes them). Half the size of a
    /// number beside a flag, which a large workspace's tables feel: a
    /// variance or a fill walks millions of cells.
    struct Cell {
        private var bits: UInt64 = Cell.unknownBits
        private static let unknownBits: UInt64 = 0x7FF8_A119_0000_0001
        private static let problemBits: UInt64 = 0x7FF8_A119_0000_0002
        static let unknown: UInt8 = 0
        static let known: UInt8 = 1
        static let problem: UInt8 = 2

        init() {}

        init(number: Double, state: UInt8) {
            bits = number.bitPattern
            self.state = state
        }

        /// The number, when `state` is `known`.
        var number: Double { Double(bitPattern: bits) }

        var state: UInt8 {
            get {
                switch bits {
                case Cell.unknownBits: Cell.unknown
                case Cell.problemBits: Cell.problem
                default: Cell.known
                }
            }
            set {
                switch newValue {
                case Cell.unknown: bits = Cell.unknownBits
                case Cell.problem: bits = Cell.problemBits
                default: break
                }
            }
        }
    }

    struct Table {
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
    struct Slot {
        var metric: Int32
        var table: Int32
    }

    @exclusivity(unchecked) var tables: [Table] = []
    /// The period of each table, packed, and where to find each table.
    @exclusivity(unchecked) var tablePeriods: [UInt32] = []
    @exclusivity(unchecked) var tableIndex: [UInt32: Int] = [:]
    @exclusivity(unchecked) var problems: [Key: Outcome] = [:]
    /// The periods holding recorded values when the tables were filled.
    var valuePeriods: Set<Period>
    /// The first month of the earliest period with a recorded value: a
    /// formula that reads earlier periods has no value before it.
    var floorMonth: Int?
    /// The month after the last period with a recorded value: where a change
    /// "from" a period runs to.
    public var endMonth: Int? { base?.endMonth ?? valuePeriods.lazy.map { $0.firstMonth + $0.grain.months }.max() }
    /// The period last looked up, and its table: most lookups in a row are
    /// for one period.
    @exclusivity(unchecked) var lastPeriod = UInt32.max
    @exclusivity(unchecked) var lastTable = 0
    /// Room for `value`'s work lists, kept between calls.
    @exclusivity(unchecked) var spareStack: [Key] = []
    @exclusivity(unchecked) var spareSlots: [Slot] = []

    /// For an evaluator made by `init(reusing:...)`: the evaluator whose
    /// results hold for every metric and period the overrides cannot reach.
    let base: Evaluator?
    /// Metrics the overrides may move, in every period.
    private let staleMetrics: MetricSet
    /// Periods that roll up an overridden one, for every metric.
    private let stalePeriods: Set<Period>
    /// Results for what is stale, few enough to keep in a dictionary, so a
    /// what-if costs what it touches and not the size of the workspace.
    @exclusivity(unchecked) var overlay = SmallMap<Outcome>()

    typealias Key = ValueKey

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
        self.recordedVersions = (workspace.structureVersion, workspace.valueVersion)
        self.recordedPeriods = periods
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
        let periods = recordedPeriods
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
    func isStale(_ key: Key) -> Bool {
        base != nil && (staleMetrics.contains(key.metric) || (!stalePeriods.isEmpty && stalePeriods.contains(key.period)))
    }

    /// A result already worked out (or, for what is not stale, the base's).
    func known(_ key: Key) -> Outcome? {
        guard let base else { return known(key.metric.index, tableNumber(for: key.period)) }
        if isStale(key) { return overlay[key] }
        return base.value(key.metric, in: key.period)
    }

    func store(_ key: Key, _ outcome: Outcome) {
        if base != nil {
            overlay[key] = outcome
            return
        }
        store(key.metric.index, tableNumber(for: key.period), outcome)
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
        combinesChildren(id.index, period, finer: hasFinerData(period))
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

    /// One step of the evaluation of `key`: its outcome, or nil with the
    /// prerequisites still to evaluate appended to `needs`.
    func step(_ key: Key, needs: inout [Key]) -> Outcome? {
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
            var unknown: Outcome?
            for child in children {
                if let outcome = known(Key(id, child)) {
                    if let number = outcome.number { parts.append(number) } else if unknown == nil { unknown = outcome }
                } else {
                    needs.append(Key(id, child))
                }
            }
            if needs.count > already { return nil }
            // A part not known leaves the whole unknown: the formula on the
            // longer period's inputs would average a rate over the parts that
            // are known, and make a total up.
            if let unknown { return unknown }
            return combine(parts, aggregation, id, period)
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
    public func combine(_ parts: [Double], _ aggregation: Aggregation, _ id: MetricID, _ period: Period) -> Outcome {
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
    func run(_ id: MetricID, in period: Period) -> Outcome? {
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
    func windowValue(_ id: MetricID, back months: Int, from period: Period) -> Outcome {
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

    func finite(_ value: Double, _ id: MetricID, _ period: Period) -> Outcome {
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

    /// Evaluates a formula whose inputs are all known: the general path, which
    /// says which operand is missing and where a computation fails.
    func evaluate(_ formula: Formula, of id: MetricID, in period: Period) -> Outcome {
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
