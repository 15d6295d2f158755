import AlignCore
import AlignLanguage
import Foundation

/// The TextMate grammar of `.align` files (editors/align.tmLanguage.json,
/// which VS Code, Sublime Text, TextMate and most editors read), made from
/// the command table: its verbs, keywords, choices and option keys, and the
/// lexer's symbols; the shapes of numbers, periods, lags and offsets are
/// those of docs/LANGUAGE.md. EditorGrammarTests keeps the files so.
enum EditorGrammar {
    /// The words of the table, by what they are.
    struct Words {
        var verbs: [String] = []
        var keywords: [String] = []
        var options: [String] = []
    }

    /// Every word the table spells, each once, in table order.
    static func words() -> Words {
        var words = Words()
        func add(_ word: String, to list: WritableKeyPath<Words, [String]>) {
            // Only words: `->` and `=` are the operators' pattern's.
            guard let first = word.unicodeScalars.first, first.properties.isAlphabetic else { return }
            if !words[keyPath: list].contains(word) { words[keyPath: list].append(word) }
        }
        func walk(_ slots: [Slot]) {
            for slot in slots {
                if case .keyword(let word) = slot { add(word, to: \.keywords) }
                if case .choice(_, let choices) = slot { choices.forEach { add($0, to: \.keywords) } }
                if case .optional(let inner) = slot { walk(inner) }
                if case .repeated(_, let inner, let separator) = slot {
                    walk(inner)
                    add(separator, to: \.keywords)
                }
                if case .options(let specs, _) = slot {
                    for spec in specs {
                        add(spec.key, to: \.options)
                        if case .choice(let choices) = spec.value { choices.forEach { add($0, to: \.keywords) } }
                    }
                }
            }
        }
        for spec in CommandTable.all {
            ([spec.verb] + spec.aliases).forEach { add($0, to: \.verbs) }
            spec.forms.forEach { walk($0.slots) }
        }
        return words
    }

    /// `(?:a|b|c)` of words, longest first so that no word hides a longer one.
    static func alternation(_ words: [String]) -> String {
        "(?:" + words.sorted { ($0.count, $1) > ($1.count, $0) }.joined(separator: "|") + ")"
    }

    /// The grammar, as an object for JSONSerialization.
    static func grammar() -> [String: Any] {
        let words = words()
        let operators = Token.Symbol.allCases.map(\.rawValue).filter { !"()[],".contains($0) } + ["→", "≥", "≤", "×", "−", "÷"]
        let escapedOperators = operators.sorted { $0.count > $1.count }.map { NSRegularExpression.escapedPattern(for: $0) }
        func rule(_ name: String, _ match: String) -> [String: Any] { ["name": name + ".align", "match": match] }
        let patterns: [[String: Any]] = [
            [
                "name": "comment.line.number-sign.directive.align",
                "match": "(#)\\s*(align:)\\s*(accept)\\b.*$",
                "captures": [
                    "1": ["name": "punctuation.definition.comment.align"], "2": ["name": "keyword.other.directive.align"],
                    "3": ["name": "keyword.other.directive.align"],
                ],
            ],
            [
                "name": "comment.line.number-sign.align", "match": "(#).*$",
                "captures": ["1": ["name": "punctuation.definition.comment.align"]],
            ],
            [
                "name": "string.quoted.double.align", "begin": "\"", "end": "\"",
                "patterns": [
                    rule("constant.character.escape", "\\\\[\"\\\\nt]"), rule("invalid.illegal.escape", "\\\\(?!$)."),
                ],
            ],
            [
                "match": "^\\s*(\(alternation(words.verbs)))\\b",
                "captures": ["1": ["name": "keyword.control.command.align"]],
            ],
            [
                "match": "\\b(\(alternation(words.options)))\\s*(=)",
                "captures": [
                    "1": ["name": "variable.parameter.option.align"], "2": ["name": "keyword.operator.assignment.align"],
                ],
            ],
            rule("support.function.profile", "\\bprofile(?=\\s*\\()"),
            rule("constant.numeric.offset", "(?<=\\[)\\s*-\\s*\\d+[mqhy]\\s*(?=\\])"),
            rule("constant.numeric.period", "\\b\\d{4}-(?:[HhQq]\\d|\\d{2})(?:\\.\\.\\d{4}(?:-(?:[HhQq]\\d|\\d{2}))?)?\\b"),
            rule("constant.numeric.period", "\\b\\d{4}(?:\\.\\.\\d{4}(?:-(?:[HhQq]\\d|\\d{2}))?)?\\b(?![.%kKmMbB])"),
            rule("constant.numeric.lag", "\\b\\d+[dwmqy]\\b"),
            // A sign belongs to the number where no operand stands before it (`= +5pp`, `value m 2026 -3`).
            rule("constant.numeric", "(?<![\\w.)\\]])[+-]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:[eE][+-]?\\d+)?(?:pp|[kKmMbB%])?(?![\\w.])"),
            rule("keyword.other", "\\b\(alternation(words.keywords))\\b"),
            rule("keyword.operator", "(?:" + escapedOperators.joined(separator: "|") + ")"),
            rule("punctuation.separator.continuation", "\\\\\\s*$"),
            rule("punctuation.section.brackets", "[\\[\\]()]"),
            rule("punctuation.separator.comma", ","),
        ]
        return [
            "name": "align", "scopeName": "source.align", "fileTypes": ["align"],
            "comment": "Generated from align's command table: ALIGN_RECORD=1 swift test --filter EditorGrammar writes it again.",
            "patterns": patterns,
        ]
    }

    /// The grammar as the file holds it: keys sorted, two-space indents, a final newline.
    static func text() throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: grammar(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
