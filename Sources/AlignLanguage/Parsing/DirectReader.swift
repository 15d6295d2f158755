import AlignCore

/// The lines long scripts are made of, read straight from their tokens:
/// `value METRIC PERIOD NUMBER`, `plan METRIC PERIOD NUMBER`,
/// `goal NAME TEAM METRIC >=|<=|= NUMBER by PERIOD ["why"]`,
/// `link FROM -> TO [lag=LAG] [weight=W] ["why"]` and a metric,
/// `metric NAME [owner=TEAM] [unit=UNIT] [term=TERM] [agg=AGG]
/// ["description"] [= FORMULA]`, in their plain spelling (names, unsigned
/// numbers, a period standing alone); a formula is read by the general
/// parser's own reader of formulas, without matching the line's forms.
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
        case "link":
            guard let from = name(&l, source), let arrow = try? l.next(), arrow.kind == .symbol(.arrow),
                let to = name(&l, source), let (options, why) = options(&l, source, keys: ["lag", "weight"])
            else { return nil }
            var lag: Lag?
            var weight: Double?
            if let token = options[0] {
                guard token.kind == .atom, let value = Lag(source.text(token.range)) else { return nil }
                lag = value
            }
            if let token = options[1] {
                guard token.kind == .atom, let value = Literals.number(utf8: source.bytes[token.range.start..<token.range.end])
                else { return nil }
                weight = value
            }
            command = .link(from: from, to: to, lag: lag, weight: weight, why: why)
        case "metric":
            // A `=` that is not an option's starts the formula.
            guard let metric = name(&l, source),
                let (options, description) = options(&l, source, keys: ["owner", "unit", "term", "agg"], formula: true)
            else { return nil }
            var formula: Expression?
            if !l.atEnd() {
                var matcher = Matcher(source: source)
                guard (try? l.next())?.kind == .symbol(.equals), let read = matcher.formula(&l), l.atEnd() else { return nil }
                formula = read
                // `metric NAME = FORMULA` alone sets the formula of a metric that may exist.
                if options.allSatisfy({ $0 == nil }), description == nil {
                    command = .formula(metric, read)
                    break
                }
            }
            var owner: Name?
            var term: Name?
            var unit: String?
            var aggregation: Aggregation?
            if let token = options[0] {
                guard token.kind == .word else { return nil }
                owner = Name(source.text(token.range), token.range)
            }
            if let token = options[2] {
                guard token.kind == .word else { return nil }
                term = Name(source.text(token.range), token.range)
            }
            if let token = options[1] {
                let text: String?
                switch token.kind {
                case .word: text = source.text(token.range)
                case .string: text = try? l.stringValue(token.range)
                default: text = nil
                }
                guard let text, text.contains(where: { $0 != " " && $0 != "\t" }) else { return nil }
                unit = text
            }
            if let token = options[3] {
                let word = source.text(token.range)
                guard token.kind == .word, Aggregation.words.contains(word) else { return nil }
                aggregation = Aggregation(rawValue: word)
            }
            command = .metric(
                metric, owner: owner, unit: unit, term: term, description: description, aggregation: aggregation,
                formula: formula)
        default:
            return nil
        }
        return ParsedCommand(
            command: command, verb: spelled, range: SourceRange(start, l.end), source: source)
    }

    /// `key=VALUE` options of the given keys and one string, in any order,
    /// to the end of the line (or, with `formula`, up to a `=` of its own,
    /// left to read): each key's value token (by the key's place in `keys`),
    /// and the string. Nil at anything else (another word, a key twice, a
    /// second string). Keys are compared as bytes: no string is made or
    /// hashed for them.
    private static func options(_ l: inout Lexer, _ source: SourceText, keys: [StaticString], formula: Bool = false)
        -> (values: [Token?], text: String?)?
    {
        var values = [Token?](repeating: nil, count: keys.count)
        var text: String?
        while !l.atEnd() {
            if formula, (try? l.peek())?.kind == .symbol(.equals) { break }
            guard let token = try? l.next() else { return nil }
            if token.kind == .string {
                guard text == nil, let value = try? l.stringValue(token.range) else { return nil }
                text = value
                continue
            }
            guard token.kind == .word else { return nil }
            let word = source.bytes[token.range.start..<token.range.end]
            guard let k = keys.firstIndex(where: { key in
                key.withUTF8Buffer { word.elementsEqual($0) }
            }), values[k] == nil, let equals = try? l.next(), equals.kind == .symbol(.equals), let value = try? l.next()
            else { return nil }
            values[k] = value
        }
        return (values, text)
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
        return Matcher.comparison(token.kind)
    }

    private static func keyword(_ word: String, _ l: inout Lexer, _ source: SourceText) -> Bool {
        guard let token = try? l.next(), token.kind == .word else { return false }
        return source.bytes[token.range.start..<token.range.end].elementsEqual(word.utf8)
    }
}
