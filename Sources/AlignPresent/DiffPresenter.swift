import AlignCore
import AlignLanguage
import AlignOutput

/// A diff as a room reads it: one sentence a change (`changed value leads
/// 2026-Q3: 4,000 → 5,000`), then what it means for each goal. Machine
/// formats get the same as tables, one row per attribute.
public struct DiffPresenter {
    /// What changed.
    let diff: WorkspaceDiff

    /// Presents `diff`.
    public init(diff: WorkspaceDiff) { self.diff = diff }

    /// Sentences for the screen.
    public func lines(title: String) -> Document {
        var doc = Document()
        let count = diff.entries.count
        doc.heading(title + (count == 0 ? "" : ": " + NumberFormat.count(count, "change")))
        guard !diff.isEmpty else {
            doc.line(Span("nothing changed", .dim))
            return doc
        }
        for entry in diff.entries {
            let verb = entry.oldName != nil && entry.change == .changed ? "renamed" : entry.change.rawValue
            let role: Style.Role = entry.change == .added ? .good : entry.change == .removed ? .bad : .warning
            var spans: [Span] = [Span("  "), Span(pad(verb, 8), role), Span(" " + Self.kindWord(entry.kind) + " ")]
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
    static func text(_ value: WorkspaceDiff.Value?) -> String {
        switch value {
        case nil: return "none"
        case .text(let s): return s
        case .quoted(let s): return "\"" + s + "\""
        case .number(let v, let unit, let comparison):
            return (comparison.map { $0.rawValue + " " } ?? "") + NumberFormat.format(v, unit: unit)
        }
    }

    /// A value before and after, numbers with the decimals that tell them apart.
    static func texts(_ before: WorkspaceDiff.Value?, _ after: WorkspaceDiff.Value?) -> (String, String) {
        guard case .number(let a, let unit, let was) = before, case .number(let b, _, let now) = after else {
            return (text(before), text(after))
        }
        let (x, y) = NumberFormat.distinct(a, b, unit: unit)
        return ((was.map { $0.rawValue + " " } ?? "") + x, (now.map { $0.rawValue + " " } ?? "") + y)
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
    static func details(_ entry: WorkspaceDiff.Entry) -> String {
        switch entry.change {
        case .added:
            if entry.kind == .goal { return goalSentence(entry.fields) }
            return entry.fields.map { field in
                field.key.isEmpty ? text(field.after) : field.key + " " + text(field.after)
            }.joined(separator: ", ")
        case .removed:
            return entry.fields.filter { $0.key.isEmpty }.map { "was " + text($0.before) }.joined(separator: ", ")
        case .changed:
            return entry.fields.map { field in
                let (before, after) = texts(field.before, field.after)
                return (field.key.isEmpty ? "" : field.key + " ") + before + " → " + after
            }.joined(separator: "; ")
        }
    }

    /// `sales: sqls >= 500 by 2026-Q3 "why"`.
    private static func goalSentence(_ fields: [WorkspaceDiff.Field]) -> String {
        func value(_ key: String) -> String? { fields.first { $0.key == key }.map { text($0.after) } }
        var sentence = "\(value("team") ?? "?"): \(value("metric") ?? "?") \(value("target") ?? "?") by \(value("by") ?? "?")"
        if let why = value("why") { sentence += " " + why }
        return sentence
    }

    /// `revenue in 2026-Q3 2,000,000 USD → 2,500,000 USD against >= 2,500,000 USD`.
    static func progress(_ move: WorkspaceDiff.GoalMove) -> String {
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
        let target = move.comparison.rawValue + " " + NumberFormat.format(move.target, unit: move.unit)
        if let before = move.targetBefore, !Noise.isSame(before, move.target) {
            let (x, y) = NumberFormat.distinct(before, move.target, unit: move.unit)
            text += " against " + move.comparison.rawValue + " " + x + " → " + move.comparison.rawValue + " " + y
        } else {
            text += " against " + target
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
