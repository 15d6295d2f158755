import AlignCore
import AlignLanguage
import AlignOutput

/// The room's page: what a projector shows while the room talks. The driver
/// tree with its values and goals, the goals against their targets, the
/// terms still in conflict, the decisions, the parked items, the votes and
/// the timer, in large type.
///
/// `body()` is the part that changes with the workspace, rendered once a
/// revision; `fill` puts in what changes by the second or by the reader
/// (the timer, whether this browser has voted); `page` wraps it in a page
/// whose small script follows the server's change events.
public struct RoomPage {
    let state: RoomState
    let ws: Workspace

    /// The page of `state`.
    public init(_ state: RoomState) {
        self.state = state
        self.ws = state.workspace
    }

    static let timerMark = "<!--align:timer-->"
    static let voteMark = "<!--align:vote-->"

    /// The part of the page the workspace decides.
    public func body() -> String {
        let analysis = Analysis(ws)
        let period = Report.defaultPeriod(ws)?.0
        var out = "<main class=\"room\(state.theme == .contrast ? " contrast" : "")\">\n<header>\n"
        out += "<h1>\(e(state.title))</h1>\n<p class=\"meta\">"
        out += period.map { "Figures for \($0)" } ?? "No figures yet"
        if let revenue = ws.revenue, ws.metrics[revenue].name != "revenue" {
            out += " · revenue is measured by \(e(ws.metrics[revenue].name))"
        }
        out += "</p>\n" + Self.timerMark + "\n</header>\n" + Self.voteMark + "\n"
        if let revenue = ws.revenue {
            let orphans = (analysis.orphans() ?? []).map(\.metric)
            let svg = TreeSVG(ws, graph: analysis.graph, evaluator: analysis.evaluator, root: revenue, orphans: orphans, period: period)
            out += section("tree", "What drives \(ws.metrics[revenue].name)", "<figure>" + svg.render() + "</figure>\n")
        }
        if let period {
            let gaps = analysis.gaps(in: period)
            if !gaps.isEmpty {
                var lines = QueryPresenter(ws).gaps(gaps, period)
                lines.blocks = lines.blocks.filter { if case .line = $0 { return true } else { return false } }
                let bars = "<figure>" + GoalBarsSVG(ws: ws, gaps: gaps, period: period).render() + "</figure>\n"
                out += section("gaps", "Goals due in \(period)", bars + HTMLBlocks.blocks(Report.forReaders(lines)))
            }
        }
        let conflicts = analysis.conflicts()
        if !conflicts.clashes.isEmpty {
            let doc = Report.forReaders(QueryPresenter(ws).conflicts(conflicts))
            out += section("conflicts", "Terms defined differently", HTMLBlocks.blocks(doc))
        }
        out += "<div class=\"columns\">\n"
        out += list("decisions", "Decisions", .decision)
        out += list("parked", "Parked", .parked)
        out += closedVotes()
        out += "</div>\n</main>\n"
        return out
    }

    private func section(_ id: String, _ title: String, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(e(title))</h2>\n\(content)</section>\n"
    }

    /// Decisions (with owner and due period) or parked items, newest last.
    private func list(_ id: String, _ title: String, _ kind: Note.Kind) -> String {
        let entries = ws.notes.filter { $0.kind == kind }
        var out = "<ol>\n"
        for n in entries {
            var meta: [String] = []
            if let owner = n.owner { meta.append(e(ws.teams[owner].name)) }
            if let due = n.due { meta.append("due \(due)") }
            if let time = n.time { meta.append(e(time)) }
            out += "<li>\(e(n.text))" + (meta.isEmpty ? "" : " <span class=\"meta\">\(meta.joined(separator: " · "))</span>") + "</li>\n"
        }
        if entries.isEmpty { out = "<p class=\"meta\">none yet</p>\n" } else { out += "</ol>\n" }
        return section(id, title, out)
    }

    /// The votes that are over, with their results.
    private func closedVotes() -> String {
        let closed = ws.room.votes.filter { !$0.isOpen }
        guard !closed.isEmpty else { return "" }
        var out = ""
        for vote in closed.reversed() {
            out += "<h3>\(e(vote.question))</h3>\n" + Self.tally(vote) + "<p>\(e(ShowPresenter.outcome(vote)))</p>\n"
        }
        return section("votes", "Votes", out)
    }

    /// Each option with a bar as long as its share of the votes.
    static func tally(_ vote: Vote) -> String {
        let top = max(1, vote.counts.max() ?? 1)
        var out = "<ul class=\"tally\">\n"
        for (option, count) in zip(vote.options, vote.counts) {
            let width = Int((Double(count) / Double(top) * 100).rounded())
            out += "<li><span class=\"option\">\(HTMLReport.escape(option))</span><span class=\"bar\" style=\"width:\(width)%\"></span>"
            out += "<span class=\"count\">\(count)</span></li>\n"
        }
        return out + "</ul>\n"
    }

    private func e(_ text: String) -> String { HTMLReport.escape(text) }

    /// The body with what changes by the second or by the reader put in:
    /// the timer's time left at `now`, and the open vote's form, or its
    /// count alone for a browser that has voted.
    public static func fill(_ body: String, state: RoomState, now: Int, voted: Bool, token: String?) -> String {
        var timer = ""
        if let t = state.workspace.room.timer {
            let left = t.remaining(at: now)
            timer = "<div id=\"timer\" class=\"timer\(left == 0 ? " up" : "")\" data-left=\"\(left)\">"
                + "<span class=\"left\">\(left > 0 ? RoomTimer.clock(left) : "time's up")</span></div>"
        }
        var vote = ""
        if let open = state.workspace.room.openVote {
            let v = state.workspace.room.votes[open]
            vote = "<section id=\"vote\" class=\"open\">\n<h2>Vote: \(HTMLReport.escape(v.question))</h2>\n" + tally(v)
            if voted {
                vote += "<p class=\"meta\">Your vote is counted.</p>\n"
            } else {
                let action = "/vote" + (token.map { "?token=\($0)" } ?? "")
                vote += "<form method=\"post\" action=\"\(action)\">"
                for option in v.options {
                    let o = HTMLReport.escape(option)
                    vote += "<button type=\"submit\" name=\"option\" value=\"\(o)\">\(o)</button>"
                }
                vote += "</form>\n"
            }
            vote += "</section>"
        }
        return body.replacing(timerMark, with: timer).replacing(voteMark, with: vote)
    }

    /// The whole page around a filled body.
    public static func page(body: String, state: RoomState, token: String?) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
        out += "<title>\(HTMLReport.escape(state.title))</title>\n<style>\n" + HTMLReport.css + css + "</style>\n</head>\n<body>\n"
        out += "<div id=\"live\" data-revision=\"\(state.revision)\" data-token=\"\(token ?? "")\">\n" + body + "</div>\n"
        out += "<p id=\"offline\">The page has lost align; it will catch up when align is back.</p>\n"
        return out + "<script>\n" + script + "</script>\n</body>\n</html>\n"
    }

    /// What the page says before the session has handed anything over.
    public static let waiting = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"/><title>align</title></head>"
        + "<body><p>Nothing to show yet.</p></body></html>\n"
}
