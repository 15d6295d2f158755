/// Computes metric values per period from recorded values and formulas.
///
/// Rules, in order: a value set by a what-if wins; then a recorded value (an
/// actual); then, for a metric without a formula, the values recorded at a
/// finer grain, rolled up by the metric's aggregation (`Workspace.aggregation(of:)`);
/// for a metric with a formula whose aggregation is `sum` (or `last`) and
/// whose period holds finer values, the finer periods' results added up (or
/// the last one), so that a quarter's revenue is the sum of the months'
/// revenues and not the product of summed and averaged inputs; otherwise the
/// formula, on the inputs' values in the same period (which is how rates are
/// recomputed for a coarser period). Results are memoised; evaluation uses an
/// explicit stack, so chains of any depth evaluate without recursion.
public final class Evaluator {
    /// The workspace evaluated.
    public let workspace: Workspace
    private let overrides: [Key: Double]
    private var tables: [[Outcome?]] = []
    private var tableIndex: [Period: Int] = [:]
    private var finerData: [Period: Bool] = [:]
    private var aggregations: [Aggregation?]
    /// The period last looked up, and its table: most lookups in a row are
    /// for one period.
    private var lastPeriod: Period?
    private var lastTable = 0
    /// For an evaluator made by `init(reusing:...)`: the evaluator whose
    /// results hold for every metric and period the overrides cannot reach.
    private let base: Evaluator?
    /// Metrics the overrides may move, in every period.
    private let staleMetrics: Set<MetricID>
    /// Periods that roll up an overridden one, for every metric.
    private let stalePeriods: Set<Period>
    /// Results for what is stale, few enough to keep in a dictionary, so a
    /// what-if costs what it touches and not the size of the workspace.
    private var overlay: [Key: Outcome] = [:]

    private struct Key: Hashable {
        var metric: MetricID
        var period: Period
    }

    /// Makes an evaluator; `overrides` fixes metrics to values in periods, as a what-if does.
    public init(_ workspace: Workspace, overrides: [(MetricID, Period, Double)] = []) {
        self.workspace = workspace
        var map: [Key: Double] = [:]
        for (metric, period, value) in overrides { map[Key(metric: metric, period: period)] = value }
        self.overrides = map
        self.aggregations = Array(repeating: nil, count: workspace.metrics.slots.count)
        self.base = nil
        self.staleMetrics = []
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
        self.workspace = base.workspace
        var map = base.overrides
        for (metric, period, value) in overrides { map[Key(metric: metric, period: period)] = value }
        self.overrides = map
        self.aggregations = []
        self.base = root
        var metrics = base.staleMetrics
        metrics.formUnion(stale)
        metrics.formUnion(overrides.map(\.0))
        self.staleMetrics = metrics
        // Coarser periods may roll up what changed; recompute them whole.
        var periods = base.stalePeriods
        for (_, period, _) in overrides { periods.formUnion(period.ancestors) }
        self.stalePeriods = periods
        if base !== root { self.overlay = base.overlay.filter { metrics.contains($0.key.metric) || periods.contains($0.key.period) } }
        for key in overlay.keys where map[key] != nil { overlay[key] = nil }
    }

    /// Whether a result may differ from the base evaluator's.
    private func isStale(_ key: Key) -> Bool {
        base != nil && (staleMetrics.contains(key.metric) || stalePeriods.contains(key.period))
    }

    /// A result already worked out (or, for what is not stale, the base's).
    private func known(_ key: Key) -> Outcome? {
        guard let base else { return tables[tableNumber(for: key.period)][key.metric.index] }
        if isStale(key) { return overlay[key] }
        return base.value(key.metric, in: key.period)
    }

    private func store(_ key: Key, _ outcome: Outcome) {
        if base != nil {
            overlay[key] = outcome
        } else {
            tables[tableNumber(for: key.period)][key.metric.index] = outcome
        }
    }

    /// The value of a metric in a period.
    public func value(_ id: MetricID, in period: Period) -> Outcome {
        let root = Key(metric: id, period: period)
        if let known = known(root) { return known }
        var stack: [Key] = [root]
        var needs: [Key] = []
        while let top = stack.last {
            if known(top) != nil {
                stack.removeLast()
                continue
            }
            needs.removeAll(keepingCapacity: true)
            if let outcome = step(top, needs: &needs) {
                store(top, outcome)
                stack.removeLast()
            } else {
                stack.append(contentsOf: needs)
            }
        }
        return known(root)!
    }

    /// Where the value of a metric in a period comes from, when it is known.
    public func source(_ id: MetricID, in period: Period) -> ValueSource? {
        if overrides[Key(metric: id, period: period)] != nil { return .assumed }
        if workspace.value(of: id, in: period) != nil { return .recorded }
        guard value(id, in: period).number != nil else { return nil }
        guard workspace.metrics[id].formula != nil else { return .rolledUp }
        return addsUpFinerPeriods(id, period) ? .rolledUp : .computed
    }

    /// How the metric's values roll up, computed once per evaluator.
    public func aggregation(of id: MetricID) -> Aggregation {
        if let base { return base.aggregation(of: id) }
        if let known = aggregations[id.index] { return known }
        let computed = workspace.aggregation(of: id)
        aggregations[id.index] = computed
        return computed
    }

    /// Whether a formula metric's value in `period` is made of its values in
    /// the finer periods (summed, or the last one) rather than its formula.
    private func addsUpFinerPeriods(_ id: MetricID, _ period: Period) -> Bool {
        guard aggregation(of: id) != .average, hasFinerData(period) else { return false }
        return period.children.allSatisfy { value(id, in: $0).number != nil }
    }

    /// What the metric's formula gives in a period, even when an actual is
    /// recorded: the number to show beside the actual.
    public func computed(_ id: MetricID, in period: Period) -> Outcome? {
        guard let formula = workspace.metrics[id].formula else { return nil }
        for input in formula.inputs { _ = value(input, in: period) }
        return evaluate(formula, of: id, in: period)
    }

    private func tableNumber(for period: Period) -> Int {
        if period == lastPeriod { return lastTable }
        let table: Int
        if let i = tableIndex[period] {
            table = i
        } else {
            tables.append(Array(repeating: nil, count: workspace.metrics.slots.count))
            table = tables.count - 1
            tableIndex[period] = table
        }
        lastPeriod = period
        lastTable = table
        return table
    }

    /// One step of the evaluation of `key`: its outcome, or nil with the
    /// prerequisites still to evaluate in `needs`.
    private func step(_ key: Key, needs: inout [Key]) -> Outcome? {
        let id = key.metric
        let period = key.period
        if let value = overrides[key] { return .known(value) }
        if let value = workspace.value(of: id, in: period) { return .known(value) }
        let metric = workspace.metrics[id]
        let aggregation = aggregation(of: id)
        guard let formula = metric.formula else {
            return rollUp(id, aggregation, period)
        }
        if aggregation != .average, hasFinerData(period) {
            let children = period.children
            var parts: [Double] = []
            for child in children {
                if let outcome = known(Key(metric: id, period: child)) {
                    if let number = outcome.number { parts.append(number) }
                } else {
                    needs.append(Key(metric: id, period: child))
                }
            }
            if !needs.isEmpty { return nil }
            if parts.count == children.count {
                return aggregation == .sum ? finite(parts.reduce(0, +), id, period) : .known(parts.last!)
            }
        }
        for input in formula.inputs where known(Key(metric: input, period: period)) == nil {
            needs.append(Key(metric: input, period: period))
        }
        if !needs.isEmpty { return nil }
        return evaluate(formula, of: id, in: period)
    }

    private func finite(_ value: Double, _ id: MetricID, _ period: Period) -> Outcome {
        value.isFinite ? .known(value) : .failed(.overflow(metric: id, period: period))
    }

    /// Whether any value is recorded at a grain finer than `period`, inside it.
    private func hasFinerData(_ period: Period) -> Bool {
        guard period.grain != .month else { return false }
        if let base { return base.hasFinerData(period) }
        if let known = finerData[period] { return known }
        let found = workspace.valuesPerPeriod.keys.contains { $0.grain < period.grain && period.contains($0) }
        finerData[period] = found
        return found
    }

    /// A leaf metric's value in a period from values recorded at finer grains.
    private func rollUp(_ id: MetricID, _ aggregation: Aggregation, _ period: Period) -> Outcome {
        let values = workspace.values(of: id)
        if values.isEmpty || !hasFinerData(period) { return .missing(id, period) }
        return rollUp(id, values, aggregation, period)
    }

    private func rollUp(_ id: MetricID, _ values: [Period: Double], _ aggregation: Aggregation, _ period: Period)
        -> Outcome
    {
        if let value = values[period] { return .known(value) }
        if let value = overrides[Key(metric: id, period: period)] { return .known(value) }
        let children = period.children
        if children.isEmpty { return .missing(id, period) }
        var parts: [Double] = []
        var firstMissing: Outcome?
        var wholeChildrenMissing = 0
        for child in children {
            let outcome = rollUp(id, values, aggregation, child)
            if let number = outcome.number { parts.append(number) } else if firstMissing == nil { firstMissing = outcome }
            if outcome == .missing(id, child) { wholeChildrenMissing += 1 }
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
        case .last:
            let last = rollUp(id, values, aggregation, children[children.count - 1])
            return last
        }
    }

    /// Evaluates a formula whose inputs are all in the memo table.
    private func evaluate(_ formula: Formula, of id: MetricID, in period: Period) -> Outcome {
        switch formula {
        case .number(let value):
            return .known(value)
        case .metric(let input):
            return known(Key(metric: input, period: period))!
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
