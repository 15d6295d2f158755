import AlignCore
import AlignLanguage
import AlignSession
import Foundation
import Testing

/// `snapshot` and `diff`: what the room changed, in sentences, thing by thing.
@Suite("Snapshots and diffs")
struct DiffTests {
    @Test("a workshop's changes, each in one sentence, then what they mean for the goals")
    func sentences() throws {
        let w = try WorkshopSession()
        w.run(
            """
            snapshot before
            term MQL "A lead that has booked a first meeting" by=marketing
            term SQL by=sales aka=opportunity
            team sales horizon=half
            metric leads "Inbound leads"
            metric cac owner=sales unit=USD
            metric pipeline = sqls * deal_size
            link nps -> leads lag=1q
            link brand_awareness -> leads lag=1q
            value leads 2026-Q3 5000
            value leads 2026-Q4 4500
            remove value win_rate 2026-Q3
            value win_rate 2026-Q3 25%
            goal q3_mqls marketing mqls >= 1250 by 2026-Q3
            goal q3_sqls sales sqls >= 500 by 2026-Q3 "The hand-off"
            remove goal nps_up
            rename metric mqls marketing_qualified_leads
            decide "MQL means a booked first meeting" at=10:40
            note "revisit nps next quarter"
            """)
        let (out, err) = w.run("diff before")
        #expect(err == "")
        #expect(
            out == """
                changes from snapshot before to now: 16 changes
                  changed  team sales: horizon quarter → half
                  changed  term MQL (marketing): "A lead that scored above the fit-and-interest threshold" → "A lead that has booked a first meeting"
                  changed  term SQL (sales): aka none → opportunity
                  changed  metric leads: description none → "Inbound leads"
                  renamed  metric mqls → marketing_qualified_leads
                  added    metric cac: owner sales, unit USD
                  added    metric pipeline: formula sqls * deal_size
                  changed  link brand_awareness -> leads: lag 2q → 1q
                  added    link nps -> leads: lag 1q
                  changed  value leads 2026-Q3: 4,000 → 5,000
                  added    value leads 2026-Q4: 4,500
                  changed  goal q3_mqls: target >= 900 → >= 1,250
                  removed  goal nps_up
                  added    goal q3_sqls: sales: sqls >= 500 by 2026-Q3 "The hand-off"
                  added    note 1: "revisit nps next quarter"
                  added    decision 1: "MQL means a booked first meeting", at 10:40
                what it means for the goals
                  q3_bookings  revenue in 2026-Q3 2,000,000 USD → 2,500,000 USD against >= 2,500,000 USD: missed → met
                  q3_mqls      marketing_qualified_leads in 2026-Q3 1,000 → 1,250 against >= 900 → >= 1,250: still met
                  q3_sqls      sqls in 2026-Q3 500 against >= 500: new goal, met

                """)
    }

    @Test("a term's definition and synonyms for one team are one entry: SQL gets sales' aka")
    func termSynonymsJoinTheDefinition() throws {
        let w = try WorkshopSession()
        w.run("snapshot s\nterm SQL by=sales aka=opportunity")
        #expect(w.run("diff s").out.contains("changed  term SQL (sales): aka none → opportunity"))
    }

    @Test("removed things say what they were when they had one value")
    func removals() throws {
        let w = try WorkshopSession()
        w.run("snapshot s\nremove value leads 2026-Q3\nremove metric nps cascade\nremove term MQL cascade")
        let out = w.run("diff s").out
        #expect(out.contains("removed  term MQL (marketing): was \"A lead that scored above the fit-and-interest threshold\""))
        #expect(out.contains("removed  term MQL (sales): was \"A lead that has booked a first meeting\""))
        #expect(out.contains("changed  metric mqls: term MQL → none"))
        #expect(out.contains("removed  metric nps\n"))
        #expect(out.contains("removed  value leads 2026-Q3: was 4,000"))
        #expect(out.contains("removed  goal nps_up"))
        #expect(out.contains("mqls in 2026-Q3 1,000 → no value against >= 900: met → no value"))
    }

    @Test("renaming a team renames it once; what refers to it does not look changed")
    func renameTeam() throws {
        let w = try WorkshopSession()
        w.run("snapshot s\nrename team sales revenue_team")
        #expect(w.run("diff s").out == "changes from snapshot s to now: 1 change\n  renamed  team sales → revenue_team\n")
    }

    @Test("choosing another revenue metric")
    func revenueChoice() throws {
        let w = try WorkshopSession()
        w.run("snapshot s\nrevenue sqls")
        #expect(w.run("diff s").out.contains("changed  revenue metric revenue: measured by revenue → sqls"))
    }

    @Test("removing a note from the middle does not make the later ones look changed")
    func notesMatchByText() throws {
        let w = try WorkshopSession()
        w.run("note \"one\"\nnote \"two\"\nnote \"three\"\nsnapshot s\nremove note 2")
        #expect(w.run("diff s").out == "changes from snapshot s to now: 1 change\n  removed  note 2: was \"two\"\n")
    }

    @Test("between two snapshots, and nothing changed")
    func twoSnapshots() throws {
        let w = try WorkshopSession()
        w.run("snapshot a\nvalue leads 2026-Q3 4400\nsnapshot b\nvalue leads 2026-Q3 9999")
        let out = w.run("diff a b").out
        #expect(out.hasPrefix("changes from snapshot a to snapshot b: 1 change\n  changed  value leads 2026-Q3: 4,000 → 4,400\n"))
        #expect(w.run("diff b b").out == "changes from snapshot b to snapshot b\nnothing changed\n")
    }

    @Test("run at the prompt says that it ran and that undo takes it back; the file's own commands say nothing")
    func runConfirms() throws {
        let w = try WorkshopSession(interactive: true)
        try "team side\nmetric side_metric owner=side\n".write(to: w.folder.appendingPathComponent("more.align"), atomically: true, encoding: .utf8)
        #expect(w.run("run more.align").out == "ran more.align; 'undo' takes it back as one step\n")
        #expect(w.run("undo").out.contains("run more.align"))
        #expect(w.session.workspace.teams.id(named: "side") == nil)
    }

    @Test("a snapshot taken again under its name replaces it, and keeps the old one as a_1")
    func replaceSnapshot() throws {
        let w = try WorkshopSession(interactive: true)
        #expect(w.run("snapshot a").out == "kept snapshot a\n")
        w.run("value leads 2026-Q3 4400")
        #expect(w.run("snapshot a").out == "replaced snapshot a; the one it replaced is kept as a_1 (diff a_1)\n")
        #expect(w.run("diff a").out.contains("nothing changed"))
        #expect(w.run("show snapshots").out.contains("a              10       5      3"))
    }

    @Test("diff alone, at the prompt: since the prompt appeared, not since the scenario was loaded")
    func sinceThePrompt() throws {
        let w = try WorkshopSession(interactive: true)
        #expect(w.run("diff").out == "changes from the start of the session to now\nnothing changed\n")
        w.run("value leads 2026-Q3 5000")
        #expect(w.run("diff").out.hasPrefix("changes from the start of the session to now: 1 change\n"))
    }

    @Test("diff alone, in a script: since the empty workspace")
    func sinceTheStartOfAScript() throws {
        let output = CapturedOutput()
        let session = Session(output: output)
        session.run(SourceText(name: "s.align", text: "team sales horizon=quarter\nmetric revenue unit=USD\ndiff"))
        #expect(
            output.stdout == """
                changes from the start of the session to now: 2 changes
                  added    team sales: horizon quarter
                  added    metric revenue: unit USD

                """)
    }

    @Test("an unknown snapshot: did you mean, and nothing changes")
    func unknownSnapshot() throws {
        let w = try WorkshopSession()
        w.run("snapshot before_lunch")
        let script = w.script
        let (out, err) = w.run("diff before_lunc")
        #expect(out == "")
        #expect(err == "<prompt>:1:6: error: unknown snapshot 'before_lunc'; did you mean 'before_lunch'?\n")
        #expect(w.run("diff zzz").err.contains("unknown snapshot 'zzz' (see 'show snapshots')"))
        #expect(w.run("diff before_lunch nope").err.contains("unknown snapshot 'nope'"))
        #expect(w.script == script)
    }

    @Test("as JSON: one row per attribute, numbers raw, and the goals")
    func json() throws {
        let w = try WorkshopSession()
        w.run("snapshot s\nvalue leads 2026-Q3 5000\ngoal q3_mqls marketing mqls >= 1250 by 2026-Q3\nformat json")
        let out = w.run("diff s").out
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let tables = try #require(object["tables"] as? [String: [[String: Any]]])
        let changes = try #require(tables["changes"])
        #expect(changes.count == 2)
        #expect(changes[0]["kind"] as? String == "value" && changes[0]["before"] as? Int == 4000)
        #expect(changes[0]["after"] as? Int == 5000)
        #expect(changes[1]["field"] as? String == "target" && changes[1]["after"] as? String == ">= 1250")
        let goals = try #require(tables["goals"])
        #expect(goals.map { $0["goal"] as? String } == ["q3_bookings", "q3_mqls"])
        #expect(goals[0]["met_before"] as? Bool == false && goals[0]["met"] as? Bool == true)
    }

    @Test("the comparison itself: renames by slot, nothing for identical workspaces")
    func model() throws {
        let w = try WorkshopSession()
        let ws = w.session.workspace
        #expect(WorkspaceDiff(from: ws, to: ws).isEmpty)
        let empty = WorkspaceDiff(from: Workspace(), to: ws)
        #expect(empty.entries.allSatisfy { $0.change == .added })
        #expect(empty.entries.filter { $0.kind == .metric }.count == 10)
        #expect(empty.entries.filter { $0.kind == .term }.map(\.name) == ["MQL (marketing)", "MQL (sales)", "SQL (sales)"])
        let back = WorkspaceDiff(from: ws, to: Workspace())
        #expect(back.entries.allSatisfy { $0.change == .removed })
        #expect(back.goals.isEmpty)
    }
}
