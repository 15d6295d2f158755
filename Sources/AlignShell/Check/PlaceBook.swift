import AlignCore
import AlignLanguage

/// Where each team, term, metric, link and goal was defined as the files
/// ran: the line a finding about it points at. Kept from the commands the
/// session ran, those of scripts run by `run` included.
final class PlaceBook {
    /// What a place is the place of.
    enum Key: Hashable {
        case team(String), term(String), metric(String), formula(String), goal(String)
        /// A team's definition of a term; nil for everyone's.
        case definition(term: String, team: String?)
        /// The term line that last gave this synonym.
        case synonym(String)
        case link(from: String, to: String)
    }

    private var places: [Key: CheckPlace] = [:]
    /// Every text the commands came from, in the order first met, by name.
    private(set) var sources: [SourceText] = []
    private var order: [String: Int] = [:]

    /// The place of `key`, if it was defined.
    subscript(key: Key) -> CheckPlace? { places[key] }

    /// Makes a place known before any command in it runs (a file of accept lines alone).
    func meet(_ source: SourceText) {
        guard order[source.name] == nil else { return }
        order[source.name] = sources.count
        sources.append(source)
    }

    /// Notes what a command that ran defined, and where.
    func note(_ parsed: ParsedCommand) {
        meet(parsed.source)
        let line = parsed.source.location(of: parsed.range.start).line
        let place = CheckPlace(file: parsed.source.name, line: line, order: order[parsed.source.name]!)
        /// Teams, terms and metrics are made by their first line; goals and
        /// formulas are whole again on each, so their last line counts.
        func first(_ key: Key) { if places[key] == nil { places[key] = place } }
        func last(_ key: Key) { places[key] = place }
        switch parsed.command {
        case .team(let name, _, _):
            first(.team(name.text))
        case .term(let name, let definition, let by, let aka):
            first(.term(name.text))
            if definition != nil { last(.definition(term: name.text, team: by?.text)) }
            for synonym in aka { last(.synonym(synonym.text)) }
        case .metric(let name, _, _, let term, _, _, let formula):
            first(.metric(name.text))
            if let term { first(.term(term.text)) }
            if formula != nil { last(.formula(name.text)) }
        case .formula(let name, _):
            first(.metric(name.text))
            last(.formula(name.text))
        case .link(let from, let to, _, _, _):
            last(.link(from: from.text, to: to.text))
        case .goal(let name, _, _, _, _, _, _):
            last(.goal(name.text))
        case .rename(let kind, let old, let new):
            rename(kind, old.text, new.text)
        case .remove(.entity(let kind, let name), _):
            places = places.filter { !$0.key.names(kind, name.text) }
        default:
            break
        }
    }

    /// Moves the places of a renamed entity, and of what names it, to the new name.
    private func rename(_ kind: EntityKind, _ old: String, _ new: String) {
        var moved: [Key: CheckPlace] = [:]
        for (key, place) in places { moved[key.renaming(kind, old, new)] = place }
        places = moved
    }
}

extension PlaceBook.Key {
    /// Whether the key is the place of the entity `name` of `kind`.
    func names(_ kind: EntityKind, _ name: String) -> Bool {
        switch (self, kind) {
        case (.team(let n), .team), (.term(let n), .term), (.metric(let n), .metric), (.formula(let n), .metric),
            (.goal(let n), .goal), (.definition(let n, _), .term):
            return n == name
        default:
            return false
        }
    }

    /// The key with `old` (an entity of `kind`) renamed to `new`.
    func renaming(_ kind: EntityKind, _ old: String, _ new: String) -> Self {
        func r(_ n: String) -> String { n == old ? new : n }
        switch (self, kind) {
        case (.team(let n), .team): return .team(r(n))
        case (.term(let n), .term): return .term(r(n))
        case (.metric(let n), .metric): return .metric(r(n))
        case (.formula(let n), .metric): return .formula(r(n))
        case (.goal(let n), .goal): return .goal(r(n))
        case (.definition(let t, let team), .term): return .definition(term: r(t), team: team)
        case (.definition(let t, let team), .team): return .definition(term: t, team: team.map(r))
        case (.link(let a, let b), .metric): return .link(from: r(a), to: r(b))
        default: return self
        }
    }
}
