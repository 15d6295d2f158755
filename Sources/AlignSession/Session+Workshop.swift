import AlignCore
import AlignLanguage
import AlignOutput
import AlignPresent

/// Undo, redo, history, snapshots and diffs.
extension Session {
    func undo(_ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        let level = undoLevels.count - 1
        guard let step = undoLevels[level].undo.pop() else {
            throw Diagnostic(.nothingToUndo, at: range, in: source)
        }
        let redo = workspace.revert(step.changes)
        undoLevels[level].redo.push(number: step.number, text: step.text, changes: redo)
        mark(step.number, undone: true)
        noteUnrecordable(step.number, step.text.string)
        // The what-if just asked is not what goes: say what does, and why.
        let asked = lastAnswerThatLooksLikeAChange.map { Session.firstWord($0) }
        confirm(
            "undid: \(step.text.string)"
                + (asked.map { " (not the \($0) after it: a \($0) changes nothing, so there is nothing of it to undo)" } ?? ""))
    }

    /// The verb of a command's text.
    static func firstWord(_ text: String) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.prefix { $0 != " " && $0 != "\t" && $0 != "\n" })
    }

    func redo(_ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        let level = undoLevels.count - 1
        guard let step = undoLevels[level].redo.pop() else {
            throw Diagnostic(.nothingToRedo, at: range, in: source)
        }
        let undo = workspace.revert(step.changes)
        undoLevels[level].undo.push(number: step.number, text: step.text, changes: undo)
        mark(step.number, undone: false)
        noteUnrecordable(step.number, step.text.string)
        confirm("redid: \(step.text.string)")
    }

    /// An undo or redo of a command from before `record` began: the recording
    /// keeps it as a comment, since replaying it would take back something else.
    private func noteUnrecordable(_ number: Int, _ text: String) {
        guard let recorder, undoLevels.count == 1, number < recorder.firstStep else { return }
        unrecordable = text
    }

    private func mark(_ number: Int, undone: Bool) {
        guard number >= 1, number <= entries.count else { return }
        entries[number - 1].undone = undone
    }

    func history() -> Document {
        var table = Table(
            name: "history", columns: [.init("#", key: "number", numeric: true), .init("Command"), .init("State")])
        for (i, entry) in entries.enumerated() {
            let state: Cell = entry.undone ? .text("undone") : entry.failed ? .text("failed") : .empty
            table.add([.number(Double(i + 1), unit: nil), .text(entry.text), state])
        }
        return Document([.table(table)])
    }

    /// `snapshot NAME`. Taken again, the name moves to the workspace as it
    /// is now, and the snapshot it named is kept under the first free name
    /// of NAME_1, NAME_2, ...: a baseline retaken by mistake is never lost.
    func snapshot(_ name: Name, _ source: SourceText) throws(Diagnostic) {
        // `diff NAME` and `compare NAME` would not know which was meant.
        if workspace.scenario(named: name.text) != nil {
            throw Diagnostic(.snapshotNameIsScenario(name.text), at: name.range, in: source)
        }
        guard let old = snapshots.firstIndex(where: { $0.name == name.text }) else {
            snapshots.append((name.text, workspace))
            confirm("kept snapshot \(name.text)")
            return
        }
        var n = 1
        while snapshots.contains(where: { $0.name == "\(name.text)_\(n)" }) { n += 1 }
        let kept = "\(name.text)_\(n)"
        snapshots[old].name = kept
        snapshots.append((name.text, workspace))
        confirm("replaced snapshot \(name.text); the one it replaced is kept as \(kept) (diff \(kept))")
    }

    func snapshot(named name: Name, _ source: SourceText) throws(Diagnostic) -> Workspace {
        if let snap = snapshots.first(where: { $0.name == name.text }) { return snap.workspace }
        throw Diagnostic(
            .unknownSnapshot(name.text, suggestion: Suggestions.closest(to: name.text, among: snapshots.map(\.name))),
            at: name.range, in: source)
    }

    /// `diff`, `diff NAME`, `diff NAME NAME`: without a name, since the
    /// session's starting point (see `markStart` and `markBaseline`).
    func diff(_ from: Name?, _ to: Name?, _ source: SourceText) throws(Diagnostic) -> Document {
        let old = try from.map { n throws(Diagnostic) in try snapshot(named: n, source) } ?? baseline
        let new = try to.map { n throws(Diagnostic) in try snapshot(named: n, source) } ?? workspace
        let since = from.map { "snapshot \($0.text)" } ?? "the start of the session"
        let until = to.map { "snapshot \($0.text)" } ?? "now"
        let presenter = DiffPresenter(diff: WorkspaceDiff(from: old, to: new))
        let title = "changes from \(since) to \(until)"
        return options.format == .table ? presenter.lines(title: title) : presenter.tables(title: title)
    }

    func help(_ topic: Name?, _ source: SourceText) throws(Diagnostic) -> Document {
        let width = Help.width(for: options.width)
        guard let topic else { return Help.overview(width: width) }
        guard let spec = CommandTable.spec(for: topic.text) else {
            // A word a command goes on with (help pacing): that command's help.
            let owner = CommandTable.all.first { spec in
                spec.forms.contains { form in
                    if case .keyword(let word) = form.slots.first, word == topic.text { return true }
                    return false
                }
            }
            if let owner { throw Diagnostic(.partOfCommand(topic.text, owner.verb), at: topic.range, in: source) }
            throw Diagnostic(
                .unknownCommand(topic.text, suggestion: Suggestions.closest(to: topic.text, among: CommandTable.verbsAndAliases)),
                at: topic.range, in: source)
        }
        return Help.topic(spec, width: width)
    }
}
