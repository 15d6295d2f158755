import AlignCore

/// A formula as written, with source ranges, before its names are resolved.
public indirect enum Expression: Equatable, Sendable {
    /// A number literal.
    case number(Double, SourceRange)
    /// A metric's name.
    case name(Name)
    /// A negated operand; the range is the minus sign's.
    case negate(Expression, SourceRange)
    /// Two operands and an operator; the range is the operator's.
    case binary(Formula.Operator, Expression, Expression, SourceRange)
    /// An operand in parentheses; the range spans them.
    case group(Expression, SourceRange)
    /// A metric read an offset earlier: `mqls[-1m]`; the range is the brackets'.
    case shifted(Name, Offset, SourceRange)
    /// A distributed lag: `profile(sqls, 1m, 20%, 50%, 30%)`; the range spans the call.
    case profile(Expression, step: Offset, shares: [Double], SourceRange)

    /// The span of the whole expression.
    public var range: SourceRange {
        switch self {
        case .number(_, let range): return range
        case .name(let name): return name.range
        case .negate(let operand, let range): return range.joined(operand.range)
        case .binary(_, let lhs, let rhs, _): return lhs.range.joined(rhs.range)
        case .group(_, let range): return range
        case .shifted(let name, _, let range): return name.range.joined(range)
        case .profile(_, _, _, let range): return range
        }
    }

    /// The profiles in the expression, outermost first, with their shares and ranges.
    public var profiles: [(shares: [Double], range: SourceRange)] {
        switch self {
        case .number, .name, .shifted: return []
        case .negate(let operand, _), .group(let operand, _): return operand.profiles
        case .binary(_, let lhs, let rhs, _): return lhs.profiles + rhs.profiles
        case .profile(let operand, _, let shares, let range): return [(shares, range)] + operand.profiles
        }
    }

    /// The names the expression reads, in order, with repeats.
    public var names: [Name] {
        switch self {
        case .number: return []
        case .name(let name), .shifted(let name, _, _): return [name]
        case .negate(let operand, _), .group(let operand, _), .profile(let operand, _, _, _): return operand.names
        case .binary(_, let lhs, let rhs, _): return lhs.names + rhs.names
        }
    }

    /// The names the expression reads in the period it is computed for, in
    /// order: not those read through an offset, nor a profile's after its
    /// first share.
    public var namesNow: [Name] {
        switch self {
        case .number, .shifted: return []
        case .name(let name): return [name]
        case .negate(let operand, _), .group(let operand, _): return operand.namesNow
        case .profile(let operand, _, let shares, _): return (shares.first ?? 0) != 0 ? operand.namesNow : []
        case .binary(_, let lhs, let rhs, _): return lhs.namesNow + rhs.namesNow
        }
    }

    /// The formula, with each name resolved by `resolve` (which may throw).
    public func formula<E: Error>(_ resolve: (Name) throws(E) -> MetricID) throws(E) -> Formula {
        switch self {
        case .number(let value, _): return .number(value)
        case .name(let name): return .metric(try resolve(name))
        case .negate(let operand, _): return .negate(try operand.formula(resolve))
        case .group(let operand, _): return try operand.formula(resolve)
        case .binary(let op, let lhs, let rhs, _): return .binary(op, try lhs.formula(resolve), try rhs.formula(resolve))
        case .shifted(let name, let offset, _): return .shifted(try resolve(name), offset)
        case .profile(let operand, let step, let shares, _):
            return .profile(try operand.formula(resolve), step: step, shares: shares)
        }
    }
}
