import AlignCore
import AlignLanguage
import Foundation
import Testing

/// fuzz/align.dict gives libFuzzer the words of the language. Its first part
/// is generated from the command table and the lexer's symbols, so the
/// fuzzer learns every command as soon as the table has it; the second part,
/// literals and hostile bytes, is written by hand and kept as it is.
/// `ALIGN_RECORD=1 swift test --filter FuzzDictionary` writes the file again.
@Suite("The fuzzers' dictionary")
struct FuzzDictionaryTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz/align.dict")

    static let header = """
        # Words and symbols of the align language, for libFuzzer's -dict.
        # Generated from the command table (verbs, keywords, choices, option keys
        # and their suggested values) and the lexer's symbols, down to the line
        # that starts the hand-written part; a test keeps it so, and
        # ALIGN_RECORD=1 swift test --filter FuzzDictionary writes it again.

        """

    static let handMarker = "# Written by hand: literals and bytes the grammar does not list."

    /// Every word the grammar spells, in table order, each once.
    static func grammarWords() -> [String] {
        var words: [String] = []
        func add(_ word: String) { if !words.contains(word) { words.append(word) } }
        func walk(_ slots: [Slot]) {
            for slot in slots {
                switch slot {
                case .keyword(let word): add(word)
                case .choice(_, let choices): choices.forEach(add)
                case .options(let options, _):
                    for option in options {
                        add(option.key + "=")
                        option.value.suggestions.forEach(add)
                    }
                case .optional(let inner): walk(inner)
                case .repeated(_, let inner, let separator):
                    walk(inner)
                    add(separator)
                default: break
                }
            }
        }
        for spec in CommandTable.all {
            add(spec.verb)
            spec.aliases.forEach(add)
            for form in spec.forms { walk(form.slots) }
        }
        Token.Symbol.allCases.map(\.rawValue).forEach(add)
        return words
    }

    /// A dictionary entry: the word in quotes, with quotes, backslashes and
    /// bytes outside printable ASCII escaped as libFuzzer reads them.
    static func entry(_ word: String) -> String {
        var out = "\""
        for byte in word.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out += "\\" + String(UnicodeScalar(byte))
            case 0x20..<0x7F: out += String(UnicodeScalar(byte))
            default: out += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return out + "\""
    }

    @Test("its generated part is the grammar's words, and no word is listed twice")
    func generated() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let marker = try #require(text.range(of: Self.handMarker + "\n"), "fuzz/align.dict has no line '\(Self.handMarker)'")
        let handWritten = String(text[marker.lowerBound...])
        let expected = Self.header + Self.grammarWords().map { Self.entry($0) + "\n" }.joined() + handWritten
        if ProcessInfo.processInfo.environment["ALIGN_RECORD"] != nil, text != expected {
            try expected.write(to: Self.file, atomically: true, encoding: .utf8)
        }
        #expect(text == expected, "fuzz/align.dict is out of date: run ALIGN_RECORD=1 swift test --filter FuzzDictionary")
        let entries = expected.split(separator: "\n").filter { $0.hasPrefix("\"") }
        #expect(Set(entries).count == entries.count, "a word is listed twice")
    }

    @Test("the suggested lags are lags, and the suggested units are ones the engine knows the meaning of")
    func suggestions() {
        for lag in OptionValue.lag.suggestions { #expect(Lag(lag) != nil, "\(lag)") }
        for unit in OptionValue.unit.suggestions { #expect(UnitClass(unit) != .other(unit), "\(unit)") }
    }
}
