/// A small seeded random number generator (SplitMix64): the same seed gives
/// the same numbers on every machine, so a random test that fails can be
/// run again exactly as it failed.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// A generator that starts from `seed`.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed of a random test that is not given one: `ALIGN_TEST_SEED`
    /// when set (to replay a failure), else a new one each run. A test says
    /// it in every failure, with `replay`.
    public static func testSeed(environment: [String: String]) -> UInt64 {
        if let given = environment["ALIGN_TEST_SEED"], let seed = UInt64(given) { return seed }
        var system = SystemRandomNumberGenerator()
        return system.next()
    }

    /// How a failure names its seed: "seed 42 (ALIGN_TEST_SEED=42 replays it)".
    public static func replay(_ seed: UInt64) -> String {
        "seed \(seed) (ALIGN_TEST_SEED=\(seed) replays it)"
    }
}
