import AlignTestSupport

/// Writes random workspaces as scripts of commands: teams, terms with
/// per-team definitions and synonyms, metrics with units, owners and terms,
/// formulas, links, values in periods of every grain, goals, notes and
/// decisions, a revenue choice, and removals and renames that leave holes.
///
/// Some commands it writes are refused (a link that would close a cycle, a
/// remove that would leave a dangling use); the session skips them, as a
/// person's session would, and the property holds for whatever is left.
struct RandomWorkspace {
    var rng: SeededGenerator
    private var teams: [String] = []
    private var terms: [String] = []
    private var metrics: [String] = []
    private var goals: [String] = []
    private var counter = 0

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    /// A script of about `size` commands.
    mutating func script(size: Int) -> String {
        var lines: [String] = []
        for _ in 0..<Int.random(in: 1...4, using: &rng) { lines.append(team()) }
        for _ in 0..<Int.random(in: 2...8, using: &rng) { lines.append(metric()) }
        for _ in 0..<size {
            lines.append(command())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private mutating func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &rng)] }
    private mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    private mutating func freshName(_ stem: String) -> String {
        counter += 1
        let stems = [stem, stem.uppercased(), "Équipe", "знач", "x_", "mql"]
        return pick(stems) + "\(counter)"
    }

    private mutating func text() -> String {
        let pieces = [
            "plain words", "a \\\"quoted\\\" word", "back\\\\slash", "two\\nlines", "tab\\there", "café ✓", "日本語",
            "50% of 20k", "# not a comment", "\\\\n stays", "",
        ]
        return "\"" + pick(pieces) + (chance(0.5) ? " " + pick(pieces) : "") + "\""
    }

    private mutating func number() -> String {
        switch Int.random(in: 0..<9, using: &rng) {
        case 0: return "\(Int.random(in: -1000...1000, using: &rng))"
        case 1: return "\(Int.random(in: 0...99, using: &rng))%"
        case 2: return "\(Int.random(in: 1...999, using: &rng))k"
        case 3: return "2.5M"
        case 4: return "0.1"
        case 5: return "\(Double(Int.random(in: 1...1_000_000, using: &rng)) / 1000)"
        case 6: return "1e-7"
        case 7: return "123456789.123"
        default: return "\(Int.random(in: 0...100_000, using: &rng))"
        }
    }

    private mutating func period() -> String {
        let year = Int.random(in: 2025...2027, using: &rng)
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: return "\(year)"
        case 1: return "\(year)-H\(Int.random(in: 1...2, using: &rng))"
        case 2: return "\(year)-Q\(Int.random(in: 1...4, using: &rng))"
        default:
            let month = Int.random(in: 1...12, using: &rng)
            return "\(year)-" + (month < 10 ? "0\(month)" : "\(month)")
        }
    }

    private mutating func team() -> String {
        let name = teams.isEmpty || chance(0.7) ? freshName("team") : pick(teams)
        if !teams.contains(name) { teams.append(name) }
        var line = "team \(name)"
        if chance(0.6) { line += " horizon=" + pick(["month", "quarter", "half", "year"]) }
        if chance(0.5) { line += " " + text() }
        return line
    }

    private mutating func term() -> String {
        let name = terms.isEmpty || chance(0.5) ? freshName("term") : pick(terms)
        if !terms.contains(name) { terms.append(name) }
        var line = "term \(name)"
        if chance(0.85) { line += " " + text() }
        if !teams.isEmpty, chance(0.7) { line += " by=" + pick(teams) }
        if chance(0.3) { line += " aka=" + (0..<Int.random(in: 1...2, using: &rng)).map { _ in freshName("syn") }.joined(separator: ",") }
        return line
    }

    private mutating func metric() -> String {
        let name = metrics.isEmpty || chance(0.7) ? freshName("metric") : pick(metrics)
        if !metrics.contains(name) { metrics.append(name) }
        var line = "metric \(name)"
        if !teams.isEmpty, chance(0.7) { line += " owner=" + pick(teams) }
        if chance(0.7) { line += " unit=" + pick(["count", "USD", "EUR", "ratio", "percent", "score", "leads"]) }
        if !terms.isEmpty, chance(0.3) { line += " term=" + pick(terms) }
        if chance(0.2) { line += " agg=" + pick(["sum", "avg", "last"]) }
        if chance(0.3) { line += " " + text() }
        return line
    }

    private mutating func expression(depth: Int) -> String {
        if depth == 0 || chance(0.4) { return chance(0.8) ? pick(metrics) : number() }
        let op = pick([" + ", " - ", " * ", " / "])
        let inner = expression(depth: depth - 1) + op + expression(depth: depth - 1)
        return chance(0.3) ? "(" + inner + ")" : inner
    }

    private mutating func command() -> String {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<5: return team()
        case 5..<15: return term()
        case 15..<25: return metric()
        case 25..<33:
            return "metric \(pick(metrics)) = " + expression(depth: 3)
        case 33..<43:
            var line = "link \(pick(metrics)) -> \(pick(metrics))"
            if chance(0.4) { line += " lag=" + "\(Int.random(in: 1...9, using: &rng))" + pick(["d", "w", "m", "q", "y"]) }
            if chance(0.3) { line += " weight=" + number() }
            if chance(0.3) { line += " " + text() }
            return line
        case 43..<65: return "value \(pick(metrics)) \(period()) \(number())"
        case 65..<73:
            guard !teams.isEmpty else { return team() }
            let name = goals.isEmpty || chance(0.8) ? freshName("goal") : pick(goals)
            if !goals.contains(name) { goals.append(name) }
            var line = "goal \(name) \(pick(teams)) \(pick(metrics)) " + pick([">=", "<=", "="]) + " \(number()) by \(period())"
            if chance(0.4) { line += " " + text() }
            return line
        case 73..<78: return (chance(0.5) ? "note " : "decide ") + text() + (chance(0.4) ? " at=\"10:4\(Int.random(in: 0...9, using: &rng))\"" : "")
        case 78..<81: return "revenue \(pick(metrics))"
        case 81..<84: return "remove value \(pick(metrics)) \(period())"
        case 84..<87:
            let kind = pick(["metric", "term", "team", "goal"])
            let pool = kind == "metric" ? metrics : kind == "term" ? terms : kind == "team" ? teams : goals
            guard !pool.isEmpty else { return metric() }
            return "remove \(kind) \(pick(pool))" + (chance(0.5) ? " cascade" : "")
        case 87..<90:
            let kind = pick(["metric", "term", "team", "goal"])
            let pool = kind == "metric" ? metrics : kind == "term" ? terms : kind == "team" ? teams : goals
            guard !pool.isEmpty else { return metric() }
            let new = freshName(kind)
            switch kind {
            case "metric": metrics.append(new)
            case "term": terms.append(new)
            case "team": teams.append(new)
            default: goals.append(new)
            }
            return "rename \(kind) \(pick(pool)) \(new)"
        case 90..<92: return "remove link \(pick(metrics)) -> \(pick(metrics))"
        case 92..<94: return "remove " + pick(["note", "decision"]) + " 1"
        default: return "value \(pick(metrics)) \(period()) \(number())"
        }
    }
}
