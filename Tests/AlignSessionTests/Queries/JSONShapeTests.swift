import AlignLanguage
import AlignSession
import Foundation
import Testing

/// docs/JSON.md shows real JSON answers; this keeps them true.
@Suite("The documented JSON shape")
struct JSONShapeTests {
    static let commands = [
        "query orphans", "query conflicts", "query handoffs", "query horizons", "query gaps 2026-Q3",
        "query consistency 2026-Q3", "query drivers revenue in 2026-Q3", "whatif win_rate = 30% in 2026-Q3",
        "solve revenue = 2.5M by leads in 2026-Q3", "tree sqls in 2026-Q3",
    ]

    static var docsURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/JSON.md")
    }

    func generated() throws -> String {
        let s = try Scripted.scenario(adding: "format json")
        var out = ""
        for command in Self.commands {
            let (stdout, stderr) = s.run(command)
            #expect(stderr == "", "\(command) wrote to stderr: \(stderr)")
            out += "`\(command)`\n\n```json\n\(stdout)```\n\n"
        }
        return out
    }

    @Test("every answer is one line of JSON whose examples match docs/JSON.md")
    func matchesDocs() throws {
        let text = try String(contentsOf: Self.docsURL, encoding: .utf8)
        let begin = "<!-- generated: begin -->\n"
        let end = "<!-- generated: end -->"
        let start = try #require(text.range(of: begin))
        let stop = try #require(text.range(of: end))
        let current = String(text[start.upperBound..<stop.lowerBound])
        let expected = try generated()
        if ProcessInfo.processInfo.environment["ALIGN_RECORD"] == "1" {
            let updated = String(text[..<start.upperBound]) + expected + String(text[stop.lowerBound...])
            try updated.write(to: Self.docsURL, atomically: true, encoding: .utf8)
            return
        }
        #expect(current == expected, "docs/JSON.md is out of date: run ALIGN_RECORD=1 swift test --filter JSONShape")
    }

    @Test("each answer parses as JSON with the documented top-level keys")
    func parses() throws {
        let s = try Scripted.scenario(adding: "format json")
        for command in Self.commands {
            let out = s.run(command).out
            #expect(out.hasSuffix("\n") && out.dropLast().firstIndex(of: "\n") == nil, "\(command): not one line")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
            #expect(Set(object.keys).isSubset(of: ["title", "lines", "tables", "tree"]), "\(command): \(object.keys)")
        }
    }

    @Test("a column keeps one type: numbers stay numbers and unknowns are null")
    func columnTypes() throws {
        let s = try Scripted.scenario(adding: "format json")
        let out = s.run("query gaps 2026-Q4").out
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let rows = try #require((object["tables"] as? [String: Any])?["gaps"] as? [[String: Any]])
        for row in rows {
            #expect(row["value"] is NSNumber || row["value"] is NSNull)
            #expect(row["status"] is NSNumber || row["status"] is NSNull)
        }
        #expect(rows.last?["value"] is NSNull)
    }
}
