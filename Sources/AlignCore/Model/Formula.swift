/// An arithmetic expression over metrics: `sqls * win_rate * deal_size`.
public indirect enum Formula: Equatable, Sendable {
    /// The four operators, in the precedence they bind with.
    public enum Operator: Character, Sendable {
        case add = "+", subtract = "-", multiply = "*", divide = "/"

        /// Higher binds tighter.
        public var precedence: Int {
            switch self {
            case .add, .subtract: return 1
            case .multiply, .divide: return 2
            }
        }
    }

    /// A constant.
    case number(Double)
    /// The value of another metric in the same period.
    case metric(MetricID)
    /// Two operands joined by an operator.
    case binary(Operator, Formula, Formula)
    /// The negation of an operand.
    case negate(Formula)

    /// The metrics the formula reads, each once, in the order they first appear.
    public var inputs: [MetricID] {
        var result: [MetricID] = []
        collect(into: &result)
        guard result.count > 16 else {
            // Formulas are short: finding repeats by scanning costs less than hashing.
            var unique: [MetricID] = []
            unique.reserveCapacity(result.count)
            for id in result where !unique.contains(id) { unique.append(id) }
            return unique
        }
        var seen = Set<MetricID>()
        return result.filter { seen.insert($0).inserted }
    }

    private func collect(into result: inout [MetricID]) {
        switch self {
        case .number: return
        case .metric(let id): result.append(id)
        case .binary(_, let lhs, let rhs):
            lhs.collect(into: &result)
            rhs.collect(into: &result)
        case .negate(let operand):
            operand.collect(into: &result)
        }
    }

    /// Whether the formula reads `id`.
    public func reads(_ id: MetricID) -> Bool {
        switch self {
        case .number: return false
        case .metric(let m): return m == id
        case .binary(_, let lhs, let rhs): return lhs.reads(id) || rhs.reads(id)
        case .negate(let operand): return operand.reads(id)
        }
    }

    /// Whether the formula divides by something that reads a metric: a rate
    /// or an average (`sqls / mqls`, `revenue / deals`), which a coarser
    /// period recomputes from its own inputs instead of adding up.
    public var dividesByMetric: Bool {
        switch self {
        case .number, .metric: return false
        case .negate(let operand): return operand.dividesByMetric
        case .binary(let op, let lhs, let rhs):
            if op == .divide, !rhs.inputs.isEmpty { return true }
            return lhs.dividesByMetric || rhs.dividesByMetric
        }
    }

    /// The formula with every read of `id` replaced by `replacement`.
    public func replacing(_ id: MetricID, with replacement: Formula) -> Formula {
        switch self {
        case .number: return self
        case .metric(let m): return m == id ? replacement : self
        case .binary(let op, let lhs, let rhs):
            return .binary(op, lhs.replacing(id, with: replacement), rhs.replacing(id, with: replacement))
        case .negate(let operand): return .negate(operand.replacing(id, with: replacement))
        }
    }

    /// Renders the formula with the fewest parentheses that keep its meaning.
    public func rendered(name: (MetricID) -> String, number: (Double) -> String) -> String {
        render(name: name, number: number, context: 0, rightOperand: false)
    }

    private func render(
        name: (MetricID) -> String, number: (Double) -> String, context: Int, rightOperand: Bool
    ) -> String {
        switch self {
        case .number(let value):
            return number(value)
        case .metric(let id):
            return name(id)
        case .negate(let operand):
            let inner = operand.render(name: name, number: number, context: 3, rightOperand: false)
            return "-" + inner
        case .binary(let op, let lhs, let rhs):
            let left = lhs.render(name: name, number: number, context: op.precedence, rightOperand: false)
            let right = rhs.render(name: name, number: number, context: op.precedence, rightOperand: true)
            let text = "\(left) \(op.rawValue) \(right)"
            let needsParens = op.precedence < context || (op.precedence == context && rightOperand)
            return needsParens ? "(\(text))" : text
        }
    }
}
