/// Rounding a figure to the precision its unit deserves, in the direction
/// that keeps what it was worked out for: a suggested goal of `win_rate >=
/// 0.3414161472340063` becomes `>= 0.342` (rounded up, so meeting it still
/// meets the need), a count of 3,333.33 leads becomes 3,334.
public enum Precision {
    /// Which way a figure may be rounded and still do its job.
    public enum Direction: Sendable {
        /// Up: an "at least" need.
        case up
        /// Down: an "at most" need.
        case down
        /// To the nearest: an exact need.
        case nearest
    }

    /// How many decimal places a figure in this unit is given to: none for
    /// a count or money, three for a share (a tenth of a percentage point),
    /// and else four significant digits (at most six places).
    public static func decimals(for value: Double, unit: String?) -> Int {
        switch unit.map(UnitClass.init) {
        case .count, .currency: return 0
        case .share: return 3
        default:
            var digits = 1
            var rest = abs(value)
            guard rest.isFinite, rest > 0 else { return 0 }
            while rest >= 10 { rest /= 10; digits += 1 }
            while rest < 1 { rest *= 10; digits -= 1 }
            return max(0, min(6, 4 - digits))
        }
    }

    /// `value` rounded to the precision its unit deserves, in `direction`.
    /// A figure within rounding of a step is taken as that step (3,334.0000001
    /// is 3,334, not 3,335).
    public static func rounded(_ value: Double, unit: String?, _ direction: Direction) -> Double {
        guard value.isFinite else { return value }
        var scale = 1.0
        for _ in 0..<decimals(for: value, unit: unit) { scale *= 10 }
        let scaled = value * scale
        let nearest = scaled.rounded()
        if abs(scaled - nearest) <= 1e-9 * max(1, abs(scaled)) { return nearest / scale }
        switch direction {
        case .up: return scaled.rounded(.up) / scale
        case .down: return scaled.rounded(.down) / scale
        case .nearest: return nearest / scale
        }
    }

    /// The direction a goal's target may be rounded in and still be met by
    /// what meets the exact one: up for `>=`, down for `<=`.
    public static func direction(of comparison: Comparison) -> Direction {
        switch comparison {
        case .atLeast: return .up
        case .atMost: return .down
        case .equal: return .nearest
        }
    }
}
