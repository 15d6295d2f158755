import AlignCore
import AlignLanguage
@testable import AlignSession
import Foundation
import Testing

/// Sources and actuals in a session: refresh as one step, the grain it owns,
/// saved and replayed, journalled as plain values, and passwords kept nowhere.
@Suite("Data where it lives")
struct DataTests {
    static func write(_ bench: Workbench, _ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: bench.folder.appendingPathComponent(name))
    }

    static let deals = """
        Id,Close Date,Amount,Stage
        1,2026-01-05,100,Closed Won
        2,2026-01-20,50,Closed Lost
        3,2026-03-02,"1,000",Closed Won

        """

    static func bench(_ csv: String = DataTests.deals) throws -> Workbench {
        let bench = try Workbench()
        try write(bench, "deals.csv", csv)
        bench.run("metric bookings unit=USD\nmetric deals\nsource crm csv deals.csv")
        return bench
    }

    @Test("refresh pulls, fills the months between with 0, and is one step to undo")
    func refreshAndUndo() throws {
        let bench = try Self.bench()
        bench.run("actuals bookings = sum(Amount) from crm by CloseDate where Stage = \"Closed Won\"")
        let answer = bench.run("refresh")
        #expect(answer.contains("bookings from crm: 2 rows in 3 months (3 rows read)"))
        #expect(answer.contains("3 added, 0 changed, 0 removed"))
        let ws = bench.session.workspace
        let id = ws.metrics.id(named: "bookings")!
        #expect(ws.valueList(of: id).map { "\($0.period)=\($0.value)" } == ["2026-01=100.0", "2026-02=0.0", "2026-03=1000.0"])
        bench.run("undo")
        #expect(bench.session.workspace.valueList(of: id).isEmpty)
        #expect(bench.session.workspace.actuals[id] != nil, "undo takes back the refresh, not the definition")
        bench.run("redo")
        #expect(bench.session.workspace.valueList(of: id).count == 3)
    }

    @Test("a pull owns the metric's values at its grain: others are replaced or removed, other grains kept")
    func ownsItsGrain() throws {
        let bench = try Self.bench()
        bench.run("value deals 2026-Q1 7\nvalue deals 2026-Q4 9\nvalue deals 2026 99")
        bench.run("actuals deals = count() from crm by CloseDate")
        let answer = bench.run("refresh deals")
        #expect(answer.contains("~  deals   2026-Q1       7      3"), "\(answer)")
        #expect(answer.contains("-  deals   2026-Q4       9"), "\(answer)")
        let id = bench.session.workspace.metrics.id(named: "deals")!
        #expect(bench.session.workspace.valueList(of: id).map { "\($0.period)=\($0.value)" } == ["2026=99.0", "2026-Q1=3.0"])
        bench.run("actuals deals = count() from crm by CloseDate per=month")
        bench.run("refresh deals")
        #expect(bench.session.workspace.value(of: id, in: Period("2026-02")!) == 0)
        #expect(bench.session.workspace.value(of: id, in: Period("2026-Q1")!) == 3, "the quarter is of another grain now")
    }

    @Test("a failed pull changes nothing, and says FILE:LINE and the column")
    func failedPull() throws {
        let bench = try Self.bench(Self.deals + "4,2026-02-30,5,Closed Won\n")
        bench.run("actuals deals = count() from crm by CloseDate\nactuals bookings = sum(Amount) from crm by CloseDate")
        bench.run("value deals 2026-01 42")
        let answer = bench.run("refresh")
        #expect(answer.contains("$TMP/deals.csv:5: error: '2026-02-30' in column 'Close Date' is not a date"), "\(answer)")
        #expect(answer.contains("note: nothing from this refresh was applied"))
        let ws = bench.session.workspace
        #expect(ws.value(of: ws.metrics.id(named: "deals")!, in: Period("2026-01")!) == 42)
        #expect(ws.valueList(of: ws.metrics.id(named: "bookings")!).isEmpty)
    }

    @Test("definitions on one file: a missing column names its own definition; a bad cell names them all")
    func whichDefinition() throws {
        let bench = try Self.bench()
        bench.run("actuals deals = count() from crm by CloseDate\nactuals bookings = sum(Amont) from crm by CloseDate")
        let answer = bench.run("refresh")
        #expect(answer.contains("error: there is no column 'Amont'; did you mean 'Amount'?"), "\(answer)")
        #expect(answer.contains("note: pulling the actuals of bookings: sum(Amont) from crm by CloseDate\n"), "\(answer)")
        try Self.write(bench, "deals.csv", Self.deals + "4,2026-01-32,1,Closed Won\n")
        bench.run("actuals bookings = sum(Amount) from crm by CloseDate")
        #expect(bench.run("refresh").contains("note: pulling the actuals of bookings, deals from crm\n"))
    }

    @Test("save writes sources and actuals; the script replays to the same bytes and reads no source")
    func saveRoundTrip() throws {
        let bench = try Self.bench()
        bench.run("""
            source wh postgres "host=db.example.com dbname=sales user=analyst" table=public.leads
            source lite sqlite "crm db.sqlite" table=deals
            actuals bookings = sum("Amount") from crm by "Close Date" where Stage = "Closed Won" and Won = true and Amount = -5 per=quarter
            actuals deals = sql wh "select date_trunc('month', d), count(*) from leads group by 1"
            refresh crm
            save plan.align
            """)
        let saved = try String(contentsOf: bench.folder.appendingPathComponent("plan.align"), encoding: .utf8)
        #expect(saved.contains("""
            # Sources
            source crm csv "deals.csv"
            source wh postgres "host=db.example.com dbname=sales user=analyst" table="public.leads"
            source lite sqlite "crm db.sqlite" table=deals

            # Actuals
            actuals bookings = sum(Amount) from crm by "Close Date" where Stage = "Closed Won" and Won = true and Amount = -5 per=quarter
            actuals deals = sql wh "select date_trunc('month', d), count(*) from leads group by 1"
            """))
        try FileManager.default.removeItem(at: bench.folder.appendingPathComponent("deals.csv"))
        let copy = try Workbench()
        let replayed = copy.run("run \(bench.folder.path)/plan.align\nsave \(copy.folder.path)/again.align")
        #expect(!replayed.contains("error"), "\(replayed)")
        // Saved in another folder, the files' paths are spelled from there.
        let there = "../" + bench.folder.lastPathComponent + "/"
        let moved = saved.replacingOccurrences(of: "csv \"deals.csv\"", with: "csv \"\(there)deals.csv\"")
            .replacingOccurrences(of: "sqlite \"crm db.sqlite\"", with: "sqlite \"\(there)crm db.sqlite\"")
        #expect(try String(contentsOf: copy.folder.appendingPathComponent("again.align"), encoding: .utf8) == moved)
    }

    @Test("save in another folder spells a source's relative path from there: the saved script refreshes")
    func saveElsewhere() throws {
        let bench = try Self.bench()
        let plans = bench.folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: plans, withIntermediateDirectories: true)
        bench.run("""
            actuals bookings = sum(Amount) from crm by CloseDate where Stage = "Closed Won"
            refresh
            save plans/week.align
            save same.align
            """)
        let saved = try String(contentsOf: plans.appendingPathComponent("week.align"), encoding: .utf8)
        #expect(saved.contains("source crm csv \"../deals.csv\"\n"), "\(saved)")
        let same = try String(contentsOf: bench.folder.appendingPathComponent("same.align"), encoding: .utf8)
        #expect(same.contains("source crm csv \"deals.csv\"\n"))
        // Replayed from elsewhere, the script finds the file and pulls again.
        let copy = try Workbench()
        let answer = copy.run("run \(plans.path)/week.align\nrefresh\nsave \(plans.path)/again.align")
        #expect(answer.contains("bookings from crm: 2 rows in 3 months"), "\(answer)")
        #expect(!answer.contains("error"), "\(answer)")
        #expect(try String(contentsOf: plans.appendingPathComponent("again.align"), encoding: .utf8) == saved)
        // A source named by a script in a folder below, saved above: the path goes down.
        try Data("source here csv here.csv\n".utf8).write(to: plans.appendingPathComponent("here.align"))
        bench.run("run plans/here.align\nsave top.align")
        let top = try String(contentsOf: bench.folder.appendingPathComponent("top.align"), encoding: .utf8)
        #expect(top.contains("source here csv \"plans/here.csv\"\n"), "\(top)")
    }

    @Test("save refuses a number no script can write, and writes nothing")
    func saveNotFinite() throws {
        let bench = try Self.bench()
        let id = bench.session.workspace.metrics.id(named: "bookings")!
        bench.session.workspace.setValue(id, Period("2026-07")!, .infinity)
        let answer = bench.run("save inf.align")
        #expect(answer.contains("cannot save: value bookings 2026-07 is not a finite number"), "\(answer)")
        #expect(!FileManager.default.fileExists(atPath: bench.folder.appendingPathComponent("inf.align").path))
    }

    @Test("a column whose amounts are in two currencies is refused at the first row of the second; nothing applied")
    func currencies() throws {
        let bench = try Self.bench("Close Date,Amount\n2026-01-05,\"$12,000.00\"\n2026-02-05,\"USD 20,000\"\n2026-03-05,\"€1,000\"\n")
        let answer = bench.run("actuals bookings = sum(Amount) from crm by CloseDate\nrefresh")
        #expect(answer.contains("deals.csv:4: error: column 'Amount' holds amounts in 2 currencies: USD from line 2 ('$12,000.00'), EUR from line 4 ('€1,000')"), "\(answer)")
        #expect(answer.contains("nothing from this refresh was applied"))
        #expect(bench.session.workspace.valueList(of: bench.session.workspace.metrics.id(named: "bookings")!).isEmpty)
    }

    @Test("a file path is relative to the folder of the script that names the source")
    func relativeToScript() throws {
        let bench = try Self.bench()
        let sub = bench.folder.appendingPathComponent("plans")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try Data(Self.deals.utf8).write(to: sub.appendingPathComponent("here.csv"))
        try Data("source here csv here.csv\nactuals deals = count() from here by CloseDate\n".utf8)
            .write(to: sub.appendingPathComponent("plan.align"))
        let answer = bench.run("run plans/plan.align\nrefresh here")
        #expect(answer.contains("deals from here: 3 rows in 3 months"), "\(answer)")
    }

    @Test("pulled values are journalled as plain values: recovery needs no source")
    func journal() throws {
        let bench = try Self.bench()
        var steps: [JournalStep] = []
        bench.session.onStep = { steps.append($0) }
        bench.run("actuals bookings = sum(Amount) from crm by CloseDate\nrefresh")
        let refresh = try #require(steps.last { $0.text == "refresh" })
        #expect(refresh.reads.map(\.path) == ["<pulled> bookings"])
        #expect(String(decoding: refresh.reads[0].bytes, as: UTF8.self) == """
            # grain month
            value bookings 2026-01 150
            value bookings 2026-02 0
            value bookings 2026-03 1000

            """)
        try FileManager.default.removeItem(at: bench.folder.appendingPathComponent("deals.csv"))
        let copy = try Workbench()
        copy.run("metric bookings unit=USD\nmetric deals")
        copy.session.run(SourceText(name: "<journal>", text: "source crm csv deals.csv"))
        for step in steps where step.kind == .command { #expect(copy.session.replay(step), "\(step.text)") }
        let id = copy.session.workspace.metrics.id(named: "bookings")!
        #expect(copy.session.workspace.valueList(of: id).map(\.value) == [150, 0, 1000])
    }

    @Test("a script that refreshes a metric twice is taken again pull by pull")
    func journalTwice() throws {
        let bench = try Self.bench()
        try Self.write(bench, "later.csv", Self.deals + "4,2026-04-01,9,Closed Won\n")
        try Self.write(bench, "weekly.align", """
            actuals bookings = sum(Amount) from crm by CloseDate
            refresh
            source crm csv later.csv
            actuals bookings = sum(Amount) from crm by CloseDate per=quarter
            refresh

            """)
        var steps: [JournalStep] = []
        bench.session.onStep = { steps.append($0) }
        #expect(bench.session.runFile(bench.folder.appendingPathComponent("weekly.align").path))
        let before = ScriptPrinter.script(bench.session.workspace)
        #expect(before.contains("value bookings 2026-Q1 1150\nvalue bookings 2026-01 150\nvalue bookings 2026-02 0\nvalue bookings 2026-03 1000\nvalue bookings 2026-Q2 9\n"))
        let step = try #require(steps.last)
        #expect(step.reads.map(\.path).filter { $0.hasPrefix("<pulled>") } == ["<pulled> bookings", "<pulled> bookings (2)"])
        for name in ["deals.csv", "later.csv"] { try FileManager.default.removeItem(at: bench.folder.appendingPathComponent(name)) }
        let copy = try Workbench()
        copy.run("metric bookings unit=USD\nmetric deals\nsource crm csv deals.csv")
        #expect(copy.session.replay(step))
        #expect(ScriptPrinter.script(copy.session.workspace) == before)
    }

    @Test("a password in a line is refused at its place, and kept in no history, journal, recording or save")
    func passwords() throws {
        let bench = try Workbench(interactive: true)
        var steps: [JournalStep] = []
        bench.session.onStep = { steps.append($0) }
        bench.run("record rec.align")
        for line in [
            "source wh postgres \"host=db dbname=s user=u password=hunter2\"",
            "source wh postgres \"postgres://u:hunter2@db/s\"",
            "source wh postgres \"host=db\" table=password=hunter2",
            "source wh postgres host=db password = 'hunter2'",
        ] {
            let answer = bench.run(line)
            #expect(answer.contains("error: a password written in a line"), "\(answer)")
        }
        let marked = bench.run("source wh postgres \"postgres://u:hunter2@db/s\"")
        #expect(marked.contains("                           ╰─ error"), "\(marked)")
        bench.run("save plan.align\nrecord off")
        #expect(!bench.run("history").contains("hunter2"))
        #expect(!steps.contains { $0.text.contains("hunter2") })
        for file in ["rec.align", "plan.align"] {
            #expect(!(try String(contentsOf: bench.folder.appendingPathComponent(file), encoding: .utf8)).contains("hunter2"))
        }
        #expect(Secrets.redacted(Array("a password=x b\nuser:y@z postgres://u:p@h/d".utf8)) == Array("a password=*** b\nuser:y@z postgres://u:***@h/d".utf8))
    }

    @Test("--safe refuses every source")
    func safe() throws {
        let bench = try Self.bench()
        bench.session.options.safe = true
        for line in ["source x csv deals.csv", "refresh", "fit deals from crm CloseDate -> CloseDate"] {
            #expect(bench.run(line).contains("error: --safe: sources are refused"), "\(line)")
        }
    }

    @Test("removing and renaming: a used source needs cascade; a removed metric takes its definition along")
    func removeRename() throws {
        let bench = try Self.bench()
        bench.run("actuals deals = count() from crm by CloseDate")
        #expect(bench.run("remove source crm").contains("source crm is still used by the actuals of deals; add 'cascade'"))
        bench.run("rename source crm salesforce")
        #expect(bench.run("show salesforce").contains("deals = count() from salesforce by CloseDate"))
        bench.run("remove metric deals")
        #expect(bench.session.workspace.actuals.isEmpty)
        bench.run("undo")
        #expect(bench.session.workspace.actuals.count == 1)
        #expect(bench.run("remove actuals bookings").contains("bookings has no actuals from a source"))
        bench.run("remove source salesforce cascade")
        #expect(bench.session.workspace.sources.isEmpty && bench.session.workspace.actuals.isEmpty)
    }

    @Test("definitions are checked against their source's kind")
    func kinds() throws {
        let bench = try Self.bench()
        bench.run("source lite sqlite x.db")
        #expect(bench.run("actuals deals = count() from lite by d").contains("count(), sum() and avg() read a table"))
        #expect(bench.run("actuals deals = sql crm \"select 1, 2\"").contains("sql runs a query on a database: crm is a CSV file"))
        #expect(bench.run("refresh").contains("no actuals are defined yet"))
    }
}
