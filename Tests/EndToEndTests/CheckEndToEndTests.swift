import Foundation
import Testing

/// `align check` as CI runs it: exit statuses, the three report formats
/// parsed by what reads them, accept lines, and `align check` never taking
/// the place of a script named check.
@Suite("align check, end to end")
struct CheckEndToEndTests {
    /// A folder with the reference scenario and a clean model.
    func scratch() throws -> Scratch {
        let s = try Scratch()
        try s.write("seed.align", try AlignProcess.seedScenario())
        try s.write("clean.align", "team sales horizon=quarter\nmetric leads\nmetric revenue = leads * 100\nvalue leads 2026-Q3 50\ngoal q3 sales revenue >= 4k by 2026-Q3\n")
        return s
    }

    @Test("0 when aligned, 1 with findings, 2 on a usage error; the files' own answers are not printed")
    func statuses() throws {
        let s = try scratch()
        let clean = try s.run(["check", "clean.align"])
        #expect(clean.status == 0)
        #expect(clean.stdout == "aligned: no findings\n" && clean.stderr == "")
        try s.write("asks.align", "run clean.align\nshow teams\nquery gaps 2026-Q3\n")
        #expect(try s.run(["check", "asks.align"]).stdout == "aligned: no findings\n")

        let found = try s.run(["check", "seed.align"])
        #expect(found.status == 1)
        #expect(found.stdout.hasPrefix("seed.align:9: error: term MQL is defined differently by marketing and sales [term-conflict MQL]\n"))
        #expect(found.stdout.contains("seed.align:37: error: goal nps_up sits on nps, which has no path to revenue"))
        #expect(found.stdout.contains("\nnot aligned: 4 errors, 1 warning\n"))
        #expect(!found.hasEscapes)

        for arguments in [["check"], ["check", "--format", "xml", "seed.align"], ["check", "--bogus", "seed.align"], ["fmt"]] {
            let usage = try s.run(arguments)
            #expect(usage.status == 2, "\(arguments)")
            #expect(usage.stderr.contains("Usage: align \(arguments[0])"), "\(arguments): \(usage.stderr)")
        }
        #expect(try s.run(["check", "--fail-on", "error", "seed.align"]).status == 1)
    }

    @Test("--format json is one JSON object with every finding")
    func json() throws {
        let s = try scratch()
        let result = try s.run(["check", "--format", "json", "seed.align"])
        #expect(result.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["aligned"] as? Bool == false)
        #expect((object["counts"] as? [String: Int])?["error"] == 4)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["rule"] as? String } == ["term-conflict", "inconsistent-goals", "missed-goal", "horizon-conflict", "orphan-goal"])
        let orphan = try #require(findings.last)
        #expect(orphan["file"] as? String == "seed.align" && orphan["line"] as? Int == 37 && orphan["severity"] as? String == "error")
        #expect(orphan["subject"] as? String == "nps_up" && orphan["fails"] as? Bool == true)
        let clean = try JSONSerialization.jsonObject(with: Data(try s.run(["check", "--format", "json", "clean.align"]).stdout.utf8))
        #expect((clean as? [String: Any])?["aligned"] as? Bool == true)
    }

    @Test("--format junit is JUnit XML that Python's xml.etree reads: a failure a finding, skipped when accepted")
    func junit() throws {
        let s = try scratch()
        try s.write("accepted.align", "run seed.align\n# align: accept orphan-goal nps_up \"NPS is a health check\"\n")
        let result = try s.run(["check", "--format", "junit", "accepted.align"])
        #expect(result.status == 1)
        try s.write("report.xml", result.stdout)
        let reader = """
            import sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            print(root.tag, root.get('tests'), root.get('failures'), root.get('errors'), root.get('skipped'))
            for case in root.iter('testcase'):
                kinds = ','.join(child.tag for child in case) or 'pass'
                print(case.get('classname'), case.get('name'), case.get('file'), case.get('line'), kinds)
            """
        try s.write("read.py", reader)
        let parsed = try AlignProcess.run(["read.py", "report.xml"], in: s.url, shell: "exec python3 \"$@\"")
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let lines = parsed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "testsuites 13 4 0 1")
        #expect(lines.contains("align.term-conflict MQL seed.align 9 failure"))
        #expect(lines.contains("align.orphan-goal nps_up seed.align 37 skipped"))
        #expect(lines.contains("align.inconsistent-grains no findings None None pass"))

        try s.write("bad.align", "team a\nteam b horizon=quater\n")
        let stopped = try s.run(["check", "--format", "junit", "bad.align"])
        #expect(stopped.status == 1)
        #expect(stopped.stderr == "bad.align:2:16: error: expected 'month', 'quarter', 'half' or 'year', found 'quater'; did you mean 'quarter'?\n")
        try s.write("stopped.xml", stopped.stdout)
        let error = try AlignProcess.run(["read.py", "stopped.xml"], in: s.url, shell: "exec python3 \"$@\"")
        #expect(error.stdout == "testsuites 1 0 1 0\nalign.script bad.align None None error\n")
    }

    @Test("a script error reads as it always does, and no report follows it in text")
    func scriptError() throws {
        let s = try scratch()
        try s.write("bad.align", "team a\ntam b\n")
        let result = try s.run(["check", "bad.align"])
        #expect(result.status == 1)
        #expect(result.stderr == "bad.align:2:1: error: unknown command 'tam'; did you mean 'team'?\n")
        #expect(result.stdout == "")
    }

    @Test("a file that cannot be read is named first, FILE: error: MESSAGE, with status 1")
    func missingFile() throws {
        let s = try scratch()
        let result = try s.run(["check", "missing.align"])
        #expect(result.status == 1)
        #expect(result.stderr == "missing.align: error: no such file: 'missing.align'\n")
        #expect(result.stdout == "")
        let json = try s.run(["check", "--format", "json", "clean.align", "missing.align"])
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["errors"] as? [String] == ["missing.align: error: no such file: 'missing.align'"])
    }

    @Test("save, export FILE and record in a model are passed over: nothing written, nothing said, the model checked")
    func writesPassedOver() throws {
        let s = try scratch()
        let model = """
            record steps.align
            run clean.align
            save out.align
            export html report.html
            export markdown report.md in 2026-Q3
            export csv
            record off

            """
        try s.write("writes.align", model)
        let result = try s.run(["check", "writes.align"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "aligned: no findings\n" && result.stderr == "")
        for name in ["steps.align", "out.align", "report.html", "report.md"] { #expect(s.read(name) == nil, "\(name) was written") }
        // --safe still refuses them.
        #expect(try s.run(["--safe", "writes.align"]).stderr.contains("would write a file"))
    }

    @Test("a script named check or fmt runs as ./check, or after another argument")
    func scriptNamedCheck() throws {
        let s = try Scratch()
        try s.write("check", "team a\nshow teams\n")
        try s.write("fmt", "team b\nshow teams\n")
        #expect(try s.run(["./check"]).stdout.contains("a"))
        #expect(try s.run(["-q", "check"]).status == 0)
        #expect(try s.run(["./fmt"]).stdout.contains("b"))
        #expect(try s.run(["--", "fmt"]).stdout.contains("b"))
        // As the first word, it is the tool: here a check of the file named check.
        #expect(try s.run(["check", "check"]).stdout.contains("no metric measures revenue"))
    }

    @Test("help: align --help names the tools, align help check and align check --help explain one")
    func help() throws {
        let root = try AlignProcess.run(["--help"])
        #expect(root.stdout.contains("align check [--format text|json|junit]") && root.stdout.contains("align fmt [--check]"))
        let check = try AlignProcess.run(["help", "check"])
        #expect(check.status == 0 && check.stdout.contains("USAGE: align check"))
        #expect(try AlignProcess.run(["check", "--help"]).stdout == check.stdout)
        #expect(try AlignProcess.run(["fmt", "-h"]).stdout.contains("USAGE: align fmt [--check] <files> ..."))
    }
}
