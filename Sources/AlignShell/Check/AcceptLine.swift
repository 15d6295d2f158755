import AlignCore
import AlignLanguage

/// A comment that accepts a known finding, so that a team can adopt
/// `align check` on a model that is not yet clean:
///
///     # align: accept orphan-goal nps_up "NPS is a health check, not a revenue lever"
///
/// The rule's identifier, the finding's subject (as reports print it; `*`
/// for every finding of the rule), and the reason in double quotes. The
/// line is a comment, so align itself passes over it and `align fmt` keeps
/// it. An accepted finding is listed as accepted and does not fail the check.
struct AcceptLine {
    /// The rule it accepts.
    var rule: CheckRule
    /// The subject it accepts, or `*`.
    var subject: String
    /// Why.
    var reason: String
    /// Where the line is.
    var place: CheckPlace
    /// Whether a finding matched it.
    var used = false

    /// What starts an accept line, after `#` and blanks.
    static let marker = "align:"

    /// Whether it accepts `finding`.
    func accepts(_ finding: CheckFinding) -> Bool {
        finding.rule == rule && (subject == "*" || subject == finding.subject)
    }

    /// The accept lines of a text, and findings for those that cannot be read.
    static func read(_ source: SourceText, order: Int) -> (lines: [AcceptLine], bad: [CheckFinding]) {
        var lines: [AcceptLine] = []
        var bad: [CheckFinding] = []
        var number = source.firstLine - 1
        for raw in source.bytes.split(separator: 10, omittingEmptySubsequences: false) {
            number += 1
            let text = String(decoding: raw, as: UTF8.self).trimmingBlanks
            guard text.hasPrefix("#") else { continue }
            let body = String(text.dropFirst()).trimmingBlanks
            guard body.hasPrefix(marker) else { continue }
            let words = body.dropFirst(marker.count).split(
                maxSplits: 3, omittingEmptySubsequences: true, whereSeparator: { $0 == " " || $0 == "\t" })
            // Only `accept` is a directive: other comments that start so are the author's own.
            guard words.first == "accept" else { continue }
            let place = CheckPlace(file: source.name, line: number, order: order)
            switch parse(words.dropFirst().map(String.init), place) {
            case .success(let line): lines.append(line)
            case .failure(let problem): bad.append(CheckFinding(.badAccept, "\(place)", problem.message, at: place))
            }
        }
        return (lines, bad)
    }

    private struct Problem: Error {
        var message: Message
    }

    private static func parse(_ words: [String], _ place: CheckPlace) -> Result<AcceptLine, Problem> {
        guard words.count >= 1 else { return .failure(Problem(message: .acceptUsage)) }
        guard let rule = CheckRule.named(words[0]) else {
            return .failure(Problem(message: .unknownRule(words[0])))
        }
        guard words.count >= 2, !words[1].hasPrefix("\"") else {
            return .failure(Problem(message: .acceptUsage))
        }
        let rest = words.dropFirst(2).joined(separator: " ")
        guard rest.count >= 2, rest.hasPrefix("\""), rest.hasSuffix("\""), rest.dropFirst().dropLast().contains(where: { $0 != " " })
        else { return .failure(Problem(message: .acceptReason(rule.id, words[1]))) }
        return .success(AcceptLine(rule: rule, subject: words[1], reason: String(rest.dropFirst().dropLast()), place: place))
    }
}

extension Message {
    static let acceptUsage = Message("an accept line reads: # align: accept RULE SUBJECT \"why\"")
    static func unknownRule(_ id: String) -> Message {
        let guess = Suggestions.closest(to: id, among: CheckRule.all.map(\.id))
        return Message("unknown rule '\(id)'" + (guess.map { "; did you mean '\($0)'?" } ?? ""))
    }
    static func acceptReason(_ rule: String, _ subject: String) -> Message {
        Message("say why the finding is accepted: # align: accept \(rule) \(subject) \"why\"")
    }
}

extension String {
    /// The text without blanks (and a carriage return) at either end.
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !blank($0) }), let end = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[start...end])
    }
}
