/// Which side of the range of a share a value falls on.
public enum ShareBound: Sendable, Equatable {
    /// Below 0: less than none of the whole.
    case belowZero
    /// Above 100%: more than the whole.
    case aboveWhole
}

extension Workspace {
    /// Whether a metric's values are shares: its unit (its own, or its
    /// formula's) is `ratio`, `percent` or `share`.
    public func isShare(_ id: MetricID) -> Bool {
        guard let unit = valueUnit(of: id) else { return false }
        return UnitClass(unit) == .share
    }

    /// For a share, the bound a value lies beyond (a win rate of 1.25 is
    /// above the whole, one of 50 is too, and far above); nil for a value
    /// from 0 to 100%, or a metric that is not a share. Within the
    /// rounding of arithmetic of a bound counts as on it.
    public func shareBound(_ value: Double, of id: MetricID) -> ShareBound? {
        guard isShare(id) else { return nil }
        if value < -Comparison.tolerance(0) { return .belowZero }
        if value > 1 + Comparison.tolerance(1) { return .aboveWhole }
        return nil
    }

    /// What a value about to be recorded for a metric is likely a slip of,
    /// if anything: a count below zero, or a share beyond its range.
    public func doubt(about value: Double, of id: MetricID) -> ValueDoubt? {
        if value < 0, let unit = valueUnit(of: id), UnitClass(unit) == .count { return .negativeCount(unit: unit) }
        return shareBound(value, of: id).map(ValueDoubt.share)
    }
}

/// A value that is most likely a slip: taken, and questioned.
public enum ValueDoubt: Sendable, Equatable {
    /// A count (`leads -5`) below zero, in its unit.
    case negativeCount(unit: String)
    /// A share beyond 0 to 100%.
    case share(ShareBound)
}
