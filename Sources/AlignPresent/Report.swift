import AlignCore
import AlignLanguage
import AlignOutput

/// The report a facilitator sends round after a workshop: what was decided,
/// the driver tree, goals against targets and whether they add up, the
/// term conflicts, hand-offs and horizons still open, and the notes.
///
/// The content is gathered once, as documents; `markdown()` writes it for a
/// wiki or an email and `HTMLReport` as a page with pictures. It reads the
/// workspace through an `Analysis` (its graph, an evaluator, and whether to
/// give up early), so anything that holds a workspace can make one.
public struct Report {
    /// The parts of the report, in reading order.
    enum Part: String, CaseIterable {
        case overview, decisions, tree, goals, consistency, conflicts, handoffs, horizons, orphans, notes
    }

    /// One part, with its title and content.
    struct Section {
        var part: Part
        var title: String
        var body: Document
    }

    let ws: Workspace
    /// The period the figures are for: the latest with any recorded value.
    let period: Period?
    let analysis: Analysis
    /// The version of align named at the end.
    let version: String
    /// The goals against their values in the report's period, as the gaps
    /// query ranks them; the table and the bars both show them.
    let gaps: [GoalGap]
    /// The metrics with no path to revenue; the section and the tree's
    /// drawing both show them.
    let orphans: [Orphan]

    /// Gathers the report of the workspace `analysis` asks about, made with align `version`.
    public init(_ analysis: Analysis, version: String) {
        self.ws = analysis.workspace
        let period = analysis.workspace.latestPeriod
        self.period = period
        self.analysis = analysis
        self.version = version
        self.gaps = period.map { analysis.gaps(in: $0) } ?? []
        self.orphans = analysis.orphans() ?? []
    }

    /// The sections, in reading order; parts with nothing to say are left out.
    func sections() -> [Section] {
        var result: [Section] = []
        func add(_ part: Part, _ title: String, _ body: Document) { result.append(Section(part: part, title: title, body: body)) }
        var overview = Document()
        overview.line(Span(ShowPresenter(ws).summaryLine()))
        if let period { overview.line(Span("Figures are for \(period), the latest period with values.")) }
        if let revenue = ws.revenue { overview.line("Revenue is measured by ", Span(ws.metrics[revenue].name, .name), ".") }
        add(.overview, "Overview", overview)
        if let decisions = notes(.decision) { add(.decisions, "Decisions", decisions) }
        let presenter = QueryPresenter(ws)
        // Without a revenue metric there is no tree and no orphan to find, but
        // goals, whether they add up, terms, hand-offs and horizons still speak.
        if let revenue = ws.revenue {
            let tree = TreePresenter(ws, graph: analysis.graph, evaluator: analysis.evaluator)
            add(.tree, "Driver tree", tree.tree(revenue, in: period))
        } else {
            var none = Document()
            none.line(Span(Message.noRevenue.text, .dim))
            add(.tree, "Driver tree", none)
        }
        if let period {
            add(.goals, "Goals against targets", presenter.gaps(gaps, period))
            add(.consistency, "Do the goals add up?", presenter.consistency(analysis.consistency(in: period), period))
        }
        add(.conflicts, "One language: term conflicts", presenter.conflicts(analysis.conflicts()))
        add(.handoffs, "Hand-offs between teams", presenter.handoffs(analysis.handoffs()))
        add(.horizons, "Horizons", presenter.horizons(analysis.horizonConflicts(), analysis.horizonCrossings()))
        if let revenue = ws.revenue {
            add(
                .orphans, "Metrics with no path to revenue",
                presenter.orphans(orphans, outcomes: analysis.outcomeMeasures(), revenue: revenue))
        }
        if let notes = notes(.note) { add(.notes, "Notes", notes) }
        return result
    }

    /// Notes or decisions, numbered as `show notes` numbers them: each line
    /// is the number's span, then the text's.
    private func notes(_ kind: Note.Kind) -> Document? {
        let entries = ws.notes.filter { $0.kind == kind }
        guard !entries.isEmpty else { return nil }
        var doc = Document()
        for (i, n) in entries.enumerated() {
            doc.line(Span("\(i + 1). "), Span(n.text + (n.time.map { " (\($0))" } ?? "")))
        }
        return doc
    }

    /// The report as Markdown: headings, paragraphs, pipe tables, the tree in a code block.
    public func markdown() -> String {
        var out = "# Alignment report\n\n"
        for section in sections() {
            out += "## \(section.title)\n\n"
            var body = section.body
            body.blocks = body.blocks.map { block in
                if case .heading(let text) = block { return .line([Span("**\(text)**")]) }
                return block
            }
            out += Renderer(format: .markdown).render(body) + "\n"
        }
        return out + "---\nMade with align \(version).\n"
    }

    /// The report as one self-contained HTML page, with the tree and the goals drawn.
    public func html() -> String {
        HTMLReport(self).render()
    }
}
