import AlignCore
import AlignLanguage

/// The messages a session raises, declared once.
extension Message {
    static func unknownName(_ kind: EntityKind, _ name: String, suggestion: String?) -> Message {
        let hint = kind == .value || kind == .link ? "" : " (see 'show \(kind.plural)')"
        return Message("unknown \(kind.rawValue) '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? hint))
    }
    static func periodNarrowsMetrics(_ name: String, _ kind: EntityKind) -> Message {
        Message("'in PERIOD' narrows a metric's values, and \(name) is a \(kind.rawValue): show it without a period")
    }
    static func renamedName(_ kind: EntityKind, _ old: String, _ new: String) -> Message {
        Message("no \(kind.rawValue) is named '\(old)' now: \(old) was renamed to \(new)")
    }
    static func grainLongerThanPeriod(_ grain: Period.Grain, _ period: Period) -> Message {
        Message("a \(grain.word) is longer than \(period): chart by a shorter grain, or in a longer period")
    }
    static func readEarlierPeriod(_ name: String) -> Message {
        Message("a balance carried over reads its earlier period: \(name)[-1m]")
    }
    static func formulaCycle(_ names: [String]) -> Message {
        // A cycle through a long chain is shown by its ends: the middle would fill screens.
        let shown = names.count <= 12 ? names : names.prefix(6) + ["... (\(names.count - 11) more)"] + names.suffix(5)
        return Message("this formula would make \(names[0]) depend on itself in the same period: " + shown.joined(separator: " -> "))
    }
    static func unitMismatch(_ lhs: String, _ rhs: String, _ expression: String, subtracting: Bool) -> Message {
        subtracting
            ? Message("cannot subtract \(rhs) from \(lhs) in '\(expression)': the units differ")
            : Message("cannot add \(lhs) and \(rhs) in '\(expression)': the units differ")
    }
    static func unitBreaksFormula(_ reader: String, _ clash: Message) -> Message {
        Message("that unit would break the formula of \(reader): " + clash.text + "; nothing was changed")
    }
    static func unitDisagrees(_ metric: String, declared: String, computed: String) -> Message {
        Message("\(metric) is in \(declared), but its formula gives \(computed)")
    }
    static func stillReferenced(_ kind: EntityKind, _ name: String, _ uses: [String]) -> Message {
        let shown = uses.prefix(8).joined(separator: ", ") + (uses.count > 8 ? " and \(uses.count - 8) more" : "")
        return Message("\(kind.rawValue) \(name) is still used by \(shown); add 'cascade' to remove those uses too")
    }
    static func nameTaken(_ kind: EntityKind, _ name: String) -> Message {
        Message("there is already a \(kind.rawValue) named '\(name)'")
    }
    static func selfLink(_ name: String) -> Message { Message("a metric cannot drive itself (\(name) -> \(name))") }
    static func noSuchLink(_ from: String, _ to: String) -> Message { Message("there is no link \(from) -> \(to)") }
    static func noSuchValue(_ metric: String, _ period: Period) -> Message {
        Message("\(metric) has no value recorded in \(period)")
    }
    static func noSuchPlan(_ metric: String, _ period: Period) -> Message {
        Message("\(metric) has no plan value in \(period)")
    }
    static func noSuchNote(_ kind: Note.Kind, _ number: Int, count: Int) -> Message {
        let existing = count == 0 ? "there are none" : count == 1 ? "there is 1" : "there are \(count)"
        return Message("there is no \(kind.rawValue) \(number) (\(existing))")
    }
    static func undefinedTerm(_ term: String) -> Message {
        Message("term '\(term)' has no definition yet; give one with: term \(term) \"...\" by=TEAM")
    }
    static let nothingToUndo = Message("there is nothing to undo")
    static let nothingToRedo = Message("there is nothing to redo")
    static func unknownSnapshot(_ name: String, suggestion: String?) -> Message {
        Message("unknown snapshot '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? " (see 'show snapshots')"))
    }
    static func nothingNamed(_ name: String, suggestion: String?) -> Message {
        Message("nothing is named '\(name)'" + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
    }
}
