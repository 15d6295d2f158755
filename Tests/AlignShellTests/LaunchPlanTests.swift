import AlignShell
import Testing

@Suite("Command-line order")
struct LaunchPlanTests {
    @Test("-c lines and files keep the order they were given in")
    func interleaved() {
        let inputs = LaunchPlan.scan(["-c", "team a", "x.align", "--keep-going", "-c", "show teams", "y.align"]).plan.inputs
        #expect(inputs == [.command("team a"), .file("x.align"), .command("show teams"), .file("y.align")])
    }

    @Test("--command is the long form of -c")
    func longForm() throws {
        let plan = try #require(LaunchPlan.scan(["--command", "team a", "x.align", "-c", "show"]).plain)
        #expect(plan.inputs == [.command("team a"), .file("x.align"), .command("show")])
    }

    @Test("joined short flags: the letters before c are flags, what follows c is the line")
    func joined() {
        let scan = LaunchPlan.scan(["-iqc", "team a", "-cq"])
        #expect(scan.plan.inputs == [.command("team a"), .command("q")])
        #expect(scan.plan.interactive && scan.plan.quiet && !scan.isPlain)
    }

    @Test("values of options are not files, and -- ends the options")
    func optionValues() {
        let inputs = LaunchPlan.scan(["--format", "json", "-ic", "show", "--command=tree", "--", "-odd.align"]).plan.inputs
        #expect(inputs == [.command("show"), .command("tree"), .file("-odd.align")])
    }
}

@Suite("The common command lines, read without the full parser")
struct CommonLaunchPlanTests {
    @Test("files, -c lines and flags, in order")
    func common() throws {
        let plan = try #require(
            LaunchPlan.scan(["-c", "team a", "x.align", "--keep-going", "-i", "--format", "csv", "-c", "show", "-q", "--safe", "--demo"]).plain)
        #expect(plan.inputs == [.command("team a"), .file("x.align"), .command("show")])
        #expect(plan.interactive && plan.keepGoing && plan.quiet && plan.safe && plan.demo)
        #expect(plan.format == .csv)
        let empty = try #require(LaunchPlan.scan([]).plain)
        #expect(empty.inputs.isEmpty && !empty.interactive && empty.format == nil)
    }

    @Test("anything unusual is left to the full parser", arguments: [
        ["--help"], ["-h"], ["--version"], ["-ic", "show"], ["-c"], ["-c", "-x"], ["--format", "xml"], ["--format"],
        ["-i", "-i"], ["--format", "csv", "--format", "json"], ["--"], ["-"], ["--bogus"], ["--command=show"],
        ["--format=csv"], [""], ["-x"],
    ])
    func unusual(_ arguments: [String]) {
        #expect(LaunchPlan.scan(arguments).plain == nil)
    }
}
