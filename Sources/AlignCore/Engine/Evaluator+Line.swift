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
        /// One metric on the chain: a fixed number, or a program whose
        /// `.metric` reads name the chain's earlier results (the driver is 0).
        fileprivate enum Step {
            case fixed(Double)
            case program([EvaluationPlan.Instruction])
        }

        private let steps: [Step]
        private var results: [Double]
        private var stack: [Double] = []

        fileprivate init(_ steps: [Step]) {
            self.steps = steps
            self.results = Array(repeating: 0, count: steps.count + 1)
        }

        /// The metric's value with the driver at `x`; nil when a step fails.
        func value(at x: Double) -> Outcome? {
            results[0] = x
            for (i, step) in steps.enumerated() {
                switch step {
                case .fixed(let number):
                    results[i + 1] = number
                case .program(let code):
                    guard let number = run(code) else { return nil }
                    results[i + 1] = number
                }
            }
            return .known(results[steps.count])
        }

        private func run(_ code: [EvaluationPlan.Instruction]) -> Double? {
            EvaluationPlan.execute(code[...], on: &stack) { results[Int($0)] }
        }
    }

    /// The line from `driver` to `target` in `period`, for an evaluator of
    /// the workspace itself (no overrides); `cone` is every metric whose
    /// formulas read the driver, directly or not. Nil when the target does
    /// not follow the driver through formulas, or an input off the chain has
    /// no number today.
    func line(from driver: MetricID, to target: MetricID, in period: Period, cone: MetricSet) -> Line? {
        guard base == nil, overrides.isEmpty, target != driver, cone.contains(target) else { return nil }
        // The chains' metrics, each after its inputs: a walk back from the
        // target through the inputs that the driver reaches.
        var order: [MetricID] = []
        // Each metric's place among the line's results: the driver's is 0.
        var place = SmallMap<Int32>()
        place[ValueKey(driver, period)] = 0
        var stack: [(MetricID, Bool)] = [(target, false)]
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
        var steps: [Line.Step] = []
        steps.reserveCapacity(order.count)
        for id in order {
            if let recorded = recordedValue(id, period) {
                steps.append(.fixed(recorded))
                continue
            }
            // A sum of finer periods does not read the driver in this period: today's number holds.
            if aggregation(of: id) != .average, hasFinerData(period),
                period.children.allSatisfy({ value(id, in: $0).number != nil })
            {
                guard let today = value(id, in: period).number else { return nil }
                steps.append(.fixed(today))
                continue
            }
            var code: [EvaluationPlan.Instruction] = []
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
            steps.append(.program(code))
        }
        return Line(steps)
    }
}
