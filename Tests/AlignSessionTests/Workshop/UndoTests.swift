import AlignCore
import AlignLanguage
import AlignSession
import Testing

/// Every kind of change can be taken back and done again, exactly: the
/// canonical script after `undo` is the one before the command, and after
/// `redo` the one after it.
@Suite("Undo and redo")
struct UndoTests {
    /// One command of each kind of change, on the reference scenario.
    static let changes: [String] = [
        "team finance horizon=year \"Counts the money\"",
        "team sales horizon=half",
        "team sales \"Closes the number\"",
        "term ARR \"Annual recurring revenue\" by=sales",
        "term MQL \"A lead that booked a first meeting\" by=marketing",
        "term MQL \"A booked first meeting\"",
        "term SQL by=sales aka=opportunity,opp",
        "term MQL by=marketing aka=lead",
        "metric cac owner=sales unit=USD \"Cost to acquire a customer\"",
        "metric leads unit=leads \"Inbound leads\"",
        "metric nps owner=sales agg=avg",
        "metric deals term=deal",
        "metric mqls = leads * mql_rate * 1.1",
        "metric pipeline = sqls * deal_size",
        "link nps -> leads lag=1q \"Happy customers refer\"",
        "link brand_awareness -> leads lag=1q weight=0.5",
        "value leads 2026-Q4 4500",
        "value leads 2026-Q3 5000",
        "value mqls 2026-Q3 1100",
        "goal q4_leads marketing leads >= 5000 by 2026-Q4",
        "goal q3_mqls marketing mqls >= 1250 by 2026-Q3 \"Enough for the board number\"",
        "revenue sqls",
        "remove goal nps_up",
        "remove link brand_awareness -> leads",
        "remove value leads 2026-Q3",
        "remove metric nps cascade",
        "remove metric leads cascade",
        "remove metric sqls cascade",
        "remove team marketing cascade",
        "remove term MQL cascade",
        "remove term SQL cascade",
        "rename team sales revenue_team",
        "rename term MQL marketing_qualified_lead",
        "rename metric mqls marketing_qualified_leads",
        "rename goal q3_mqls q3_marketing_leads",
        "note \"Sales wants MQL to mean a booked meeting\"",
        "decide \"MQL means a booked first meeting\" at=10:40",
    ]

    @Test("undo restores the script before the command and redo the one after", arguments: changes)
    func undoRedo(_ command: String) throws {
        let w = try WorkshopSession()
        let before = w.script
        let (_, err) = w.run(command)
        #expect(err == "")
        let after = w.script
        #expect(after != before, "the command changed nothing")
        for _ in 0..<2 {
            #expect(w.run("undo").err == "")
            #expect(w.script == before)
            #expect(w.run("redo").err == "")
            #expect(w.script == after)
        }
    }

    @Test("every change in one session, undone back to the start and redone to the end")
    func wholeSession() throws {
        let w = try WorkshopSession()
        var scripts = [w.script]
        for command in Self.changes {
            let errors = w.session.errorCount
            w.run(command)
            // Later commands may refer to what earlier ones removed; only successful ones count.
            if w.session.errorCount == errors { scripts.append(w.script) }
        }
        #expect(scripts.count > 20)
        for expected in scripts.reversed().dropFirst() {
            w.run("undo")
            #expect(w.script == expected)
        }
        #expect(w.run("undo").err.contains("error: there is nothing to undo"))
        for expected in scripts.dropFirst() {
            w.run("redo")
            #expect(w.script == expected)
        }
        #expect(w.run("redo").err.contains("error: there is nothing to redo"))
    }

    @Test("import values is one step")
    func importValues() throws {
        let w = try WorkshopSession()
        try w.write("q4.csv", "metric,period,value\nleads,2026-Q4,4200\nwin_rate,2026-Q4,30%\nleads,2026-Q3,4100\n")
        let before = w.script
        #expect(w.run("import values q4.csv").err == "")
        let after = w.script
        #expect(after.contains("value leads 2026-Q4 4200") && after.contains("value win_rate 2026-Q4 0.3"))
        w.run("undo")
        #expect(w.script == before)
        w.run("redo")
        #expect(w.script == after)
    }

    @Test("run FILE is one step, even when the script undoes some of its own commands")
    func runFile() throws {
        let w = try WorkshopSession()
        try w.write(
            "more.align",
            """
            team finance horizon=year
            metric budget owner=finance unit=USD
            value budget 2026-Q3 100k
            undo
            value budget 2026-Q3 120k
            note "budget agreed"
            """)
        let before = w.script
        #expect(w.run("run more.align").err == "")
        let after = w.script
        #expect(after.contains("value budget 2026-Q3 120000"))
        #expect(!after.contains("100000"))
        w.run("undo")
        #expect(w.script == before)
        w.run("redo")
        #expect(w.script == after)
        #expect(w.run("history").out.contains("run more.align"))
    }

    @Test("a script's undo and redo walk its own commands, structural or not, and never the session's")
    func undoInsideScript() throws {
        let w = try WorkshopSession()
        w.run("value leads 2026-Q3 4400")
        try w.write(
            "steps.align",
            """
            team finance horizon=year
            metric budget owner=finance unit=USD
            value budget 2026-Q3 100k
            value budget 2026-Q4 110k
            undo
            undo
            redo
            rename metric budget spend
            undo
            undo
            undo
            undo
            undo
            """)
        let before = w.script
        let (_, err) = w.run("run steps.align")
        #expect(err.contains("there is nothing to undo"))
        // Four undos reach the script's first command; the fifth finds nothing, not the session's value.
        #expect(!w.script.contains("team finance"))
        #expect(w.script.contains("value leads 2026-Q3 4400"))
        #expect(w.script == before)
    }

    @Test("a script that fails part-way is one step: undo takes back what it did")
    func failingRun() throws {
        let w = try WorkshopSession()
        try w.write("broken.align", "team finance\nmetric budget owner=finance\nvalue nosuch 2026-Q3 1\nteam never\n")
        let before = w.script
        #expect(w.run("run broken.align").err.contains("unknown metric 'nosuch'"))
        #expect(w.script.contains("team finance"))
        #expect(!w.script.contains("team never"))
        w.run("undo")
        #expect(w.script == before)
    }

    @Test("a new change clears what could be redone")
    func newChangeClearsRedo() throws {
        let w = try WorkshopSession()
        w.run("value leads 2026-Q3 5000")
        w.run("undo")
        w.run("value leads 2026-Q3 6000")
        #expect(w.run("redo").err.contains("there is nothing to redo"))
        #expect(w.script.contains("value leads 2026-Q3 6000"))
    }

    @Test("commands that change nothing are not steps: undo skips them")
    func queriesAreNotSteps() throws {
        let w = try WorkshopSession()
        w.run("value leads 2026-Q3 5000")
        let after = w.script
        w.run("value leads 2026-Q3 5000")  // the same value again: no change
        w.run("show goals\nquery gaps 2026-Q3\nsnapshot s\ndiff s")
        w.run("undo")
        #expect(w.script != after)
        #expect(w.script.contains("value leads 2026-Q3 4000"))
    }

    @Test("a failed command changes nothing and leaves nothing to undo")
    func failedCommand() throws {
        let w = try WorkshopSession()
        let before = w.script
        #expect(w.run("metric revenue = revenue * 2").err.contains("depend on itself"))
        #expect(w.script == before)
        #expect(w.run("undo").err.contains("there is nothing to undo"))
    }

    @Test("undo with nothing to undo: a clear error at the prompt, and nothing changes")
    func nothingToUndo() throws {
        let w = try WorkshopSession(interactive: true)
        let before = w.script
        let (out, err) = w.run("undo")
        #expect(out == "")
        #expect(err.contains("error: there is nothing to undo"))
        #expect(w.script == before)
        #expect(w.run("redo").err.contains("error: there is nothing to redo"))
    }

    @Test("the reference scenario loaded at the start is not undoable")
    func startIsNotUndoable() throws {
        let w = try WorkshopSession()
        #expect(w.run("undo").err.contains("nothing to undo"))
        #expect(w.run("history").out.contains("1  undo"))
    }

    @Test("history numbers the session's commands and marks those undone and those that failed")
    func history() throws {
        let w = try WorkshopSession()
        w.run("value leads 2026-Q3 5000")
        w.run("show teams")
        w.run("value nosuch 2026-Q3 1")
        w.run("note \"try 5k leads\"")
        w.run("undo")
        let (out, _) = w.run("history")
        #expect(
            out == """
                #  Command                   State
                -  ------------------------  ------
                1  value leads 2026-Q3 5000
                2  show teams
                3  value nosuch 2026-Q3 1    failed
                4  note "try 5k leads"       undone
                5  undo
                6  history

                """)
        w.run("redo")
        #expect(!w.run("history").out.contains("undone"))
    }

    @Test("history as JSON: numbers, commands and states")
    func historyJSON() throws {
        let w = try WorkshopSession()
        w.run("team finance")
        w.run("undo")
        let (out, _) = w.run("format json\nhistory")
        #expect(out.contains(#"{"number":1,"command":"team finance","state":"undone"}"#))
    }

    @Test("what counts as asking for undo: undo or redo anywhere in the text, in any case")
    func mayAskForUndo() {
        for text in ["undo", "team a\nundo\n", "# REDO later", "metric redone", "x undo", "UnDo", "ddd undo", "dd redo dd",
            String(repeating: "d", count: 5000) + "redo"]
        {
            #expect(Session.mayAskForUndo(Array(text.utf8)), "\(text)")
        }
        for text in ["", "und", "team a\nvalue m 2026 5\n", "metric do_it", "u n d o", "d", "do", "undx", "xxdo", "undO"[...].dropLast() + "",
            String(repeating: "Dd", count: 3000), "redD", "unDD"]
        {
            #expect(!Session.mayAskForUndo(Array(text.utf8)), "\(text)")
        }
    }
}
