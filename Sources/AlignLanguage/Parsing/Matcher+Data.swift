import AlignCore

/// The slots of the data commands: columns, the values of `where`, and
/// `count()`, `sum(COL)`, `avg(COL)`.
extension Matcher {
    mutating func matchData(_ slot: Slot, _ lexer: inout Lexer, _ b: inout Bindings) throws(Diagnostic) -> Bool {
        switch slot {
        case .column(let label):
            guard let name = try column(&lexer) else { return false }
            b[label] = .name(name)
            return true
        case .cell(let label):
            return try cell(label, &lexer, &b)
        case .aggregate(let label):
            return try aggregate(label, &lexer, &b)
        default:
            preconditionFailure("not a data slot")
        }
    }

    /// A column: a word, or a string when the header has blanks in it.
    private mutating func column(_ lexer: inout Lexer) throws(Diagnostic) -> Name? {
        let token = try lexer.next()
        switch token.kind {
        case .word:
            return Name(source.text(token.range), token.range)
        case .string:
            let text = try lexer.stringValue(token.range)
            guard text.contains(where: { $0 != " " && $0 != "\t" }) else {
                _ = fail(token, message: .emptyColumn)
                return nil
            }
            return Name(text, token.range)
        default:
            _ = fail(token, expected: ["a column name"])
            return nil
        }
    }

    /// A value: `true` or a word (`.word`), a string (`.text`), a number
    /// (`.number`), or something else written without blanks, such as a date (`.text`).
    private mutating func cell(_ label: String, _ lexer: inout Lexer, _ b: inout Bindings) throws(Diagnostic) -> Bool {
        var token = try lexer.next()
        var sign = 1.0
        var start = token.range
        if case .symbol(let s) = token.kind, s == .minus || s == .plus {
            sign = s == .minus ? -1 : 1
            token = try lexer.next()
            guard token.kind == .atom else { return fail(token, expected: ["a number"]) }
        } else {
            start = token.range
        }
        switch token.kind {
        case .word:
            b[label] = .word(source.text(token.range), token.range)
        case .string:
            b[label] = .text(try lexer.stringValue(token.range), token.range)
        case .atom:
            let run = source.chunk(from: token.range.start)
            let chunk = SourceRange(run.start, min(run.end, lexer.end))
            if chunk.end == token.range.end, let value = Literals.number(source.text(token.range)) {
                b[label] = .number(sign * value, start.joined(token.range))
            } else if sign == 1 {
                lexer.position = chunk.end
                b[label] = .text(source.text(chunk), chunk)
            } else {
                return fail(token, message: .notANumber(source.text(chunk)))
            }
        default:
            return fail(token, expected: ["a value: a word, a number or a \"string\""])
        }
        return true
    }

    /// `count()`, `sum(COL)` or `avg(COL)`.
    private mutating func aggregate(_ label: String, _ lexer: inout Lexer, _ b: inout Bindings) throws(Diagnostic)
        -> Bool
    {
        let token = try lexer.next()
        let functions = ["count()", "sum(COL)", "avg(COL)"]
        let word = source.text(token.range)
        guard token.kind == .word, ["count", "sum", "avg"].contains(word) else {
            return fail(token, expected: functions.map { "'\($0)'" })
        }
        let open = try lexer.next()
        guard case .symbol(.open) = open.kind else { return fail(open, expected: ["'('"]) }
        if word != "count" {
            guard let column = try column(&lexer) else { return false }
            b[label + "Column"] = .name(column)
        }
        let close = try lexer.next()
        guard case .symbol(.close) = close.kind else {
            if word == "count", close.kind == .word || close.kind == .string {
                return fail(close, message: .countTakesNoColumn)
            }
            return fail(close, expected: ["')'"])
        }
        b[label] = .word(word, token.range.joined(close.range))
        return true
    }
}

extension Message {
    static let emptyColumn = Message("a column name cannot be empty")
    static let countTakesNoColumn = Message(
        "count() counts rows and takes no column: write count(), or sum(COL) to add up a column")
}
