import Foundation
import Testing

/// `align fmt` on files: rewritten in place with comments and spellings
/// kept, the same workspace built, `--check` for CI and hooks.
@Suite("align fmt, end to end")
struct FormatEndToEndTests {
    static let untidy = """
        # The plan, kept by hand.
        team   marketing   "Demand"  horizon=year
        team sales horizon = quarter     # sales plans a quarter ahead
        metric leads unit=count    owner=marketing
        metric revenue unit=USD = leads*25%*20k


        value leads   2026-Q3   4,000
        goal q3 sales revenue >=2.5M by 2026-Q3   "The board number"
        """.replacingOccurrences(of: "4,000", with: "4000")

    static let tidy = """
        # The plan, kept by hand.
        team marketing horizon=year "Demand"
        team sales     horizon=quarter  # sales plans a quarter ahead
        metric leads owner=marketing unit=count
        metric revenue unit=USD = leads * 25% * 20k

        value leads 2026-Q3 4000
        goal q3 sales revenue >= 2.5M by 2026-Q3 "The board number"

        """

    @Test("a file is rewritten in place: comments and the spelling of numbers kept, nothing printed")
    func inPlace() throws {
        let s = try Scratch()
        try s.write("plan.align", Self.untidy)
        let result = try s.run(["fmt", "plan.align"])
        #expect(result.status == 0 && result.stdout == "" && result.stderr == "")
        #expect(s.read("plan.align") == Self.tidy)
        #expect(s.read("plan.align")?.contains("2.5M") == true && s.read("plan.align")?.contains("25% * 20k") == true)
    }

    @Test("formatting twice is formatting once")
    func idempotent() throws {
        let s = try Scratch()
        try s.write("plan.align", Self.untidy)
        _ = try s.run(["fmt", "plan.align"])
        let once = s.read("plan.align")
        let again = try s.run(["fmt", "--check", "plan.align"])
        #expect(again.status == 0 && again.stdout == "")
        _ = try s.run(["fmt", "plan.align"])
        #expect(s.read("plan.align") == once)
    }

    @Test("the formatted file builds the same workspace: save says so, byte for byte")
    func sameWorkspace() throws {
        let s = try Scratch()
        for (name, text) in [("plan.align", Self.untidy), ("seed.align", try AlignProcess.seedScenario())] {
            try s.write(name, text)
            let (before, saved) = try s.saved(after: [name])
            #expect(before.status == 0)
            _ = try s.run(["fmt", name])
            // The seed scenario is laid out by hand, its columns lined up: fmt keeps it as it is.
            #expect(name == "seed.align" ? s.read(name) == text : s.read(name) != text, "\(name)")
            let (after, savedAfter) = try s.saved(after: [name])
            #expect(after.status == 0 && after.stdout == before.stdout)
            #expect(savedAfter == saved, "\(name)")
        }
    }

    @Test("--check changes nothing, names each file that would change, and exits 1 if any would")
    func check() throws {
        let s = try Scratch()
        try s.write("untidy.align", Self.untidy)
        try s.write("tidy.align", Self.tidy)
        let result = try s.run(["fmt", "--check", "tidy.align", "untidy.align"])
        #expect(result.status == 1)
        #expect(result.stdout == "would reformat untidy.align\n")
        #expect(s.read("untidy.align") == Self.untidy)
        #expect(try s.run(["fmt", "--check", "tidy.align"]).status == 0)
    }

    @Test("a file that does not parse is left as it is, with its error; the others are formatted")
    func parseError() throws {
        let s = try Scratch()
        try s.write("bad.align", "team  a\nteam b horizon=quater\n")
        try s.write("good.align", "team   a\n")
        let result = try s.run(["fmt", "bad.align", "good.align"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("bad.align:2:16: error: expected 'month', 'quarter', 'half' or 'year'"))
        #expect(s.read("bad.align") == "team  a\nteam b horizon=quater\n")
        #expect(s.read("good.align") == "team a\n")
        let missing = try s.run(["fmt", "nowhere.align"])
        #expect(missing.status == 1 && missing.stderr == "error: no such file: 'nowhere.align'\n")
    }

    @Test("- reads standard input and writes standard output, for editors")
    func standardInput() throws {
        let result = try AlignProcess.run(["fmt", "-"], stdin: Self.untidy)
        #expect(result.status == 0 && result.stdout == Self.tidy)
        #expect(try AlignProcess.run(["fmt", "--check", "-"], stdin: Self.untidy).status == 1)
        #expect(try AlignProcess.run(["fmt", "--check", "-"], stdin: Self.tidy).status == 0)
    }

    @Test("a file's permissions are kept")
    func permissions() throws {
        let s = try Scratch()
        try s.write("plan.align", Self.untidy)
        try FileManager.default.setAttributes([.posixPermissions: 0o750], ofItemAtPath: s.path("plan.align"))
        _ = try s.run(["fmt", "plan.align"])
        let mode = try FileManager.default.attributesOfItem(atPath: s.path("plan.align"))[.posixPermissions] as? Int
        #expect(mode == 0o750)
    }
}
