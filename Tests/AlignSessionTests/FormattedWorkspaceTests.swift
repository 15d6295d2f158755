import AlignLanguage
import AlignTestSupport
import Foundation
import Testing

@testable import AlignSession

/// `align fmt` changes the layout of a script, never what it builds; and
/// its layout agrees with the one `save` writes.
@Suite("Formatted scripts build the same workspace")
struct FormattedWorkspaceTests {
    /// The workspace a script builds, as `save` writes it, and its errors.
    func built(_ text: String) -> (script: String, errors: Int) {
        var options = SessionOptions()
        options.keepGoing = true
        // A fixture's `export` or `record` writes nothing here.
        options.safe = true
        let session = Session(options: options, output: CapturedOutput())
        session.run(SourceText(name: "t.align", text: text))
        return (ScriptPrinter.script(session.workspace), session.errorCount)
    }

    @Test("the reference scenarios, formatted, build what they built")
    func scenarios() throws {
        for url in [Workbench.scenarioURL, Workbench.timeScenarioURL, Workbench.planReviewURL] {
            let text = try String(contentsOf: url, encoding: .utf8)
            let formatted = try ScriptFormatter.format(SourceText(name: url.lastPathComponent, text: text))
            let before = built(text)
            let after = built(formatted)
            #expect(before.errors == 0 && after.errors == 0)
            #expect(after.script == before.script, "\(url.lastPathComponent)")
        }
    }

    @Test("what save writes is already laid out: formatting it changes nothing")
    func saveIsCanonical() throws {
        for url in [Workbench.scenarioURL, Workbench.timeScenarioURL, Workbench.planReviewURL] {
            let saved = built(try String(contentsOf: url, encoding: .utf8)).script
            #expect(try ScriptFormatter.format(SourceText(name: "saved.align", text: saved)) == saved, "\(url.lastPathComponent)")
        }
    }

    @Test("a script written as untidily as the language allows builds the same workspace, formatted")
    func untidy() throws {
        let text = """
              team   marketing    "Demand"   horizon=year
            team sales horizon = quarter
            term MQL  by=marketing   "A lead that scored" aka=Mq, Lead   # trailing
            term MQL "booked"  by = sales
            metric leads   unit=count owner=marketing
            metric mql_rate unit=ratio   owner=marketing agg=avg "rate"
            metric mqls owner=marketing unit=count   =   leads*mql_rate
            metric sqls=mqls[ -1m ]*0.4
            metric wins = profile( sqls ,1m,0%,20% , 50%,30% ) * (1-0.5)
            metric revenue unit=USD = wins * 20k+-3 - -sqls
            metric long = leads + \\
                    mqls   # why
            metric paren = (leads +   # one
                  mqls)
            link leads->revenue lag=2q weight=-0.5 "why"
            value leads 2026-01   1000
            value leads 2026-02 - 3
            value mql_rate 2026-01 25%
            goal g1 marketing leads >=900 by 2026-Q1 "x"
            goal g2 sales revenue ≥ 2.5M by 2026-Q1
            whatif leads = + 10% in 2026-01..2026-02 and mql_rate = +5pp from 2026-01 as bold
            note "said"   at="10:30"
            rename metric paren parens
            """
        let formatted = try ScriptFormatter.format(SourceText(name: "t.align", text: text))
        #expect(formatted != text)
        let before = built(text)
        #expect(before.errors == 0)
        #expect(built(formatted).script == before.script)
    }

    @Test("every script in the repository that runs builds the same workspace formatted")
    func corpus() throws {
        let root = Golden.root
        for folder in ["examples", "Tests/AlignSessionTests/Fixtures", "fuzz/seeds"] {
            let files = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)
            for name in files.sorted() where name.hasSuffix(".align") {
                let text = try String(contentsOf: root.appendingPathComponent(folder + "/" + name), encoding: .utf8)
                // `run`, `import` and `save` would reach for files beside the script.
                guard !text.contains("\nrun "), !text.contains("\nimport "), !text.contains("\nsave "),
                    let formatted = try? ScriptFormatter.format(SourceText(name: name, text: text))
                else { continue }
                #expect(built(formatted).script == built(text).script, "\(folder)/\(name)")
            }
        }
    }

    /// `text` with each run of blanks outside strings and comments made one
    /// blank or one tab, and some lines indented by one to three blanks: the
    /// same script. (Two blanks or more between words line up columns, which
    /// the formatter keeps: see ScriptFormatterTests.)
    static func respaced(_ text: String, using rng: inout SeededGenerator) -> String {
        var out = ""
        var inString = false
        var inComment = false
        var previous: Character = "\n"
        for c in text {
            defer { previous = c }
            if c == "\n" {
                inComment = false
                out.append(c)
                if Bool.random(using: &rng) { out += String(repeating: " ", count: Int.random(in: 1...3, using: &rng)) }
                continue
            }
            if inComment || (inString && c != "\"") || (inString && previous == "\\") {
                out.append(c)
                continue
            }
            if c == "\"" { inString.toggle() }
            if c == "#", !inString { inComment = true }
            if c == " " || c == "\t" {
                if previous != " " && previous != "\t" {
                    out += Bool.random(using: &rng) ? " " : "\t"
                }
                continue
            }
            out.append(c)
        }
        return out
    }

    @Test("however a script is spaced with single blanks or tabs, it formats to the same text")
    func spacingDoesNotMatter() throws {
        let seed = SeededGenerator.testSeed(environment: ProcessInfo.processInfo.environment)
        var rng = SeededGenerator(seed: seed)
        for url in [Workbench.scenarioURL, Workbench.timeScenarioURL, Workbench.planReviewURL] {
            let text = try String(contentsOf: url, encoding: .utf8)
            let canonical = try ScriptFormatter.format(SourceText(name: "a.align", text: Self.respaced(text, using: &rng)))
            for _ in 0..<5 {
                let respaced = Self.respaced(text, using: &rng)
                let formatted = try? ScriptFormatter.format(SourceText(name: "a.align", text: respaced))
                #expect(formatted == canonical, "\(url.lastPathComponent), \(SeededGenerator.replay(seed))")
            }
        }
    }
}
