@testable import AlignCore
import AlignTestSupport
import Testing

/// The evaluation rules written as plainly as possible: recursion on the
/// formula tree, each value worked out by the rules in the order they are
/// written (remembered once found, so that balances carried over many months
/// do not take exponential time). The evaluator (compiled formulas, tables
/// per period, evaluators reused and brought up to date) must always agree
/// with it.
struct ModelEvaluator {
    let ws: Workspace
    var overrides: [MetricID: [Period: Double]] = [:]
    private let memo = Memo()

    private final class Memo {
        var values: [String: Outcome] = [:]
    }

    init(ws: Workspace, overrides: [MetricID: [Period: Double]] = [:]) {
        self.ws = ws
        self.overrides = overrides
    }

    func value(_ id: MetricID, _ period: Period) -> Outcome {
        let key = "\(id.slot) \(period)"
        if let known = memo.values[key] { return known }
        let found = compute(id, period)
        memo.values[key] = found
        return found
    }

    private func compute(_ id: MetricID, _ period: Period) -> Outcome {
        if let v = overrides[id]?[period] { return .known(v) }
        if let v = ws.value(of: id, in: period) { return .known(v) }
        let aggregation = ws.aggregation(of: id)
        guard let formula = ws.metrics[id].formula else { return leaf(id, aggregation, period) }
        if aggregation != .average, period.grain != .month, finer(period) || !whole(id, period.grain) {
            let outcomes = period.children.map { value(id, $0) }
            if let unknown = outcomes.first(where: { $0.number == nil }) { return unknown }
            let numbers = outcomes.map { $0.number! }
            if aggregation == .last { return .known(numbers.last!) }
            if aggregation == .first { return .known(numbers.first!) }
            let sum = numbers.reduce(0, +)
            return sum.isFinite ? .known(sum) : .failed(.overflow(metric: id, period: period))
        }
        if readsEarlier(formula), beforeData(period) { return .missing(id, period) }
        return evaluate(formula, id, period, back: 0)
    }

    /// Whether the period ends before the first month anything is recorded in.
    func beforeData(_ period: Period) -> Bool {
        guard let first = ws.valuesPerPeriod.keys.map(\.firstMonth).min() else { return true }
        return period.firstMonth + period.grain.months <= first
    }

    func readsEarlier(_ f: Formula) -> Bool {
        switch f {
        case .number, .metric: return false
        case .shifted: return true
        case .negate(let g): return readsEarlier(g)
        case .binary(_, let a, let b): return readsEarlier(a) || readsEarlier(b)
        case .profile(let g, _, let shares):
            return shares.enumerated().contains { i, share in share != 0 && ((i > 0 && readsMetric(g)) || readsEarlier(g)) }
        }
    }

    func readsMetric(_ f: Formula) -> Bool {
        switch f {
        case .number: return false
        case .metric, .shifted: return true
        case .negate(let g), .profile(let g, _, _): return readsMetric(g)
        case .binary(_, let a, let b): return readsMetric(a) || readsMetric(b)
        }
    }

    /// Whether every offset on the way to the metric (its formula's, and
    /// those of every formula it reads, in any period) is a whole number of `grain`.
    func whole(_ id: MetricID, _ grain: Period.Grain) -> Bool {
        var seen: Set<MetricID> = []
        var stack = [id]
        while let m = stack.popLast() {
            guard seen.insert(m).inserted, let f = ws.metrics[m].formula else { continue }
            var ok = true
            func walk(_ f: Formula, _ extra: Int) {
                switch f {
                case .number: return
                case .metric(let x):
                    if extra % grain.months != 0 { ok = false }
                    stack.append(x)
                case .shifted(let x, let o):
                    if (extra + o.months) % grain.months != 0 { ok = false }
                    stack.append(x)
                case .negate(let g): walk(g, extra)
                case .binary(_, let a, let b):
                    walk(a, extra)
                    walk(b, extra)
                case .profile(let g, let step, let shares):
                    for (i, share) in shares.enumerated() where share != 0 { walk(g, extra + i * step.months) }
                }
            }
            walk(f, 0)
            if !ok { return false }
        }
        return true
    }

    /// A what-if's overrides, the plain way: the value set in the period and,
    /// where the period is made of finer ones that all have a number, each of
    /// those moved in proportion (evenly when they add up to zero), down to
    /// the finest.
    func spread(_ id: MetricID, _ period: Period, _ x: Double) -> [MetricID: [Period: Double]] {
        var result: [MetricID: [Period: Double]] = [id: [period: x]]
        func down(_ period: Period, _ x: Double) {
            guard ws.value(of: id, in: period) == nil, finer(period), period.grain != .month else { return }
            let parts = period.children.map { value(id, $0).number }
            guard parts.allSatisfy({ $0 != nil }) else { return }
            let numbers = parts.map { $0! }
            let today: Double
            switch ws.aggregation(of: id) {
            case .sum: today = numbers.reduce(0, +)
            case .average: today = numbers.reduce(0, +) / Double(numbers.count)
            case .last: today = numbers.last!
            case .first: today = numbers.first!
            }
            for (child, part) in zip(period.children, numbers) {
                let moved = today != 0 ? part * (x / today) : (ws.aggregation(of: id) == .sum ? x / Double(numbers.count) : x)
                result[id, default: [:]][child] = moved
                down(child, moved)
            }
        }
        down(period, x)
        return result
    }

    func finer(_ period: Period) -> Bool {
        ws.valuesPerPeriod.keys.contains { $0.grain < period.grain && period.contains($0) }
    }

    /// What is set or recorded for a leaf in exactly this period.
    func own(_ id: MetricID, _ period: Period) -> Double? {
        overrides[id]?[period] ?? ws.value(of: id, in: period)
    }

    /// A leaf: rolled up from what is recorded inside the period, or else
    /// carried down from the nearest longer period that has a value.
    func leaf(_ id: MetricID, _ aggregation: Aggregation, _ period: Period) -> Outcome {
        if let v = own(id, period) { return .known(v) }
        if finer(period), let inside = rollUp(id, aggregation, period) { return inside }
        return carried(id, aggregation, period)
    }

    /// Nil when nothing at all is recorded inside the period.
    func rollUp(_ id: MetricID, _ aggregation: Aggregation, _ period: Period) -> Outcome? {
        if let v = own(id, period) { return .known(v) }
        let children = period.children
        if children.isEmpty { return nil }
        let inside = children.map { rollUp(id, aggregation, $0) }
        if inside.allSatisfy({ $0 == nil }) { return nil }
        let outcomes = zip(children, inside).map { $0.1 ?? carried(id, aggregation, $0.0) }
        let numbers = outcomes.compactMap(\.number)
        let firstMissing = outcomes.first { $0.number == nil }
        switch aggregation {
        case .sum:
            if let firstMissing { return firstMissing }
            let sum = numbers.reduce(0, +)
            return sum.isFinite ? .known(sum) : .failed(.overflow(metric: id, period: period))
        case .average:
            if let firstMissing { return firstMissing }
            let mean = numbers.reduce(0, +) / Double(numbers.count)
            return mean.isFinite ? .known(mean) : .failed(.overflow(metric: id, period: period))
        case .last: return outcomes.last!
        case .first: return outcomes.first!
        }
    }

    func carried(_ id: MetricID, _ aggregation: Aggregation, _ period: Period) -> Outcome {
        let longer = Period.Grain.allCases.filter { $0 > period.grain }.compactMap { g in
            Period(grain: g, year: period.year, index: (period.firstMonth - period.year * 12) / g.months + 1)
        }
        guard let from = longer.first(where: { own(id, $0) != nil }), let v = own(id, from) else {
            return .missing(id, period)
        }
        switch aggregation {
        case .average: return .known(v)
        case .sum:
            let somethingInside = ws.values(of: id).keys.contains { $0 != from && from.contains($0) }
            return somethingInside ? .missing(id, period) : .known(v * Double(period.grain.months) / Double(from.grain.months))
        case .last:
            return period.firstMonth + period.grain.months == from.firstMonth + from.grain.months ? .known(v) : .missing(id, period)
        case .first:
            return period.firstMonth == from.firstMonth ? .known(v) : .missing(id, period)
        }
    }

    /// The periods `months` back from `period`: the same grain where the
    /// offset is a whole number of it, else finer ones covering the span.
    func window(_ period: Period, _ months: Int) -> [Period]? {
        var grain = period.grain
        while months % grain.months != 0 { grain = Period.Grain.allCases.last { $0 < grain }! }
        var result: [Period] = []
        var month = period.firstMonth - months
        while month < period.firstMonth - months + period.grain.months {
            guard month >= 0, let p = Period(grain: grain, year: month / 12, index: (month % 12) / grain.months + 1)
            else { return nil }
            result.append(p)
            month += grain.months
        }
        return result
    }

    /// A metric read `months` back from `period`, over its window, rolled up.
    func earlier(_ id: MetricID, _ period: Period, _ months: Int) -> Outcome {
        guard months > 0 else { return value(id, period) }
        guard let periods = window(period, months) else { return .missing(id, period) }
        var numbers: [Double] = []
        for p in periods {
            let outcome = value(id, p)
            guard let n = outcome.number else { return outcome }
            numbers.append(n)
        }
        switch ws.aggregation(of: id) {
        case .sum:
            let sum = numbers.reduce(0, +)
            return sum.isFinite ? .known(sum) : .failed(.overflow(metric: id, period: periods[0]))
        case .average:
            let mean = numbers.reduce(0, +) / Double(numbers.count)
            return mean.isFinite ? .known(mean) : .failed(.overflow(metric: id, period: periods[0]))
        case .last: return .known(numbers.last!)
        case .first: return .known(numbers.first!)
        }
    }

    func evaluate(_ formula: Formula, _ id: MetricID, _ period: Period, back: Int) -> Outcome {
        func checked(_ x: Double) -> Outcome { x.isFinite ? .known(x) : .failed(.overflow(metric: id, period: period)) }
        switch formula {
        case .number(let x): return .known(x)
        case .metric(let input): return earlier(input, period, back)
        case .shifted(let input, let offset): return earlier(input, period, back + offset.months)
        case .negate(let f):
            let inner = evaluate(f, id, period, back: back)
            return inner.number.map { .known(-$0) } ?? inner
        case .profile(let f, let step, let shares):
            // Term by term in order, each share times the expression that
            // many steps back, added as they come.
            var total: Double?
            for (i, share) in shares.enumerated() where share != 0 {
                let term = evaluate(f, id, period, back: back + i * step.months)
                guard let x = term.number else { return term }
                let product = checked(share * x)
                guard let y = product.number else { return product }
                if let sum = total {
                    let added = checked(sum + y)
                    guard let z = added.number else { return added }
                    total = z
                } else {
                    total = y
                }
            }
            return .known(total ?? 0)
        case .binary(let op, let lhs, let rhs):
            let left = evaluate(lhs, id, period, back: back)
            guard let a = left.number else { return left }
            let right = evaluate(rhs, id, period, back: back)
            guard let b = right.number else { return right }
            let result: Double
            switch op {
            case .add: result = a + b
            case .subtract: result = a - b
            case .multiply: result = a * b
            case .divide:
                // The divisor as the evaluator names it: moved back as far as it was read.
                if b == 0 { return .failed(.divisionByZero(metric: id, divisor: rhs.shifted(back: back), period: period)) }
                result = a / b
            }
            return checked(result)
        }
    }
}

@Suite("The evaluator against the plain rules")
struct EvaluatorModelTests {
    static let periods = ["2026", "2026-H1", "2026-H2", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026-01",
        "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-12"].map(period)
    static let recordable = ["2026-Q1", "2026-Q2", "2026-Q3", "2026-01", "2026-02", "2026-03", "2026-05", "2026-H2"]
        .map(period)

    /// A random workspace: leaves and formulas over earlier metrics, with
    /// every operator, constants, divisions that meet zero, units and
    /// aggregations of each kind, and values at several grains.
    static func workspace(_ rng: inout SeededGenerator) throws -> Workspace {
        var ws = Workspace()
        var ids: [MetricID] = []
        let units: [String?] = [nil, "count", "ratio", "USD", "score"]
        for i in 0..<28 {
            let aggregation: Aggregation? = Int.random(in: 0..<4, using: &rng) == 0 ? Aggregation.allCases.randomElement(using: &rng) : nil
            let id = try ws.defineMetric("m\(i)", unit: units.randomElement(using: &rng)!, aggregation: aggregation).id
            // Formulas that add units that cannot add are refused; try again, then leave a leaf.
            for _ in 0..<4 where i >= 6 && ws.metrics[id].formula == nil && Int.random(in: 0..<4, using: &rng) != 0 {
                try? ws.setFormula(id, formula(over: ids, &rng, depth: 0))
            }
            ids.append(id)
        }
        for _ in 0..<90 {
            ws.setValue(ids.randomElement(using: &rng)!, recordable.randomElement(using: &rng)!, number(&rng))
        }
        return ws
    }

    static func number(_ rng: inout SeededGenerator) -> Double {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return 0
        case 1: return 1e300
        case 2: return -Double(Int.random(in: 1..<50, using: &rng))
        default: return Double(Int.random(in: 1..<5000, using: &rng)) / 10
        }
    }

    static func formula(over ids: [MetricID], _ rng: inout SeededGenerator, depth: Int) -> Formula {
        let choice = depth > 2 ? Int.random(in: 0..<2, using: &rng) : Int.random(in: 0..<6, using: &rng)
        switch choice {
        case 0: return .number(Double(Int.random(in: 0..<4, using: &rng)))
        case 1: return .metric(ids.randomElement(using: &rng)!)
        case 2: return .negate(formula(over: ids, &rng, depth: depth + 1))
        default:
            let op: Formula.Operator = [.add, .subtract, .multiply, .divide].randomElement(using: &rng)!
            return .binary(op, formula(over: ids, &rng, depth: depth + 1), formula(over: ids, &rng, depth: depth + 1))
        }
    }

    static func expectAgree(_ e: Evaluator, _ model: ModelEvaluator, _ note: String) {
        for (id, _) in model.ws.metrics.all {
            for p in periods {
                let expected = model.value(id, p)
                let found = e.value(id, in: p)
                #expect(found == expected, "\(note): m\(id.slot) in \(p)")
            }
        }
    }

    @Test("a fresh evaluator gives what the rules give", arguments: 1...12)
    func fresh(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let ws = try Self.workspace(&rng)
        #expect(ws.metrics.all.filter { $0.entity.formula != nil }.count >= 8)
        Self.expectAgree(Evaluator(ws), ModelEvaluator(ws: ws), "seed \(seed)")
    }

    @Test("an evaluator brought up to date after values change agrees with a fresh one", arguments: 1...8)
    func caughtUp(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        var ws = try Self.workspace(&rng)
        let kept = Evaluator(ws)
        Self.expectAgree(kept, ModelEvaluator(ws: ws), "seed \(seed), before")
        let ids = ws.metrics.ids
        for round in 0..<6 {
            kept.detach()
            for _ in 0..<Int.random(in: 1..<6, using: &rng) {
                let id = ids.randomElement(using: &rng)!
                // Mostly periods that already hold values; sometimes a new one, or a removal.
                let p = round == 3 ? period("2026-11") : Self.recordable.randomElement(using: &rng)!
                ws.setValue(id, p, Int.random(in: 0..<5, using: &rng) == 0 ? nil : Self.number(&rng))
            }
            #expect(kept.catchUp(with: ws))
            Self.expectAgree(kept, ModelEvaluator(ws: ws), "seed \(seed), round \(round)")
        }
        var changed = ws
        try changed.setFormula(ids[10], .number(3))
        #expect(!kept.catchUp(with: changed), "a structural change needs a new evaluator")
    }

    @Test("a what-if evaluator over a shared base agrees with the rules, and moves to new values", arguments: 1...8)
    func overridden(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        let ws = try Self.workspace(&rng)
        let graph = DriverGraph(ws)
        let base = Evaluator(ws)
        for _ in 0..<4 {
            let id = ws.metrics.ids.randomElement(using: &rng)!
            let p = Self.periods.randomElement(using: &rng)!
            let probe = Evaluator(
                reusing: base, overrides: [(id, p, Self.number(&rng))], stale: graph.downstream(of: id, followLinks: false))
            for _ in 0..<3 {
                let x = Self.number(&rng)
                probe.move(id, in: p, to: x)
                Self.expectAgree(probe, ModelEvaluator(ws: ws, overrides: [id: [p: x]]), "seed \(seed), m\(id.slot) in \(p) = \(x)")
            }
        }
        Self.expectAgree(base, ModelEvaluator(ws: ws), "seed \(seed), the base after the what-ifs")
    }
}

extension EvaluatorModelTests {
    @Test("a driver probe, along its line of formulas or not, gives what the rules give", arguments: 1...10)
    func probe(_ seed: UInt64) throws {
        #expect(try checkProbes(seed).lines > 0)
    }

    @Test("some of those probes set a driver spread over finer periods")
    func probesIncludeSpread() throws {
        #expect(try (1...10).map { try checkProbes(UInt64($0)).spread }.reduce(0, +) > 0)
    }

    /// Checks every probe of a random workspace against the rules; how many
    /// went along a line, and how many spread the driver over finer periods.
    func checkProbes(_ seed: UInt64) throws -> (lines: Int, spread: Int) {
        var rng = SeededGenerator(seed: seed)
        let ws = try Self.workspace(&rng)
        let graph = DriverGraph(ws)
        let base = Evaluator(ws)
        var lines = 0
        var spread = 0
        for driver in ws.metrics.ids {
            let cone = graph.downstream(of: driver, followLinks: false)
            guard !cone.isEmpty else { continue }
            let p = Self.periods.randomElement(using: &rng)!
            let probe = DriverProbe(base, driver: driver, in: p, cone: cone)
            if base.isSpread(driver, in: p) { spread += 1 }
            for metric in cone {
                if base.line(from: driver, to: metric, in: p, cone: MetricSet(cone, slots: ws.metrics.slots.count)) != nil {
                    lines += 1
                }
                for _ in 0..<3 {
                    let x = Self.number(&rng)
                    let plain = ModelEvaluator(ws: ws)
                    let expected = ModelEvaluator(ws: ws, overrides: plain.spread(driver, p, x)).value(metric, p)
                    #expect(probe.value(of: metric, at: x) == expected, "seed \(seed): m\(metric.slot) with m\(driver.slot) = \(x) in \(p)")
                }
            }
        }
        return (lines, spread)
    }
}

/// Workspaces with time: offsets, profiles, balances that read themselves,
/// values recorded by month, by quarter, or both, and rates recorded for a
/// whole year.
@Suite("The evaluator against the plain rules, with time")
struct TimeModelTests {
    enum Recording: CaseIterable { case byMonth, byQuarter, mixed }

    static let periods: [Period] = {
        var list: [Period] = []
        for year in [2025, 2026] {
            list.append(Period(grain: .year, year: year, index: 1)!)
            for h in 1...2 { list.append(Period(grain: .half, year: year, index: h)!) }
            for q in 1...4 { list.append(Period(grain: .quarter, year: year, index: q)!) }
            for m in 1...12 { list.append(Period(grain: .month, year: year, index: m)!) }
        }
        return list
    }()

    static func workspace(_ rng: inout SeededGenerator, _ recording: Recording) throws -> Workspace {
        var ws = Workspace()
        var ids: [MetricID] = []
        let units: [String?] = [nil, "count", "ratio", "USD"]
        for i in 0..<20 {
            let aggregation: Aggregation? =
                Int.random(in: 0..<3, using: &rng) == 0 ? Aggregation.allCases.randomElement(using: &rng) : nil
            let id = try ws.defineMetric("m\(i)", unit: units.randomElement(using: &rng)!, aggregation: aggregation).id
            ids.append(id)
            for _ in 0..<4 where i >= 5 && ws.metrics[id].formula == nil && Int.random(in: 0..<4, using: &rng) != 0 {
                try? ws.setFormula(id, formula(over: Array(ids.dropLast()), all: ids, &rng, depth: 0))
            }
        }
        let months = (2025 * 12 + 6)..<(2026 * 12 + 12)
        for id in ids {
            let leafOrNot = ws.metrics[id].formula == nil ? 6 : 1
            for _ in 0..<Int.random(in: 0..<leafOrNot * 2, using: &rng) {
                let month = Int.random(in: months, using: &rng)
                let p: Period
                switch recording {
                case .byMonth: p = Period(grain: .month, year: month / 12, index: month % 12 + 1)!
                case .byQuarter: p = Period(grain: .quarter, year: month / 12, index: month % 12 / 3 + 1)!
                case .mixed:
                    let grain = Period.Grain.allCases.randomElement(using: &rng)!
                    p = Period(grain: grain, year: month / 12, index: month % 12 / grain.months + 1)!
                }
                ws.setValue(id, p, number(&rng))
            }
            // Rates and the like, for the whole year.
            if Int.random(in: 0..<4, using: &rng) == 0 { ws.setValue(id, period("2026"), number(&rng)) }
        }
        return ws
    }

    static func number(_ rng: inout SeededGenerator) -> Double {
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: return 0
        case 1: return -Double(Int.random(in: 1..<50, using: &rng))
        default: return Double(Int.random(in: 1..<5000, using: &rng)) / 10
        }
    }

    static func offset(_ rng: inout SeededGenerator) -> Offset {
        let unit: Period.Grain = [.month, .month, .month, .quarter, .half, .year].randomElement(using: &rng)!
        return Offset(steps: Int.random(in: 1...2, using: &rng), unit: unit)
    }

    /// Same-period reads only of earlier metrics; offsets may read any
    /// metric, itself included.
    static func formula(over ids: [MetricID], all: [MetricID], _ rng: inout SeededGenerator, depth: Int) -> Formula {
        let choice = depth > 2 ? Int.random(in: 0..<3, using: &rng) : Int.random(in: 0..<8, using: &rng)
        switch choice {
        case 0: return .number(Double(Int.random(in: 0..<4, using: &rng)))
        case 1 where !ids.isEmpty: return .metric(ids.randomElement(using: &rng)!)
        case 1, 2: return .shifted(all.randomElement(using: &rng)!, offset(&rng))
        case 3: return .negate(formula(over: ids, all: all, &rng, depth: depth + 1))
        case 4:
            let shares = (0..<Int.random(in: 1...4, using: &rng)).map { _ in
                [0, 0.2, 0.5, 0.3, 1].randomElement(using: &rng)!
            }
            let step = Offset(steps: 1, unit: [.month, .month, .quarter].randomElement(using: &rng)!)
            return .profile(formula(over: ids, all: all, &rng, depth: depth + 1), step: step, shares: shares)
        default:
            let op: Formula.Operator = [.add, .subtract, .multiply, .divide].randomElement(using: &rng)!
            return .binary(
                op, formula(over: ids, all: all, &rng, depth: depth + 1), formula(over: ids, all: all, &rng, depth: depth + 1))
        }
    }

    static func expectAgree(_ e: Evaluator, _ model: ModelEvaluator, _ note: String) -> Int {
        var known = 0
        for (id, _) in model.ws.metrics.all {
            for p in periods {
                let expected = model.value(id, p)
                let found = e.value(id, in: p)
                if expected.number != nil { known += 1 }
                #expect(found == expected, "\(note): m\(id.slot) in \(p)")
            }
        }
        return known
    }

    @Test("a fresh evaluator gives what the rules give", arguments: Recording.allCases, 1...10)
    func fresh(_ recording: Recording, _ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 7919 &+ UInt64(Recording.allCases.firstIndex(of: recording)!))
        let ws = try Self.workspace(&rng, recording)
        #expect(Evaluator(ws).plan.hasTime, "seed \(seed) has offsets")
        let known = Self.expectAgree(Evaluator(ws), ModelEvaluator(ws: ws), "\(recording), seed \(seed)")
        #expect(known > 40, "seed \(seed) computes enough to compare")
    }

    @Test("an evaluator brought up to date after values change agrees with a fresh one", arguments: 1...8)
    func caughtUp(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 31)
        var ws = try Self.workspace(&rng, .mixed)
        let kept = Evaluator(ws)
        _ = Self.expectAgree(kept, ModelEvaluator(ws: ws), "seed \(seed), before")
        let ids = ws.metrics.ids
        for round in 0..<4 {
            kept.detach()
            for _ in 0..<Int.random(in: 1..<6, using: &rng) {
                let id = ids.randomElement(using: &rng)!
                let p = Self.periods.filter { ws.valuesPerPeriod[$0] != nil }.randomElement(using: &rng)!
                ws.setValue(id, p, Int.random(in: 0..<5, using: &rng) == 0 ? nil : Self.number(&rng))
            }
            if kept.catchUp(with: ws) {
                _ = Self.expectAgree(kept, ModelEvaluator(ws: ws), "seed \(seed), round \(round)")
            }
        }
    }

    @Test("a what-if evaluator over a shared base agrees with the rules", arguments: 1...8)
    func overridden(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 131)
        let ws = try Self.workspace(&rng, .byMonth)
        let graph = DriverGraph(ws)
        let base = Evaluator(ws)
        for _ in 0..<4 {
            let id = ws.metrics.ids.randomElement(using: &rng)!
            let settings = (0..<3).map { _ in (id, Self.periods.randomElement(using: &rng)!, Self.number(&rng)) }
            let after = Evaluator(reusing: base, overrides: settings, stale: graph.downstream(of: id, followLinks: false))
            var overrides: [MetricID: [Period: Double]] = [:]
            for (m, p, x) in settings { overrides[m, default: [:]][p] = x }
            _ = Self.expectAgree(after, ModelEvaluator(ws: ws, overrides: overrides), "seed \(seed), m\(id.slot)")
        }
        _ = Self.expectAgree(base, ModelEvaluator(ws: ws), "seed \(seed), the base after the what-ifs")
    }
}
