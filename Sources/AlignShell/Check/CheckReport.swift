import AlignOutput

/// The report of `align check`, as text for a person, JSON for a program,
/// or JUnit XML for a CI system.
public enum CheckReport {
    /// The formats of the report.
    public enum Format: String, Sendable, CaseIterable {
        /// `FILE:LINE: SEVERITY: MESSAGE [RULE SUBJECT]`, one finding a line, and a summary.
        case text
        /// One object: whether the model is aligned, the counts, every finding.
        case json
        /// A test suite for each rule, a test case for each finding.
        case junit
    }

    /// The report of `outcome` in `format`; `style` colours the text format.
    public static func render(_ outcome: CheckOutcome, _ format: Format, style: Style = .plain) -> String {
        switch format {
        case .text: return text(outcome, style: style)
        case .json: return json(outcome)
        case .junit: return junit(outcome)
        }
    }

    /// `FILE:LINE: `, or nothing for a finding without a place.
    static func prefix(_ place: CheckPlace?) -> String { place.map { "\($0): " } ?? "" }

    static func text(_ outcome: CheckOutcome, style: Style) -> String {
        // A script that stopped said so on standard error, as any script does.
        guard outcome.scriptErrors.isEmpty else { return "" }
        var out = ""
        for finding in outcome.findings where finding.accepted == nil {
            let role: Style.Role = finding.severity == .error ? .error : finding.severity == .warning ? .warning : .dim
            out += prefix(finding.place) + style.apply(role, finding.severity.rawValue + ":") + " " + finding.message
            out += style.apply(.dim, " [\(finding.rule.id) \(finding.subject)]") + "\n"
            for note in finding.notes { out += "  " + style.apply(.dim, note) + "\n" }
        }
        for finding in outcome.findings {
            guard let accepted = finding.accepted else { continue }
            out += style.apply(.dim, "accepted: ") + prefix(finding.place) + "\(finding.rule.id) \(finding.subject): "
            out += "\"\(accepted.reason)\"" + style.apply(.dim, " (\(accepted.place))") + "\n"
        }
        out += summary(outcome, style: style) + "\n"
        if let first = outcome.findings.first(where: { $0.fails(at: outcome.failOn) && $0.rule != .badAccept }) {
            out += style.apply(.dim, "to accept a known finding, add a comment line: # align: accept \(first.rule.id) \(first.subject) \"why\"") + "\n"
        }
        return out
    }

    /// `not aligned: 2 errors, 1 warning; 1 accepted`, or `aligned: no findings`.
    static func summary(_ outcome: CheckOutcome, style: Style) -> String {
        var counts: [String] = []
        for severity in CheckSeverity.allCases.reversed() {
            let n = outcome.count(severity)
            if n > 0 { counts.append(NumberFormat.count(n, severity.rawValue)) }
        }
        var text = counts.isEmpty ? "no findings" : counts.joined(separator: ", ")
        if outcome.acceptedCount > 0 { text += "; \(outcome.acceptedCount) accepted" }
        return outcome.aligned ? style.apply(.good, "aligned: ") + text : style.apply(.bad, "not aligned: ") + text
    }

    static func json(_ outcome: CheckOutcome) -> String {
        func place(_ p: CheckPlace?) -> [(String, String)] {
            p.map { [("file", JSON.string($0.file)), ("line", String($0.line))] } ?? [("file", "null"), ("line", "null")]
        }
        let findings = outcome.findings.map { f in
            var members: [(String, String)] = [
                ("rule", JSON.string(f.rule.id)), ("severity", JSON.string(f.severity.rawValue)),
                ("subject", JSON.string(f.subject)),
            ]
            members += place(f.place)
            members += [
                ("message", JSON.string(f.message)), ("notes", "[" + f.notes.map(JSON.string).joined(separator: ",") + "]"),
                ("fails", f.fails(at: outcome.failOn) ? "true" : "false"),
                ("accepted", f.accepted.map { a in JSON.object([("reason", JSON.string(a.reason))] + place(a.place)) } ?? "null"),
            ]
            return JSON.object(members)
        }
        let counts = JSON.object(
            CheckSeverity.allCases.reversed().map { ($0.rawValue, String(outcome.count($0))) }
                + [("accepted", String(outcome.acceptedCount))])
        let members: [(String, String)] = [
            ("aligned", outcome.aligned ? "true" : "false"),
            ("files", "[" + outcome.files.map(JSON.string).joined(separator: ",") + "]"),
            ("fail_on", JSON.string(outcome.failOn.rawValue)),
            ("errors", "[" + outcome.scriptErrors.map(JSON.string).joined(separator: ",") + "]"),
            ("counts", counts),
            ("findings", findings.isEmpty ? "[]" : "[\n" + findings.map { "  " + $0 }.joined(separator: ",\n") + "\n]"),
        ]
        return JSON.object(members) + "\n"
    }
}
