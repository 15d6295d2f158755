import AlignCore

/// What kind of name a slot takes, which tells completion what to offer.
public enum NameRole: Sendable, Equatable {
    case team, term, metric, goal, snapshot, scenario
    /// A source of rows (`source NAME csv ...`).
    case source
    /// A command's verb (for `help`).
    case verb
    /// Any name at all (for `show NAME`).
    case any
    /// A name that does not exist yet: nothing to complete.
    case fresh

    /// How a slot of this role reads in a syntax line.
    public var placeholder: String {
        switch self {
        case .team: return "TEAM"
        case .term: return "TERM"
        case .metric: return "METRIC"
        case .goal: return "GOAL"
        case .snapshot: return "SNAPSHOT"
        case .scenario: return "SCENARIO"
        case .source: return "SOURCE"
        case .verb: return "COMMAND"
        case .any, .fresh: return "NAME"
        }
    }
}

/// What kind of file a path slot takes, which tells completion what to offer.
public enum PathRole: Sendable, Equatable {
    /// An align script, to read (`run`).
    case script
    /// A CSV file, to read (`import values`).
    case csv
    /// Any file, to write.
    case output
    /// A source's file, or a connection string.
    case source
}

/// The value an option (`key=value`) takes.
public enum OptionValue: Sendable, Equatable {
    /// One of these words.
    case choice([String])
    /// A name of this role.
    case name(NameRole)
    /// Names separated by commas.
    case names(NameRole)
    /// A unit: any word (`count`, `USD`, `ratio`).
    case unit
    /// A lag: `30d`, `6w`, `2m`, `2q`, `1y`.
    case lag
    /// A number.
    case number
    /// Free text: a string, or a run of characters up to a blank.
    case text

    /// How the value reads in a syntax line: `TEAM`, `sum|avg|last`.
    public var placeholder: String {
        switch self {
        case .choice(let words): return words.joined(separator: "|")
        case .name(let role): return role.placeholder
        case .names(let role): return role.placeholder + ",..."
        case .unit: return "UNIT"
        case .lag: return "LAG"
        case .number: return "N"
        case .text: return "TEXT"
        }
    }

    /// The words completion offers for the value and the fuzzer tries: the
    /// choices, or the usual units and lags (any other of their kind is
    /// taken too). Names come from the workspace, not from here.
    public var suggestions: [String] {
        switch self {
        case .choice(let words): return words
        case .unit: return ["count", "ratio", "percent", "score", "USD", "EUR", "GBP"]
        case .lag: return ["30d", "6w", "1m", "2m", "1q", "2q", "1y"]
        case .name, .names, .number, .text: return []
        }
    }
}

/// An option a command accepts: `owner=TEAM`.
public struct OptionSpec: Sendable, Equatable {
    /// The key before `=`.
    public let key: String
    /// What follows `=`.
    public let value: OptionValue
    /// What the option means, for help.
    public let summary: String

    /// Declares an option.
    public init(_ key: String, _ value: OptionValue, _ summary: String) {
        self.key = key
        self.value = value
        self.summary = summary
    }
}

/// One element of a command's syntax. A command form is a list of slots;
/// the parser, help and completion all read the same list.
public indirect enum Slot: Sendable, Equatable {
    /// A word or symbol spelled exactly: `by`, `in`, `->`, `=`.
    case keyword(String)
    /// One of a fixed set of words, bound to a label.
    case choice(String, [String])
    /// A name of some role.
    case name(String, NameRole)
    /// A period: `2026`, `2026-H2`, `2026-Q3`, `2026-07`.
    case period(String)
    /// A period, or a range of them: `2026-06..2026-10`.
    case span(String)
    /// A number: `1200`, `2.5M`, `25%`, `-3`.
    case number(String)
    /// A whole number, such as a note's position.
    case integer(String)
    /// A what-if change: `30%`, `+10%`, `-5%`, `+500`.
    case change(String)
    /// `>=`, `<=` or `=`.
    case comparison(String)
    /// A double-quoted string.
    case string(String)
    /// A formula, to the end of the command.
    case expression(String)
    /// A file path, quoted or not.
    case path(String, PathRole)
    /// A column of a source's rows: a word, or a string when it has blanks.
    case column(String)
    /// A value a column is compared with: a word (`true`), a string or a number.
    case cell(String)
    /// `count()`, `sum(COL)` or `avg(COL)`: the function bound to the label,
    /// its column to the label and `Column`.
    case aggregate(String)
    /// A length of time: `10m`, `90s`, `1h30m`; bound as a number of seconds.
    case duration(String)
    /// A network address, `HOST:PORT`, `HOST` or `:PORT`, as written.
    case address(String)
    /// Options in any order, and at most one free string, bound to `text`.
    case options([OptionSpec], text: String?)
    /// Slots that may be left out together.
    case optional([Slot])
    /// Slots given once or more, separated by a word (`and`); each time's
    /// matches are a group of their own.
    case repeated(String, [Slot], separator: String)
    /// Where one time of a repeated group ends (the matcher's own marker;
    /// never in a command form).
    case groupEnd(String, [Slot], separator: String)

    /// How the slot reads in a syntax line.
    public var syntax: String {
        switch self {
        case .keyword(let word): return word
        case .choice(_, let words): return words.joined(separator: "|")
        case .name(let label, let role):
            return role == .fresh || role == .any ? label.uppercased() : Slot.placeholder(label, role)
        case .period: return "PERIOD"
        case .span: return "PERIOD[..PERIOD]"
        case .number(let label): return label == "target" ? "NUMBER" : label.uppercased()
        case .integer: return "N"
        case .change: return "NUMBER|+N%|-N%|+Npp"
        case .comparison: return ">=|<=|="
        case .string(let label): return "\"\(label)\""
        case .expression: return "EXPR"
        case .path(_, let role): return role == .source ? "\"FILE|CONNECTION\"" : "FILE"
        case .column(let label): return label.uppercased()
        case .cell: return "VALUE"
        case .aggregate: return "count()|sum(COL)|avg(COL)"
        case .duration: return "DURATION"
        case .address: return "HOST:PORT"
        case .options(let options, let text):
            var parts = options.map { "[\($0.key)=\($0.value.placeholder)]" }
            // Options and the string come in any order; a term's definition
            // is what the line is for, so it is written first, as the brief does.
            if let text { parts.insert("[\"\(text)\"]", at: text == "definition" ? 0 : parts.count) }
            return parts.joined(separator: " ")
        case .optional(let slots): return "[" + slots.map(\.syntax).joined(separator: " ") + "]"
        case .repeated(_, let slots, let separator):
            return slots.map(\.syntax).joined(separator: " ") + " [\(separator) ...]"
        case .groupEnd: return ""
        }
    }

    private static func placeholder(_ label: String, _ role: NameRole) -> String {
        let upper = label.uppercased()
        return ["NAME", "OLD", "NEW", "FROM", "TO", "DRIVER"].contains(upper) ? upper : role.placeholder
    }
}

extension Slot {
    /// The keyword that must come next in `slots`, past optional groups, if
    /// one does: a name standing where it stands is that keyword, not the
    /// name (`compare on revenue`).
    public static func nextKeyword(in slots: ArraySlice<Slot>) -> String? {
        for slot in slots {
            switch slot {
            case .keyword(let word): return word
            case .optional: continue
            default: return nil
            }
        }
        return nil
    }
}
