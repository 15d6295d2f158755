/// How much a leaf driver moves a metric.
public struct DriverEffect: Equatable, Sendable {
    /// The leaf driver: a metric with no formula in the metric's formula cone.
    public var driver: MetricID
    /// The driver's value in the period; where `feeding` is given, over
    /// those periods, made as it rolls up.
    public var value: Outcome
    /// The metric's relative change when the driver rises by 10% (0.1 = +10%).
    public var effect: Double?
    /// The same change in the metric's unit.
    public var change: Double?
    /// Where formulas read earlier periods: the driver's periods that feed
    /// the metric, each of which the 10% rise moves (in time order).
    public var feeding: [Period]? = nil
}

/// A metric that drives the cone only through a link, which has no arithmetic.
public struct LinkDriver: Equatable, Sendable {
    /// The linked driver.
    public var driver: MetricID
    /// The link that brings it into the cone.
    public var link: LinkID
}

/// What `query drivers` finds.
public struct DriverRanking: Equatable, Sendable {
    /// Leaf drivers, the strongest first.
    public var effects: [DriverEffect]
    /// Drivers that reach the metric only through links.
    public var linked: [LinkDriver]
    /// How many leaves were ranked by their derivative alone (very wide cones).
    public var estimated: Int
}

extension Formula {
    /// The partial derivatives of the formula with respect to each metric it
    /// reads, at the values `value` gives; a metric read twice sums its parts.
    /// A read of an earlier period is a number here, as `earlier` gives it:
    /// it has no part in the derivatives, which are about the period itself.
    public func partials(_ value: @escaping (MetricID) -> Double, earlier: @escaping (MetricID, Int) -> Double = { _, _ in .nan })
        -> [MetricID: Double]
    {
        var sums = PartialSums()
        expanded.backpropagate(1, Reader(now: value, earlier: earlier), &sums)
        return Dictionary(sums.pairs, uniquingKeysWith: +)
    }

    /// How a formula's reads get their numbers: in the period, and earlier.
    struct Reader {
        let now: (MetricID) -> Double
        let earlier: (MetricID, Int) -> Double
    }

    /// The partial derivatives, each input once in the order its first part
    /// was found, into `sums` (emptied first): no dictionary per formula.
    func partials(_ value: Reader, into sums: inout PartialSums) {
        sums.removeAll()
        backpropagate(1, value, &sums)
    }

    func evaluate(_ value: Reader) -> Double {
        switch self {
        case .number(let x): return x
        case .metric(let id): return value.now(id)
        case .shifted(let id, let offset): return value.earlier(id, offset.months)
        case .profile: return expanded.evaluate(value)
        case .negate(let f): return -f.evaluate(value)
        case .binary(let op, let a, let b):
            let x = a.evaluate(value)
            let y = b.evaluate(value)
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return x / y
            }
        }
    }

    private func backpropagate(_ seed: Double, _ value: Reader, _ into: inout PartialSums) {
        switch self {
        case .number, .shifted: return
        case .profile: expanded.backpropagate(seed, value, &into)
        case .metric(let id): into.add(seed, to: id)
        case .negate(let f): f.backpropagate(-seed, value, &into)
        case .binary(let op, let a, let b):
            switch op {
            case .add:
                a.backpropagate(seed, value, &into)
                b.backpropagate(seed, value, &into)
            case .subtract:
                a.backpropagate(seed, value, &into)
                b.backpropagate(-seed, value, &into)
            case .multiply:
                a.backpropagate(seed * b.evaluate(value), value, &into)
                b.backpropagate(seed * a.evaluate(value), value, &into)
            case .divide:
                let y = b.evaluate(value)
                a.backpropagate(seed / y, value, &into)
                b.backpropagate(-seed * a.evaluate(value) / (y * y), value, &into)
            }
        }
    }
}

/// A derivative's parts summed per input: a short list searched in order,
/// indexed by a dictionary only for formulas with many inputs.
struct PartialSums {
    private(set) var pairs: [(MetricID, Double)] = []
    private var index: [MetricID: Int]?

    mutating func add(_ part: Double, to id: MetricID) {
        if let index {
            if let i = index[id] { pairs[i].1 += part } else { append(part, id) }
            return
        }
        if let i = pairs.firstIndex(where: { $0.0 == id }) {
            pairs[i].1 += part
            return
        }
        append(part, id)
        if pairs.count > 32 {
            var map: [MetricID: Int] = [:]
            for (i, pair) in pairs.enumerated() { map[pair.0] = i }
            index = map
        }
    }

    private mutating func append(_ part: Double, _ id: MetricID) {
        index?[id] = pairs.count
        pairs.append((id, part))
    }

    mutating func removeAll() {
        pairs.removeAll(keepingCapacity: true)
        index = nil
    }
}

extension Analysis {
    /// Orders effects by the size of their change, biggest first, those
    /// without one last; equal changes (to rounding) keep the order the
    /// metrics were defined in. Sorted as plain numbers and indices: a
    /// hundred thousand drivers are ranked in a few milliseconds.
    static func rank(_ effects: inout [DriverEffect]) {
        let sizes = effects.map { $0.change.map(abs) ?? -1 }
        let slots = effects.map(\.driver)
        var order = Array(effects.indices)
        order.sort { i, j in
            let x = sizes[i]
            let y = sizes[j]
            if abs(x - y) > 1e-9 * max(abs(x), abs(y)) { return x > y }
            return slots[i] < slots[j]
        }
        effects = order.map { effects[$0] }
    }

    /// How many leaves get an exact 10% recomputation; the rest are ranked by derivative.
    static let exactDrivers = 64
    /// How many, where formulas read earlier periods (each follows the lags first).
    static let exactDriversAcrossPeriods = 256

    /// The leaf drivers of `metric` ranked by how much a 10% rise moves it in `period`.
    public func drivers(of metric: MetricID, in period: Period) -> DriverRanking {
        let ws = workspace
        let upstream = graph.upstream(of: metric, followLinks: false)
        let cone = [metric] + upstream
        let base = evaluator
        let plan = base.plan
        let leaves = upstream.filter { !plan.hasFormula($0.index) }
        let target = base.value(metric, in: period).number

        // First-order effects for every leaf, by adjoints in reverse driver
        // order; `reached` tells an adjoint of zero from none at all.
        var adjoint = [Double](repeating: 0, count: plan.count)
        var reached = [Bool](repeating: false, count: plan.count)
        adjoint[metric.index] = 1
        reached[metric.index] = true
        var sums = PartialSums()
        for id in topologicalOrder(cone).reversed() {
            let weight = adjoint[id.index]
            guard reached[id.index], weight != 0, plan.hasFormula(id.index), let formula = ws.metrics[id].formula,
                ws.value(of: id, in: period) == nil
            else { continue }
            let reader = Formula.Reader(
                now: { base.value($0, in: period).number ?? .nan },
                earlier: { base.value($0, back: $1, from: period).number ?? .nan })
            formula.partials(reader, into: &sums)
            for (input, d) in sums.pairs where d.isFinite {
                adjoint[input.index] += weight * d
                reached[input.index] = true
            }
        }
        var effects: [DriverEffect] = leaves.map { leaf in
            let x = base.value(leaf, in: period)
            var effect = DriverEffect(driver: leaf, value: x, effect: nil, change: nil)
            if let x = x.number, let target, reached[leaf.index] {
                let d = adjoint[leaf.index]
                effect.change = d * x * 0.1
                effect.effect = target != 0 ? d * x * 0.1 / target : nil
            }
            return effect
        }
        Self.rank(&effects)
        // With lags, the rise moves every period of the driver that feeds the
        // metric (last quarter's leads make this quarter's wins): worked out
        // exactly for as many drivers as are cheap to, the strongest first.
        if plan.hasTime, let target {
            for i in effects.indices.prefix(Self.exactDriversAcrossPeriods) where !isCancelled() {
                let leaf = effects[i].driver
                let parts = base.reach(of: metric, in: period, from: leaf).driverPeriods
                effects[i].feeding = parts
                // Its value over those periods, made as it rolls up (June to August's leads for Q3's wins).
                if !parts.isEmpty { effects[i].value = Analysis.combined(base, leaf, parts) }
                let settings = parts.compactMap { p in base.value(leaf, in: p).number.map { (leaf, p, $0 * 1.1) } }
                guard !settings.isEmpty else { continue }
                let after = Evaluator(reusing: base, overrides: settings, stale: graph.downstream(of: leaf, followLinks: false))
                if let y = after.value(metric, in: period).number {
                    effects[i].change = y - target
                    effects[i].effect = target != 0 ? (y - target) / target : nil
                }
            }
            Self.rank(&effects)
        } else if let target {
            // The strongest get the exact answer.
            for i in effects.indices.prefix(Self.exactDrivers) where !isCancelled() {
                guard let x = effects[i].value.number else { continue }
                let leaf = effects[i].driver
                let after = Evaluator(
                    reusing: base, overrides: base.spread(leaf, in: period, to: x * 1.1),
                    stale: graph.downstream(of: leaf, followLinks: false)
                ).value(metric, in: period)
                if let y = after.number {
                    effects[i].change = y - target
                    effects[i].effect = target != 0 ? (y - target) / target : nil
                }
            }
            Self.rank(&effects)
        }
        // Drivers that enter the cone through links.
        var inCone = [Bool](repeating: false, count: plan.count)
        for id in cone { inCone[id.index] = true }
        var linked: [LinkDriver] = []
        for id in cone {
            for link in graph.linksIn[id.index] {
                let from = graph.link(link).from
                if !inCone[from.index] {
                    linked.append(LinkDriver(driver: from, link: link))
                }
            }
        }
        let exact = plan.hasTime ? Self.exactDriversAcrossPeriods : Self.exactDrivers
        return DriverRanking(effects: effects, linked: linked, estimated: max(0, leaves.count - exact))
    }

    /// Chains of formulas and links from one metric to another, shortest first.
    public func paths(from: MetricID, to: MetricID, limit: Int = 20) -> [[DriverGraph.Edge]] {
        graph.paths(from: from, to: to, limit: limit)
    }

    /// The chains from one metric to another, shortest first, and whether there may be more.
    public func pathSearch(from: MetricID, to: MetricID, limit: Int = 20) -> PathList {
        graph.searchPaths(from: from, to: to, limit: limit)
    }
}
