import AlignCore
import AlignLanguage
import AlignPresent

extension Message {
    static func valuesNotPlan(_ file: String) -> Message {
        Message("'export csv' writes the recorded values, not the plan, to \(file); the plan goes out with 'export plan csv \(file)'")
    }
}

/// `export`: reports and machine formats, printed or written to a file.
extension Session {
    func export(
        _ format: ExportFormat, _ path: PathArgument?, period: Period?, title: String?, _ range: SourceRange,
        _ source: SourceText
    ) throws(Diagnostic) {
        if let path {
            guard try mayWrite("export", path, source) else { return }
        }
        let text: String
        switch format {
        case .csv: text = GraphExport.csv(workspace)
        case .planCSV: text = GraphExport.planCSV(workspace)
        case .json: text = GraphExport.json(workspace)
        case .dot: text = GraphExport.dot(workspace)
        case .mermaid: text = GraphExport.mermaid(workspace)
        case .markdown: text = Report(analysis, version: Session.version, options: reportOptions(period, title)).markdown()
        case .html: text = Report(analysis, version: Session.version, options: reportOptions(period, title)).html()
        }
        if commandCancelled { throw Diagnostic(.interrupted, at: range, in: source) }
        if let path {
            try write(text, to: path, source, verb: "export")
            confirm("wrote \(format.rawValue) to \(path.path)")
            // A file named for the plan, given the values: most likely `export plan csv` was meant.
            let file = path.path.split(separator: "/").last.map { $0.lowercased() } ?? ""
            if format == .csv, workspace.hasPlan, file == "plan" || file.hasPrefix("plan.") || file.hasPrefix("plan_") {
                warn(.valuesNotPlan(path.path), at: path.range, in: source)
            }
        } else {
            // Names cannot hold control characters, but strings can: to a
            // terminal, they go escaped as in every other answer.
            output.out(Escaping.safe(text, keepNewlines: true))
        }
    }

    /// The report's title, date and period, and where the session's changes
    /// are counted from: its first snapshot, or where it began.
    private func reportOptions(_ period: Period?, _ title: String?) -> Report.Options {
        var options = Report.Options()
        options.title = title
        options.period = period
        options.date = Clock.date(now)
        if let first = snapshots.first {
            options.since = (first.workspace, "the snapshot \"\(first.name)\"")
        } else {
            options.since = (baseline, "the start of the session")
        }
        return options
    }
}
