import AlignCore
import AlignLanguage
import AlignOutput

extension Message {
    static func pullNotInJournal(_ metric: String) -> Message {
        Message("the values pulled for \(metric) were not kept in the journal")
    }
}

/// What a pull brought is journalled as plain `value` lines, kept beside the
/// step like the files it read: `align --recover` takes the step again from
/// them and never reaches the source.
extension Session {
    /// The name a pull is kept under in the journal's reads.
    static func journalKey(_ metric: String) -> String { "<pulled> " + metric }

    /// Keeps what a pull brought with the step, when someone listens for steps.
    func keepInJournal(_ p: Pulled) {
        guard stepRecord.reads != nil else { return }
        let name = workspace.metrics[p.metric].name
        var text = "# grain \(p.grain.word)\n"
        for (period, value) in p.values { text += "value \(name) \(period) \(ScriptPrinter.number(value))\n" }
        stepRecord.reads!.removeAll { $0.path == Session.journalKey(name) }
        stepRecord.reads!.append(FileRead(path: Session.journalKey(name), bytes: Array(text.utf8)))
    }

    /// A pull taken again from the journal.
    func journalled(_ metric: MetricID, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) -> Pulled {
        let name = workspace.metrics[metric].name
        guard let bytes = replay?.reads[Session.journalKey(name)] else {
            throw Diagnostic(.pullNotInJournal(name), at: range, in: source)
        }
        var grain = workspace.pullGrain(of: metric)
        var values: [(period: Period, value: Double)] = []
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 3, words[0] == "#", words[1] == "grain", let g = Period.Grain(word: String(words[2])) {
                grain = g
            } else if words.count == 4, let period = Period(words[2]), let value = Double(words[3]) {
                values.append((period, value))
            }
        }
        return Pulled(metric: metric, grain: grain, values: values, summary: "\(name): as pulled before")
    }
}
