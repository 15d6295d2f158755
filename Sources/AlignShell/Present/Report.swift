import AlignCore
import AlignLanguage

/// The report a facilitator sends round after a workshop: the driver tree,
/// goals against targets, conflicts, hand-offs, horizons, whether the goals
/// add up, notes and decisions.
struct Report {
    let session: Session
    let ws: Workspace
    let period: Period?

    init(_ session: Session) {
        self.session = session
        self.ws = session.workspace
        self.period = session.defaultPeriod()
    }

    /// The sections, as documents, in reading order.
    func sections() -> [(title: String, body: Document)] {
        var result: [(String, Document)] = []
        var overview = Document()
        overview.line(Span(session.summaryLine()))
        if let period { overview.line(Span("figures are for \(period), the latest period with values")) }
        result.append(("Overview", overview))
        let presenter = QueryPresenter(ws)
        let analysis = session.analysis
        if let revenue = ws.revenue {
            if let tree = try? session.tree(nil, period, SourceRange(0, 0), SourceText(name: "<report>", text: "")) {
                result.append(("Driver tree", tree))
            }
            result.append(("Metrics with no path to revenue", presenter.orphans(analysis.orphans() ?? [], revenue: revenue)))
        }
        if let period {
            result.append(("Goals against targets", presenter.gaps(analysis.gaps(in: period), period)))
            result.append(("Do the goals add up?", presenter.consistency(analysis.consistency(in: period), period)))
        }
        result.append(("One language: term conflicts", presenter.conflicts(analysis.conflicts())))
        result.append(("Hand-offs between teams", presenter.handoffs(analysis.handoffs())))
        result.append(("Horizons", presenter.horizons(analysis.horizonConflicts(), analysis.horizonCrossings())))
        for kind in [Note.Kind.decision, .note] {
            let entries = ws.notes.filter { $0.kind == kind }
            guard !entries.isEmpty else { continue }
            var doc = Document()
            for (i, n) in entries.enumerated() {
                doc.line(Span("\(i + 1). " + n.text + (n.time.map { " (\($0))" } ?? "")))
            }
            result.append((kind == .decision ? "Decisions" : "Notes", doc))
        }
        return result
    }

    func markdown() -> String {
        var out = "# Alignment report\n\n"
        for (title, body) in sections() {
            out += "## \(title)\n\n"
            var shifted = body
            shifted.blocks = body.blocks.map { block in
                if case .heading(let text) = block { return .line([Span("**\(text)**")]) }
                return block
            }
            out += Renderer(format: .markdown).render(shifted) + "\n"
        }
        return out
    }

    func html() -> String {
        HTMLReport(self).render()
    }
}
