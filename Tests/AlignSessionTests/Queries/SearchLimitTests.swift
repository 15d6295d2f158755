import AlignCore
import AlignLanguage
import AlignSession
import Testing

/// Searches that used to stop early and then answer "none": solve past the
/// grid it tried, and near a pole; `query path` past its budget of steps.
@Suite("Searches that must not answer none too soon")
struct SearchLimitTests {
    static func solved(_ s: Scripted, _ metric: String, _ target: Double, by driver: String) -> Double? {
        guard case .solved(let x, _) = s.analysis.solve(s.metric(metric), to: target, by: s.metric(driver), in: period("2026"))
        else { return nil }
        return x
    }

    @Test("solve reaches a target far beyond the values it starts near")
    func farTarget() throws {
        let s = Scripted("metric x\nmetric y = x * x + 1\nvalue x 2026 2\n")
        let x = try #require(Self.solved(s, "y", 1e50, by: "x"), "\(s.run("solve y = 1e50 by x in 2026").out)")
        #expect(abs(x - 1e25) / 1e25 < 1e-6)
        #expect(s.run("solve y = -1e50 by x in 2026").out == "no value of x brings y to -1e50; it cannot go below 1\n")
    }

    @Test("solve looks on both sides of a pole", arguments: [(3.0, 1000.0, 3.001), (3.3, 1000.0, 3.301), (3.0, -1000.0, 2.999)])
    func pole(_ at: Double, _ target: Double, _ expected: Double) throws {
        let s = Scripted("metric x\nmetric z = 1 / (x - \(at))\nvalue x 2026 2\n")
        let x = try #require(Self.solved(s, "z", target, by: "x"), "\(s.run("solve z = \(target) by x in 2026").out)")
        #expect(abs(x - expected) < 1e-9, "\(x)")
        #expect(s.run("solve z = \(target) by x in 2026").out.hasPrefix("x \(expected) (now 2"))
    }

    /// A tangle of ten metrics all linked to each other and back to the start:
    /// every chain into it ends where it began, and there are millions of them.
    static let tangle: String = {
        var lines = ["metric start", "metric end"]
        for i in 0..<10 { lines.append("metric t\(i)") }
        lines.append("link start -> t0")
        for i in 0..<10 {
            for j in 0..<10 where j != i { lines.append("link t\(i) -> t\(j)") }
            lines.append("link t\(i) -> start")
        }
        lines.append("link start -> end")
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test("query path finds the shortest chain past a tangle, and says the search was cut")
    func tangle() {
        let s = Scripted(Self.tangle)
        let out = s.run("query path start end").out
        #expect(out.contains("start -(link)-> end"), "\(out)")
        #expect(out.contains("more chains may exist: the search stopped after 100,000 steps"), "\(out)")
    }

    @Test("query path finds a chain of 200,000 formulas")
    func longChain() {
        var script = "metric m0\n"
        for i in 1...200_000 { script += "metric m\(i) = m\(i - 1) * 2\n" }
        let s = Scripted(script)
        let out = s.run("format csv\nquery path m0 m200000").out
        #expect(out.hasPrefix("number,steps,lag,path\n1,200000,,"), "\(out.prefix(200))")
    }
}
