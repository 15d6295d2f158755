/// How far back a formula reads a metric: `[-1m]`, `[-2q]`, `[-1h]`, `[-1y]`.
public struct Offset: Hashable, Sendable, CustomStringConvertible {
    /// How many steps (at least 1).
    public var steps: Int
    /// How long one step is.
    public var unit: Period.Grain

    /// The longest offset a formula may read: a hundred years.
    public static let maxMonths = 1200

    /// Makes an offset of `steps` steps of `unit` back.
    public init(steps: Int, unit: Period.Grain) {
        self.steps = steps
        self.unit = unit
    }

    /// The offset in months.
    public var months: Int { steps * unit.months }

    /// The letter of a step: `m`, `q`, `h`, `y`.
    public static func letter(_ unit: Period.Grain) -> Character {
        switch unit {
        case .month: return "m"
        case .quarter: return "q"
        case .half: return "h"
        case .year: return "y"
        }
    }

    /// The step a letter names.
    public static func unit(_ letter: Character) -> Period.Grain? {
        switch letter {
        case "m": return .month
        case "q": return .quarter
        case "h": return .half
        case "y": return .year
        default: return nil
        }
    }

    /// As written in a formula, without brackets: `-1m`.
    public var description: String { "-\(steps)\(Offset.letter(unit))" }
}

/// An arithmetic expression over metrics: `sqls * win_rate * deal_size`,
/// with time: `mqls[-1m]` reads an earlier period, `profile(sqls, 1m, 20%, 50%, 30%)`
/// spreads a value over the periods after it.
///
/// A constant and a metric are held in place; the other cases in a box of
/// their own. A formula of every case boxed took a 32-byte allocation for each
/// name it reads, and a workspace holds tens of thousands of formulas.
public enum Formula: Equatable, Sendable {
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
    indirect case binary(Operator, Formula, Formula)
    /// The negation of an operand.
    indirect case negate(Formula)
    /// The value of a metric an offset earlier.
    indirect case shifted(MetricID, Offset)
    /// A distributed lag: the sum over i of `shares[i]` times the expression
    /// `i` steps earlier.
    indirect case profile(Formula, step: Offset, shares: [Double])

    /// The metrics the formula reads, each once, in the order they first appear.
    public var inputs: [MetricID] {
        var result: [MetricID] = []
        appendInputs(to: &result)
        return result
    }

    /// Appends `inputs` to `list`, with no array of their own: the reads,
    /// then the repeats among them taken out in place.
    func appendInputs(to list: inout [MetricID]) {
        let start = list.count
        collect(into: &list)
        var end = start
        if list.count - start > 16 {
            var seen = Set<MetricID>()
            for k in start..<list.count where seen.insert(list[k]).inserted {
                list[end] = list[k]
                end += 1
            }
        } else {
            // Formulas are short: finding repeats by scanning costs less than hashing.
            for k in start..<list.count where !list[start..<end].contains(list[k]) {
                list[end] = list[k]
                end += 1
            }
        }
        list.removeSubrange(end...)
    }

    /// How many times the formula reads a metric, repeats counted.
    var readCount: Int {
        switch self {
        case .number: return 0
        case .metric, .shifted: return 1
        case .binary(_, let lhs, let rhs): return lhs.readCount + rhs.readCount
        case .negate(let operand), .profile(let operand, _, _): return operand.readCount
        }
    }

    private func collect(into result: inout [MetricID]) {
        switch self {
        case .number: return
        case .metric(let id), .shifted(let id, _): result.append(id)
        case .binary(_, let lhs, let rhs):
            lhs.collect(into: &result)
            rhs.collect(into: &result)
        case .negate(let operand), .profile(let operand, _, _):
            operand.collect(into: &result)
        }
    }

    /// Whether the formula reads `id`, in any period.
    public func reads(_ id: MetricID) -> Bool {
        switch self {
        case .number: return false
        case .metric(let m), .shifted(let m, _): return m == id
        case .binary(_, let lhs, let rhs): return lhs.reads(id) || rhs.reads(id)
        case .negate(let operand), .profile(let operand, _, _): return operand.reads(id)
        }
    }

    /// Whether the formula reads `id` in the period it is computed for:
    /// not only through an offset or a lag of a profile after its first share.
    public func readsNow(_ id: MetricID) -> Bool {
        switch self {
        case .number, .shifted: return false
        case .metric(let m): return m == id
        case .binary(_, let lhs, let rhs): return lhs.readsNow(id) || rhs.readsNow(id)
        case .negate(let operand): return operand.readsNow(id)
        case .profile(let operand, _, let shares): return (shares.first ?? 0) != 0 && operand.readsNow(id)
        }
    }

    /// Calls `body` with each metric the formula reads in the period it is
    /// computed for (as `readsNow` tells them), in the order met, a metric
    /// read twice twice.
    public func forEachReadNow(_ body: (MetricID) -> Void) {
        switch self {
        case .number, .shifted: return
        case .metric(let m): body(m)
        case .binary(_, let lhs, let rhs):
            lhs.forEachReadNow(body)
            rhs.forEachReadNow(body)
        case .negate(let operand): operand.forEachReadNow(body)
        case .profile(let operand, _, let shares): if (shares.first ?? 0) != 0 { operand.forEachReadNow(body) }
        }
    }

    /// Whether the formula reads any metric in an earlier period.
    public var readsEarlierPeriods: Bool {
        switch self {
        case .number, .metric: return false
        case .shifted: return true
        case .binary(_, let lhs, let rhs): return lhs.readsEarlierPeriods || rhs.readsEarlierPeriods
        case .negate(let operand): return operand.readsEarlierPeriods
        case .profile(let operand, _, let shares):
            return shares.enumerated().contains { i, share in
                share != 0 && ((i > 0 && !operand.inputs.isEmpty) || operand.readsEarlierPeriods)
            }
        }
    }

    /// The formula with every read moved `months` further back: what a
    /// profile adds up, one step at a time.
    public func shifted(back months: Int) -> Formula {
        guard months > 0 else { return self }
        switch self {
        case .number: return self
        case .metric(let id): return .shifted(id, Offset.months(months))
        case .shifted(let id, let offset): return .shifted(id, Offset.months(offset.months + months))
        case .binary(let op, let lhs, let rhs): return .binary(op, lhs.shifted(back: months), rhs.shifted(back: months))
        case .negate(let operand): return .negate(operand.shifted(back: months))
        case .profile(let operand, let step, let shares):
            return .profile(operand.shifted(back: months), step: step, shares: shares)
        }
    }

    /// The formula without profiles: each written out as the sum of its
    /// terms that have a share, the way it is computed.
    public var expanded: Formula {
        switch self {
        case .number, .metric, .shifted: return self
        case .binary(let op, let lhs, let rhs): return .binary(op, lhs.expanded, rhs.expanded)
        case .negate(let operand): return .negate(operand.expanded)
        case .profile(let operand, let step, let shares):
            let inner = operand.expanded
            var sum: Formula?
            for (i, share) in shares.enumerated() where share != 0 {
                let term = Formula.binary(.multiply, .number(share), inner.shifted(back: i * step.months))
                sum = sum.map { .binary(.add, $0, term) } ?? term
            }
            return sum ?? .number(0)
        }
    }

    /// Every read of a metric with its offset in months (0 for the period
    /// itself), each pair once, in the order first met, profiles written out.
    public var timedReads: [(metric: MetricID, months: Int)] {
        var all: [(metric: MetricID, months: Int)] = []
        func visit(_ f: Formula) {
            switch f {
            case .number: return
            case .metric(let id): all.append((id, 0))
            case .shifted(let id, let offset): all.append((id, offset.months))
            case .binary(_, let lhs, let rhs):
                visit(lhs)
                visit(rhs)
            case .negate(let operand): visit(operand)
            case .profile: visit(f.expanded)
            }
        }
        visit(self)
        var seen = Set<UInt64>()
        return all.filter { seen.insert(UInt64(UInt32(bitPattern: $0.metric.slot)) << 32 | UInt64($0.months)).inserted }
    }

    /// Whether the formula divides by something that reads a metric: a rate
    /// or an average (`sqls / mqls`, `revenue / deals`), which a coarser
    /// period recomputes from its own inputs instead of adding up.
    public var dividesByMetric: Bool {
        switch self {
        case .number, .metric, .shifted: return false
        case .negate(let operand), .profile(let operand, _, _): return operand.dividesByMetric
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
        case .shifted(let m, let offset): return m == id ? replacement.shifted(back: offset.months) : self
        case .binary(let op, let lhs, let rhs):
            return .binary(op, lhs.replacing(id, with: replacement), rhs.replacing(id, with: replacement))
        case .negate(let operand): return .negate(operand.replacing(id, with: replacement))
        case .profile(let operand, let step, let shares):
            return .profile(operand.replacing(id, with: replacement), step: step, shares: shares)
        }
    }

    /// Renders the formula with the fewest parentheses that keep its meaning.
    /// `share` writes a profile's shares (as percentages, by default);
    /// `operand`, when it gives a text, writes a read or a profile its own
    /// way (with its value, say).
    public func rendered(
        name: (MetricID) -> String, number: (Double) -> String, share: ((Double) -> String)? = nil,
        operand: ((Formula) -> String?)? = nil
    ) -> String {
        withoutActuallyEscaping(name) { name in
            withoutActuallyEscaping(number) { number in
                render(Writer(name: name, number: number, share: share ?? Formula.percent, operand: operand), context: 0,
                    rightOperand: false)
            }
        }
    }

    /// How `rendered` writes the parts of a formula.
    private struct Writer {
        let name: (MetricID) -> String
        let number: (Double) -> String
        let share: (Double) -> String
        let operand: ((Formula) -> String?)?
    }

    /// A share as a percentage, when that spells it exactly (`20%`); else the number.
    public static func percent(_ share: Double) -> String {
        let scaled = share * 100
        for digits in 0...6 {
            let scale = Double(Int(pow10(digits)))
            let rounded = (scaled * scale).rounded() / scale
            // Read back as the parser reads `N%`: the percentage over 100.
            if rounded / 100 == share, abs(rounded) < 1e15 {
                var text = rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
                if text.hasSuffix(".0") { text.removeLast(2) }
                return text + "%"
            }
        }
        return String(share)
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { r, _ in r * 10 } }

    private func render(_ w: Writer, context: Int, rightOperand: Bool) -> String {
        switch self {
        case .metric, .shifted, .profile:
            if let custom = w.operand?(self) { return custom }
        default: break
        }
        switch self {
        case .number(let value):
            return w.number(value)
        case .metric(let id):
            return w.name(id)
        case .shifted(let id, let offset):
            return w.name(id) + "[\(offset)]"
        case .profile(let operand, let step, let shares):
            let inner = operand.render(w, context: 0, rightOperand: false)
            let list = shares.map(w.share).joined(separator: ", ")
            return "profile(\(inner), \(step.steps)\(Offset.letter(step.unit)), \(list))"
        case .negate(let operand):
            return "-" + operand.render(w, context: 3, rightOperand: false)
        case .binary(let op, let lhs, let rhs):
            let left = lhs.render(w, context: op.precedence, rightOperand: false)
            let right = rhs.render(w, context: op.precedence, rightOperand: true)
            let text = "\(left) \(op.rawValue) \(right)"
            let needsParens = op.precedence < context || (op.precedence == context && rightOperand)
            return needsParens ? "(\(text))" : text
        }
    }
}

extension Offset {
    /// An offset of `months` months, in the largest step that divides it
    /// (`[-3m]` and `[-1q]` read the same periods).
    public static func months(_ months: Int) -> Offset {
        for unit in Period.Grain.allCases.reversed() where months % unit.months == 0 {
            return Offset(steps: months / unit.months, unit: unit)
        }
        return Offset(steps: months, unit: .month)
    }
}
