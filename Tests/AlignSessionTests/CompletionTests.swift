import AlignCore
import AlignLanguage
import AlignTestSupport
import Foundation
import Testing

@testable import AlignSession

/// Tab completion, from the command table and the workspace: what is offered
/// for the word before the cursor, which is marked `|` in each case.
@Suite("Tab completion")
struct CompletionTests {
    /// A session on the reference scenario, with a term and a script file in its folder.
    static func engine() throws -> CompletionEngine {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("align-completion-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("plans"), withIntermediateDirectories: true)
        for name in ["plans/q3.align", "plans/q4.align", "values.csv", "notes.txt"] {
            try Data().write(to: folder.appendingPathComponent(name))
        }
        let seed = try String(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("examples/seed-scenario.align"),
            encoding: .utf8)
        var options = SessionOptions()
        options.workingDirectory = folder.path
        let session = Session(options: options, output: CapturedOutput())
        #expect(session.run(SourceText(name: "seed", text: seed)))
        return CompletionEngine(workspace: session.workspace, folder: folder.path)
    }

    /// The candidates for `marked`, where `|` is the cursor.
    static func offers(_ marked: String, _ engine: CompletionEngine) -> [String] {
        let cursor = marked.utf8.firstIndex(of: UInt8(ascii: "|")).map { marked.utf8.distance(from: marked.utf8.startIndex, to: $0) }!
        let line = marked.replacingOccurrences(of: "|", with: "")
        return engine.complete(line, cursor: cursor).candidates
    }

    @Test(
        "each context offers what the grammar and the workspace allow",
        arguments: [
            ("tea|", ["team"]),
            ("q|", ["query", "quit"]),
            ("query h|", ["handoffs", "horizons"]),
            ("query |", ["conflicts", "consistency", "drivers", "gaps", "handoffs", "horizons", "orphans", "pacing", "path", "variance"]),
            ("show met|", ["metrics"]),
            ("export m|", ["markdown", "mermaid"]),
            ("export |", ["csv", "dot", "html", "json", "markdown", "mermaid", "plan"]),
            ("export plan |", ["csv"]),
            ("team x hor|", ["horizon="]),
            ("team x horizon=q|", ["horizon=quarter"]),
            ("metric x ow|", ["owner="]),
            ("metric x owner=sa|", ["owner=sales"]),
            ("metric x owner=|", ["owner=marketing", "owner=sales"]),
            ("metric x unit=U|", ["unit=USD"]),
            ("metric x term=M|", ["term=MQL"]),
            ("term CAC \"cost\" by=m|", ["by=marketing"]),
            ("link leads -> mqls la|", ["lag="]),
            ("metric arr = deal_size * wi|", ["win_rate"]),
            ("metric arr = (sqls*wi|", ["win_rate"]),
            ("value le|", ["leads"]),
            ("link brand_awareness -> mq|", ["mql_rate", "mqls"]),
            ("goal g sales re|", ["revenue"]),
            ("query drivers rev|", ["revenue"]),
            ("help qu|", ["query", "quit"]),
            ("run pl|", ["plans/"]),
            ("run plans/|", ["plans/q3.align", "plans/q4.align"]),
            ("import values v|", ["values.csv"]),
        ])
    func offers(_ marked: String, _ expected: [String]) throws {
        #expect(Self.offers(marked, try Self.engine()) == expected)
    }

    @Test("a period is offered from values, plans, goals and the end of actuals, with the periods that hold them")
    func periods() throws {
        var ws = Workspace()
        let leads = try ws.defineMetric("leads", unit: "count").id
        ws.setValue(leads, period("2026-05"), 10)
        ws.setPlan(leads, period("2026-11"), 12)
        let engine = CompletionEngine(workspace: ws, folder: "/")
        let offered = Self.offers("query pacing |", engine)
        for p in ["2026-05", "2026-11", "2026-Q2", "2026-Q4", "2026-H1", "2026-H2", "2026"] {
            #expect(offered.contains(p), "\(p) in \(offered)")
        }
        #expect(!offered.contains("2026-Q3"))
        // A range's end, after `FROM..`: the period, not the range's start again.
        #expect(Self.offers("query variance leads in 2026-05..2026-1|", engine) == ["2026-11"])
        let engineResult = engine.complete("whatif leads = +1 in 2026-05..2026-", cursor: 35)
        #expect(engineResult.candidates.contains("2026-11") && engineResult.candidates.allSatisfy { !$0.contains("..") })
    }

    @Test("show offers scenarios and snapshots beside teams, terms, metrics and goals")
    func showScenarios() throws {
        var ws = Workspace()
        let leads = try ws.defineMetric("leads", unit: "count").id
        _ = ws.defineTeam("product")
        _ = ws.defineScenario(Scenario(name: "push", items: [WhatIfItem(metric: leads, change: .relative(0.1), scope: .from(period("2026-07")))]))
        let engine = CompletionEngine(workspace: ws, snapshots: ["before"], folder: "/")
        #expect(Self.offers("show p|", engine) == ["parked", "product", "push"])
        #expect(Self.offers("show b|", engine) == ["before"])
        // `on` after a scenario is the keyword, not a second scenario's name.
        #expect(Self.offers("compare push on |", engine) == ["leads"])
        #expect(Self.offers("compare push |", engine) == ["on"], "push is not offered twice")
        #expect(Self.offers("diff before |", engine) == [])
    }

    @Test("an empty line offers every command once, without aliases")
    func emptyLine() throws {
        let verbs = Self.offers("|", try Self.engine())
        #expect(verbs == CommandTable.verbs.sorted())
        #expect(!verbs.contains("exit"))
        #expect(Self.offers("exi|", try Self.engine()) == ["exit"])
    }

    @Test("an option already given is not offered again")
    func usedOption() throws {
        #expect(!Self.offers("metric x owner=sales |", try Self.engine()).contains("owner="))
    }

    @Test("the word replaced starts after the last operator of a formula")
    func formulaWordStart() throws {
        let line = "metric arr = sqls*wi"
        let completion = try Self.engine().complete(line, cursor: line.utf8.count)
        #expect(completion.wordStart == line.utf8.count - 2)
    }

    @Test("non-ASCII names complete, with byte offsets")
    func nonASCII() throws {
        var options = SessionOptions()
        options.workingDirectory = "/"
        let session = Session(options: options, output: CapturedOutput())
        session.run(SourceText(name: "t", text: "team équipe\nteam énergie\n"))
        let engine = CompletionEngine(workspace: session.workspace)
        let line = "metric x owner=éq"
        let completion = engine.complete(line, cursor: line.utf8.count)
        #expect(completion.candidates == ["owner=équipe"])
        #expect(completion.wordStart == "metric x ".utf8.count)
    }
}

@Suite("Sorted names for completion")
struct SortedNamesTests {
    @Test("names sort as String sorts them: ASCII by their bytes, past sixteen bytes, and anything else")
    func sortsLikeStrings() {
        let seed = SeededGenerator.testSeed(environment: ProcessInfo.processInfo.environment)
        var rng = SeededGenerator(seed: seed)
        let parts = ["a", "b", "_", "0", "9", "Z", "deal_size_", "leads_", "x"]
        var names: [String] = ["", "a", "ab", "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnoq", "abcdefgh", "abcdefgi"]
        for _ in 0..<400 {
            names.append((0..<Int.random(in: 1...6, using: &rng)).map { _ in parts.randomElement(using: &rng)! }.joined())
        }
        #expect(SortedNames.sort(names) == names.sorted(), "\(SeededGenerator.replay(seed))")
        let accented = names + ["e\u{301}t\u{E9}", "\u{E9}t\u{E9}", "zu\u{308}rich", "Ünter"]
        #expect(SortedNames.sort(accented) == accented.sorted(), "\(SeededGenerator.replay(seed))")
    }

    @Test("sorted lists merge into what sorting them all gives, duplicates kept")
    func merges() {
        let seed = SeededGenerator.testSeed(environment: ProcessInfo.processInfo.environment)
        var rng = SeededGenerator(seed: seed)
        let parts = ["a", "b", "_", "0", "Z", "\u{E9}", "deal_"]
        let lists = (0..<4).map { _ in
            (0..<Int.random(in: 0...60, using: &rng)).map { _ in
                (0..<Int.random(in: 1...4, using: &rng)).map { _ in parts.randomElement(using: &rng)! }.joined()
            }.sorted()
        }
        #expect(SortedNames.merge(lists) == lists.flatMap { $0 }.sorted(), "\(SeededGenerator.replay(seed))")
        #expect(SortedNames.merge([["a", "c"], [], ["a", "b"]]) == ["a", "a", "b", "c"])
    }

    @Test("the prompt sorts changed names before it returns: all names come from the kinds' lists")
    func prepared() throws {
        var ws = Workspace()
        ws.defineTeam("sales")
        ws.defineTerm("MQL", definition: "x")
        try ws.defineMetric("leads")
        try ws.defineMetric("arr")
        let engine = CompletionEngine(workspace: ws)
        engine.prepare()
        #expect(engine.sorted(.any) == ["MQL", "arr", "leads", "sales"])
        #expect(engine.complete("show ", cursor: 5).candidates.contains("arr"))
    }

    @Test("a rename is offered at once; a change that renames nothing keeps the sorted list")
    func followsNames() throws {
        var options = SessionOptions()
        options.undo = true
        let session = Session(options: options, output: CapturedOutput())
        session.run(SourceText(name: "<test>", text: "metric beta\nmetric alpha\nmetric gamma = alpha * 2"))
        func offered() -> [String] { CompletionEngine(session: session).complete("show ", cursor: 5).candidates }
        #expect(offered().contains("alpha"))
        session.run(SourceText(name: "<test>", text: "rename metric alpha omega"))
        #expect(offered().contains("omega") && !offered().contains("alpha"))
        session.run(SourceText(name: "<test>", text: "metric gamma = omega * 3\nundo\nundo"))
        #expect(offered().contains("alpha") && !offered().contains("omega"))
    }
}
