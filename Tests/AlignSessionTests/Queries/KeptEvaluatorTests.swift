import AlignLanguage
import Testing

@testable import AlignSession

/// The session keeps one evaluator between commands and forgets only what a
/// change reaches: every answer must be what a session that never asked
/// before would give.
@Suite("Answers after changes")
struct KeptEvaluatorTests {
    static let questions = [
        "query gaps 2026-Q3", "query consistency 2026-Q3", "whatif leads = +10% in 2026-Q3", "solve revenue = 3000000 by leads in 2026-Q3",
        "query drivers revenue in 2026-Q3", "tree revenue in 2026-Q3", "show leads", "query gaps 2026", "tree revenue in 2026",
    ]

    static let changes = [
        "value leads 2026-Q3 5200", "value win_rate 2026-Q3 30%", "remove value leads 2026-Q3", "undo",
        "value leads 2026-07 1500", "value leads 2026-08 1600", "value leads 2026-09 1700", "remove value leads 2026-08",
        "metric mqls = leads * mql_rate * 1.1", "undo", "redo", "goal q3_rev sales revenue >= 2600000 by 2026-Q3",
        "value deal_size 2026-Q3 0", "undo",
    ]

    @Test("after each change, every question gets the answer a fresh session gives")
    func freshAnswers() throws {
        let kept = try Workbench()
        kept.loadScenario()
        var script = ""
        for change in Self.changes {
            for question in Self.questions { kept.run(question) }
            kept.run(change)
            script += change + "\n"
            let fresh = try Workbench()
            fresh.loadScenario()
            fresh.run(script)
            for question in Self.questions {
                #expect(kept.run(question) == fresh.run(question), "after: \(change)\nasked: \(question)")
            }
        }
    }
}

extension KeptEvaluatorTests {
    @Test("the evaluator is kept across changes of values and commands that ask nothing, and made anew for a formula")
    func keptAcrossCommands() throws {
        let w = try Workbench()
        w.loadScenario()
        // More changes of values than the workspace remembers one by one.
        w.run((0..<300).map { "value leads 2026-Q3 \(4000 + $0)" }.joined(separator: "\n"))
        w.run("query gaps 2026-Q3")
        let kept = try #require(w.session.evaluatorCache)
        w.run("value leads 2026-Q3 5100\nshow teams\nvalue win_rate 2026-Q3 0.3\nundo\nquery gaps 2026-Q3")
        #expect(w.session.evaluatorCache === kept)
        w.run("metric mqls = leads * mql_rate * 1.2\nquery gaps 2026-Q3")
        #expect(w.session.evaluatorCache !== kept)
    }
}

/// At a terminal a long answer shows its first rows and says how to list
/// them all; csv and json list every row, and so does a pipe.
@Suite("Long answers")
struct LongAnswerTests {
    /// Hand-offs from 130 marketing metrics to 130 sales metrics.
    static func workspace(boxed: Bool, format: OutputFormat, pairs: Int = 130) -> (Session, CapturedOutput) {
        let output = CapturedOutput()
        var options = SessionOptions()
        options.boxed = boxed
        options.format = format
        let session = Session(options: options, output: output)
        var script = "team mkt horizon=year\nteam sales horizon=quarter\n"
        for i in 0..<pairs {
            script += "metric lead\(i) owner=mkt unit=count\nmetric deal\(i) owner=sales unit=count\nmetric deal\(i) = lead\(i) * 2\n"
        }
        session.run(SourceText(name: "<test>", text: script))
        output.reset()
        return (session, output)
    }

    @Test("at a terminal, the first 100 rows and a line saying how to see the other 30")
    func terminal() {
        let (session, output) = Self.workspace(boxed: true, format: .table)
        session.run(SourceText(name: "<test>", text: "query handoffs"))
        #expect(output.stdout.contains("… and 30 more hand-offs: format csv or format json lists them all"))
        #expect(output.stdout.contains("lead99 ") && !output.stdout.contains("lead100 "))
    }

    @Test("one row left out is one more hand-off, not one more hand-offs")
    func oneLeftOut() {
        let (session, output) = Self.workspace(boxed: true, format: .table, pairs: 101)
        session.run(SourceText(name: "<test>", text: "query handoffs"))
        #expect(output.stdout.contains("… and 1 more hand-off: format csv or format json lists them all"), "\(output.stdout)")
    }

    @Test("a tree of 211 metrics: cut after 100 at a terminal, whole in a pipe", arguments: [true, false])
    func tree(_ boxed: Bool) {
        let output = CapturedOutput()
        var options = SessionOptions()
        options.boxed = boxed
        let session = Session(options: options, output: output)
        // revenue sums ten regions, each ten reps, each computed from a count.
        var script = ""
        for r in 0..<10 {
            for k in 0..<10 {
                script += "metric x\(r)_\(k)\nvalue x\(r)_\(k) 2026-Q3 1\nmetric s\(r)_\(k) = x\(r)_\(k) * 2\n"
            }
            script += "metric r\(r) = " + (0..<10).map { "s\(r)_\($0)" }.joined(separator: " + ") + "\n"
        }
        script += "metric revenue = " + (0..<10).map { "r\($0)" }.joined(separator: " + ") + "\n"
        #expect(session.run(SourceText(name: "<test>", text: script)))
        output.reset()
        session.run(SourceText(name: "<test>", text: "tree revenue in 2026-Q3"))
        #expect(output.stdout.contains("the tree is cut after 100 metrics at a terminal") == boxed, "\(output.stdout)")
        #expect(output.stdout.contains("x9_9 1") == !boxed)
    }

    @Test("in csv and json, and in a pipe, every row", arguments: [(true, OutputFormat.csv), (true, .json), (false, .table)])
    func everyRow(_ boxed: Bool, _ format: OutputFormat) {
        let (session, output) = Self.workspace(boxed: boxed, format: format)
        session.run(SourceText(name: "<test>", text: "query handoffs"))
        #expect(output.stdout.contains("lead129"))
        #expect(!output.stdout.contains("more hand-offs"))
    }
}
