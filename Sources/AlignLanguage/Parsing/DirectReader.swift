import AlignCore

/// The lines long scripts are made of, read straight from their tokens:
/// `value METRIC PERIOD NUMBER`, `plan METRIC PERIOD NUMBER` and
/// `goal NAME TEAM METRIC >=|<=|= NUMBER by PERIOD ["why"]`, in their plain
/// spelling (names, an unsigned number, a period standing alone).
///
/// Matching a line against the command table's forms in the general way
/// (bindings by label, the furthest failure kept for an error) is most of
/// what a replay of such lines costs. This reads only what is certainly the
/// one form and gives up on anything else (a sign, a comment inside, a
/// period with more stuck to it, any error), which the general parser then
/// reads as before: the command is the same either way, and every error
/// still comes from the general parser. A test holds the two together on
/// generated and hand-made lines.
enum DirectReader {
    /// The command, when `verb` is one read here and the rest of the line is
    /// in its plain spelling; nil otherwise.
    static func read(
        _ verb: String, _ lexer: Lexer, _ source: SourceText, start: Int, verb spelled: Name
    ) -> ParsedCommand? {
        var l = lexer
        let command: Command
        switch verb {
        case "value", "plan":
            guard let metric = name(&l, source), let period = period(&l, source), let value = number(&l, source),
                l.atEnd()
            else { return nil }
            command = verb == "value" ? .value(metric, period, value) : .plan(metric, period, value)
        case "goal":
            guard let goal = name(&l, source), let team = name(&l, source), let metric = name(&l, source),
                let comparison = comparison(&l), let target = number(&l, source), keyword("by", &l, source),
                let period = period(&l, source)
            else { return nil }
            var why: String?
            if !l.atEnd() {
                guard let token = try? l.next(), token.kind == .string, let text = try? l.stringValue(token.range), l.atEnd()
                else { return nil }
                why = text
            }
            command = .goal(goal, team: team, metric: metric, comparison: comparison, target: target, period: period, why: why)
        default:
            return nil
        }
        return ParsedCommand(
            command: command, verb: spelled, range: SourceRange(start, l.end), source: source)
    }

    private static func name(_ l: inout Lexer, _ source: SourceText) -> Name? {
        guard let token = try? l.next(), token.kind == .word else { return nil }
        return Name(source.text(token.range), token.range)
    }

    /// A period that stands alone: the general parser looks further into
    /// one with something stuck to it (`2026-07-15`) for a better error.
    private static func period(_ l: inout Lexer, _ source: SourceText) -> Period? {
        guard let token = try? l.next(), token.kind == .atom,
            source.chunk(from: token.range.start).end == token.range.end
        else { return nil }
        return Period(utf8: source.bytes[token.range.start..<token.range.end])
    }

    /// An unsigned number (a sign is left to the general parser).
    private static func number(_ l: inout Lexer, _ source: SourceText) -> Double? {
        guard let token = try? l.next(), token.kind == .atom else { return nil }
        return Literals.number(utf8: source.bytes[token.range.start..<token.range.end])
    }

    private static func comparison(_ l: inout Lexer) -> Comparison? {
        guard let token = try? l.next() else { return nil }
        switch token.kind {
        case .symbol(.atLeast): return .atLeast
        case .symbol(.atMost): return .atMost
        case .symbol(.equals): return .equal
        default: return nil
        }
    }

    private static func keyword(_ word: String, _ l: inout Lexer, _ source: SourceText) -> Bool {
        guard let token = try? l.next(), token.kind == .word else { return false }
        return source.bytes[token.range.start..<token.range.end].elementsEqual(word.utf8)
    }
}
