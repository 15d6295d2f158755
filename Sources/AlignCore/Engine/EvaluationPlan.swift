import Synchronization

/// The formulas of one version of a workspace's structure, compiled once for
/// evaluation: per metric, its inputs and its formula as a short program over
/// a stack of numbers, in flat arrays indexed by metric slot. Evaluating a
/// metric then copies no `Metric`, allocates nothing and walks no tree.
public final class EvaluationPlan: Sendable {
    /// One step of a compiled formula, in postfix order.
    enum Instruction: Sendable {
        case number(Double)
        case metric(Int32)
        /// A metric read `months` months earlier.
        case shifted(Int32, months: Int32)
        case negate
        case add, subtract, multiply, divide
    }

    /// The structure version compiled.
    public let version: Int
    /// How many metric slots.
    let count: Int
    /// Per slot: the compiled formula is `code[codeStart[i]..<codeStart[i + 1]]`,
    /// empty for a metric without one (or an empty slot).
    let codeStart: [Int32]
    let code: [Instruction]
    /// Per slot: the metrics the formula reads in the period itself, each
    /// once, in the order they first appear: `inputs[inputStart[i]..<inputStart[i + 1]]`.
    let inputStart: [Int32]
    let inputs: [Int32]
    /// Per slot: the metrics the formula reads in earlier periods, with how
    /// many months earlier: `shifts[shiftStart[i]..<shiftStart[i + 1]]`.
    let shiftStart: [Int32]
    let shifts: [Shift]
    /// Per slot: the longest period that the metric's formula, and every
    /// formula it reads, can be worked out for directly: each offset on the
    /// way is a whole number of them. A year where no formula has an offset.
    let aligned: [Period.Grain]
    /// Whether any formula reads an earlier period.
    public let hasTime: Bool
    /// A read of a metric in an earlier period.
    struct Shift: Sendable {
        var metric: Int32
        var months: Int32
    }

    /// Per slot: the metrics whose formulas read it, in any period.
    let readerStart: [Int32]
    let readers: [Int32]
    /// The deepest stack any formula needs.
    let depth: Int
    /// Per slot: how the metric's values roll up (`Workspace.aggregation(of:)`).
    let aggregations: [Aggregation]
    /// Per slot: the formula, for the general evaluation that explains failures.
    let formulas: [Formula?]
    /// The formulas as a variance splits them, each once a split has met
    /// it (`VarianceSplit`): the same for every split of this structure.
    let splitPrograms = Mutex(Shapley.Programs(slots: 0))

    /// Compiles every formula of `workspace`.
    public init(_ workspace: Workspace) {
        let slots = workspace.metrics.slots
        let n = slots.count
        var codeStart: [Int32] = [0]
        var code: [Instruction] = []
        var inputStart: [Int32] = [0]
        var inputs: [Int32] = []
        var shiftStart: [Int32] = [0]
        var shifts: [Shift] = []
        var readerCount = [Int32](repeating: 0, count: n + 1)
        var depth = 0
        var aggregations: [Aggregation] = []
        var formulas: [Formula?] = []
        formulas.reserveCapacity(n)
        // A workspace uses few units: each is classified once, and found again in a short list.
        var units: [(name: String, aggregation: Aggregation)] = []
        codeStart.reserveCapacity(n + 1)
        inputStart.reserveCapacity(n + 1)
        aggregations.reserveCapacity(n)
        for i in 0..<n {
            // Fields read one by one from the slot: a metric is never copied whole.
            let formula = slots[i]?.formula
            if slots[i]?.name == nil {
                aggregations.append(.sum)
            } else if let chosen = slots[i]?.aggregation {
                aggregations.append(chosen)
            } else if formula?.dividesByMetric != true, let unit = slots[i]?.unit {
                if let known = units.first(where: { $0.name == unit }) {
                    aggregations.append(known.aggregation)
                } else {
                    let found = UnitClass(unit).defaultAggregation
                    if units.count < 32 { units.append((unit, found)) }
                    aggregations.append(found)
                }
            } else {
                aggregations.append(workspace.aggregation(of: MetricID(Int32(i))))
            }
            formulas.append(formula)
            if let formula {
                let start = code.count
                depth = max(depth, Self.compile(formula, into: &code))
                let first = inputs.count
                Self.collectInputs(code[start...], into: &inputs)
                let firstShift = shifts.count
                Self.collectShifts(code[start...], into: &shifts)
                for input in inputs[first...] { readerCount[Int(input)] += 1 }
                for metric in Self.earlierOnly(inputs[first...], shifts[firstShift...]) { readerCount[Int(metric)] += 1 }
            }
            codeStart.append(Int32(code.count))
            inputStart.append(Int32(inputs.count))
            shiftStart.append(Int32(shifts.count))
        }
        // Readers, grouped by the metric read (a counting sort).
        var readerStart = [Int32](repeating: 0, count: n + 1)
        for i in 0..<n { readerStart[i + 1] = readerStart[i] + readerCount[i] }
        var fill = Array(readerStart[0..<n])
        var readers = [Int32](repeating: 0, count: Int(readerStart[n]))
        for reader in 0..<n {
            let same = inputs[Int(inputStart[reader])..<Int(inputStart[reader + 1])]
            for input in same {
                readers[Int(fill[Int(input)])] = Int32(reader)
                fill[Int(input)] += 1
            }
            let earlier = shifts[Int(shiftStart[reader])..<Int(shiftStart[reader + 1])]
            for metric in Self.earlierOnly(same, earlier) {
                readers[Int(fill[Int(metric)])] = Int32(reader)
                fill[Int(metric)] += 1
            }
        }
        self.aligned = Self.alignment(n, inputStart, inputs, shiftStart, shifts)
        self.hasTime = !shifts.isEmpty
        self.version = workspace.structureVersion
        self.count = n
        self.codeStart = codeStart
        self.code = code
        self.inputStart = inputStart
        self.inputs = inputs
        self.shiftStart = shiftStart
        self.shifts = shifts
        self.readerStart = readerStart
        self.readers = readers
        self.depth = depth
        self.aggregations = aggregations
        self.formulas = formulas
    }

    /// Appends the postfix program of `formula`; returns the stack depth it needs.
    private static func compile(_ formula: Formula, into code: inout [Instruction]) -> Int {
        switch formula {
        case .number(let value):
            code.append(.number(value))
            return 1
        case .metric(let id):
            code.append(.metric(id.slot))
            return 1
        case .shifted(let id, let offset):
            code.append(.shifted(id.slot, months: Int32(offset.months)))
            return 1
        case .profile:
            // Written out before compiling (`Formula.expanded`).
            return compile(formula.expanded, into: &code)
        case .negate(let operand):
            let depth = compile(operand, into: &code)
            code.append(.negate)
            return depth
        case .binary(let op, let lhs, let rhs):
            let left = compile(lhs, into: &code)
            let right = compile(rhs, into: &code)
            switch op {
            case .add: code.append(.add)
            case .subtract: code.append(.subtract)
            case .multiply: code.append(.multiply)
            case .divide: code.append(.divide)
            }
            return max(left, right + 1)
        }
    }

    /// Appends the metrics a program reads, each once, in the order they first appear.
    private static func collectInputs(_ program: ArraySlice<Instruction>, into inputs: inout [Int32]) {
        let first = inputs.count
        var seen: Set<Int32>?
        for case .metric(let slot) in program {
            if inputs.count - first < 16 {
                if inputs[first...].contains(slot) { continue }
            } else {
                if seen == nil { seen = Set(inputs[first...]) }
                guard seen!.insert(slot).inserted else { continue }
            }
            inputs.append(slot)
        }
    }

    /// The metrics a formula reads only in earlier periods, each once.
    private static func earlierOnly(_ same: ArraySlice<Int32>, _ earlier: ArraySlice<Shift>) -> [Int32] {
        var result: [Int32] = []
        for shift in earlier where !same.contains(shift.metric) && !result.contains(shift.metric) {
            result.append(shift.metric)
        }
        return result
    }

    /// Appends the earlier periods a program reads, each metric and offset once.
    private static func collectShifts(_ program: ArraySlice<Instruction>, into shifts: inout [Shift]) {
        let first = shifts.count
        for case .shifted(let slot, let months) in program
        where !shifts[first...].contains(where: { $0.metric == slot && $0.months == months }) {
            shifts.append(Shift(metric: slot, months: months))
        }
    }

    /// Per slot, the longest grain every offset on the way to the metric is
    /// a whole number of: the metric's own offsets, and its inputs' grains,
    /// lowered until nothing changes (offsets may close cycles).
    private static func alignment(
        _ n: Int, _ inputStart: [Int32], _ inputs: [Int32], _ shiftStart: [Int32], _ shifts: [Shift]
    ) -> [Period.Grain] {
        var grain = [Period.Grain](repeating: .year, count: n)
        guard !shifts.isEmpty else { return grain }
        func fits(_ months: Int32) -> Period.Grain {
            Period.Grain.allCases.reversed().first { Int(months) % $0.months == 0 } ?? .month
        }
        var changed = true
        while changed {
            changed = false
            for i in 0..<n {
                var g = grain[i]
                for shift in shifts[Int(shiftStart[i])..<Int(shiftStart[i + 1])] {
                    g = min(g, fits(shift.months), grain[Int(shift.metric)])
                }
                for input in inputs[Int(inputStart[i])..<Int(inputStart[i + 1])] { g = min(g, grain[Int(input)]) }
                if g != grain[i] {
                    grain[i] = g
                    changed = true
                }
            }
        }
        return grain
    }

    /// Whether the metric in slot `i` has a formula.
    func hasFormula(_ i: Int) -> Bool { codeStart[i] != codeStart[i + 1] }

    /// The metrics whose values may change when the metric in slot `i`
    /// changes: itself and every metric whose formula reads it, in any
    /// period, directly or not (links carry no arithmetic).
    func cone(of i: Int) -> [Int32] {
        var seen: Set<Int32> = [Int32(i)]
        var result: [Int32] = [Int32(i)]
        var next = 0
        while next < result.count {
            let current = Int(result[next])
            next += 1
            for k in Int(readerStart[current])..<Int(readerStart[current + 1]) where seen.insert(readers[k]).inserted {
                result.append(readers[k])
            }
        }
        return result
    }
}

extension EvaluationPlan {
    /// Runs a compiled program on a stack with room for `depth` numbers;
    /// `read` gives a metric's number, nil when it has none. Nil when a read
    /// has no number or an operation fails (a division by zero, a result too
    /// large): the general evaluation then says which.
    @inline(__always)
    static func execute(
        _ code: UnsafeBufferPointer<Instruction>, stack: UnsafeMutablePointer<Double>, read: (Int32) -> Double?,
        readEarlier: (Int32, Int32) -> Double? = { _, _ in nil }
    ) -> Double? {
        var top = -1
        for instruction in code {
            switch instruction {
            case .number(let x):
                top += 1
                stack[top] = x
            case .metric(let slot):
                guard let x = read(slot) else { return nil }
                top += 1
                stack[top] = x
            case .shifted(let slot, let months):
                guard let x = readEarlier(slot, months) else { return nil }
                top += 1
                stack[top] = x
            case .negate:
                stack[top] = -stack[top]
            case .add, .subtract, .multiply, .divide:
                let b = stack[top]
                top -= 1
                let a = stack[top]
                let result: Double
                switch instruction {
                case .add: result = a + b
                case .subtract: result = a - b
                case .multiply: result = a * b
                default:
                    if b == 0 { return nil }
                    result = a / b
                }
                if !result.isFinite { return nil }
                stack[top] = result
            }
        }
        return stack[0]
    }

    /// Runs the program `code[range]` with a stack of its own.
    func execute(
        _ range: Range<Int>, read: (Int32) -> Double?, readEarlier: (Int32, Int32) -> Double? = { _, _ in nil }
    ) -> Double? {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: depth + 1) { stack in
            code.withUnsafeBufferPointer { code in
                Self.execute(
                    UnsafeBufferPointer(rebasing: code[range]), stack: stack.baseAddress!, read: read,
                    readEarlier: readEarlier)
            }
        }
    }
}
