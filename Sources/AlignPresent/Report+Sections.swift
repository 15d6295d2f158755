import AlignCore
import AlignLanguage
import AlignOutput

/// The parts of the report a CRO reads first: the head, the summary, what
/// the session changed, the decisions, the goals' reasons, the glossary the
/// room agreed, the votes and the parked items.
extension Report {
    /// The date, the period and what revenue is measured by.
    func overview() -> Document {
        var doc = Document()
        if let date = options.date { doc.line(Span("Made on \(date).")) }
        if let period { doc.line(Span("Figures are for \(period), \(periodReason).")) }
        // "Revenue is measured by revenue." says nothing: only another name is news.
        if let revenue = ws.revenue, ws.metrics[revenue].name.lowercased() != "revenue" {
            doc.line("Revenue is measured by ", Span(ws.metrics[revenue].name, .name), ".")
        }
        doc.line(Span(ShowPresenter(ws).summaryLine().capitalizedFirst + "."))
        return doc
    }

    /// A few sentences: revenue against its goal, the goals met and missed,
    /// whether they add up, and what the room decided, parked and left open.
    func summary() -> Document {
        var doc = Document()
        let q = QueryPresenter(ws)
        if let revenue = ws.revenue, let period {
            let value = analysis.evaluator.value(revenue, in: period)
            let goal = gaps.first { ws.goals[$0.goal].metric == revenue }
            if let v = value.number {
                // With a plan, the figure says whether it is actual or forecast, and meets its plan.
                var spans: [Span]
                switch ws.hasPlan || ws.actualsCutoff != nil ? q.figure(period) : "actual" {
                case "actual": spans = [Span("Revenue in \(period) is \(q.format(v, revenue))")]
                case "part forecast":
                    spans = [Span("Revenue in \(period) is forecast at \(q.format(v, revenue)) (actuals through \(ws.actualsEnd!))")]
                default: spans = [Span("Revenue in \(period) is forecast at \(q.format(v, revenue))")]
                }
                if ws.hasPlan, let p = analysis.evaluator(.plan).value(revenue, in: period).number {
                    let gap = Noise.change(from: p, to: v)
                    spans.append(
                        Span(gap == 0 ? ", on its plan" : ", \(q.format(abs(gap), revenue)) \(gap < 0 ? "below" : "above") its plan of \(q.format(p, revenue))"))
                }
                if let goal, let met = goal.met {
                    let g = ws.goals[goal.goal]
                    spans.append(Span(" against a goal of \(q.format(g.target, revenue)): "))
                    spans.append(met ? Span("met", .good) : Span("missed by \(q.format(abs(v - g.target), revenue))", .bad))
                }
                doc.add(.line(spans + [Span(".")]))
            } else {
                doc.line(Span("Revenue in \(period) cannot be worked out yet: \(q.explain(value)).", .dim))
            }
        }
        if !gaps.isEmpty, let period {
            let met = gaps.filter { $0.met == true }.count
            let missed = gaps.filter { $0.met == false }.count
            var parts = ["\(met) met", "\(missed) missed"]
            let unknown = gaps.count - met - missed
            if unknown > 0 { parts.append("\(unknown) without a value") }
            doc.line(Span("Of the \(NumberFormat.count(gaps.count, "goal")) due in \(period): " + parts.joined(separator: ", ") + "."))
            let checks = analysis.consistency(in: period)
            let broken = checks.filter { $0.consistent == false }.count
            if !checks.isEmpty {
                doc.line(
                    broken == 0
                        ? Span("The goals on one chain add up.", .good)
                        : Span(
                            NumberFormat.count(
                                broken, "pair of goals on one chain does not add up",
                                plural: "pairs of goals on one chain do not add up") + ".", .bad))
            }
        }
        var room: [String] = []
        for (kind, noun) in [(Note.Kind.decision, "decision was taken"), (.parked, "question was parked")] {
            let n = ws.notes.filter { $0.kind == kind }.count
            if n > 0 { room.append(NumberFormat.count(n, noun, plural: noun.replacing(" was ", with: "s were "))) }
        }
        if !ws.room.votes.isEmpty { room.append(NumberFormat.count(ws.room.votes.count, "vote was held", plural: "votes were held")) }
        if !room.isEmpty { doc.line(Span(room.joined(separator: "; ").capitalizedFirst + ".")) }
        let clashes = analysis.conflicts().clashes.count
        if clashes > 0 {
            doc.line(Span(NumberFormat.count(clashes, "term is", plural: "terms are") + " still defined differently by the teams.", .bad))
        }
        if !orphans.isEmpty {
            doc.line(Span(NumberFormat.count(orphans.count, "metric has", plural: "metrics have") + " no path to revenue.", .bad))
        }
        return doc
    }

    /// What the session changed, as sentences, from where it began (or its first snapshot).
    func changes() -> Document? {
        guard let since = options.since else { return nil }
        let diff = WorkspaceDiff(from: since.workspace, to: ws)
        return DiffPresenter(diff: diff, prose: true, period: period).lines(title: "Since \(since.label)")
    }

    /// Each decision with its owner, its due period and when it was taken.
    func decisions() -> Document? {
        let list = ws.notes.filter { $0.kind == .decision }
        guard !list.isEmpty else { return nil }
        var table = Table(name: "decisions", columns: [.init("#", key: "number", numeric: true), .init("Decision"), .init("Owner"), .init("Due"), .init("At")])
        for (i, d) in list.enumerated() {
            table.add([
                .number(Double(i + 1), unit: nil), .text(d.text), d.owner.map { .name(ws.teams[$0].name) } ?? .missing("no owner"),
                d.due.map { .text($0.description) } ?? .missing("no date"), d.time.map(Cell.text) ?? .empty,
            ])
        }
        return Document([.table(table)])
    }

    /// The heading of the goals' reasons, which the HTML report looks for.
    static let reasonsHeading = "Why each goal was set"

    /// The gaps, then why each goal was set, as its team wrote it.
    func goals(_ gapsDoc: Document) -> Document {
        var doc = gapsDoc
        let reasons = ws.goals.all.filter { $0.entity.why != nil }
        guard !reasons.isEmpty else { return doc }
        doc.heading(Report.reasonsHeading)
        var table = Table(name: "reasons", columns: [.init("Goal"), .init("Team"), .init("Due"), .init("Why")])
        for (_, g) in reasons {
            table.add([.name(g.name), .name(ws.teams[g.team].name), .text(g.period.description), .text(g.why!)])
        }
        doc.add(.table(table))
        return doc
    }

    /// How many drivers of revenue's variance the report names; the rest are counted.
    static let shownDrivers = 5

    /// With a plan, each goal due in the period paced as `query pacing` paces it.
    func pacing(_ period: Period) -> Document? {
        guard ws.hasPlan, !ws.goals.isEmpty else { return nil }
        let rows = analysis.pacing(in: period)
        guard !rows.isEmpty else { return nil }
        return QueryPresenter(ws).pacing(rows, period, actualsEnd: ws.actualsEnd, hasPlan: true)
    }

    /// Where revenue has a plan in the period, its variance as `query
    /// variance` splits it: the largest drivers' shares, how many more, and the method.
    func variance(_ period: Period) -> Document? {
        guard ws.hasPlan, let revenue = ws.revenue, analysis.evaluator(.plan).value(revenue, in: period).number != nil else {
            return nil
        }
        return QueryPresenter(ws, shown: Report.shownDrivers).variance(analysis.variance(of: revenue, in: period))
    }

    /// The terms every team defines alike (or one shared definition): the
    /// language the room agreed on.
    func glossary() -> Document? {
        let agreed = ws.terms.all.filter { !$0.entity.definitions.isEmpty && !$0.entity.hasClashingDefinitions }
        guard !agreed.isEmpty else { return nil }
        var table = Table(name: "glossary", columns: [.init("Term"), .init("Definition"), .init("Teams"), .init("Also called")])
        for (_, term) in agreed.sorted(by: { $0.entity.name.lowercased() < $1.entity.name.lowercased() }) {
            let teams = term.definitions.compactMap { $0.team.map { ws.teams[$0].name } }
            table.add([
                .name(term.name), .text(term.definitions[0].text), teams.isEmpty ? .text("everyone") : .text(teams.joined(separator: ", ")),
                term.synonyms.isEmpty ? .empty : .text(term.synonyms.map(\.name).joined(separator: ", ")),
            ])
        }
        return Document([.table(table)])
    }

    /// Each vote: the question, each option's count, and the outcome.
    func votes() -> Document? {
        guard !ws.room.votes.isEmpty else { return nil }
        var doc = Document()
        for vote in ws.room.votes {
            var result = ShowPresenter(ws).voteResult(vote)
            if vote.isOpen { result.line(Span("The vote was still open.", .dim)) }
            doc.blocks += result.blocks
        }
        return doc
    }

    /// Notes or parked items, numbered, with the time each was made.
    func entries(_ kind: Note.Kind) -> Document? {
        let list = ws.notes.filter { $0.kind == kind }
        guard !list.isEmpty else { return nil }
        var doc = Document()
        for (i, n) in list.enumerated() {
            doc.line(Span("\(i + 1). "), Span(n.text + (n.time.map { " (\($0))" } ?? "")))
        }
        return doc
    }

    /// The document as a reader of the report or the room's page sees it,
    /// without the hints that tell a user what to type: such a reader types
    /// nothing. A hint after a colon is cut off with it; a line that is
    /// only a hint goes. A table loses its columns that are empty in every
    /// row.
    static func forReaders(_ doc: Document) -> Document {
        var out = Document()
        for block in doc.blocks {
            // A column empty in every row reads as missing data on paper.
            if case .table(let table) = block, let narrower = table.withoutEmptyColumns() {
                out.add(.table(narrower))
                continue
            }
            guard case .line(var spans) = block else {
                out.add(block)
                continue
            }
            guard let i = spans.firstIndex(where: { $0.role == .dim && isSyntax($0.text) }) else {
                out.add(block)
                continue
            }
            let text = spans[i].text
            spans.removeSubrange(i...)
            if let colon = text.lastColon {
                let before = String(text[..<colon])
                if !isSyntax(before), !before.hasSuffix(" with") { spans.append(Span(before, .dim)) }
            }
            while let last = spans.last, last.text.trimmingBlanks.isEmpty || last.text.hasSuffix("; ") {
                if last.text.hasSuffix("; ") {
                    spans[spans.count - 1].text.removeLast(2)
                    break
                }
                spans.removeLast()
            }
            if !spans.isEmpty { out.add(.line(spans)) }
        }
        return out
    }

    /// Whether text reads as a command to type: the last part after a colon
    /// starts with a verb of the language.
    static func isSyntax(_ text: String) -> Bool {
        let tail = text.lastColon.map { String(text[text.index($0, offsetBy: 2)...]) } ?? text
        let words = ["goal ", "term ", "link ", "see query ", "query ", "format ", "whatif ", "solve ", "value ", "metric "]
        return words.contains { tail.trimmingBlanks.hasPrefix($0) }
    }
}

extension String {
    /// The text with its first letter in capitals.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }

    /// Where the last ": " starts.
    fileprivate var lastColon: String.Index? {
        var i = endIndex
        while i > startIndex {
            i = index(before: i)
            if self[i] == ":", index(after: i) < endIndex, self[index(after: i)] == " " { return i }
        }
        return nil
    }

    fileprivate var trimmingBlanks: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
