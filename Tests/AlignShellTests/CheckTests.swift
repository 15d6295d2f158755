import AlignSession
import Foundation
import Testing

@testable import AlignShell

/// `align check`: the files run, the queries asked, each finding at the
/// line that defines what it is about, accept lines honoured.
@Suite("align check")
struct CheckTests {
    /// A folder of scripts, checked in a session of its own.
    struct Folder {
        let url: URL

        init(_ files: [String: String]) throws {
            url = FileManager.default.temporaryDirectory.appendingPathComponent("align-check-" + UUID().uuidString)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, text) in files { try Data(text.utf8).write(to: url.appendingPathComponent(name)) }
        }

        func check(_ names: [String], failOn: CheckSeverity = .warning) -> (CheckOutcome, String) {
            let errors = CapturedOutput()
            let outcome = Checker.check(names.map { url.appendingPathComponent($0).path }, failOn: failOn, errors: errors)
            return (outcome, errors.stderr)
        }
    }

    static let seed = try! String(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/seed-scenario.align"), encoding: .utf8)

    /// `RULE SUBJECT LINE` of each finding, for a compact comparison.
    func summary(_ outcome: CheckOutcome) -> [String] {
        outcome.findings.map { "\($0.rule.id) \($0.subject) \($0.place.map { String($0.line) } ?? "-")\($0.accepted == nil ? "" : " accepted")" }
    }

    @Test("the reference scenario: each finding the queries make, at its defining line")
    func referenceScenario() throws {
        let (outcome, errors) = try Folder(["seed.align": Self.seed]).check(["seed.align"])
        #expect(errors == "")
        #expect(
            summary(outcome) == [
                "term-conflict MQL 9", "inconsistent-goals q3_mqls->q3_bookings 35", "missed-goal q3_bookings 35",
                "horizon-conflict q3_bookings 35", "orphan-goal nps_up 37",
            ])
        #expect(!outcome.aligned && outcome.status == 1)
        #expect(outcome.count(.error) == 4 && outcome.count(.warning) == 1)
        let consistency = try #require(outcome.findings.first { $0.rule.id == "inconsistent-goals" })
        #expect(consistency.message.contains("implies revenue 1,800,000 USD in 2026-Q3, below the 2,500,000 USD of q3_bookings"))
        #expect(consistency.notes == ["meeting q3_bookings takes 1,250 mqls"])
    }

    @Test("accept lines: accepted findings do not fail; a wildcard takes a rule; a stale line is a note, a bad one an error")
    func accepting() throws {
        let folder = try Folder([
            "seed.align": Self.seed,
            "accepts.align": """
                # align: accept orphan-goal nps_up "NPS is a health check, not a revenue lever"
                # align: accept horizon-conflict * "brand is marketing's to move"
                # align: accept missed-goal q9 "gone"
                """,
            "more.align": """
                # align: accept term-conflict MQL "the workshop settles it"
                # align: accept inconsistent-goals q3_mqls->q3_bookings "marketing's target is being raised"
                # align: accept missed-goal q3_bookings "Q3 is history"
                #align:accept orphan-gaol x "typo"
                # align: accept term-conflict MQL
                # align: notes for the author, not a directive
                """,
        ])
        let (partly, _) = folder.check(["seed.align", "accepts.align"])
        #expect(
            summary(partly) == [
                "term-conflict MQL 9", "inconsistent-goals q3_mqls->q3_bookings 35", "missed-goal q3_bookings 35",
                "horizon-conflict q3_bookings 35 accepted", "orphan-goal nps_up 37 accepted",
                "unused-accept missed-goal:q9 3",
            ])
        #expect(partly.acceptedCount == 2)
        let accepted = try #require(partly.findings.first { $0.rule.id == "orphan-goal" }?.accepted)
        #expect(accepted.reason == "NPS is a health check, not a revenue lever" && accepted.place.line == 1)

        let (all, _) = folder.check(["seed.align", "accepts.align", "more.align"])
        #expect(all.findings.filter { $0.accepted == nil }.map(\.rule.id) == ["unused-accept", "bad-accept", "bad-accept"])
        #expect(!all.aligned, "a bad accept line fails the check")
        let bad = all.findings.filter { $0.rule.id == "bad-accept" }.map(\.message)
        #expect(bad == [
            "unknown rule 'orphan-gaol'; did you mean 'orphan-goal'?",
            "say why the finding is accepted: # align: accept term-conflict MQL \"why\"",
        ])
    }

    @Test("--fail-on: notes never fail unless asked; errors alone when asked")
    func failOn() throws {
        let folder = try Folder([
            "plan.align": """
                team sales horizon=quarter
                metric leads
                metric price
                metric revenue = leads * price
                goal g1 sales revenue >= 10 by 2026-Q1
                goal g2 sales leads >= 5 by 2026-Q1
                """
        ])
        let (outcome, _) = folder.check(["plan.align"])
        #expect(summary(outcome) == ["unchecked-goals g2->g1 5"])
        #expect(outcome.findings.first?.message == "whether g2 and g1 add up cannot be worked out: no value for price in 2026-Q1")
        #expect(outcome.aligned)
        #expect(!folder.check(["plan.align"], failOn: .note).0.aligned)
        #expect(try Folder(["s.align": Self.seed + "# align: accept term-conflict MQL \"x\"\n# align: accept inconsistent-goals * \"x\"\n# align: accept missed-goal * \"x\"\n# align: accept orphan-goal * \"x\"\n"]).check(["s.align"], failOn: .error).0.aligned)
    }

    @Test("goals over grains, undefined terms, clashing synonyms, and a workspace without revenue")
    func otherRules() throws {
        let folder = try Folder([
            "grains.align": """
                team m horizon=year
                metric leads owner=m term=Lead
                metric revenue = leads * 10
                term Opp "a deal" by=m aka=Deal
                term Deal "a signed deal" by=m
                goal y m leads >= 1000 by 2026
                goal q1 m leads >= 100 by 2026-Q1
                goal q2 m leads >= 100 by 2026-Q2
                goal q3 m leads >= 100 by 2026-Q3
                goal q4 m leads >= 100 by 2026-Q4
                """,
            "bare.align": "team t\nmetric m\ngoal g t m >= 1 by 2026\n",
        ])
        let (outcome, _) = folder.check(["grains.align"])
        #expect(summary(outcome) == ["undefined-term Lead 2", "synonym-clash Deal 4", "inconsistent-grains y 6"])
        #expect(outcome.findings.last?.message.contains("make 400") == true)
        #expect(summary(folder.check(["bare.align"]).0) == ["no-revenue revenue -"])
    }

    @Test("a goal missed in a period the actuals have closed; one without an actual there is a note; an open period is not judged")
    func closedPeriods() throws {
        let (outcome, _) = try Folder([
            "p.align": """
                team s horizon=quarter
                metric revenue
                metric other
                value revenue 2026-01 10
                value revenue 2026-02 10
                value revenue 2026-03 10
                goal q1 s revenue >= 40 by 2026-Q1
                goal jan s revenue >= 10 by 2026-01
                goal q2 s revenue >= 40 by 2026-Q2
                goal o s other >= 1 by 2026-Q1
                """
        ]).check(["p.align"])
        #expect(summary(outcome).filter { !$0.hasPrefix("orphan") } == ["missed-goal q1 7", "unmeasured-goal o 10"])
    }

    @Test("a finding points at the line that made its subject, through run and rename")
    func places() throws {
        let folder = try Folder([
            "main.align": "run parts.align\nrename goal old nps_up\n",
            "parts.align": Self.seed.replacingOccurrences(of: "goal nps_up", with: "goal old"),
        ])
        let (outcome, _) = folder.check(["main.align"])
        let orphan = try #require(outcome.findings.first { $0.rule.id == "orphan-goal" })
        #expect(orphan.subject == "nps_up")
        #expect(orphan.place?.file.hasSuffix("parts.align") == true && orphan.place?.line == 37)
    }

    @Test("a script that stops: its error, as always, and no finding")
    func scriptError() throws {
        let (outcome, errors) = try Folder(["bad.align": "team a\nteam b horizon=quater\nmetric m\ngoal g a m >= 1 by 2026\n"])
            .check(["bad.align"])
        #expect(errors.contains("bad.align:2:16: error: expected 'month', 'quarter', 'half' or 'year', found 'quater'"))
        #expect(outcome.findings.isEmpty && outcome.scriptErrors.count == 1 && outcome.status == 1)
    }

    @Test("sources: their lines stand, nothing is pulled (refresh and fit are passed over with a warning)")
    func sources() throws {
        let folder = try Folder([
            "m.align": """
                team s horizon=quarter
                metric revenue unit=USD
                source opps csv "opps.csv"
                actuals revenue = sum(Amount) from opps by CloseDate
                refresh
                value revenue 2026-Q1 100
                goal g s revenue >= 150 by 2026-Q1
                """,
            "opps.csv": "CloseDate,Amount\n2026-01-15,1000\n",
        ])
        let (outcome, errors) = folder.check(["m.align"])
        #expect(errors.contains("m.align:5:1: warning: align check pulls from no source: 'refresh' is passed over"))
        #expect(summary(outcome) == ["missed-goal g 7"], "the recorded 100, not the export's 1,000")
    }

    @Test("the files run as --safe: nothing written; save, export FILE and record are passed over without a word")
    func safe() throws {
        let folder = try Folder(["w.align": "team a\nsave out.align\nexport html r.html\nrecord steps.align\nteam b\n"])
        let (outcome, errors) = folder.check(["w.align"])
        #expect(errors == "")
        #expect(outcome.status == 0 && outcome.scriptErrors.isEmpty)
        for name in ["out.align", "r.html", "steps.align"] {
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(name).path), "\(name)")
        }
    }
}
