@testable import AlignCore
import AlignTestSupport
import Testing

/// The split of a formula's change among its reads: worked out term by term
/// where the formula is a sum of products, and checked here against the
/// definition (each read's marginal effect, averaged over every order in
/// which the reads move from plan to actual).
@Suite("Shapley values of a formula's reads")
struct ShapleyTests {
    typealias Instruction = EvaluationPlan.Instruction

    /// A random formula over `reads` metrics (some read a month back), in postfix order.
    static func formula(_ rng: inout SeededGenerator, reads: Int, depth: Int, divides: Bool) -> [Instruction] {
        if depth == 0 || Int.random(in: 0..<4, using: &rng) == 0 {
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: return [.number(Double(Int.random(in: -3...5, using: &rng)) / 2)]
            case 1: return [.shifted(Int32(Int.random(in: 0..<reads, using: &rng)), months: 1)]
            default: return [.metric(Int32(Int.random(in: 0..<reads, using: &rng)))]
            }
        }
        let a = formula(&rng, reads: reads, depth: depth - 1, divides: divides)
        if Int.random(in: 0..<8, using: &rng) == 0 { return a + [.negate] }
        let b = formula(&rng, reads: reads, depth: depth - 1, divides: divides)
        let ops: [Instruction] = divides ? [.add, .subtract, .multiply, .divide] : [.add, .subtract, .multiply]
        return a + b + [ops.randomElement(using: &rng)!]
    }

    /// The definition: every order of the reads, each read's marginal effect averaged.
    static func byDefinition(_ program: Shapley.Program, actual: [Double], plan: [Double]) -> [Double]? {
        let n = actual.count
        var result = [Double](repeating: 0, count: n)
        var orders = 0
        func visit(_ order: [Int], _ left: [Int]) -> Bool {
            if left.isEmpty {
                var mix = plan
                guard var before = mix.withUnsafeBufferPointer({ program.run($0) }) else { return false }
                for i in order {
                    mix[i] = actual[i]
                    guard let after = mix.withUnsafeBufferPointer({ program.run($0) }) else { return false }
                    result[i] += after - before
                    before = after
                }
                orders += 1
                return true
            }
            for (k, i) in left.enumerated() {
                var rest = left
                rest.remove(at: k)
                if !visit(order + [i], rest) { return false }
            }
            return true
        }
        guard visit([], Array(0..<n)) else { return nil }
        return result.map { $0 / Double(orders) }
    }

    @Test("a sum of products splits term by term exactly as every order of the reads would", arguments: 1...40)
    func sumOfProducts(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 7919)
        let code = Self.formula(&rng, reads: 4, depth: 4, divides: false)
        let program = Shapley.Program(code[...])
        let actual = program.reads.map { _ in Double(Int.random(in: 1...40, using: &rng)) }
        let plan = program.reads.map { _ in Double(Int.random(in: 1...40, using: &rng)) }
        var scratch = Shapley.Scratch()
        #expect(program.terms != nil, "a formula without a division by a read is a sum of products: \(code)")
        #expect(Shapley.values(program, actual: actual, plan: plan, into: &scratch))
        let expected = try #require(Self.byDefinition(program, actual: actual, plan: plan))
        for (got, want) in zip(scratch.result, expected) {
            #expect(abs(got - want) <= 1e-9 * max(1, abs(want)), "\(code): \(scratch.result) against \(expected)")
        }
    }

    @Test(
        "a formula of terms of one or two reads splits by its pair terms exactly as by the definition, slopes included",
        arguments: 1...40)
    func pairTerms(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 6_151)
        // Sums of a number times one read or two different reads: a rate times a count, a balance carried on.
        var code: [Instruction] = []
        for k in 0..<Int.random(in: 1...4, using: &rng) {
            let c = Double(Int.random(in: -4...6, using: &rng)) / 2
            let i = Int32(Int.random(in: 0..<4, using: &rng))
            code += [.number(c), Bool.random(using: &rng) ? .metric(i) : .shifted(i, months: 1), .multiply]
            if Bool.random(using: &rng) {
                let j = (i + Int32.random(in: 1..<4, using: &rng)) % 4
                code += [.metric(j), .multiply]
            }
            if k > 0 { code.append(.add) }
        }
        var programs = Shapley.Programs(slots: 1)
        let shape = programs.meet(0, code[...])
        let start = Int(programs.pairStart[shape])
        #expect(start >= 0, "every term is a number times one or two reads: \(code)")
        let n = Int(programs.readCounts[shape])
        // A read that did not move keeps its plan: its slope is still asked for.
        let actual = (0..<n).map { _ in Double(Int.random(in: 1...40, using: &rng)) }
        let plan = actual.map { Bool.random(using: &rng) ? $0 : Double(Int.random(in: 1...40, using: &rng)) }
        var slopes = [Double](repeating: .nan, count: n)
        programs.pairTerms.withUnsafeBufferPointer { terms in
            slopes.withUnsafeMutableBufferPointer { out in
                Shapley.pairSlopes(
                    terms[start..<Int(programs.pairEnd[shape])], actual: actual, plan: plan, count: n, into: out.baseAddress!)
            }
        }
        let program = programs.shapes[shape]
        let expected = try #require(Self.byDefinition(program, actual: actual, plan: plan))
        var scratch = Shapley.Scratch()
        for i in 0..<n {
            let got = slopes[i] * (actual[i] - plan[i])
            #expect(abs(got - expected[i]) <= 1e-9 * max(1, abs(expected[i])), "\(code): read \(i): \(got) against \(expected[i])")
            if actual[i] == plan[i] {
                let slope = try #require(
                    actual.withUnsafeBufferPointer { a in
                        plan.withUnsafeBufferPointer { p in Shapley.slope(program, at: i, actual: a, plan: p, into: &scratch) }
                    })
                #expect(abs(slopes[i] - slope) <= 1e-9 * max(1, abs(slope)), "\(code): slope of read \(i)")
            }
        }
    }

    @Test("a product of three reads, or a read squared, is left to the general split")
    func notPairTerms() {
        var programs = Shapley.Programs(slots: 2)
        let three = programs.meet(0, [Instruction.metric(1), .metric(2), .multiply, .metric(3), .multiply][...])
        let square = programs.meet(1, [Instruction.metric(1), .metric(1), .multiply][...])
        #expect(programs.pairStart[three] == -1 && programs.pairStart[square] == -1)
    }

    @Test("a formula that divides by a read is split from the formula itself, to the same definition", arguments: 1...20)
    func division(_ seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 104_729)
        let code: [Instruction] =
            Self.formula(&rng, reads: 3, depth: 3, divides: false) + [.metric(3), .number(2), .add, .divide]
        let program = Shapley.Program(code[...])
        #expect(program.terms == nil)
        let actual = program.reads.map { _ in Double(Int.random(in: 1...40, using: &rng)) }
        let plan = program.reads.map { _ in Double(Int.random(in: 1...40, using: &rng)) }
        var scratch = Shapley.Scratch()
        #expect(Shapley.values(program, actual: actual, plan: plan, into: &scratch))
        let expected = try #require(Self.byDefinition(program, actual: actual, plan: plan))
        for (got, want) in zip(scratch.result, expected) {
            #expect(abs(got - want) <= 1e-9 * max(1, abs(want)), "\(code): \(scratch.result) against \(expected)")
        }
    }

    @Test("products are multiplied out and like terms gathered: (a + b) * (a - b) is a*a - b*b")
    func multipliedOut() throws {
        let code: [Instruction] = [.metric(0), .metric(1), .add, .metric(0), .metric(1), .subtract, .multiply]
        let terms = try #require(Shapley.Program(code[...]).terms)
        let shown = terms.map { "\($0.coefficient) " + $0.factors.map { "r\($0.read)^\($0.power)" }.joined(separator: " ") }
        #expect(shown.sorted() == ["-1.0 r1^2", "1.0 r0^2"])
    }

    @Test("metrics whose formulas have the same form share one program, each with its own reads")
    func sharedPrograms() {
        var programs = Shapley.Programs(slots: 6)
        // Slot 2 = r0 * r1; slot 5 = r3 * r4 a month back, the same form; slot 4 = r3 * r3; slot 1 = r4 * r3.
        let product: [Instruction] = [.metric(0), .metric(1), .multiply]
        let shifted: [Instruction] = [.metric(3), .shifted(4, months: 1), .multiply]
        let square: [Instruction] = [.metric(3), .metric(3), .multiply]
        let again: [Instruction] = [.metric(4), .metric(3), .multiply]
        let a = programs.meet(2, product[...])
        let b = programs.meet(5, shifted[...])
        let c = programs.meet(4, square[...])
        let d = programs.meet(1, again[...])
        #expect(a == b && a == d, "one form, whatever it reads and how far back")
        #expect(c != a, "a square is another form")
        #expect(programs.shapes.count == 2)
        #expect(programs.leaf(0) == -2 && programs.shapeOf[0] == -2 && programs.shapeOf[3] == -1)
        func reads(_ m: Int) -> [String] {
            let at = Int(programs.readAt[m])
            return (at..<at + programs.shapes[Int(programs.shapeOf[m])].reads.count).map {
                "\(programs.readSlots[$0])@\(programs.readMonths[$0])"
            }
        }
        #expect(reads(2) == ["0@0", "1@0"])
        #expect(reads(5) == ["3@0", "4@1"])
        #expect(reads(4) == ["3@0"])
        #expect(reads(1) == ["4@0", "3@0"])
    }

    @Test("a read that did not move has the formula's slope in it, where the formula is linear in it")
    func slope() throws {
        // a * b + 3 * b: in b, the slope is a + 3 with a halfway between plan and actual.
        let code: [Instruction] = [.metric(0), .metric(1), .multiply, .number(3), .metric(1), .multiply, .add]
        let program = Shapley.Program(code[...])
        var scratch = Shapley.Scratch()
        #expect(Shapley.slope(program, at: 1, actual: [10, 5], plan: [6, 5], into: &scratch) == 11)
        // a * a: not linear in a.
        let square = Shapley.Program([Instruction.metric(0), .metric(0), .multiply][...])
        #expect(Shapley.slope(square, at: 0, actual: [4], plan: [4], into: &scratch) == nil)
    }

    @Test("a formula of a hundred reads: a wide sum splits exactly, a product of one each read moved alone")
    func manyReads() throws {
        // s = r0 + ... + r99, and s * r100.
        var sum: [Instruction] = [.metric(0)]
        for i in 1..<100 { sum += [.metric(Int32(i)), .add] }
        let actual = (0...100).map { Double($0 % 7 + 1) }
        let plan = (0...100).map { Double($0 % 5 + 1) }
        var scratch = Shapley.Scratch()
        let wide = Shapley.Program(sum[...])
        #expect(Shapley.values(wide, actual: Array(actual[..<100]), plan: Array(plan[..<100]), into: &scratch))
        #expect(scratch.result == (0..<100).map { actual[$0] - plan[$0] })
        let product = Shapley.Program((sum + [.metric(100), .multiply])[...])
        #expect(product.terms == nil, "a product of a hundred terms is left to the program")
        #expect(Shapley.values(product, actual: actual, plan: plan, into: &scratch))
        let (b, bPlan) = (actual[100], plan[100])
        for i in 0..<100 {
            let want = (actual[i] - plan[i]) * (b + bPlan) / 2
            #expect(abs(scratch.result[i] - want) <= 1e-9, "r\(i): \(scratch.result[i]) against \(want)")
        }
        let sums = (actual[..<100].reduce(0, +), plan[..<100].reduce(0, +))
        #expect(abs(scratch.result[100] - (sums.0 + sums.1) * (b - bPlan) / 2) <= 1e-9)
    }
}

/// The split's functions on arrays, as the tests hold their numbers.
extension Shapley {
    static func values(_ program: Program, actual: [Double], plan: [Double], into scratch: inout Scratch) -> Bool {
        actual.withUnsafeBufferPointer { a in plan.withUnsafeBufferPointer { p in values(program, actual: a, plan: p, into: &scratch) } }
    }

    static func slope(_ program: Program, at i: Int, actual: [Double], plan: [Double], into scratch: inout Scratch) -> Double? {
        actual.withUnsafeBufferPointer { a in plan.withUnsafeBufferPointer { p in slope(program, at: i, actual: a, plan: p, into: &scratch) } }
    }
}
