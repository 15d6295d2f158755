import AlignLanguage

/// A line of a script: where a finding points, or where an accept line is.
public struct CheckPlace: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file, as align names it in errors.
    public var file: String
    /// The line, from 1.
    public var line: Int
    /// The file's place among those run, so that places sort in running order.
    var order: Int

    /// `FILE:LINE`.
    public var description: String { "\(file):\(line)" }

    public static func < (a: Self, b: Self) -> Bool { (a.order, a.line) < (b.order, b.line) }
}

/// One thing `align check` found.
public struct CheckFinding: Sendable {
    /// The rule that found it.
    public var rule: CheckRule
    /// What it is about, as an accept line names it: a goal, a pair of goals, a term.
    public var subject: String
    /// What is wrong, in one sentence that starts in lower case.
    public var message: String
    /// Further lines: what it would take, what it is made of.
    public var notes: [String] = []
    /// The line that defines what it is about, when known.
    public var place: CheckPlace?
    /// The accept line that accepts it, if one does.
    public var accepted: Acceptance?

    /// An accept line that matched a finding.
    public struct Acceptance: Sendable {
        /// Why the team accepts it.
        public var reason: String
        /// Where the line is.
        public var place: CheckPlace
    }

    /// How much it matters.
    public var severity: CheckSeverity { rule.severity }

    /// Whether it makes the check fail at `level`: not accepted, and at or above it.
    public func fails(at level: CheckSeverity) -> Bool { accepted == nil && severity >= level }

    init(_ rule: CheckRule, _ subject: String, _ message: Message, notes: [Message] = [], at place: CheckPlace?) {
        self.rule = rule
        self.subject = subject
        self.message = message.text
        self.notes = notes.map(\.text)
        self.place = place
    }

    /// Findings in report order: by place (those without one first), then
    /// by rule, then by subject.
    static func ordered(_ findings: [CheckFinding]) -> [CheckFinding] {
        func rank(_ rule: CheckRule) -> Int { CheckRule.all.firstIndex(of: rule) ?? CheckRule.all.count }
        return findings.sorted { a, b in
            if a.place != b.place {
                guard let pa = a.place else { return true }
                guard let pb = b.place else { return false }
                return pa < pb
            }
            if a.rule != b.rule { return rank(a.rule) < rank(b.rule) }
            return a.subject < b.subject
        }
    }
}

/// What `align check` found in the files it ran, or the error that stopped them.
public struct CheckOutcome: Sendable {
    /// The files named on the command line, in order.
    public var files: [String]
    /// The findings, in report order, accepted ones included.
    public var findings: [CheckFinding] = []
    /// The errors that stopped the files (`FILE:LINE:COL: error: ...` lines),
    /// empty when they ran: then the findings were looked for.
    public var scriptErrors: [String] = []
    /// The level from which a finding fails the check.
    public var failOn: CheckSeverity = .warning

    /// Whether the model is aligned: it ran, and no finding fails.
    public var aligned: Bool { scriptErrors.isEmpty && !findings.contains { $0.fails(at: failOn) } }

    /// The exit status: 0 aligned, 1 otherwise.
    public var status: Int32 { aligned ? 0 : 1 }

    /// How many findings of a severity are not accepted.
    public func count(_ severity: CheckSeverity) -> Int {
        findings.filter { $0.accepted == nil && $0.severity == severity }.count
    }

    /// How many findings are accepted.
    public var acceptedCount: Int { findings.filter { $0.accepted != nil }.count }
}
