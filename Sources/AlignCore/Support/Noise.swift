/// Telling a change from the rounding of floating-point arithmetic: two
/// ways of computing one figure can differ in the sixteenth digit (0.1 × 3
/// against 0.3), and that is no change anyone made.
public enum Noise {
    /// How far apart two figures may be, as a share of the larger, and still
    /// be the same: well above the rounding of a long chain of arithmetic,
    /// well below any change a person means.
    public static let relative = 1e-12

    /// `after - before`, or 0 when the two differ by rounding alone.
    public static func change(from before: Double, to after: Double) -> Double {
        isSame(before, after) ? 0 : after - before
    }

    /// The figure with the fewest decimals (nine at most) that is within a
    /// few units of the last place of it: 1430 for 1430.0000000000002, 0.3
    /// for 0.30000000000000004; 1417.5 and 2/3 stay as they are.
    public static func cleaned(_ x: Double) -> Double {
        guard x.isFinite, x != x.rounded() else { return x }
        var scale = 1.0
        for _ in 0...9 {
            let r = (x * scale).rounded() / scale
            if abs(r - x) <= 4 * x.ulp { return r }
            scale *= 10
        }
        return x
    }

    /// Whether two figures differ by rounding alone.
    public static func isSame(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= relative * max(abs(a), abs(b))
    }
}

extension Outcome {
    /// Whether two outcomes are the same but for rounding: a what-if moves
    /// only the metrics whose values change.
    public func isSame(as other: Outcome) -> Bool {
        if let a = number, let b = other.number { return Noise.isSame(a, b) }
        return self == other
    }
}
