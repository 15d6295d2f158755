import AlignCore
import AlignLanguage

/// The text of a step: a range of the source it was read from, turned into
/// a string only when shown (`undid: ...`), so a script of a million
/// commands keeps no string per command.
struct StepText {
    let source: SourceText
    let range: SourceRange

    init(_ source: SourceText, _ range: SourceRange) {
        self.source = source
        self.range = range
    }

    /// A text that has no source of its own (`run FILE` for a script named on the command line).
    init(_ text: String) {
        let source = SourceText(name: "", text: text)
        self.init(source, SourceRange(0, source.bytes.count))
    }

    var string: String { source.text(range) }
}

/// Undoable steps of one level, last on top: their changes in one flat
/// record, with each step's start, number and text beside it.
struct StepStack {
    /// One step: 20 bytes, whatever its text and changes.
    private struct Mark {
        /// The command's number in `history` (0 inside a script).
        var number: Int32
        /// The step's text: `sources[source]`, bytes `start..<end`.
        var source: Int32
        var start: Int32
        var end: Int32
        /// Where its changes begin in `record`.
        var changes: Int32
    }

    private var record = UndoRecord()
    private var marks: [Mark] = []
    /// The sources the steps' texts come from; consecutive steps from one script share it.
    private var sources: [SourceText] = []

    /// Whether there is no step.
    var isEmpty: Bool { marks.isEmpty }

    /// Puts a step on top.
    mutating func push(number: Int, text: StepText, changes: UndoRecord) {
        var text = text
        if text.range.end > Int(Int32.max) || record.count + changes.count > Int(Int32.max) {
            text = StepText(text.string)
        }
        if sources.last !== text.source { sources.append(text.source) }
        marks.append(
            Mark(
                number: Int32(clamping: number), source: Int32(sources.count - 1), start: Int32(text.range.start),
                end: Int32(text.range.end), changes: Int32(record.count)))
        record.append(contentsOf: changes)
    }

    /// Takes the top step off: its number, text and changes.
    mutating func pop() -> (number: Int, text: StepText, changes: UndoRecord)? {
        guard let mark = marks.popLast() else { return nil }
        let text = StepText(sources[Int(mark.source)], SourceRange(Int(mark.start), Int(mark.end)))
        let keep = marks.last.map { Int($0.source) + 1 } ?? 0
        sources.removeSubrange(keep...)
        return (Int(mark.number), text, record.removeSuffix(from: Int(mark.changes)))
    }

    /// Removes every step.
    mutating func removeAll() {
        guard !marks.isEmpty else { return }
        record = UndoRecord()
        marks = []
        sources = []
    }

    /// Every step's changes, in order, leaving the stack empty.
    mutating func takeChanges() -> UndoRecord {
        defer { removeAll() }
        return record
    }
}
