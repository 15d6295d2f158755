/// Reads the tokens of one command from its bytes.
///
/// Works on UTF-8 bytes, not Characters, because replaying a million-line
/// script must stay close to the cost of reading it. Whitespace, newlines
/// inside a command, `\` line continuations and `#` comments separate tokens.
public struct Lexer {
    /// The source being read.
    public let source: SourceText
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    public var position: Int
    /// The offset where the command ends.
    public let end: Int

    /// Reads `range` of `source`.
    public init(_ source: SourceText, range: SourceRange) {
        self.source = source
        self.bytes = source.bytes
        self.position = range.start
        self.end = min(range.end, source.bytes.count)
    }

    /// Reads the whole of `source`.
    public init(_ source: SourceText) {
        self.init(source, range: SourceRange(0, source.bytes.count))
    }

    private func error(_ message: Message, _ start: Int, _ end: Int) -> Diagnostic {
        Diagnostic(message, at: SourceRange(start, end), in: source)
    }

    /// Skips blanks, newlines, continuations and comments.
    public mutating func skipTrivia() {
        while position < end {
            let b = bytes[position]
            if b == 32 || b == 9 || b == 10 || b == 13 {
                position += 1
            } else if b == 35 {  // '#'
                while position < end, bytes[position] != 10 { position += 1 }
            } else if b == 92, Lexer.isLineEnd(bytes, position + 1, end) {  // '\' at the end of a line
                position += 1
            } else {
                return
            }
        }
    }

    /// Whether only blanks and a newline (or the end) follow `offset` on its line.
    static func isLineEnd(_ bytes: [UInt8], _ offset: Int, _ end: Int) -> Bool {
        var i = offset
        while i < end, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 13 { i += 1 }
        return i >= end || bytes[i] == 10
    }

    /// Whether the rest of the command holds no token.
    public mutating func atEnd() -> Bool {
        skipTrivia()
        return position >= end
    }

    /// The next token, without consuming it.
    public func peek() throws(Diagnostic) -> Token {
        var copy = self
        return try copy.next()
    }

    /// Reads the next token.
    public mutating func next() throws(Diagnostic) -> Token {
        skipTrivia()
        let start = position
        guard position < end else { return Token(.end, SourceRange(end, end)) }
        let b = bytes[position]
        if Lexer.isWordStart(b) {
            return try word(from: start)
        }
        if Lexer.isDigit(b) || (b == 46 && position + 1 < end && Lexer.isDigit(bytes[position + 1])) {
            return atom(from: start)
        }
        if b == 34 {
            try skipString()
            return Token(.string, SourceRange(start, position))
        }
        if let symbol = symbol() { return Token(.symbol(symbol), SourceRange(start, position)) }
        if b == 92 { throw error(.strayBackslash, start, start + 1) }
        throw unexpected(at: start)
    }

    /// Reads a file path: a string, or a run of characters up to a blank.
    public mutating func path() throws(Diagnostic) -> (value: String, range: SourceRange)? {
        skipTrivia()
        guard position < end else { return nil }
        let start = position
        if bytes[position] == 34 {
            try skipString()
            let range = SourceRange(start, position)
            return (try stringValue(range), range)
        }
        while position < end, bytes[position] != 32, bytes[position] != 9, bytes[position] != 10,
            bytes[position] != 13
        {
            if bytes[position] < 32 || bytes[position] == 127 {
                throw error(.unexpectedCharacter(describeScalar(at: position)), position, position + 1)
            }
            position += 1
        }
        let range = SourceRange(start, position)
        guard let text = String(validating: bytes[start..<position], as: UTF8.self) else {
            throw invalidUTF8(start, position)
        }
        return (text, range)
    }

    /// Reads the rest of the command as raw text up to a blank (an option value such as a time).
    public mutating func rawWord() throws(Diagnostic) -> (value: String, range: SourceRange)? {
        try path()
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    static func isWordStart(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b >= 0x80
    }

    static func isWordByte(_ b: UInt8) -> Bool { isWordStart(b) || isDigit(b) }

    /// The ASCII bytes of a name: digits (48-57) in the first word, letters
    /// and `_` (65-90, 95, 97-122) in the second, one bit each.
    private static let wordBits: (UInt64, UInt64) = (0x03FF_0000_0000_0000, 0x07FF_FFFE_87FF_FFFE)

    private mutating func word(from start: Int) throws(Diagnostic) -> Token {
        var ascii = true
        // Every name of a script passes here: its ASCII bytes are tested
        // against a bit mask, without bounds checks.
        var i = position
        let stop = end
        let (digits, letters) = Lexer.wordBits
        bytes.withUnsafeBufferPointer { b in
            while i < stop {
                let c = b[i]
                if c < 64 {
                    guard (digits >> UInt64(c)) & 1 != 0 else { return }
                } else if c < 128 {
                    guard (letters >> UInt64(c - 64)) & 1 != 0 else { return }
                } else {
                    ascii = false
                    // Typographic operators are symbols, not part of a name.
                    if Lexer.typographicSymbol(bytes, i, stop) != nil { return }
                }
                i += 1
            }
        }
        position = i
        if position == start, let (symbol, length) = Lexer.typographicSymbol(bytes, position, end) {
            position += length
            return Token(.symbol(symbol), SourceRange(start, position))
        }
        if !ascii { try checkLetters(start, position) }
        return Token(.word, SourceRange(start, position))
    }

    /// Non-ASCII bytes in a name must be letters, digits or combining marks.
    private mutating func checkLetters(_ start: Int, _ stop: Int) throws(Diagnostic) {
        guard let text = String(validating: bytes[start..<stop], as: UTF8.self) else {
            throw invalidUTF8(start, stop)
        }
        var offset = start
        for scalar in text.unicodeScalars {
            let p = scalar.properties
            let ok = scalar.isASCII || p.isAlphabetic || p.numericType != nil || p.generalCategory == .nonspacingMark
                || p.generalCategory == .spacingMark
            if !ok {
                position = offset
                throw unexpected(at: offset)
            }
            offset += String(scalar).utf8.count
        }
    }

    private mutating func atom(from start: Int) -> Token {
        while position < end {
            let b = bytes[position]
            if Lexer.isDigit(b) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 46 || b == 37 {
                position += 1
            } else if b == 45, position - start == 4, position + 1 < end,
                bytes[start..<position].allSatisfy(Lexer.isDigit),
                Lexer.isDigit(bytes[position + 1]) || "HhQq".utf8.contains(bytes[position + 1])
            {
                position += 1  // a period: 2026-Q3, 2026-07
            } else if b == 43 || b == 45, position > start, bytes[position - 1] == 101 || bytes[position - 1] == 69,
                position + 1 < end, Lexer.isDigit(bytes[position + 1]),
                Lexer.isDigit(bytes[start])
            {
                position += 1  // an exponent: 1e-5
            } else {
                break
            }
        }
        return Token(.atom, SourceRange(start, position))
    }

    private mutating func skipString() throws(Diagnostic) {
        let start = position
        position += 1
        while position < end {
            let b = bytes[position]
            if b == 34 {
                position += 1
                return
            }
            if b == 92 { position += 1 }
            position += 1
        }
        position = end
        throw error(.unterminatedString, start, start + 1)
    }

    private mutating func symbol() -> Token.Symbol? {
        let b = bytes[position]
        let next: UInt8 = position + 1 < end ? bytes[position + 1] : 0
        let symbol: Token.Symbol
        var length = 1
        switch b {
        case 45 where next == 62: symbol = .arrow; length = 2
        case 62 where next == 61: symbol = .atLeast; length = 2
        case 60 where next == 61: symbol = .atMost; length = 2
        case 61: symbol = .equals
        case 43: symbol = .plus
        case 45: symbol = .minus
        case 42: symbol = .times
        case 47: symbol = .divide
        case 40: symbol = .open
        case 41: symbol = .close
        case 44: symbol = .comma
        case 91: symbol = .openBracket
        case 93: symbol = .closeBracket
        default:
            guard let (typographic, n) = Lexer.typographicSymbol(bytes, position, end) else { return nil }
            symbol = typographic
            length = n
        }
        position += length
        return symbol
    }

    private static let typographic: [(bytes: [UInt8], symbol: Token.Symbol)] = [
        (Array("→".utf8), .arrow), (Array("≥".utf8), .atLeast), (Array("≤".utf8), .atMost),
        (Array("×".utf8), .times), (Array("−".utf8), .minus), (Array("÷".utf8), .divide),
    ]

    static func typographicSymbol(_ bytes: [UInt8], _ at: Int, _ end: Int) -> (Token.Symbol, Int)? {
        guard bytes[at] >= 0xC2 else { return nil }
        for (pattern, symbol) in typographic where at + pattern.count <= end {
            if bytes[at..<(at + pattern.count)].elementsEqual(pattern) { return (symbol, pattern.count) }
        }
        return nil
    }

    private func scalarLength(at offset: Int) -> Int {
        let b = bytes[offset]
        let n = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        return min(n, end - offset)
    }

    /// The error for an unexpected character. One that follows a name
    /// directly (`sales.team`, `win$`) was most likely meant as part of it.
    private func unexpected(at offset: Int) -> Diagnostic {
        let described = describeScalar(at: offset)
        let length = max(1, scalarLength(at: offset))
        let following: UInt8 = offset + length < end ? bytes[offset + length] : 0
        // `> 900` in a goal: the comparisons are >=, <= and =.
        if bytes[offset] == 62 || bytes[offset] == 60 {
            return error(.bareComparison(described), offset, offset + 1)
        }
        // `$900`, `€2M`: the unit is the metric's, the number stands alone.
        if Lexer.isDigit(following), Self.currencySigns.contains(String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)) {
            return error(.currencySign(described), offset, offset + length)
        }
        let insideName =
            offset > 0 && offset + 1 < end && Lexer.isWordByte(bytes[offset - 1]) && Lexer.isWordByte(bytes[offset + 1])
            && bytes[offset] > 32 && bytes[offset] < 0x7F
        return error(
            insideName ? .notInName(described) : .unexpectedCharacter(described), offset,
            offset + max(1, scalarLength(at: offset)))
    }

    /// Signs people put before an amount.
    static let currencySigns: Set<String> = ["$", "€", "£", "¥", "₹"]

    /// The error for bytes that are not UTF-8, at the first bad byte in `start..<stop`.
    private func invalidUTF8(_ start: Int, _ stop: Int) -> Diagnostic {
        var i = start
        while i < stop {
            let n = bytes[i] < 0x80 ? 1 : bytes[i] >= 0xF0 ? 4 : bytes[i] >= 0xE0 ? 3 : 2
            guard i + n <= stop, String(validating: bytes[i..<(i + n)], as: UTF8.self) != nil else { break }
            i += n
        }
        let at = min(i, max(start, stop - 1))
        return error(.invalidUTF8(bytes[at]), at, at + 1)
    }

    /// How an unexpected character is shown: quoted when printable, as U+XXXX when not.
    private func describeScalar(at offset: Int) -> String {
        let length = scalarLength(at: offset)
        guard let text = String(validating: bytes[offset..<(offset + length)], as: UTF8.self),
            let scalar = text.unicodeScalars.first
        else { return "(invalid UTF-8 byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))" }
        return Escaping.describe(scalar)
    }

    /// The value of a string token: its text between the quotes, escapes resolved.
    public func stringValue(_ range: SourceRange) throws(Diagnostic) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.end - range.start)
        var i = range.start + 1
        let stop = range.end - 1
        while i < stop {
            let b = bytes[i]
            if b == 92, i + 1 < stop {
                let e = bytes[i + 1]
                switch e {
                case 34: out.append(34)
                case 92: out.append(92)
                case 110: out.append(10)
                case 116: out.append(9)
                case 10: break  // a backslash-newline inside a string joins the lines
                default:
                    throw error(.unknownEscape(String(decoding: [e], as: UTF8.self)), i, i + 2)
                }
                i += 2
                continue
            }
            if (b < 32 && b != 9 && b != 10) || b == 127 {
                throw error(.unexpectedCharacter(describeScalar(at: i)), i, i + 1)
            }
            out.append(b)
            i += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw invalidUTF8(range.start + 1, range.end - 1)
        }
        return text
    }
}
