import AlignCore
import AlignLanguage
import AlignOutput

/// The report a facilitator sends round after a workshop, for a CRO who has
/// a minute: a summary, what the session changed, the decisions with their
/// owners, the goals with their reasons, with a plan how they pace and why
/// revenue is off its plan, the glossary the room agreed, the driver tree,
/// the votes and the parked items, and what is still open.
///
/// The content is gathered once, as documents; `markdown()` writes it for a
/// wiki or an email and `HTMLReport` as a page with pictures. It reads the
/// workspace through an `Analysis` (its graph, an evaluator, and whether to
/// give up early), so anything that holds a workspace can make one. Its
/// prose holds no command syntax: the reader does not type.
public struct Report {
    /// The parts of the report, in reading order.
    enum Part: String, CaseIterable {
        case overview, summary, changes, decisions, goals, pacing, variance, consistency, glossary, tree, votes, parked,
            conflicts, handoffs, horizons, orphans, notes
    }

    /// One part, with its title and content.
    struct Section {
        var part: Part
        var title: String
        var body: Document
    }

    /// What the report is asked to say beyond the workspace: its title and
    /// date, its period, and what the session began from.
    public struct Options: Sendable {
        /// The title; "Alignment report" when not given.
        public var title: String?
        /// The date it is made, as written at its head (`2026-11-20`).
        public var date: String?
        /// The period the figures are for; nil: the period with the most goals due.
        public var period: Period?
        /// The workspace the session's changes are counted from, and what it
        /// was (`the first snapshot, before`, `the start of the session`).
        public var since: (workspace: Workspace, label: String)?

        /// No title, date, period or starting point.
        public init() {}
    }

    let ws: Workspace
    /// The period the figures are for.
    let period: Period?
    /// Why that period: "the period with the most goals due".
    let periodReason: String
    let analysis: Analysis
    let options: Options
    /// The version of align named at the end.
    let version: String
    /// The goals against their values in the report's period, as the gaps
    /// query ranks them; the table and the bars both show them.
    let gaps: [GoalGap]
    /// The metrics with no path to revenue; the section and the tree's
    /// drawing both show them.
    let orphans: [Orphan]

    /// Gathers the report of the workspace `analysis` asks about, made with align `version`.
    public init(_ analysis: Analysis, version: String, options: Options = Options()) {
        self.ws = analysis.workspace
        let chosen = options.period.map { ($0, "as asked") } ?? Report.defaultPeriod(analysis.workspace)
        self.period = chosen?.0
        self.periodReason = chosen?.1 ?? ""
        self.analysis = analysis
        self.options = options
        self.version = version
        self.gaps = period.map { analysis.gaps(in: $0) } ?? []
        self.orphans = analysis.orphans() ?? []
    }

    /// The title at the head of the report.
    var title: String { options.title ?? "Alignment report" }

    /// The period with the most goals due (of two as many, the one with more
    /// recorded values, then the earlier), and why; without goals, the latest
    /// period with values. Nil when there is neither.
    public static func defaultPeriod(_ ws: Workspace) -> (Period, String)? {
        var due: [Period: Int] = [:]
        for (_, goal) in ws.goals.all { due[goal.period, default: 0] += 1 }
        let best = due.keys.max { a, b in
            (due[a]!, ws.valuesPerPeriod[a] ?? 0, b) < (due[b]!, ws.valuesPerPeriod[b] ?? 0, a)
        }
        if let best { return (best, "the period with the most goals due") }
        return ws.latestPeriod.map { ($0, "the latest period with values") }
    }

    /// The sections, in reading order; parts with nothing to say are left out.
    func sections() -> [Section] {
        var result: [Section] = []
        func add(_ part: Part, _ title: String, _ body: Document?) {
            guard let body, !body.isEmpty else { return }
            result.append(Section(part: part, title: title, body: Report.forReaders(body)))
        }
        add(.overview, "Overview", overview())
        add(.summary, "Summary", summary())
        add(.changes, "What changed in this session", changes())
        add(.decisions, "Decisions", decisions())
        let presenter = QueryPresenter(ws)
        if let period {
            add(.goals, "Goals against targets", goals(presenter.gaps(gaps, period)))
            add(.pacing, "Pacing against the plan", pacing(period))
            add(.variance, "Revenue against its plan", variance(period))
            add(.consistency, "Do the goals add up?", presenter.consistency(analysis.consistency(in: period), period))
        }
        add(.glossary, "The agreed glossary", glossary())
        if let revenue = ws.revenue {
            let tree = TreePresenter(ws, graph: analysis.graph, evaluator: analysis.evaluator)
            add(.tree, "Driver tree", tree.tree(revenue, in: period))
        } else {
            var none = Document()
            none.line(Span("No revenue metric is chosen, so there is no driver tree to draw.", .dim))
            add(.tree, "Driver tree", none)
        }
        add(.votes, "Votes", votes())
        add(.parked, "Parked for later", entries(.parked))
        add(.conflicts, "One language: terms still defined differently", presenter.conflicts(analysis.conflicts()))
        add(.handoffs, "Hand-offs between teams", presenter.handoffs(analysis.handoffs()))
        add(.horizons, "Horizons", presenter.horizons(analysis.horizonConflicts(), analysis.horizonCrossings()))
        if let revenue = ws.revenue {
            add(
                .orphans, "Metrics with no path to revenue",
                presenter.orphans(orphans, outcomes: analysis.outcomeMeasures(), revenue: revenue))
        }
        add(.notes, "Notes", entries(.note))
        return result
    }

    /// The report as Markdown: headings, paragraphs, pipe tables, the tree in a code block.
    public func markdown() -> String {
        var out = "# \(title)\n\n"
        for section in sections() {
            if section.part != .overview { out += "## \(section.title)\n\n" }
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
