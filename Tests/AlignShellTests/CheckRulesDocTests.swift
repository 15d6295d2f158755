import Foundation
import Testing

@testable import AlignShell

/// docs/CI.md lists the rules of `align check` in a table generated from
/// `CheckRule.all`; `ALIGN_RECORD=1 swift test --filter CheckRulesDoc` writes it again.
@Suite("The rules in docs/CI.md")
struct CheckRulesDocTests {
    static let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/CI.md")
    static let begin = "<!-- BEGIN GENERATED RULES: ALIGN_RECORD=1 swift test --filter CheckRulesDoc rewrites it -->"
    static let end = "<!-- END GENERATED RULES -->"

    /// The table: one row a rule, in report order.
    static func table() -> String {
        var out = "\n\n| rule | severity | subject | what it finds |\n| --- | --- | --- | --- |\n"
        for rule in CheckRule.all {
            out += "| `\(rule.id)` | \(rule.severity.rawValue) | \(rule.subject.replacingOccurrences(of: "|", with: "\\|")) | \(rule.summary) |\n"
        }
        return out + "\n"
    }

    @Test("the table of rules is what CheckRule.all says")
    func generated() throws {
        let text = try String(contentsOf: Self.doc, encoding: .utf8)
        let start = try #require(text.range(of: Self.begin))
        let stop = try #require(text.range(of: Self.end))
        let current = String(text[start.upperBound..<stop.lowerBound])
        if ProcessInfo.processInfo.environment["ALIGN_RECORD"] != nil, current != Self.table() {
            try (String(text[..<start.upperBound]) + Self.table() + String(text[stop.lowerBound...]))
                .write(to: Self.doc, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == Self.table(), "docs/CI.md is out of date: run ALIGN_RECORD=1 swift test --filter CheckRulesDoc")
    }

    @Test("rule identifiers are unique, lower case words joined by hyphens")
    func identifiers() {
        let ids = CheckRule.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(id.allSatisfy { $0 == "-" || ($0 >= "a" && $0 <= "z") }, "\(id)") }
    }
}
