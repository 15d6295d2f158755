/// The report as JUnit XML, the format CI systems show test results in.
///
/// Each rule is a test suite (`align.RULE`) and each finding a test case
/// named by its subject, with `file` and `line`: a finding that fails the
/// check is a `<failure>`, an accepted one is `<skipped>`, one below
/// `--fail-on` passes with its message as output, and a rule with no
/// findings has one passing case, so the report shows every rule that ran.
/// Files that stop at an error are one suite, `align.script`, whose case
/// is an `<error>`: the model did not build, so nothing was checked.
extension CheckReport {
    static func junit(_ outcome: CheckOutcome) -> String {
        var suites: [String] = []
        var tests = 0
        var failures = 0
        var skipped = 0
        if !outcome.scriptErrors.isEmpty {
            let text = outcome.scriptErrors.joined(separator: "\n")
            let first = outcome.scriptErrors.first { $0.contains("error:") } ?? outcome.scriptErrors[0]
            let files = outcome.files.joined(separator: " ")
            suites.append(
                "  <testsuite name=\"align.script\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                    + "    <testcase classname=\"align.script\" name=\"\(xml(files))\">\n"
                    + "      <error type=\"script\" message=\"\(xml(first))\">\(xml(text))</error>\n"
                    + "    </testcase>\n  </testsuite>")
            return document(suites, tests: 1, failures: 0, errors: 1, skipped: 0)
        }
        for rule in CheckRule.all {
            let found = outcome.findings.filter { $0.rule == rule }
            var cases: [String] = []
            var suiteFailures = 0
            var suiteSkipped = 0
            for finding in found {
                var attributes = "classname=\"align.\(rule.id)\" name=\"\(xml(finding.subject))\""
                if let place = finding.place { attributes += " file=\"\(xml(place.file))\" line=\"\(place.line)\"" }
                let said = prefix(finding.place) + "\(finding.severity.rawValue): \(finding.message)"
                let detail = ([said] + finding.notes.map { "  " + $0 }).joined(separator: "\n")
                var body: String
                if let accepted = finding.accepted {
                    suiteSkipped += 1
                    body = "<skipped message=\"\(xml("accepted at \(accepted.place): \(accepted.reason)"))\"/>"
                } else if finding.fails(at: outcome.failOn) {
                    suiteFailures += 1
                    body = "<failure type=\"\(finding.severity.rawValue)\" message=\"\(xml(finding.message))\">\(xml(detail))</failure>"
                } else {
                    body = "<system-out>\(xml(detail))</system-out>"
                }
                cases.append("    <testcase \(attributes)>\n      \(body)\n    </testcase>")
            }
            if found.isEmpty {
                cases.append("    <testcase classname=\"align.\(rule.id)\" name=\"no findings\"/>")
            }
            tests += cases.count
            failures += suiteFailures
            skipped += suiteSkipped
            suites.append(
                "  <testsuite name=\"align.\(rule.id)\" tests=\"\(cases.count)\" failures=\"\(suiteFailures)\" errors=\"0\" skipped=\"\(suiteSkipped)\">\n"
                    + cases.joined(separator: "\n") + "\n  </testsuite>")
        }
        return document(suites, tests: tests, failures: failures, errors: 0, skipped: skipped)
    }

    private static func document(_ suites: [String], tests: Int, failures: Int, errors: Int, skipped: Int) -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"align check\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\">\n"
            + suites.joined(separator: "\n") + "\n</testsuites>\n"
    }

    /// Text as XML character data or an attribute value: markup escaped, and
    /// the control characters XML 1.0 has no place for made U+FFFD.
    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
