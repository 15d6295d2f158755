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

    /// The name of the nth pull (from 1) of a metric in one step: a script
    /// may refresh the same metric twice.
    static func journalKey(_ metric: String, _ n: Int) -> String {
        n == 1 ? journalKey(metric) : journalKey(metric) + " (\(n))"
    }

    /// Keeps what a pull brought with the step, when someone listens for steps.
    func keepInJournal(_ p: Pulled) {
        guard let reads = stepRecord.reads else { return }
        let name = workspace.metrics[p.metric].name
        var text = "# grain \(p.grain.word)\n"
        for (period, value) in p.values { text += "value \(name) \(period) \(ScriptPrinter.number(value))\n" }
        var n = 1
        while reads.contains(where: { $0.path == Session.journalKey(name, n) }) { n += 1 }
        stepRecord.reads!.append(FileRead(path: Session.journalKey(name, n), bytes: Array(text.utf8)))
    }

    /// A pull taken again from the journal: the first of the metric's not taken yet.
    func journalled(_ metric: MetricID, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) -> Pulled {
        let name = workspace.metrics[metric].name
        var n = 1
        while replay?.reads[Session.journalKey(name, n)] == nil, n <= (replay?.reads.count ?? 0) { n += 1 }
        guard let bytes = replay?.reads.removeValue(forKey: Session.journalKey(name, n)) else {
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
