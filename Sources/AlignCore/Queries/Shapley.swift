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
        enum Op: Hashable, Sendable {
            case read(Int), number(Double), negate, add, subtract, multiply, divide
        }
        let ops: [Op]
        /// The distinct reads, in the order they first appear: a metric's
        /// slot and how many months back (of the formula it was made
        /// from: `Programs` keeps each metric's own).
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

        convenience init(_ code: ArraySlice<EvaluationPlan.Instruction>) {
            var ops: [Op] = []
            var reads: [(slot: Int32, months: Int32)] = []
            Self.compile(code, into: &ops, reads: &reads)
            self.init(ops: ops, reads: reads)
        }

        /// A formula's compiled code as ops over its distinct reads.
        static func compile(
            _ code: ArraySlice<EvaluationPlan.Instruction>, into ops: inout [Op], reads: inout [(slot: Int32, months: Int32)]
        ) {
            var place: [Int64: Int] = [:]
            func read(_ slot: Int32, _ months: Int32) -> Int {
                // A few reads are found by looking; many, by a table.
                if reads.count < 16 {
                    if let i = reads.firstIndex(where: { $0.slot == slot && $0.months == months }) { return i }
                } else {
                    func key(_ slot: Int32, _ months: Int32) -> Int64 { Int64(slot) << 32 | Int64(UInt32(bitPattern: months)) }
                    if place.isEmpty { for (i, r) in reads.enumerated() { place[key(r.slot, r.months)] = i } }
                    let k = key(slot, months)
                    if let i = place[k] { return i }
                    place[k] = reads.count
                }
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
        }

        init(ops: [Op], reads: [(slot: Int32, months: Int32)]) {
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

    /// The formulas a variance has split, kept for the next split of the
    /// same structure. Metrics whose formulas have the same form (one
    /// funnel's bookings and the next one's) share one program, so a split
    /// across thousands of funnels reads a handful of programs, and each
    /// metric's own reads sit in two flat lists.
    struct Programs: Sendable {
        /// Per metric slot: its program's number in `shapes` (-1 until met,
        /// -2 for a metric without a formula).
        private(set) var shapeOf: [Int32]
        /// Per metric slot: where its reads start in `readSlots` and `readMonths`.
        private(set) var readAt: [Int32]
        /// Each met metric's reads, in its program's order: a slot and how many months back.
        private(set) var readSlots: [Int32] = []
        private(set) var readMonths: [Int32] = []
        private(set) var shapes: [Program] = []
        /// The metric slots, readers first (`VarianceSplit`'s order of a
        /// period's values), once worked out: it depends on the formulas alone.
        var readersFirst: [Int32]?
        /// Per program: where its terms start in `pairTerms`, when every
        /// term is a number times at most two distinct reads (a sum, a
        /// product of two, a rate times a count), else -1; and its terms
        /// there, up to the next program's start (`pairEnd`).
        private(set) var pairStart: [Int32] = []
        private(set) var pairEnd: [Int32] = []
        private(set) var pairTerms: [PairTerm] = []
        /// Per program: how many reads it has.
        private(set) var readCounts: [Int32] = []
        private var numbers: [[Program.Op]: Int32] = [:]

        /// A term of a number and at most two reads (`j` -1 for one read).
        struct PairTerm: Sendable {
            var coefficient: Double
            var i: Int32
            var j: Int32
        }

        init(slots: Int) {
            shapeOf = Array(repeating: -1, count: slots)
            readAt = Array(repeating: 0, count: slots)
        }

        /// With every metric of `formulas` that has no formula marked as such.
        init(slots: Int, formulas: EvaluationPlan) {
            self.init(slots: slots)
            for m in 0..<min(slots, formulas.codeStart.count - 1) where !formulas.hasFormula(m) { shapeOf[m] = -2 }
        }

        /// Compiles the formula of the metric in slot `m` from its code,
        /// and returns its program's number.
        mutating func meet(_ m: Int, _ code: ArraySlice<EvaluationPlan.Instruction>) -> Int {
            var ops: [Program.Op] = []
            var reads: [(slot: Int32, months: Int32)] = []
            Program.compile(code, into: &ops, reads: &reads)
            let number: Int32
            if let known = numbers[ops] {
                number = known
            } else {
                number = Int32(shapes.count)
                let program = Program(ops: ops, reads: reads)
                shapes.append(program)
                numbers[ops] = number
                addPairTerms(program)
                readCounts.append(Int32(reads.count))
            }
            shapeOf[m] = number
            readAt[m] = Int32(readSlots.count)
            for read in reads {
                readSlots.append(read.slot)
                readMonths.append(read.months)
            }
            return Int(number)
        }

        /// The program's terms as pairs, where each term is a number times
        /// at most two distinct reads, each to the first power.
        private mutating func addPairTerms(_ program: Program) {
            let start = Int32(pairTerms.count)
            var fits = program.isSumOfProducts
            var terms: [PairTerm] = []
            if fits {
                for k in program.coefficients.indices {
                    let range = Int(program.factorStart[k])..<Int(program.factorStart[k + 1])
                    guard range.count <= 2, range.allSatisfy({ program.factorPowers[$0] == 1 }) else {
                        fits = false
                        break
                    }
                    // (A term without a read moves nothing.)
                    guard let first = range.first else { continue }
                    terms.append(
                        PairTerm(
                            coefficient: program.coefficients[k], i: program.factorReads[first],
                            j: range.count == 2 ? program.factorReads[first + 1] : -1))
                }
            }
            if fits { pairTerms += terms }
            pairStart.append(fits ? start : -1)
            pairEnd.append(Int32(pairTerms.count))
        }

        /// Marks the metric in slot `m` as one without a formula, and returns -2.
        mutating func leaf(_ m: Int) -> Int {
            shapeOf[m] = -2
            return -2
        }
    }

    /// Each read's Shapley value per unit of its own move, for a formula
    /// whose every term is a number times one or two distinct reads
    /// (`Programs.pairTerms`): the sum, over the terms that hold the read,
    /// of the number times the other read halfway between plan and actual
    /// (for a term of one read, the number). Times the read's own
    /// difference, that is its Shapley value; for a read that did not
    /// move, it is the formula's slope in it (as `slope` gives it).
    @inline(__always)
    static func pairSlopes(
        _ terms: Slice<UnsafeBufferPointer<Programs.PairTerm>>, actual: UnsafePointer<Double>, plan: UnsafePointer<Double>,
        count: Int, into slopes: UnsafeMutablePointer<Double>
    ) {
        for i in 0..<count { slopes[i] = 0 }
        for term in terms {
            let i = Int(term.i)
            guard term.j >= 0 else {
                slopes[i] += term.coefficient
                continue
            }
            let j = Int(term.j)
            slopes[i] += term.coefficient * (actual[j] + plan[j]) / 2
            slopes[j] += term.coefficient * (actual[i] + plan[i]) / 2
        }
    }

    /// Buffers a split reuses from one formula to the next.
    struct Scratch {
        var mix: [Double] = []
        var at: [Double] = []
        /// Each read's share, after `values`.
        var result: [Double] = []
    }

    /// Each read's share of `f(actual) - f(plan)`, into `scratch.result`,
    /// from the reads' numbers in place; false where the formula cannot be
    /// computed at a mix of the two (a division by zero).
    static func values(
        _ program: Program, actual: UnsafeBufferPointer<Double>, plan: UnsafeBufferPointer<Double>, into scratch: inout Scratch
    ) -> Bool {
        let n = actual.count
        if scratch.result.count == n {
            for i in 0..<n { scratch.result[i] = 0 }
        } else {
            scratch.result = Array(repeating: 0, count: n)
        }
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
        guard let base = program.run(plan), let top = program.run(actual) else { return false }
        var up = Array(plan)
        var down = Array(actual)
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
    private static func addTerms(
        _ program: Program, actual: UnsafeBufferPointer<Double>, plan: UnsafeBufferPointer<Double>, into scratch: inout Scratch
    ) {
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
    /// (nil where it is not, or cannot be computed); from the reads' numbers in place.
    static func slope(
        _ program: Program, at i: Int, actual: UnsafeBufferPointer<Double>, plan: UnsafeBufferPointer<Double>,
        into scratch: inout Scratch
    ) -> Double? {
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
