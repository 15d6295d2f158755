import AlignCore

/// One command laid out. Its pieces are the lexer's tokens and the runs of
/// text the lexer does not split (file names, ranges of periods, raw option
/// values); pieces that belong together are items, written without blanks
/// inside (`owner=sales`, `-3`, `aka=Opp,Deal`, `+10%`).
struct CommandLayout {
    /// A token, or a run of text read whole.
    struct Piece {
        var range: SourceRange
        var symbol: Token.Symbol?
        var isWord = false
    }

    /// Pieces written together.
    struct Item {
        var range: SourceRange
        var pieces: Range<Int>
        var text: String
    }

    let source: SourceText
    let range: SourceRange
    private(set) var pieces: [Piece] = []
    private(set) var items: [Item] = []
    /// Items in the order they are written: options in the table's order.
    private(set) var order: [Int] = []
    /// Whether the command runs over several lines: then its breaks stay.
    private(set) var multiLine = false
    /// Which form of the command matched (for the check that a layout reads back).
    private(set) var form = -1

    /// Reads the command in `range`; nil when it holds only blanks and comments.
    init?(_ source: SourceText, _ range: SourceRange) throws(Diagnostic) {
        self.source = source
        self.range = range
        var roles = Roles()
        // The forms are matched here as the parser matches them, for what each
        // slot took; the parser itself is asked only for the error of a command
        // that matches none, which it words best.
        var lexer = Lexer(source, range: range)
        let verb = try? lexer.next()
        if verb?.kind == .end { return nil }
        if let verb, verb.kind == .word, let spec = CommandTable.spec(for: source.text(verb.range)) {
            var matcher = Matcher(source: source)
            for (index, candidate) in spec.forms.enumerated() {
                var attempt = lexer
                var bindings = Bindings()
                guard (try? matcher.matchForm(candidate.slots, &attempt, &bindings)) == true else { continue }
                form = index
                roles.collect(candidate.slots, bindings)
                break
            }
        }
        if form < 0 {
            guard try Parser.parse(source, range: range) != nil else { return nil }
        }
        lexer = Lexer(source, range: range)
        pieces = Self.pieces(&lexer, chunks: roles.chunks)
        var ranks: [SourceRange: Int] = [:]
        for (rank, value) in roles.options {
            // The value's first piece follows its key and `=`.
            guard let v = pieces.firstIndex(where: { $0.range.start == value.start }), v >= 2,
                pieces[v - 1].symbol == .equals
            else { continue }
            let group = SourceRange(pieces[v - 2].range.start, value.end)
            roles.tight.append(group)
            ranks[group] = rank
        }
        if let text = roles.text { ranks[text.range] = text.first ? -1 : Int.max }
        items = Self.items(pieces, tight: roles.tight, source)
        order = Array(items.indices)
        multiLine = items.indices.dropFirst().contains { gap(before: $0).breaksLine }
        if !multiLine { reorder(ranks) }
    }

    /// The pieces of a command, read with `lexer`; `chunks` are read whole.
    private static func pieces(_ lexer: inout Lexer, chunks: [SourceRange]) -> [Piece] {
        var starts: [Int: SourceRange] = [:]
        for chunk in chunks { starts[chunk.start] = chunk }
        var result: [Piece] = []
        while !lexer.atEnd() {
            let at = lexer.position
            if let chunk = starts[at] {
                result.append(Piece(range: chunk))
                lexer.position = chunk.end
                continue
            }
            do {
                let token = try lexer.next()
                var symbol: Token.Symbol?
                if case .symbol(let s) = token.kind { symbol = s }
                result.append(Piece(range: token.range, symbol: symbol, isWord: token.kind == .word))
            } catch {
                // Text of a kind of slot the layout does not know yet: up to a blank, as written.
                let end = min(max(lexer.source.chunk(from: at).end, at + 1), lexer.end)
                result.append(Piece(range: SourceRange(at, end)))
                lexer.position = end
            }
        }
        return result
    }

    /// Pieces gathered into items: those inside one tight range make one.
    private static func items(_ pieces: [Piece], tight: [SourceRange], _ source: SourceText) -> [Item] {
        var result: [Item] = []
        var i = 0
        while i < pieces.count {
            let start = pieces[i].range
            var j = i + 1
            let widest = tight.filter { $0.start <= start.start && start.end <= $0.end }
                .max { $0.end - $0.start < $1.end - $1.start }
            if let widest {
                while j < pieces.count, pieces[j].range.end <= widest.end { j += 1 }
            }
            let text = pieces[i..<j].map { source.text($0.range) }.joined()
            result.append(Item(range: SourceRange(start.start, pieces[j - 1].range.end), pieces: i..<j, text: text))
            i = j
        }
        return result
    }

    /// Puts options (and the free string) in canonical order, where they
    /// stand side by side as the options slot reads them.
    private mutating func reorder(_ ranks: [SourceRange: Int]) {
        let marked = items.indices.filter { ranks[items[$0].range] != nil }
        guard let low = marked.first, let high = marked.last, high - low + 1 == marked.count else { return }
        let sorted = marked.sorted { (ranks[items[$0].range]!, $0) < (ranks[items[$1].range]!, $1) }
        order.replaceSubrange(low...high, with: sorted)
    }

    /// What lies before item `k` in the source, after the item before it.
    func gap(before k: Int) -> Gap {
        Gap(source.bytes, SourceRange(items[k - 1].range.end, items[k].range.start))
    }

    /// Whether a blank goes between the items written `n - 1`th and `n`th.
    func spaced(at n: Int) -> Bool {
        let a = items[order[n - 1]]
        let b = items[order[n]]
        let last = pieces[a.pieces.upperBound - 1]
        let first = pieces[b.pieces.lowerBound]
        if last.symbol == .open || last.symbol == .openBracket { return false }
        if let s = first.symbol, s == .close || s == .closeBracket || s == .comma || s == .openBracket { return false }
        if first.symbol == .open, last.isWord { return false }
        // A sign: a `+` or `-` after an operator, `(`, `[`, `,` or `=`.
        if a.pieces.count == 1, last.symbol == .minus || last.symbol == .plus, n >= 2 {
            let before = pieces[items[order[n - 2]].pieces.upperBound - 1]
            if let s = before.symbol, s != .close, s != .closeBracket { return false }
        }
        return true
    }
}

/// What the matched form says about the pieces of a command.
struct Roles {
    /// Ranges whose pieces are written without blanks: signed numbers, changes, options.
    var tight: [SourceRange] = []
    /// Ranges read whole rather than by the lexer: paths, spans, raw option values.
    var chunks: [SourceRange] = []
    /// Each option's value, with the option's place in its slot.
    var options: [(rank: Int, value: SourceRange)] = []
    /// The free string among the options, and whether it goes first.
    var text: (range: SourceRange, first: Bool)?

    /// Reads the roles of `slots` from what they matched.
    ///
    /// `if case` rather than a `switch`: a kind of slot added to the grammar
    /// later is laid out by the general rules until it is named here.
    mutating func collect(_ slots: [Slot], _ b: Bindings) {
        for slot in slots {
            if case .optional(let inner) = slot {
                collect(inner, b)
            } else if case .repeated(let label, let inner, _) = slot {
                for group in b.groups(label) { collect(inner, group) }
            } else if case .options(let specs, let label) = slot {
                for (rank, spec) in specs.enumerated() {
                    guard let value = b.range(spec.key) else { continue }
                    options.append((rank, value))
                    if spec.value == .text { chunks.append(value) }
                }
                // As `save` writes them: a term's definition before its options.
                if let label, let range = b.range(label) { text = (range, label == "definition") }
            } else if case .number(let label) = slot, let range = b.range(label) {
                tight.append(range)
            } else if case .change(let label) = slot, let range = b.range(label) {
                tight.append(range)
            } else if case .path(let label, _) = slot, let range = b.range(label) {
                chunks.append(range)
            } else if case .span(let label) = slot, let range = b.range(label) {
                chunks.append(range)
            }
        }
    }
}
