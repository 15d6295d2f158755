import AlignCore

/// Matches slots against tokens and remembers the failure that got furthest.
struct Matcher {
    /// How deeply a formula may nest, counting parentheses and chained operators.
    static let maxDepth = 1000

    let source: SourceText
    private var furthest: Failure?
    /// The first keyword missed by a word that looks like it (`thru` for
    /// `through`), even when another form then took the word for a name and
    /// got further: that form's failure has nothing to suggest, this one does.
    private var nearMiss: (failure: Failure, keyword: String)?
    /// Which form of the command is being tried, so that a failure knows
    /// the forms it came from.
    var form = 0

    /// A slot that did not match, and what would have.
    private struct Failure {
        var range: SourceRange
        var expected: [String]
        var message: Message?
        var found: Token?
        /// The forms of the command that failed here.
        var forms: [Int]
    }

    init(source: SourceText) { self.source = source }

    /// Records a failure; `expected` is worked out only if this failure is
    /// the furthest so far (most are passed over: every form but one fails).
    mutating func fail(
        _ token: Token, expected: @autoclosure () -> [String] = [], message: Message? = nil
    ) -> Bool {
        func failure() -> Failure {
            Failure(range: token.range, expected: expected(), message: message, found: token, forms: [form])
        }
        guard let current = furthest else {
            furthest = failure()
            return false
        }
        if token.range.start > current.range.start {
            furthest = failure()
        } else if token.range.start == current.range.start {
            if !current.forms.contains(form) { furthest!.forms.append(form) }
            if current.message == nil {
                if message != nil {
                    furthest = failure()
                } else {
                    for e in expected() where !current.expected.contains(e) { furthest!.expected.append(e) }
                }
            }
        }
        return false
    }

    /// The forms of the command whose failure is reported.
    var furthestForms: [Int] { reported?.forms ?? [] }

    /// The failure the diagnostic names: the furthest, unless it has nothing
    /// to suggest and a keyword was missed earlier by a word much like it
    /// (`actuals thru 2026-06` took `thru` for a metric and then wanted `=`).
    private var reported: Failure? {
        guard let failure = furthest, failure.message == nil, let near = nearMiss,
            near.failure.range.start < failure.range.start
        else { return furthest }
        if let found = failure.found, found.kind == .word,
            Suggestions.closest(to: source.text(found.range), among: Matcher.words(failure.expected)) != nil
        {
            return failure
        }
        return near.failure
    }

    /// Whether a word is most likely a misspelled keyword: close to it, or
    /// its letters in order with some left out, as `thru` is of `through`.
    static func looksLike(_ word: String, _ keyword: String) -> Bool {
        guard word != keyword, Lexer.isWordStart(keyword.utf8.first ?? 0) else { return false }
        if Suggestions.closest(to: word, among: [keyword]) != nil { return true }
        let w = Array(word.lowercased().unicodeScalars)
        let k = Array(keyword.unicodeScalars)
        guard w.count >= 3, w.count < k.count, w.first == k.first else { return false }
        var i = 0
        for scalar in k where i < w.count && scalar == w[i] { i += 1 }
        return i == w.count
    }

    /// The words among what was expected (`'through'`, not `'->'` or a metric).
    static func words(_ expected: [String]) -> [String] {
        expected.compactMap { e -> String? in
            guard e.hasPrefix("'"), e.hasSuffix("'"), let first = e.utf8.dropFirst().first, Lexer.isWordStart(first)
            else { return nil }
            return String(e.dropFirst().dropLast())
        }
    }

    /// The diagnostic for the furthest failure.
    func diagnostic() -> Diagnostic {
        guard let failure = reported else { return Diagnostic(.unreadable, in: source) }
        if let message = failure.message { return Diagnostic(message, at: failure.range, in: source) }
        var suggestion: String?
        var hint: Message?
        if let found = failure.found {
            if found.kind == .word {
                let word = source.text(found.range)
                // Only words can be meant by a word: not `->` or `)`.
                let words = Matcher.words(failure.expected)
                suggestion =
                    Suggestions.closest(to: word, among: words) ?? words.first { Matcher.looksLike(word, $0) }
            } else {
                hint = self.hint(found, expected: failure.expected)
            }
        }
        let message = Message.expected(
            Matcher.list(failure.expected), found: failure.found.map(describe), suggestion: suggestion, hint: hint)
        return Diagnostic(message, at: failure.range, in: source)
    }

    /// What to say when something else was most likely meant: a name
    /// (`sales-ops`, a minus joining two words; `2nd_wave`, a name that
    /// starts with a digit) or a number written with separators (`4,000`).
    private func hint(_ found: Token, expected: [String]) -> Message? {
        let bytes = source.bytes
        switch found.kind {
        case .symbol(.comma):
            let start = found.range.start
            guard start > 0, found.range.end < bytes.count, Lexer.isDigit(bytes[start - 1]),
                Lexer.isDigit(bytes[found.range.end])
            else { return nil }
            return .noSeparators
        case .symbol(.minus), .symbol(.divide):
            let start = found.range.start
            let end = found.range.end
            guard start > 0, end < bytes.count, Lexer.isWordByte(bytes[start - 1]), Lexer.isWordByte(bytes[end])
            else { return nil }
            return .nameLetters
        case .atom:
            let roles: [NameRole] = [.team, .term, .metric, .goal, .snapshot, .any]
            guard expected.contains(where: { e in roles.contains { Matcher.describe($0) == e } }) else { return nil }
            return .nameStart
        default:
            return nil
        }
    }

    static func list(_ items: [String]) -> String {
        if items.count <= 1 { return items.first ?? "more" }
        return items.dropLast().joined(separator: ", ") + " or " + items.last!
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .end: return "the end of the line"
        case .string: return "a string"
        default: return "'" + Escaping.safe(source.text(token.range)) + "'"
        }
    }

    /// Requires the command to end here.
    mutating func expectEnd(_ lexer: inout Lexer) throws(Diagnostic) -> Bool {
        let token = try lexer.peek()
        if token.kind == .end { return true }
        if case .symbol(.close) = token.kind {
            return fail(token, message: .strayParenthesis)
        }
        return fail(token, expected: ["the end of the line"])
    }

    /// Matches a whole command form: every slot, then the end of the command.
    ///
    /// An optional group is tried first with, then without its slots, so that
    /// `tree in 2026-Q3` does not take `in` for a metric's name.
    mutating func matchForm(_ slots: [Slot], _ lexer: inout Lexer, _ b: inout Bindings) throws(Diagnostic) -> Bool {
        try match(slots[...], &lexer, &b)
    }

    private mutating func match(_ slots: ArraySlice<Slot>, _ lexer: inout Lexer, _ b: inout Bindings)
        throws(Diagnostic) -> Bool
    {
        guard let first = slots.first else { return try expectEnd(&lexer) }
        let rest = slots.dropFirst()
        if case .repeated(let label, let inner, let separator) = first {
            // One time of the group, in bindings of its own that keep the outer ones.
            var group = Bindings()
            group.outer = [b]
            let end = Slot.groupEnd(label, inner, separator: separator)
            guard try match(inner[...] + [end] + rest, &lexer, &group) else { return false }
            b = group
            return true
        }
        if case .groupEnd(let label, let inner, let separator) = first {
            var outer = b.outer[0]
            var done = b
            done.outer = []
            outer[label] = .groups(outer.groups(label) + [done])
            var next = lexer
            let token = try next.next()
            if token.kind == .word, source.text(token.range) == separator {
                lexer = next
                guard try match([Slot.repeated(label, inner, separator: separator)] + rest, &lexer, &outer) else {
                    return false
                }
            } else {
                guard try match(rest, &lexer, &outer) else { return false }
            }
            b = outer
            return true
        }
        if case .optional(let inner) = first {
            var attempt = lexer
            var attemptBindings = b
            if try match(inner[...] + rest, &attempt, &attemptBindings) {
                lexer = attempt
                b = attemptBindings
                return true
            }
            // Without the group, text the group read may not even lex (`r.md`
            // read as a name): a failure further on, with the group, says more.
            do {
                return try match(rest, &lexer, &b)
            } catch {
                if let failure = furthest, let range = error.range, failure.range.start > range.start { return false }
                throw error
            }
        }
        // A name where the word that must follow it stands (`compare on
        // revenue`): the name is missing, not the word.
        if case .name(_, let role) = first, let keyword = Slot.nextKeyword(in: rest) {
            var ahead = lexer
            if let token = try? ahead.next(), token.kind == .word, source.text(token.range) == keyword {
                return fail(token, expected: [Matcher.describe(role)])
            }
        }
        guard try match(first, &lexer, &b) else { return false }
        return try match(rest, &lexer, &b)
    }

    private mutating func match(_ slot: Slot, _ lexer: inout Lexer, _ b: inout Bindings) throws(Diagnostic) -> Bool {
        switch slot {
        case .keyword(let word):
            let token = try lexer.next()
            let matches: Bool
            if case .symbol(let symbol) = token.kind {
                matches = symbol.rawValue == word
            } else {
                matches = token.kind == .word && source.bytes[token.range.start..<token.range.end].elementsEqual(word.utf8)
            }
            guard matches else {
                if nearMiss == nil, token.kind == .word, Matcher.looksLike(source.text(token.range), word) {
                    nearMiss = (Failure(range: token.range, expected: ["'\(word)'"], found: token, forms: [form]), word)
                } else if let near = nearMiss, near.keyword == word, near.failure.range == token.range,
                    !near.failure.forms.contains(form)
                {
                    nearMiss!.failure.forms.append(form)
                }
                return fail(token, expected: ["'\(word)'"])
            }
            b[word] = .word(word, token.range)
            return true

        case .choice(let label, let words):
            let token = try lexer.next()
            let text = source.text(token.range)
            guard token.kind == .word, words.contains(text) else {
                return fail(token, expected: words.map { "'\($0)'" })
            }
            b[label] = .word(text, token.range)
            return true

        case .name(let label, let role):
            let token = try lexer.next()
            guard token.kind == .word else { return fail(token, expected: [Matcher.describe(role)]) }
            b[label] = .name(Name(source.text(token.range), token.range))
            return true

        case .period(let label):
            guard let (period, range) = try period(&lexer) else { return false }
            b[label] = .period(period, range)
            return true

        case .number(let label):
            guard let (value, range) = try signedNumber(&lexer) else { return false }
            b[label] = .number(value, range)
            return true

        case .integer(let label):
            let token = try lexer.next()
            let text = source.text(token.range)
            guard token.kind == .atom else { return fail(token, expected: ["a number"]) }
            guard text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), text.count < 10, let n = Int(text) else {
                return fail(token, message: .notAWholeNumber(text))
            }
            b[label] = .number(Double(n), token.range)
            return true

        case .change(let label):
            let signToken = try lexer.peek()
            var sign: Double? = nil
            if case .symbol(let s) = signToken.kind, s == .plus || s == .minus {
                _ = try lexer.next()
                sign = s == .plus ? 1 : -1
            }
            let token = try lexer.next()
            guard token.kind == .atom else { return fail(token, expected: ["a number, +N%, -N% or +Npp"]) }
            let text = source.text(token.range)
            let range = signToken.range.joined(token.range)
            if text.hasSuffix("pp") {
                // Percentage points: `+5pp` adds 0.05 to a rate.
                let digits = String(text.dropLast(2))
                guard let points = Literals.number(digits), !digits.hasSuffix("%") else {
                    return fail(token, message: numberError(text))
                }
                guard let sign else { return fail(token, message: .unsignedPoints(text)) }
                b[label] = .change(.points(sign * points / 100), range)
                return true
            }
            guard let value = Literals.number(text) else { return fail(token, message: numberError(text)) }
            if let sign {
                b[label] = .change(text.hasSuffix("%") ? .relative(sign * value) : .delta(sign * value), range)
            } else {
                b[label] = .change(.set(value), range)
            }
            return true

        case .comparison(let label):
            let token = try lexer.next()
            guard let comparison = Matcher.comparison(token.kind) else {
                return fail(token, expected: ["'>='", "'<='", "'='"])
            }
            b[label] = .comparison(comparison, token.range)
            return true

        case .string(let label):
            let token = try lexer.next()
            guard token.kind == .string else { return fail(token, expected: ["a \"\(label)\" in double quotes"]) }
            b[label] = .text(try lexer.stringValue(token.range), token.range)
            return true

        case .expression(let label):
            guard let e = try expression(&lexer, minimum: 0, depth: 0) else { return false }
            b[label] = .expression(e)
            return true

        case .path(let label, _):
            guard let (path, range) = try lexer.path() else {
                return fail(Token(.end, SourceRange(lexer.end, lexer.end)), expected: ["a file name"])
            }
            b[label] = .path(PathArgument(path, range))
            return true

        case .options(let specs, let textLabel):
            return try options(specs, textLabel, &lexer, &b)

        case .duration(let label), .address(let label):
            return try roomWord(slot, label, &lexer, &b)

        case .span(let label):
            return try span(label, &lexer, &b)

        case .column, .cell, .aggregate:
            return try matchData(slot, &lexer, &b)

        case .optional, .repeated, .groupEnd:
            preconditionFailure("optional and repeated groups are matched with what follows them")
        }
    }

    /// A period, with "did you mean" for the spellings people use.
    private mutating func period(_ lexer: inout Lexer) throws(Diagnostic) -> (Period, SourceRange)? {
        let token = try lexer.next()
        let period = token.kind == .atom ? Period(utf8: source.bytes[token.range.start..<token.range.end]) : nil
        // `2026Q3`, `Q3-2026`, `07/2026`, `2026/07`, `2026-07-15`: the
        // whole run up to a blank, when it is not the period alone.
        let chunk = source.chunk(from: token.range.start)
        // `2026-01..2026-09` where one period is taken: said as a range, not as a period misspelt.
        if period == nil || chunk.end > token.range.end, source.text(chunk).contains("..") {
            _ = fail(Token(token.kind, chunk), message: .rangeNotTaken(source.text(chunk)))
            return nil
        }
        if period == nil || chunk.end > token.range.end,
            let guess = PeriodSpelling.suggestion(for: source.text(chunk))
        {
            _ = fail(Token(token.kind, chunk), message: .notAPeriod(source.text(chunk), suggestion: guess))
            return nil
        }
        guard let period else {
            if token.kind == .atom {
                _ = fail(token, message: .notAPeriod(source.text(token.range)))
            } else {
                _ = fail(token, expected: ["a period such as 2026-Q3"])
            }
            return nil
        }
        return (period, token.range)
    }

    /// A period, or a range of them written `FROM..TO`.
    private mutating func span(_ label: String, _ lexer: inout Lexer, _ b: inout Bindings) throws(Diagnostic) -> Bool {
        var probe = lexer
        let token = try probe.next()
        let chunk = source.chunk(from: token.range.start)
        let bytes = source.bytes[chunk.start..<chunk.end]
        guard token.kind == .atom,
            let dot = bytes.indices.first(where: { $0 + 1 < chunk.end && bytes[$0] == 46 && bytes[$0 + 1] == 46 })
        else {
            guard let (period, range) = try period(&lexer) else { return false }
            b[label] = .span(period...period, range)
            return true
        }
        let firstRange = SourceRange(chunk.start, dot)
        let lastRange = SourceRange(dot + 2, chunk.end)
        let firstText = source.text(firstRange)
        let lastText = source.text(lastRange)
        guard let first = Period(firstText) else {
            return fail(Token(.atom, firstRange), message: .notAPeriod(firstText, suggestion: PeriodSpelling.suggestion(for: firstText)))
        }
        guard var last = Period(lastText) else {
            if lastText.isEmpty { return fail(Token(.atom, lastRange), message: .rangeWithoutEnd(firstText)) }
            return fail(Token(.atom, lastRange), message: .notAPeriod(lastText, suggestion: PeriodSpelling.suggestion(for: lastText)))
        }
        guard first.firstMonth <= last.firstMonth + last.grain.months - 1, first.firstMonth + first.grain.months <= last.firstMonth + last.grain.months else {
            return fail(Token(.atom, chunk), message: .backwardRange(firstText, lastText))
        }
        // `2026-01..2026`: the same months as `2026-01..2026-12`, and a
        // range whose ends sort in order (a year sorts before its January).
        if last < first, let end = Period(grain: first.grain, year: (last.firstMonth + last.grain.months - 1) / 12,
            index: (last.firstMonth + last.grain.months - 1) % 12 / first.grain.months + 1)
        {
            last = end
        }
        guard first <= last else {
            return fail(Token(.atom, chunk), message: .backwardRange(firstText, lastText))
        }
        // Past the chunk: the lexer reads on from its end.
        lexer.position = chunk.end
        b[label] = .span(first...last, chunk)
        return true
    }

    static func describe(_ role: NameRole) -> String {
        switch role {
        case .team: return "a team name"
        case .term: return "a term"
        case .metric: return "a metric name"
        case .goal: return "a goal name"
        case .snapshot: return "a snapshot name"
        case .scenario: return "a scenario name"
        case .source: return "a source name"
        case .verb: return "a command"
        case .any, .fresh: return "a name"
        }
    }

    private func numberError(_ text: String) -> Message {
        Literals.isOutOfRange(text) ? .numberOutOfRange(text) : .notANumber(text)
    }

    /// A number with an optional sign.
    private mutating func signedNumber(_ lexer: inout Lexer) throws(Diagnostic) -> (Double, SourceRange)? {
        var token = try lexer.next()
        var sign = 1.0
        let start = token.range
        if case .symbol(let s) = token.kind, s == .minus || s == .plus {
            sign = s == .minus ? -1 : 1
            token = try lexer.next()
        }
        guard token.kind == .atom else {
            _ = fail(token, expected: ["a number"])
            return nil
        }
        guard let value = Literals.number(utf8: source.bytes[token.range.start..<token.range.end]) else {
            _ = fail(token, message: numberError(source.text(token.range)))
            return nil
        }
        return (sign * value, start.joined(token.range))
    }

    private mutating func options(
        _ specs: [OptionSpec], _ textLabel: String?, _ lexer: inout Lexer, _ b: inout Bindings
    ) throws(Diagnostic) -> Bool {
        /// What would have fit, had the next token not been an option.
        func expected() -> [String] { specs.map { "'\($0.key)='" } + (textLabel.map { ["a \"\($0)\""] } ?? []) }
        while true {
            let token = try lexer.peek()
            if token.kind == .string, let textLabel {
                _ = try lexer.next()
                if b.has(textLabel) { return fail(token, message: .repeatedText(textLabel)) }
                b[textLabel] = .text(try lexer.stringValue(token.range), token.range)
                continue
            }
            if token.kind == .word {
                var probe = lexer
                _ = try probe.next()
                if case .symbol(.equals) = try probe.peek().kind {
                    let key = source.text(token.range)
                    guard let spec = specs.first(where: { $0.key == key }) else {
                        let keys = specs.map(\.key)
                        return fail(
                            token,
                            message: .unknownOption(
                                key, known: keys, suggestion: Suggestions.closest(to: key, among: keys)))
                    }
                    if b.has(key) { return fail(token, message: .repeatedOption(key)) }
                    _ = try probe.next()
                    lexer = probe
                    guard try optionValue(spec, &lexer, &b) else { return false }
                    continue
                }
            }
            // Not an option: leave it for what follows, remembering what would have fit.
            if token.kind != .end { _ = fail(token, expected: expected()) }
            return true
        }
    }

    private mutating func optionValue(_ spec: OptionSpec, _ lexer: inout Lexer, _ b: inout Bindings)
        throws(Diagnostic) -> Bool
    {
        let key = spec.key
        switch spec.value {
        case .choice(let words):
            let token = try lexer.next()
            let text = source.text(token.range)
            guard token.kind == .word, words.contains(text) else {
                return fail(token, expected: words.map { "'\($0)'" })
            }
            b[key] = .word(text, token.range)
        case .name(let role):
            let token = try lexer.next()
            guard token.kind == .word else { return fail(token, expected: [Matcher.describe(role)]) }
            b[key] = .name(Name(source.text(token.range), token.range))
        case .names(let role):
            var names: [Name] = []
            while true {
                let token = try lexer.next()
                guard token.kind == .word else { return fail(token, expected: [Matcher.describe(role)]) }
                names.append(Name(source.text(token.range), token.range))
                guard case .symbol(.comma) = try lexer.peek().kind else { break }
                _ = try lexer.next()
            }
            b[key] = .names(names)
        case .unit:
            let token = try lexer.next()
            guard token.kind == .word || token.kind == .string else { return fail(token, expected: ["a unit"]) }
            let text = token.kind == .string ? try lexer.stringValue(token.range) : source.text(token.range)
            guard text.contains(where: { $0 != " " && $0 != "\t" }) else { return fail(token, message: .emptyUnit) }
            b[key] = .text(text, token.range)
        case .lag:
            let token = try lexer.next()
            guard token.kind == .atom else { return fail(token, expected: ["a lag such as 2q"]) }
            let text = source.text(token.range)
            guard let lag = Lag(text) else { return fail(token, message: .notALag(text)) }
            b[key] = .lag(lag, token.range)
        case .number:
            guard let (value, range) = try signedNumber(&lexer) else { return false }
            b[key] = .number(value, range)
        case .text:
            let token = try lexer.peek()
            if token.kind == .string {
                _ = try lexer.next()
                b[key] = .text(try lexer.stringValue(token.range), token.range)
            } else if let (value, range) = try lexer.rawWord() {
                b[key] = .text(value, range)
            } else {
                return fail(token, expected: ["a value"])
            }
        }
        return true
    }

    /// A formula read for the direct reader: nil at anything the general
    /// parser would have to explain.
    mutating func formula(_ lexer: inout Lexer) -> Expression? {
        (try? expression(&lexer, minimum: 0, depth: 0)) ?? nil
    }

    /// A formula by precedence climbing; `depth` counts nesting and chaining.
    private mutating func expression(_ lexer: inout Lexer, minimum: Int, depth: Int) throws(Diagnostic)
        -> Expression?
    {
        guard var lhs = try operand(&lexer, depth: depth) else { return nil }
        var chain = depth
        while true {
            let token = try lexer.peek()
            guard case .symbol(let symbol) = token.kind, let op = Matcher.binaryOperator(symbol),
                op.precedence >= minimum
            else { return lhs }
            _ = try lexer.next()
            chain += 1
            if chain > Matcher.maxDepth { throw Diagnostic(.tooDeep, at: token.range, in: source) }
            guard let rhs = try expression(&lexer, minimum: op.precedence + 1, depth: chain) else { return nil }
            lhs = .binary(op, lhs, rhs, token.range)
        }
    }

    /// The comparison a goal's token writes: `>=`, `<=` or `=`.
    static func comparison(_ kind: Token.Kind) -> Comparison? {
        switch kind {
        case .symbol(.atLeast): return .atLeast
        case .symbol(.atMost): return .atMost
        case .symbol(.equals): return .equal
        default: return nil
        }
    }

    static func binaryOperator(_ symbol: Token.Symbol) -> Formula.Operator? {
        switch symbol {
        case .plus: return .add
        case .minus: return .subtract
        case .times: return .multiply
        case .divide: return .divide
        default: return nil
        }
    }

    private mutating func operand(_ lexer: inout Lexer, depth: Int) throws(Diagnostic) -> Expression? {
        let token = try lexer.next()
        if depth > Matcher.maxDepth { throw Diagnostic(.tooDeep, at: token.range, in: source) }
        switch token.kind {
        case .word:
            let name = Name(source.text(token.range), token.range)
            let next = try lexer.peek()
            if case .symbol(.openBracket) = next.kind {
                _ = try lexer.next()
                return try offset(after: name, opening: next, &lexer)
            }
            if case .symbol(.open) = next.kind, name.text == "profile" {
                _ = try lexer.next()
                return try profile(token, &lexer, depth: depth)
            }
            return .name(name)
        case .atom:
            let text = source.text(token.range)
            guard let value = Literals.number(text) else {
                _ = fail(token, message: numberError(text))
                return nil
            }
            return .number(value, token.range)
        case .symbol(.minus):
            guard let inner = try operand(&lexer, depth: depth + 1) else { return nil }
            return .negate(inner, token.range)
        case .symbol(.plus):
            return try operand(&lexer, depth: depth + 1)
        case .symbol(.open):
            guard let inner = try expression(&lexer, minimum: 0, depth: depth + 1) else { return nil }
            let close = try lexer.next()
            guard case .symbol(.close) = close.kind else {
                if close.kind == .end { throw Diagnostic(.unclosedParenthesis, at: token.range, in: source) }
                _ = fail(close, expected: ["an operator", "')'"])
                return nil
            }
            return .group(inner, token.range.joined(close.range))
        default:
            _ = fail(token, expected: ["a metric or a number"])
            return nil
        }
    }
}

extension Matcher {
    /// The rest of `NAME[-Nm]`, after the `[`.
    fileprivate mutating func offset(after name: Name, opening: Token, _ lexer: inout Lexer) throws(Diagnostic)
        -> Expression?
    {
        let sign = try lexer.next()
        var amount = sign
        switch sign.kind {
        case .symbol(.minus):
            amount = try lexer.next()
        case .atom, .symbol(.plus):
            // `[1q]`, `[+1q]`: offsets only look back.
            if case .symbol(.plus) = sign.kind { amount = try lexer.next() }
            let text = amount.kind == .atom ? source.text(amount.range) : "1m"
            _ = fail(sign, message: .forwardOffset(text))
            return nil
        default:
            _ = fail(sign, expected: ["an offset such as -1m"])
            return nil
        }
        guard amount.kind == .atom else {
            _ = fail(amount, expected: ["an offset such as -1m"])
            return nil
        }
        guard let step = try self.step(amount, what: .offset) else { return nil }
        let close = try lexer.next()
        guard case .symbol(.closeBracket) = close.kind else {
            _ = fail(close, expected: ["']'"])
            return nil
        }
        return .shifted(name, step, opening.range.joined(close.range))
    }

    /// What a step is read for: an offset or a profile's step.
    fileprivate enum StepUse { case offset, profile }

    /// A number of months, quarters, halves or years: `1m`, `2q`, `1h`, `1y`.
    fileprivate mutating func step(_ token: Token, what: StepUse) throws(Diagnostic) -> Offset? {
        let text = source.text(token.range)
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        let rest = text.dropFirst(digits.count)
        guard !digits.isEmpty, rest.count == 1, let letter = rest.first, let unit = Offset.unit(letter) else {
            let known = rest.count == 1 && "dw".contains(rest.first!)
            _ = fail(token, message: .notAStep(text, days: known, what: what == .offset ? "offset" : "profile step"))
            return nil
        }
        guard digits.count <= 5, let steps = Int(digits) else {
            _ = fail(token, message: .offsetTooLong(text))
            return nil
        }
        if steps == 0 {
            _ = fail(token, message: what == .offset ? .zeroOffset : .zeroStep)
            return nil
        }
        let offset = Offset(steps: steps, unit: unit)
        guard offset.months <= Offset.maxMonths else {
            _ = fail(token, message: .offsetTooLong(text))
            return nil
        }
        return offset
    }

    /// The rest of `profile(EXPR, STEP, SHARE, ...)`, after the `(`.
    fileprivate mutating func profile(_ keyword: Token, _ lexer: inout Lexer, depth: Int) throws(Diagnostic)
        -> Expression?
    {
        guard let inner = try expression(&lexer, minimum: 0, depth: depth + 1) else { return nil }
        var token = try lexer.next()
        guard case .symbol(.comma) = token.kind else {
            if case .symbol(.close) = token.kind {
                _ = fail(token, message: .profileNeedsShares)
            } else {
                _ = fail(token, expected: ["',' and a step such as 1m"])
            }
            return nil
        }
        token = try lexer.next()
        guard token.kind == .atom else {
            _ = fail(token, expected: ["a step such as 1m"])
            return nil
        }
        guard let step = try self.step(token, what: .profile) else { return nil }
        var shares: [Double] = []
        while true {
            token = try lexer.next()
            if case .symbol(.close) = token.kind {
                if shares.isEmpty {
                    _ = fail(token, message: .profileNeedsShares)
                    return nil
                }
                let range = keyword.range.joined(token.range)
                if shares.count > Offset.maxMonths / step.months + 1 {
                    _ = fail(Token(token.kind, range), message: .offsetTooLong("\(shares.count) shares"))
                    return nil
                }
                return .profile(inner, step: step, shares: shares, range)
            }
            guard case .symbol(.comma) = token.kind else {
                if token.kind == .end { throw Diagnostic(.unclosedParenthesis, at: keyword.range, in: source) }
                _ = fail(token, expected: ["','", "')'"])
                return nil
            }
            var share = try lexer.next()
            var sign = 1.0
            if case .symbol(let s) = share.kind, s == .minus || s == .plus {
                sign = s == .minus ? -1 : 1
                share = try lexer.next()
            }
            let text = source.text(share.range)
            guard share.kind == .atom, let value = Literals.number(text) else {
                if case .end = share.kind {
                    throw Diagnostic(.unclosedParenthesis, at: keyword.range, in: source)
                }
                _ = fail(share, message: .notAShare(share.kind == .string ? "a string" : "'\(text)'"))
                return nil
            }
            shares.append(sign * value)
        }
    }
}

extension Message {
    static func forwardOffset(_ text: String) -> Message {
        Message("offsets only look back: write [-\(text)] for the value \(text) earlier")
    }
    static func notAStep(_ text: String, days: Bool, what: String) -> Message {
        Message(
            "'\(text)' is not a step for an \(what): write months (1m), quarters (1q), halves (1h) or years (1y)"
                + (days ? "; formulas work in months, not days or weeks" : ""))
    }
    static let zeroOffset = Message("an offset of 0 reads the period itself: leave the brackets out")
    static let zeroStep = Message("a profile's step must be at least one month: write 1m, 1q, 1h or 1y")
    static func offsetTooLong(_ text: String) -> Message {
        Message("'\(text)' reaches too far back: an offset reaches at most \(Offset.maxMonths / 12) years (\(Offset.maxMonths)m)")
    }
    static let profileNeedsShares = Message(
        "profile needs a step and at least one share: profile(EXPR, 1m, 20%, 50%, 30%)")
    static func notAShare(_ text: String) -> Message {
        Message("\(text) is not a share: write a number such as 20% or 0.2")
    }
}

extension Message {
    static let unreadable = Message("cannot read this command")
    static func expected(_ what: String, found: String?, suggestion: String?, hint: Message?) -> Message {
        var text = "expected " + what
        if let found { text += ", found " + found }
        if let suggestion { text += "; did you mean '\(suggestion)'?" }
        if let hint { text += "; " + hint.text }
        return Message(text)
    }
    static func unsignedPoints(_ text: String) -> Message {
        Message("percentage points move a rate: write +\(text) or -\(text); to set it, write \(text.dropLast(2))%")
    }
    static func rangeWithoutEnd(_ first: String) -> Message {
        Message("a range needs a period after '..': write \(first)..\(Period(first).map { p in Period(grain: p.grain, year: p.year, index: min(p.index + 1, 12 / p.grain.months)).map(\.description) ?? first } ?? first)")
    }
    static func backwardRange(_ first: String, _ last: String) -> Message {
        Message("the range \(first)..\(last) ends before it starts: write the earlier period first")
    }
    static let emptyUnit = Message("a unit cannot be empty: leave unit= out for a metric without one")
    static let noSeparators = Message("numbers are written without separators: 4000, or 4k")
    static let nameLetters = Message("names are made of letters, digits and '_'")
    static let nameStart = Message("a name starts with a letter or '_'")
    static let strayParenthesis = Message("this ')' has no matching '('")
}
