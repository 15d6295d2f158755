import Foundation
import Testing

/// `--safe`, for scripts one did not write: no file written, nothing read
/// outside the folder of the script that asks.
@Suite("--safe")
struct SafeModeTests {
    @Test("every command that would write a file is refused, and nothing is written", arguments: [
        ("save out.align", 6, "save"), ("export csv out.csv", 12, "export"), ("export markdown out.md", 17, "export"),
        ("record out.align", 8, "record"),
    ])
    func noWrites(_ line: String, _ column: Int, _ verb: String) throws {
        let s = try Scratch()
        let result = try s.run(["--safe", "-c", "team A", "-c", line])
        #expect(result.status == 1)
        #expect(result.stderr == "<arg>:1:\(column): error: --safe: '\(verb)' would write a file, and safe mode writes none\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.url.path).allSatisfy { !$0.hasPrefix("out") })
    }

    @Test("export without a file still prints")
    func exportPrints() throws {
        let s = try Scratch()
        let result = try s.run(["--safe", "-c", "metric m", "-c", "value m 2026 1", "-c", "export csv"])
        #expect(result.status == 0)
        #expect(result.stdout == "metric,period,value\nm,2026,1\n")
    }

    @Test("run and import read inside the asking script's folder, and nothing outside it")
    func reads() throws {
        let s = try Scratch()
        try s.write("secret.align", "team Secret\n")
        try s.write("secret.csv", "metric,period,value\nm,2026,1\n")
        try s.write("shared/plan.align", "metric m\nrun parts/more.align\nimport values parts/v.csv\n")
        try s.write("shared/parts/more.align", "team Inside\n")
        try s.write("shared/parts/v.csv", "metric,period,value\nm,2026,2\n")
        try s.write("shared/escape.align", "run ../secret.align\n")
        try s.write("shared/steal.align", "metric m\nimport values ../secret.csv\n")
        try FileManager.default.createSymbolicLink(atPath: s.path("shared/link.align"), withDestinationPath: "../secret.align")
        try s.write("shared/vialink.align", "run link.align\n")

        let inside = try s.run(["--safe", "shared/plan.align", "-c", "show teams", "-c", "export csv"])
        #expect(inside.status == 0, "\(inside.stderr)")
        #expect(inside.stdout.contains("Inside") && inside.stdout.contains("m,2026,2"))

        let escape = try s.run(["--safe", "shared/escape.align"])
        #expect(escape.status == 1)
        #expect(escape.stderr.hasPrefix("shared/escape.align:1:5: error: --safe: '../secret.align' is outside the folder of the script that asks ("))
        let steal = try s.run(["--safe", "shared/steal.align"])
        #expect(steal.stderr.hasPrefix("shared/steal.align:2:15: error: --safe: '../secret.csv' is outside the folder"))
        let link = try s.run(["--safe", "shared/vialink.align"])
        #expect(link.stderr.hasPrefix("shared/vialink.align:1:5: error: --safe: 'link.align' is outside the folder"), "a link out of the folder counts as outside: \(link.stderr)")
        let absolute = try s.run(["--safe", "-c", "run \(s.path("secret.align"))"])
        #expect(absolute.status == 0, "-c asks from the working folder, and the file is in it")
    }
}
