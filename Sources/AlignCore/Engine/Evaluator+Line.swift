extension Evaluator {
    /// How one metric follows one driver moved in one period, worked out
    /// along the formulas between them only: the metrics on those chains,
    /// in driver order, each a short program whose other inputs are today's
    /// numbers. What a solve asks dozens of times costs a few operations
    /// per metric on the chain, not a what-if evaluator's lookups.
    ///
    /// A line gives exactly what a what-if evaluator gives wherever it gives
    /// a number; where a step fails (a division by zero, a result too large)
    /// it gives nothing, and the what-if evaluator explains the failure.
    final class Line {
        /// The chain's programs, one after another: step `i` runs
        /// `code[ends[i - 1]..<ends[i]]`, and its `.metric` reads name the
        /// chain's earlier results (the driver is 0). A step whose number
        /// does not move is the program of one constant.
        private let code: [EvaluationPlan.Instruction]
        private let ends: [Int32]
        /// The deepest stack a step needs.
        private let depth: Int

        fileprivate init(code: [EvaluationPlan.Instruction], ends: [Int32], depth: Int) {
            self.code = code
            self.ends = ends
            self.depth = depth
        }

        /// The metric's value with the driver at `x`; nil when a step fails.
        func value(at x: Double) -> Outcome? {
            let count = ends.count
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: count + 1 + depth + 1) { room in
                let results = room.baseAddress!
                let stack = results + count + 1
                results[0] = x
                return code.withUnsafeBufferPointer { code in
                    var start = 0
                    for i in 0..<count {
                        let end = Int(ends[i])
                        let program = UnsafeBufferPointer(rebasing: code[start..<end])
                        start = end
                        guard let number = EvaluationPlan.execute(program, stack: stack, read: { results[Int($0)] })
                        else { return nil }
                        results[i + 1] = number
                    }
                    return .known(results[count])
                }
            }
        }
    }

    /// The line from `driver` to `target` in `period`, for an evaluator of
    /// the workspace itself (no overrides); `cone` is every metric whose
    /// formulas read the driver, directly or not. Nil when the target does
    /// not follow the driver through formulas, or an input off the chain has
    /// no number today.
    func line(from driver: MetricID, to target: MetricID, in period: Period, cone: MetricSet) -> Line? {
        guard base == nil, overrides.isEmpty, target != driver, cone.contains(target) else { return nil }
        // Where formulas read earlier periods, a driver moved in one period
        // moves later ones and what they roll up into: no line of one period.
        if plan.hasTime { return nil }
        // A driver spread over finer periods moves them, not this one alone.
        if isSpread(driver, in: period) { return nil }
        // Whether setting the driver here leaves its finer periods as they
        // are: it has a formula of its own there, or values of its own inside.
        let isolated =
            period.grain == .month || plan.hasFormula(driver.index)
            || (driver.index < recorded.count && recorded[driver.index].hasValue(inside: period))
        // The chains' metrics, each after its inputs: a walk back from the
        // target through the inputs that the driver reaches.
        // Chains are short: room for a few metrics from the start, so that
        // building a line is not mostly growing arrays.
        var order: [MetricID] = []
        order.reserveCapacity(8)
        // Each metric's place among the line's results: the driver's is 0.
        var place = SmallMap<Int32>(capacity: 8)
        place[ValueKey(driver, period)] = 0
        var stack: [(MetricID, Bool)] = []
        stack.reserveCapacity(16)
        stack.append((target, false))
        while let (id, expanded) = stack.popLast() {
            if place[ValueKey(id, period)] != nil { continue }
            if expanded {
                order.append(id)
                place[ValueKey(id, period)] = Int32(order.count)
                continue
            }
            stack.append((id, true))
            for k in Int(plan.inputStart[id.index])..<Int(plan.inputStart[id.index + 1]) {
                let input = MetricID(plan.inputs[k])
                if place[ValueKey(input, period)] == nil, cone.contains(input) { stack.append((input, false)) }
            }
        }
        guard place[ValueKey(target, period)] != nil else { return nil }
        var code: [EvaluationPlan.Instruction] = []
        code.reserveCapacity(order.reduce(0) { $0 + Int(plan.codeStart[$1.index + 1] - plan.codeStart[$1.index]) + 1 })
        var ends: [Int32] = []
        ends.reserveCapacity(order.count)
        for id in order {
            defer { ends.append(Int32(code.count)) }
            if let recorded = recordedValue(id, period) {
                code.append(.number(recorded))
                continue
            }
            // A sum of finer periods (actuals recorded by month) does not read
            // the driver in this period, when the driver's own finer values
            // stand apart from it: today's number holds. Where the driver's
            // value here would be carried down into them (a leaf with nothing
            // recorded inside the period), or a part without a number today
            // leaves the formula to give the value, the general evaluation
            // follows it instead.
            if combinesChildren(id.index, period, finer: hasFinerData(period)) {
                guard isolated, addsUpFinerPeriods(id, period), let today = value(id, in: period).number else { return nil }
                code.append(.number(today))
                continue
            }
            for instruction in plan.code[Int(plan.codeStart[id.index])..<Int(plan.codeStart[id.index + 1])] {
                guard case .metric(let slot) = instruction else {
                    code.append(instruction)
                    continue
                }
                if let i = place[ValueKey(MetricID(slot), period)] {
                    code.append(.metric(i))
                } else {
                    guard let today = value(MetricID(slot), in: period).number else { return nil }
                    code.append(.number(today))
                }
            }
        }
        return Line(code: code, ends: ends, depth: plan.depth)
    }
}
