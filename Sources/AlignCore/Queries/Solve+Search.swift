/// The numeric search behind `solve` when the straight line misses: a
/// bracket of the target found on a grid that widens until numbers run out,
/// or beside a place where the metric cannot be computed or changes sign
/// without passing through the target (a pole: `1 / (x - 3)` goes from
/// minus to plus infinity at 3), then bisected.
extension Analysis {
    /// How many poles and jumps are looked beside, at most, before giving up.
    static let polesSearched = 8
    /// How near a pole the search goes: its width halved this many times.
    static let halvings = 200

    /// A bracket of the target on the grid around `x0`, else beside the
    /// poles and jumps the grid met, bisected; or why there is none.
    func search(
        _ f: (Double) -> Outcome, target: Double, from x0: Double, origin: Double, floor: Double?, tolerance: Double
    ) -> SolveResult {
        var lowest = origin
        var highest = origin
        // Places to look beside: a point where the metric fails, or two
        // neighbours where it changes sign (so a pole or a zero lies between).
        var poles: [(Double, Double)] = []
        // The nearest point on each side seen so far.
        var nearest: [Bool: (x: Double, value: Double)] = [true: (x0, origin), false: (x0, origin)]
        for x in Self.grid(around: x0, floor: floor) {
            let side = x > x0
            let previous = nearest[side]!
            guard let v = f(x).number else {
                poles.append((x, x))
                continue
            }
            lowest = min(lowest, v)
            highest = max(highest, v)
            if Self.crosses(previous.value, v, target) {
                if let found = bisect(f, target: target, previous.x, x, tolerance: tolerance) { return found }
                // It jumped over the target: a pole or a step lies between.
                poles.append((previous.x, x))
            } else if Self.crosses(previous.value, v, 0) {
                poles.append((previous.x, x))
            }
            nearest[side] = (x, v)
        }
        for (a, b) in poles.prefix(Self.polesSearched) {
            let place = a == b ? a : signChange(f, a, b)
            let width = a == b ? max(abs(a), 1) / 1024 : abs(b - a)
            let (found, low, high) = beside(place, width: width, f, target: target, floor: floor, tolerance: tolerance)
            if let found { return found }
            lowest = min(lowest, low)
            highest = max(highest, high)
        }
        // Nothing the driver did moved the metric at all.
        if abs(highest - lowest) <= 1e-12 * max(1, abs(lowest)) { return .noEffect }
        return .unreachable(lowest: lowest, highest: highest)
    }

    /// Points on both sides of `x0`, nearest first: x0 plus and minus its
    /// size times powers of two from 1/1024, doubling to 2^60 and then by
    /// 2^16 at a time until the numbers overflow.
    static func grid(around x0: Double, floor: Double?) -> [Double] {
        let size = max(abs(x0), 1)
        var points: [Double] = []
        var scale = 1.0 / 1024
        while true {
            let step = size * scale
            guard step.isFinite, (x0 + step).isFinite || (x0 - step).isFinite else { break }
            for x in [x0 + step, x0 - step] where x.isFinite && (floor == nil || x >= floor!) { points.append(x) }
            scale *= scale < 0x1p60 ? 2 : 0x1p16
        }
        if let floor, floor != x0 { points.append(floor) }
        return points.sorted { abs($0 - x0) < abs($1 - x0) }
    }

    /// Where between `a` and `b` (values of opposite signs, or a failure
    /// between) the metric changes sign or fails: bisected on the sign.
    private func signChange(_ f: (Double) -> Outcome, _ a: Double, _ b: Double) -> Double {
        var (a, b) = (a, b)
        guard var fa = f(a).number else { return a }
        for _ in 0..<200 {
            let mid = (a + b) / 2
            guard mid != a, mid != b, let fm = f(mid).number else { return mid }
            if Self.crosses(fa, fm, 0) {
                b = mid
            } else {
                a = mid
                fa = fm
            }
        }
        return (a + b) / 2
    }

    /// Looks for the target on each side of a pole at `place`, at points
    /// coming nearer to it by halves from `width` away.
    private func beside(
        _ place: Double, width: Double, _ f: (Double) -> Outcome, target: Double, floor: Double?, tolerance: Double
    ) -> (SolveResult?, lowest: Double, highest: Double) {
        var lowest = Double.infinity
        var highest = -Double.infinity
        for direction in [1.0, -1.0] {
            var previous: (x: Double, value: Double)?
            var distance = width
            for _ in 0..<Self.halvings {
                let x = place + direction * distance
                distance /= 2
                if x == place || distance == 0 { break }
                if let floor, x < floor { continue }
                guard let v = f(x).number else { continue }
                lowest = min(lowest, v)
                highest = max(highest, v)
                if let p = previous, Self.crosses(p.value, v, target),
                    let found = bisect(f, target: target, p.x, x, tolerance: tolerance)
                {
                    return (found, lowest, highest)
                }
                previous = (x, v)
            }
        }
        return (nil, lowest, highest)
    }

    /// Bisects a bracket of the target; nil when it closes on a place where
    /// the metric jumps over the target instead of reaching it.
    private func bisect(_ f: (Double) -> Outcome, target: Double, _ a: Double, _ b: Double, tolerance: Double)
        -> SolveResult?
    {
        var (a, b) = (a, b)
        guard var fa = f(a).number, let fb = f(b).number else { return nil }
        if abs(fa - target) <= tolerance { return .solved(value: Self.tidy(a), exact: false) }
        if abs(fb - target) <= tolerance { return .solved(value: Self.tidy(b), exact: false) }
        for _ in 0..<200 {
            var mid = (a + b) / 2
            var outcome = f(mid)
            if outcome.number == nil {
                mid = a + (b - a) * 0.5000001
                outcome = f(mid)
            }
            guard let fm = outcome.number else { return nil }
            if abs(fm - target) <= tolerance { return .solved(value: Self.tidy(mid), exact: false) }
            if mid == a || mid == b { break }
            if Self.crosses(fa, fm, target) {
                b = mid
            } else {
                a = mid
                fa = fm
            }
        }
        // Closed on two neighbouring numbers: a value there counts as reached
        // only if it is as near the target as the slope there allows.
        let best = [a, b].compactMap { x in f(x).number.map { (x, abs($0 - target)) } }.min { $0.1 < $1.1 }
        guard let (x, miss) = best, miss <= 1e-6 * max(1, abs(target)) else { return nil }
        return .solved(value: Self.tidy(x), exact: false)
    }

    /// Whether the target lies between two values (or is one): compared by
    /// sign, not by a product, which underflows to 0 for two tiny numbers.
    static func crosses(_ a: Double, _ b: Double, _ target: Double) -> Bool {
        let (p, q) = (a - target, b - target)
        return p == 0 || q == 0 || (p < 0) != (q < 0)
    }

    /// Rounds away the last bits of floating-point noise (1249.9999999 → 1250).
    static func tidy(_ x: Double) -> Double {
        let rounded = (x * 1e6).rounded() / 1e6
        return abs(rounded - x) <= 1e-9 * max(1, abs(x)) ? rounded : x
    }
}
