import AlignCore
import Testing

/// Rounding a figure to the precision its unit deserves, the way that keeps it met.
@Suite("Precision of suggested figures")
struct PrecisionTests {
    @Test(
        "each unit has its precision, and the direction keeps the need met",
        arguments: [
            (0.3414161472340063, "ratio", Precision.Direction.up, 0.342),
            (0.3414161472340063, "percent", .down, 0.341),
            (3333.333, "count", .up, 3334),
            (3333.333, "count", .down, 3333),
            (3334.0000000001, "count", .up, 3334),
            (2_731_234.5, "USD", .up, 2_731_235),
            (12.345678, "score", .up, 12.35),
            (0.000123456, "score", .nearest, 0.000123),
            (1_234_567.8, "kg", .up, 1_234_568),
        ] as [(Double, String, Precision.Direction, Double)])
    func rounded(_ value: Double, _ unit: String, _ direction: Precision.Direction, _ expected: Double) {
        #expect(Precision.rounded(value, unit: unit, direction) == expected)
    }

    @Test("a goal's comparison says which way its target may be rounded")
    func directions() {
        #expect(Precision.direction(of: .atLeast) == .up)
        #expect(Precision.direction(of: .atMost) == .down)
        #expect(Precision.direction(of: .equal) == .nearest)
    }
}
