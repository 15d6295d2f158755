import AlignCore

/// What the parser matched to the labelled slots of a command form.
public struct Bindings: Sendable {
    /// One matched value.
    public enum Value: Sendable {
        case word(String, SourceRange)
        case name(Name)
        case names([Name])
        case period(Period, SourceRange)
        case number(Double, SourceRange)
        case lag(Lag, SourceRange)
        case change(WhatIfChange, SourceRange)
        case comparison(Comparison, SourceRange)
        case text(String, SourceRange)
        case expression(Expression)
        case path(PathArgument)
        case span(ClosedRange<Period>, SourceRange)
        case groups([Bindings])
    }

    /// While a repeated group is matched: the bindings around it.
    var outer: [Bindings] = []

    /// A handful of pairs, searched in order: cheaper than a dictionary for
    /// the few slots a command has, and replay parses millions of commands.
    fileprivate var pairs: [(label: String, value: Value)] = []

    /// Makes empty bindings.
    public init() {}

    private var values: Values { Values(pairs: pairs) }

    private struct Values {
        let pairs: [(label: String, value: Value)]
        subscript(label: String) -> Value? {
            for pair in pairs where pair.label == label { return pair.value }
            return nil
        }
    }

    /// The value bound to a label.
    public subscript(label: String) -> Value? {
        get { values[label] }
        set {
            // Labels are bound once each: a new one is appended, a bound one replaced in place.
            if let i = pairs.firstIndex(where: { $0.label == label }) {
                if let newValue { pairs[i].value = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                if pairs.isEmpty { pairs.reserveCapacity(6) }
                pairs.append((label, newValue))
            }
        }
    }

    /// Whether a label was matched.
    public func has(_ label: String) -> Bool { values[label] != nil }

    /// A bound name.
    public func name(_ label: String) -> Name? {
        if case .name(let name)? = values[label] { return name }
        return nil
    }

    /// Bound names (`aka=A,B`).
    public func names(_ label: String) -> [Name] {
        if case .names(let names)? = values[label] { return names }
        return []
    }

    /// A bound word (a choice or keyword).
    public func word(_ label: String) -> String? {
        if case .word(let word, _)? = values[label] { return word }
        return nil
    }

    /// A bound period.
    public func period(_ label: String) -> Period? {
        if case .period(let period, _)? = values[label] { return period }
        return nil
    }

    /// A bound number.
    public func number(_ label: String) -> Double? {
        if case .number(let number, _)? = values[label] { return number }
        return nil
    }

    /// A bound lag.
    public func lag(_ label: String) -> Lag? {
        if case .lag(let lag, _)? = values[label] { return lag }
        return nil
    }

    /// A bound string or free text.
    public func text(_ label: String) -> String? {
        if case .text(let text, _)? = values[label] { return text }
        return nil
    }

    /// A bound path.
    public func path(_ label: String) -> PathArgument? {
        if case .path(let path)? = values[label] { return path }
        return nil
    }

    /// A bound what-if change.
    public func change(_ label: String) -> WhatIfChange? {
        if case .change(let change, _)? = values[label] { return change }
        return nil
    }

    /// A bound comparison.
    public func comparison(_ label: String) -> Comparison? {
        if case .comparison(let comparison, _)? = values[label] { return comparison }
        return nil
    }

    /// A bound period or range of periods.
    public func span(_ label: String) -> ClosedRange<Period>? {
        if case .span(let span, _)? = values[label] { return span }
        return nil
    }

    /// The groups of a repeated slot, one a time it was given.
    public func groups(_ label: String) -> [Bindings] {
        if case .groups(let groups)? = values[label] { return groups }
        return []
    }

    /// A bound expression.
    public func expression(_ label: String) -> Expression? {
        if case .expression(let expression)? = values[label] { return expression }
        return nil
    }

    /// Where a bound value is.
    public func range(_ label: String) -> SourceRange? {
        values[label]?.range
    }
}

extension Bindings.Value {
    /// Where the value is.
    var range: SourceRange? {
        switch self {
        case .word(_, let r), .period(_, let r), .number(_, let r), .lag(_, let r), .change(_, let r),
            .comparison(_, let r), .text(_, let r), .span(_, let r):
            return r
        case .name(let name): return name.range
        case .names(let names): return names.first.map { $0.range.joined(names.last!.range) }
        case .expression(let e): return e.range
        case .path(let p): return p.range
        case .groups(let groups):
            let ranges = groups.flatMap { $0.pairs.compactMap { $0.value.range } }
            guard let first = ranges.first else { return nil }
            return ranges.dropFirst().reduce(first) { $0.joined($1) }
        }
    }
}
