import AlignCore
import AlignLanguage
import AlignOutput

/// A diff as a room reads it: one sentence a change (`changed value leads
/// 2026-Q3: 4,000 → 5,000`), then what it means for each goal. Machine
/// formats get the same as tables, one row per attribute.
public struct DiffPresenter {
    /// What changed.
    let diff: WorkspaceDiff
    /// Whether to write for a reader rather than the prompt: plain sentences,
    /// `at least` for `>=`, a vote's state in words, no column padding.
    let prose: Bool
    /// The period whose goals the reader asked about; nil: every goal that moved.
    let period: Period?

    /// Presents `diff`; `prose` for a report, whose goals are those due in `period`.
    public init(diff: WorkspaceDiff, prose: Bool = false, period: Period? = nil) {
        self.diff = diff
        self.prose = prose
        self.period = period
    }

    /// Sentences for the screen.
    public func lines(title: String) -> Document {
        var doc = Document()
        let count = diff.entries.count
        doc.heading(title + (count == 0 ? "" : ": " + NumberFormat.count(count, "change")))
        guard !diff.isEmpty else {
            doc.line(Span("nothing changed", .dim))
            return doc
        }
        if prose { return sentences(doc) }
        for entry in diff.entries {
            if entry.change == .adopted {
                adoption(entry, into: &doc)
                continue
            }
            let verb = entry.oldName != nil && entry.change == .changed ? "renamed" : entry.change.rawValue
            var spans: [Span] = [Span("  "), Span(pad(verb, 8), Self.role(entry.change)), Span(" " + Self.kindWord(entry.kind) + " ")]
            if let old = entry.oldName { spans += [Span(old, .name), Span(" → ")] }
            spans.append(Span(entry.name, .name))
            let details = Self.details(entry)
            if !details.isEmpty { spans.append(Span((entry.oldName == nil ? ": " : "; ") + details)) }
            doc.add(.line(spans))
        }
        if !diff.goals.isEmpty {
            doc.heading("what it means for the goals")
            let width = diff.goals.map { displayWidth($0.goal) }.max() ?? 0
            for move in diff.goals {
                var spans: [Span] = [Span("  "), Span(pad(move.goal, width), .name), Span("  " + Self.progress(move) + ": ")]
                let (verdict, role) = Self.verdict(move)
                spans.append(Span(verdict, role))
                doc.add(.line(spans))
            }
        }
        return doc
    }

    /// Added and adopted in green, removed in red, changed in yellow.
    static func role(_ change: WorkspaceDiff.Change) -> Style.Role {
        switch change {
        case .added, .adopted: return .good
        case .removed: return .bad
        case .changed: return .warning
        }
    }

    /// An adopted scenario at the prompt: its changes, then each plan value
    /// it wrote on a line of its own, before → after.
    private func adoption(_ entry: WorkspaceDiff.Entry, into doc: inout Document) {
        let (changes, written) = Self.adopted(entry)
        doc.add(
            .line([
                Span("  "), Span(pad("adopted", 8), .good), Span(" scenario "), Span(entry.name, .name),
                Span(": " + changes + "; " + Self.wrote(written.count) + ":"),
            ]))
        for field in written {
            doc.add(.line([Span(String(repeating: " ", count: 11) + field.key + ": " + Self.beforeAfter(field))]))
        }
    }

    /// An adopted scenario's changes, and the plan values it wrote.
    static func adopted(_ entry: WorkspaceDiff.Entry) -> (changes: String, written: [WorkspaceDiff.Field]) {
        (entry.fields.first { $0.key.isEmpty }.map { text($0.before) } ?? "", entry.fields.filter { !$0.key.isEmpty })
    }

    /// `it wrote 12 plan values`.
    private static func wrote(_ count: Int) -> String { "it wrote " + NumberFormat.count(count, "plan value") }

    /// `1,300 → 1,430`, or the value alone where there was none before.
    static func beforeAfter(_ field: WorkspaceDiff.Field, prose: Bool = false) -> String {
        guard field.before != nil else { return text(field.after, prose: prose) }
        let (before, after) = texts(field.before, field.after, prose: prose)
        return before + " → " + after
    }

    /// The changes as a report's reader reads them: one sentence each, then
    /// what they mean for the goals due in the report's period.
    private func sentences(_ heading: Document) -> Document {
        var doc = heading
        for entry in diff.entries {
            if entry.kind == .vote {
                doc.line(Span(Self.voteSentence(entry)))
                continue
            }
            let verb = entry.oldName != nil && entry.change == .changed ? "renamed" : entry.change.rawValue
            var spans: [Span] = [Span(verb.capitalizedFirst, Self.role(entry.change)), Span(" " + Self.kindWord(entry.kind) + " ")]
            if let old = entry.oldName { spans += [Span(old, .name), Span(" → ")] }
            spans.append(Span(entry.name, .name))
            let details = Self.details(entry, prose: true)
            if !details.isEmpty { spans.append(Span((entry.oldName == nil ? ": " : "; ") + details)) }
            doc.add(.line(spans + [Span(".")]))
        }
        let moves = diff.goals.filter { period == nil || $0.period == period }
        guard !moves.isEmpty else { return doc }
        doc.heading("What it means for the goals" + (period.map { " due in \($0)" } ?? ""))
        for move in moves {
            let (verdict, role) = Self.verdict(move)
            doc.add(.line([Span(move.goal, .name), Span(": " + Self.progress(move, prose: true) + ": "), Span(verdict, role), Span(".")]))
        }
        return doc
    }

    /// `The vote on "Which MQL definition?" was closed: meeting 6, form 3.`
    static func voteSentence(_ entry: WorkspaceDiff.Entry) -> String {
        func field(_ key: String) -> WorkspaceDiff.Field? { entry.fields.first { $0.key == key } }
        func words(_ value: WorkspaceDiff.Value?) -> String? {
            if case .text(let s)? = value { return s }
            return nil
        }
        let question = field("").map { text(entry.change == .removed ? $0.before : $0.after) } ?? "vote \(entry.name)"
        let subject = "The vote on " + question
        switch entry.change {
        case .added:
            let tally = words(field("votes")?.after) ?? ""
            let open = words(field("open")?.after) == "yes"
            return subject + " was held: " + tally + (open ? "; it is still open." : "; it was closed.")
        case .removed:
            return subject + " was taken back."
        case .changed, .adopted:
            var parts: [String] = []
            if let asked = field(""), let before = asked.before { parts.append("was asked before as " + text(before)) }
            if let open = field("open") { parts.append(words(open.after) == "yes" ? "was opened again" : "was closed") }
            if let votes = field("votes"), let now = words(votes.after) {
                parts.append("stands at " + now + (words(votes.before).map { " (it was " + $0 + ")" } ?? ""))
            }
            return subject + " " + (parts.isEmpty ? "changed" : parts.joined(separator: "; it ")) + "."
        }
    }

    /// Tables for JSON, CSV and Markdown.
    public func tables(title: String) -> Document {
        var doc = Document()
        doc.heading(title)
        var changes = Table(
            name: "changes",
            columns: [.init("Change"), .init("Kind"), .init("Name"), .init("Old name"), .init("Field"), .init("Before"),
                .init("After")])
        for entry in diff.entries {
            let fields = entry.fields.isEmpty ? [WorkspaceDiff.Field(key: "", before: nil, after: nil)] : entry.fields
            for field in fields {
                changes.add([
                    .text(entry.change.rawValue), .text(entry.kind.rawValue), .name(entry.name),
                    entry.oldName.map(Cell.name) ?? .empty, field.key.isEmpty ? .empty : .text(field.key),
                    Self.cell(field.before), Self.cell(field.after),
                ])
            }
        }
        doc.add(.table(changes))
        guard !diff.goals.isEmpty else { return doc }
        var goals = Table(
            name: "goals",
            columns: [.init("Goal"), .init("Metric"), .init("Period"), .init("Comparison"),
                .init("Target before", numeric: true), .init("Target", numeric: true),
                .init("Value before", numeric: true), .init("Value", numeric: true), .init("Met before"), .init("Met")])
        for move in diff.goals {
            goals.add([
                .name(move.goal), .name(move.metric), .text(move.period.description), .text(move.comparison.rawValue),
                move.targetBefore.map { .number($0, unit: move.unit) } ?? .empty, .number(move.target, unit: move.unit),
                move.valueBefore.map { .number($0, unit: move.unit) } ?? .empty,
                move.value.map { .number($0, unit: move.unit) } ?? .empty,
                move.metBefore.map { .status($0, $0 ? "met" : "missed") } ?? .empty,
                move.met.map { .status($0, $0 ? "met" : "missed") } ?? .empty,
            ])
        }
        doc.add(.table(goals))
        return doc
    }

    static func kindWord(_ kind: WorkspaceDiff.Kind) -> String {
        kind == .revenue ? "revenue metric" : kind.rawValue
    }

    /// An attribute's value as people read it.
    static func text(_ value: WorkspaceDiff.Value?, prose: Bool = false) -> String {
        switch value {
        case nil: return "none"
        case .text(let s): return s
        case .quoted(let s): return "\"" + s + "\""
        case .number(let v, let unit, let comparison):
            return (comparison.map { compare($0, prose: prose) + " " } ?? "") + NumberFormat.format(v, unit: unit)
        }
    }

    /// `>=`, or for a reader `at least`.
    static func compare(_ comparison: Comparison, prose: Bool) -> String {
        guard prose else { return comparison.rawValue }
        switch comparison {
        case .atLeast: return "at least"
        case .atMost: return "at most"
        case .equal: return "exactly"
        }
    }

    /// A value before and after, numbers with the decimals that tell them apart.
    static func texts(_ before: WorkspaceDiff.Value?, _ after: WorkspaceDiff.Value?, prose: Bool = false) -> (String, String) {
        guard case .number(let a, let unit, let was) = before, case .number(let b, _, let now) = after else {
            return (text(before, prose: prose), text(after, prose: prose))
        }
        let (x, y) = NumberFormat.distinct(a, b, unit: unit)
        return ((was.map { compare($0, prose: prose) + " " } ?? "") + x, (now.map { compare($0, prose: prose) + " " } ?? "") + y)
    }

    /// For machines: numbers raw, text without quotes, a target as `>= 1250`.
    private static func cell(_ value: WorkspaceDiff.Value?) -> Cell {
        switch value {
        case nil: return .empty
        case .text(let s), .quoted(let s): return .text(s)
        case .number(let v, let unit, nil): return .number(v, unit: unit)
        case .number(let v, _, let comparison?): return .text(comparison.rawValue + " " + ScriptPrinter.number(v))
        }
    }

    /// What follows the name: all there is of something added, the one value
    /// of something removed, and before → after of each attribute changed.
    static func details(_ entry: WorkspaceDiff.Entry, prose: Bool = false) -> String {
        switch entry.change {
        case .added:
            if entry.kind == .goal { return goalSentence(entry.fields, prose: prose) }
            return entry.fields.map { field in
                field.key.isEmpty ? text(field.after, prose: prose) : field.key + " " + text(field.after, prose: prose)
            }.joined(separator: ", ")
        case .removed:
            return entry.fields.filter { $0.key.isEmpty }.map { "was " + text($0.before, prose: prose) }.joined(separator: ", ")
        case .changed:
            return entry.fields.map { field in
                let (before, after) = texts(field.before, field.after, prose: prose)
                return (field.key.isEmpty ? "" : field.key + " ") + before + " → " + after
            }.joined(separator: "; ")
        case .adopted:
            let (changes, written) = adopted(entry)
            let values = written.map { $0.key + " " + beforeAfter($0, prose: prose) }.joined(separator: ", ")
            return changes + "; " + wrote(written.count) + ": " + values
        }
    }

    /// `sales: sqls >= 500 by 2026-Q3 "why"`; for a reader,
    /// `sqls at least 500 by 2026-Q3, set by sales: "why"`.
    private static func goalSentence(_ fields: [WorkspaceDiff.Field], prose: Bool) -> String {
        func value(_ key: String) -> String? { fields.first { $0.key == key }.map { text($0.after, prose: prose) } }
        let aim = "\(value("metric") ?? "?") \(value("target") ?? "?") by \(value("by") ?? "?")"
        if prose { return aim + ", set by \(value("team") ?? "?")" + (value("why").map { ": " + $0 } ?? "") }
        var sentence = "\(value("team") ?? "?"): " + aim
        if let why = value("why") { sentence += " " + why }
        return sentence
    }

    /// `revenue in 2026-Q3 2,000,000 USD → 2,500,000 USD against >= 2,500,000 USD`;
    /// for a reader, `against a target of at least 2,500,000 USD`.
    static func progress(_ move: WorkspaceDiff.GoalMove, prose: Bool = false) -> String {
        func number(_ v: Double?) -> String { v.map { NumberFormat.format($0, unit: move.unit) } ?? "no value" }
        var text = "\(move.metric) in \(move.period) "
        if move.targetBefore != nil, let a = move.valueBefore, let b = move.value, !Noise.isSame(a, b) {
            let (x, y) = NumberFormat.distinct(a, b, unit: move.unit)
            text += x + " → " + y
        } else if move.targetBefore != nil, (move.valueBefore == nil) != (move.value == nil) {
            text += number(move.valueBefore) + " → " + number(move.value)
        } else {
            text += number(move.value)
        }
        let comparison = compare(move.comparison, prose: prose)
        let against = prose ? " against a target of " : " against "
        let target = comparison + " " + NumberFormat.format(move.target, unit: move.unit)
        if let before = move.targetBefore, !Noise.isSame(before, move.target) {
            let (x, y) = NumberFormat.distinct(before, move.target, unit: move.unit)
            text += against + comparison + " " + x + " → " + comparison + " " + y
        } else {
            text += against + target
        }
        return text
    }

    /// `missed → met`, coloured by where it ends.
    static func verdict(_ move: WorkspaceDiff.GoalMove) -> (String, Style.Role) {
        func word(_ met: Bool?) -> String { met.map { $0 ? "met" : "missed" } ?? "no value" }
        let role: Style.Role = move.met.map { $0 ? .good : .bad } ?? .dim
        if move.targetBefore == nil { return ("new goal, " + word(move.met), role) }
        if move.metBefore == move.met { return ("still " + word(move.met), role) }
        return (word(move.metBefore) + " → " + word(move.met), role)
    }
}
