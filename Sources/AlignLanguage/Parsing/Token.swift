/// A lexical token of a command, pointing into its source.
public struct Token: Equatable, Sendable {
    /// What kind of token.
    public enum Kind: Equatable, Sendable {
        /// A name or a keyword: a letter or `_`, then letters, digits, `_`.
        case word
        /// Something that starts with a digit: a number (`20k`, `25%`), a
        /// period (`2026-Q3`) or a lag (`2q`); the parser decides which.
        case atom
        /// A double-quoted string; its value has escapes resolved.
        case string
        /// Punctuation or an operator.
        case symbol(Symbol)
        /// The end of the command.
        case end
    }

    /// Punctuation and operators. Typographic forms (`→ ≥ ≤ × − ÷`) are read
    /// as their ASCII spellings.
    public enum Symbol: String, Sendable, CaseIterable {
        case arrow = "->", atLeast = ">=", atMost = "<=", equals = "="
        case plus = "+", minus = "-", times = "*", divide = "/"
        case open = "(", close = ")", comma = ","
        case openBracket = "[", closeBracket = "]"
    }

    /// What kind of token.
    public var kind: Kind
    /// Where it is.
    public var range: SourceRange

    /// Makes a token.
    public init(_ kind: Kind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

extension Message {
    static func unexpectedCharacter(_ scalar: String) -> Message { Message("unexpected character \(scalar)") }
    static func bareComparison(_ scalar: String) -> Message {
        Message("unexpected character \(scalar): goals compare with >=, <= or =, and a link is written ->")
    }
    static func currencySign(_ scalar: String) -> Message {
        Message("unexpected character \(scalar): write the amount without a currency sign; the metric's unit says which")
    }
    static func notInName(_ scalar: String) -> Message {
        Message("unexpected character \(scalar): " + nameLetters.text)
    }
    static func invalidUTF8(_ byte: UInt8) -> Message {
        Message("invalid UTF-8: the byte 0x\(String(byte, radix: 16, uppercase: true)) is not part of a character")
    }
    static let unterminatedString = Message("unterminated string: a closing \" is missing")
    static func unknownEscape(_ text: String) -> Message {
        Message("unknown escape '\\\(text)' in a string (known: \\\" \\\\ \\n \\t)")
    }
    static let strayBackslash = Message("'\\' continues a line only at its very end")
}
