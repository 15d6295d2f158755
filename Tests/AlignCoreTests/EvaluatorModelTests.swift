@testable import AlignCore
import AlignTestSupport
import Testing

/// The evaluation rules written as plainly as possible: recursion on the
/// formula tree, values looked up afresh each time. The evaluator (compiled
/// formulas, tables per period, evaluators reused and brought up to date)
/// must always agree with it.
struct ModelEvaluator {
    let ws: Workspace
    var overrides: [MetricID: [Period: Double]] = [:]

    func value(_ id: MetricID, _ period: Period) -> Outcome {
        if let v = overrides[id]?[period] { return .known(v) }
        if let v = ws.value(of: id, in: period) { return .known(v) }
        let aggregation = ws.aggregation(of: id)
        guard let formula = ws.metrics[id].formula else { return rollUp(id, aggregation, period, top: true) }
        if aggregation != .average, finer(period) {
            let parts = period.children.map { value(id, $0).number }
            if parts.allSatisfy({ $0 != nil }) {
                let numbers = parts.map { $0! }
                if aggregation == .last { return .known(numbers.last!) }
                let sum = numbers.reduce(0, +)
                return sum.isFinite ? .known(sum) : .failed(.overflow(metric: id, period: period))
            }
        }
        return evaluate(formula, id, period)
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

    func rollUp(_ id: MetricID, _ aggregation: Aggregation, _ period: Period, top: Bool) -> Outcome {
        if top, ws.values(of: id).isEmpty || !finer(period) { return .missing(id, period) }
        if let v = ws.value(of: id, in: period) { return .known(v) }
        if let v = overrides[id]?[period] { return .known(v) }
        let children = period.children
        if children.isEmpty { return .missing(id, period) }
        let outcomes = children.map { rollUp(id, aggregation, $0, top: false) }
        if zip(outcomes, children).allSatisfy({ $0.0 == .missing(id, $0.1) }) { return .missing(id, period) }
        let numbers = outcomes.compactMap(\.number)
        let firstMissing = outcomes.first { $0.number == nil }
        switch aggregation {
        case .sum:
            if let firstMissing { return firstMissing }
            let sum = numbers.reduce(0, +)
            return sum.isFinite ? .known(sum) : .failed(.overflow(metric: id, period: period))
        case .average:
            if numbers.isEmpty { return firstMissing ?? .missing(id, period) }
            let mean = numbers.reduce(0, +) / Double(numbers.count)
            return mean.isFinite ? .known(mean) : .failed(.overflow(metric: id, period: period))
        case .last:
            return outcomes.last!
        }
    }

    func evaluate(_ formula: Formula, _ id: MetricID, _ period: Period) -> Outcome {
        switch formula {
        case .number(let x): return .known(x)
        case .metric(let input): return value(input, period)
        case .negate(let f):
            let inner = evaluate(f, id, period)
            return inner.number.map { .known(-$0) } ?? inner
        case .binary(let op, let lhs, let rhs):
            let left = evaluate(lhs, id, period)
            guard let a = left.number else { return left }
            let right = evaluate(rhs, id, period)
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
            return result.isFinite ? .known(result) : .failed(.overflow(metric: id, period: period))
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
