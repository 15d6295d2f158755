@testable import AlignCore
import Testing

@Suite("Rounding noise")
struct NoiseTests {
    static let cases: [(Double, Double)] = [
        (1300 * 1.1, 1430), (0.1 + 0.2, 0.3), (1417.5, 1417.5), (1e-7 * 3, 3e-7), (12_345.678, 12_345.678),
        (-0.1 - 0.2, -0.3), (2.0 / 3, 2.0 / 3),
    ]

    @Test("a figure is cleaned of the rounding of its arithmetic, and of nothing more", arguments: cases)
    func cleaned(_ x: Double, _ expected: Double) {
        #expect(Noise.cleaned(x) == expected)
        #expect(Noise.isSame(Noise.cleaned(x), x))
    }
}
