/// What a formula's operands say about the unit of its result.
public enum UnitInference: Equatable, Sendable {
    /// A bare number: takes the unit of whatever it meets.
    case any
    /// A metric without a unit: nothing can be said.
    case unknown
    /// A unit, classified.
    case known(UnitClass, name: String)
    /// A product or quotient of units that do not simplify.
    case compound
    /// Two operands of an addition whose units cannot add.
    case conflict(lhs: String, rhs: String, expression: Formula)
}

/// A formula `Workspace.check` found to close no cycle and to add only
/// units that add, for the metric it names; made only by that check.
public struct CheckedFormula: Sendable {
    /// The metric the formula was checked for.
    public let metric: MetricID
    public let formula: Formula
    /// The unit the formula gives from its inputs' units.
    public let unit: UnitInference
}

extension Workspace {
    /// The path from `id` back to itself, within one period, that the
    /// formula would close, if any. A metric may reach itself through an
    /// earlier period (`arr = arr[-1m] + new_arr`): only reads in the period
    /// itself count.
    ///
    /// Formulas are defined bottom-up in most scripts, so a metric that no
    /// formula reads yet cannot be on a cycle and costs nothing to check.
    public func cycle(ifFormulaOf id: MetricID, were formula: Formula) -> [MetricID]? {
        if formula.readsNow(id) { return [id, id] }
        guard isReadByFormulas(id) else { return nil }
        // Walk upstream from the new inputs, remembering how each was reached.
        var cameFrom: [MetricID: MetricID] = [:]
        var stack: [MetricID] = []
        formula.forEachReadNow { input in
            guard cameFrom[input] == nil else { return }
            cameFrom[input] = id
            stack.append(input)
        }
        while let current = stack.popLast() {
            var found = false
            metrics[current].formula?.forEachReadNow { next in
                guard !found else { return }
                if next == id {
                    found = true
                } else if cameFrom[next] == nil {
                    cameFrom[next] = current
                    stack.append(next)
                }
            }
            guard found else { continue }
            // Walk back to the new formula's input, then read the path forwards.
            var backwards = [id, current]
            var step = current
            while let previous = cameFrom[step], previous != id {
                backwards.append(previous)
                step = previous
            }
            backwards.append(id)
            return backwards.reversed()
        }
        return nil
    }

    /// The unit a metric's values are in: its own, or without one, the unit
    /// its formula gives from its inputs' units (`deal_size * 2` is in USD).
    public func valueUnit(of id: MetricID) -> String? {
        let metric = metrics[id]
        if let unit = metric.unit { return unit }
        guard let formula = metric.formula, case .known(_, let name) = unit(of: formula) else { return nil }
        return name
    }

    /// Infers the unit of a formula from its metrics' units, finding additions
    /// of units that cannot add (`USD + count`).
    public func unit(of formula: Formula) -> UnitInference {
        switch formula {
        case .number:
            return .any
        case .metric(let id), .shifted(let id, _):
            // A metric being made by this very formula has no unit yet.
            guard let unit = metrics.entity(id)?.unit else { return .unknown }
            return .known(UnitClass(unit), name: unit)
        case .negate(let operand), .profile(let operand, _, _):
            return unit(of: operand)
        case .binary(let op, let lhs, let rhs):
            let left = unit(of: lhs)
            if case .conflict = left { return left }
            let right = unit(of: rhs)
            if case .conflict = right { return right }
            switch op {
            case .add, .subtract:
                return Workspace.sum(left, right, formula)
            case .multiply:
                return Workspace.product(left, right)
            case .divide:
                return Workspace.quotient(left, right)
            }
        }
    }

    private static func sum(_ a: UnitInference, _ b: UnitInference, _ expression: Formula) -> UnitInference {
        switch (a, b) {
        case (.any, _), (.unknown, _), (.compound, _): return b == .any ? a : b
        case (_, .any), (_, .unknown), (_, .compound): return a
        case (.known(let x, let xName), .known(let y, let yName)):
            return x == y ? a : .conflict(lhs: xName, rhs: yName, expression: expression)
        default: return .unknown
        }
    }

    /// A share or a bare number scales a value without changing its unit.
    private static func isScale(_ unit: UnitInference) -> Bool {
        switch unit {
        case .any, .known(.share, _): return true
        default: return false
        }
    }

    private static func isMultiplier(_ unit: UnitInference) -> Bool {
        if case .known(.count, _) = unit { return true }
        return isScale(unit)
    }

    /// count × ratio is a count; count × USD is USD (so many deals at so much each).
    private static func product(_ a: UnitInference, _ b: UnitInference) -> UnitInference {
        if a == .unknown || b == .unknown { return .unknown }
        if isScale(a) { return b }
        if isScale(b) { return a }
        if case .known(.count, _) = a { return b }
        if case .known(.count, _) = b { return a }
        return .compound
    }

    private static func quotient(_ a: UnitInference, _ b: UnitInference) -> UnitInference {
        if a == .unknown || b == .unknown { return .unknown }
        if case .known(let x, _) = a, case .known(let y, _) = b, x == y { return .known(.share, name: "ratio") }
        if isMultiplier(b) { return a }
        return .compound
    }
}
