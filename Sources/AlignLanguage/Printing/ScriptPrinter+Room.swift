import AlignCore

extension Note.Kind {
    /// The command that records an entry of this kind.
    public var verb: String {
        switch self {
        case .note: return "note"
        case .decision: return "decide"
        case .parked: return "park"
        }
    }
}

extension ScriptPrinter {
    /// The room's votes as the commands that give them again: the question
    /// and its options, each option's votes, and `vote close` unless it is
    /// still open. The timer is left out: a countdown is of its meeting only.
    static func votes(_ ws: Workspace) -> [String] {
        var lines: [String] = []
        for vote in ws.room.votes {
            lines.append("vote " + quoted(vote.question) + " options=" + vote.options.joined(separator: ","))
            for (option, count) in zip(vote.options, vote.counts) where count > 0 {
                lines.append(count == 1 ? "vote \(option)" : "vote \(option) \(count)")
            }
            if !vote.isOpen { lines.append("vote close") }
        }
        return lines
    }
}

extension WorkspaceDiff.Comparer {
    /// Votes are compared by position: a vote is added, removed, or its
    /// tally or state changed.
    mutating func votes() {
        let a = old.room.votes
        let b = new.room.votes
        for i in 0..<max(a.count, b.count) {
            let before = i < a.count ? a[i] : nil
            let after = i < b.count ? b[i] : nil
            record(.vote, before: before.map { _ in "\(i + 1)" }, after: after.map { _ in "\(i + 1)" }) { f in
                f.add("", before?.question, after?.question) { q, _ in .quoted(q) }
                f.add("votes", before.map(Self.tally), after.map(Self.tally)) { t, _ in .text(t) }
                f.add("open", before?.isOpen, after?.isOpen) { open, _ in .text(open ? "yes" : "no") }
            }
        }
    }

    /// `a 3, b 1, c 0`.
    static func tally(_ vote: Vote) -> String {
        zip(vote.options, vote.counts).map { "\($0) \($1)" }.joined(separator: ", ")
    }
}
