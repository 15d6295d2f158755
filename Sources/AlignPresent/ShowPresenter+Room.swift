import AlignCore
import AlignLanguage
import AlignOutput

/// `show notes|decisions|parked|votes`, and what the room adds to the summary.
extension ShowPresenter {
    /// Notes, decisions or parked items, numbered as `remove` counts them.
    /// Owner and due columns appear once a decision has one, so a workspace
    /// without them lists as it always did.
    func noteTable(_ kind: Note.Kind, name: String) -> Table {
        let ws = workspace
        let entries = ws.notes.filter { $0.kind == kind }
        let owners = entries.contains { $0.owner != nil || $0.due != nil }
        var columns: [Table.Column] = [.init("#", key: "number", numeric: true), .init("At"), .init("Text")]
        if owners { columns += [.init("Owner"), .init("Due")] }
        var table = Table(name: name, columns: columns)
        for (i, note) in entries.enumerated() {
            var row: [Cell] = [.number(Double(i + 1), unit: nil), note.time.map(Cell.text) ?? .empty, .text(note.text)]
            if owners {
                row.append(note.owner.map { .name(ws.teams[$0].name) } ?? .empty)
                row.append(note.due.map { .text($0.description) } ?? .empty)
            }
            table.add(row)
        }
        return table
    }

    /// Every vote: its question, each option's votes, and whether it is open.
    func voteTable() -> Table {
        var table = Table(
            name: "votes",
            columns: [.init("#", key: "number", numeric: true), .init("Question"), .init("Option"),
                .init("Votes", numeric: true), .init("State")])
        for (i, vote) in workspace.room.votes.enumerated() {
            let leaders = vote.leaders
            for (j, option) in vote.options.enumerated() {
                let state: Cell =
                    j > 0 ? .empty : vote.isOpen ? .text("open") : .text("closed")
                let mark = !vote.isOpen && leaders.contains(option) ? " (most votes)" : ""
                table.add([
                    j == 0 ? .number(Double(i + 1), unit: nil) : .empty, j == 0 ? .text(vote.question) : .empty,
                    .name(option + mark), .number(Double(vote.counts[j]), unit: nil), state,
                ])
            }
        }
        return table
    }

    /// What a vote came to, for `vote close`: each option's count and
    /// share, then the outcome in a sentence.
    public func voteResult(_ vote: Vote) -> Document {
        var doc = Document()
        doc.heading(vote.question)
        var table = Table(
            name: "vote", columns: [.init("Option"), .init("Votes", numeric: true), .init("Share", numeric: true)])
        for (option, count) in zip(vote.options, vote.counts) {
            table.add([.name(option), .number(Double(count), unit: nil), vote.total > 0 ? .percent(Double(count) / Double(vote.total)) : .empty])
        }
        doc.add(.table(table))
        doc.line(Span(Self.outcome(vote)))
        return doc
    }

    /// "meeting has the most votes, 5 of 7", "a tie between a and b, 3 each", "no votes were cast".
    public static func outcome(_ vote: Vote) -> String {
        let leaders = vote.leaders
        guard let first = leaders.first, let top = vote.counts.max() else { return "no votes were cast" }
        if leaders.count == 1 { return "\(first) has the most votes, \(top) of \(vote.total)" }
        return "a tie between " + leaders.dropLast().joined(separator: ", ") + " and \(leaders.last!), \(top) each"
    }

    /// ", 2 parked items, 1 vote" when there are any; nothing otherwise, so
    /// that a workspace without them sums up as it always did.
    func roomSummary() -> String {
        let parked = workspace.notes.filter { $0.kind == .parked }.count
        let votes = workspace.room.votes.count
        var parts: [String] = []
        if parked > 0 { parts.append(NumberFormat.count(parked, "parked item")) }
        if votes > 0 { parts.append(NumberFormat.count(votes, "vote")) }
        return parts.isEmpty ? "" : ", " + parts.joined(separator: ", ")
    }
}
