import AlignShell
import Testing

@Suite("Command-line order")
struct LaunchPlanTests {
    @Test("-c lines and files keep the order they were given in")
    func interleaved() {
        let inputs = LaunchPlan.orderedInputs(["-c", "team a", "x.align", "--keep-going", "-c", "show teams", "y.align"])
        #expect(inputs == [.command("team a"), .file("x.align"), .command("show teams"), .file("y.align")])
    }

    @Test("values of options are not files, and -- ends the options")
    func optionValues() {
        let inputs = LaunchPlan.orderedInputs(["--format", "json", "-ic", "show", "--command=tree", "--", "-odd.align"])
        #expect(inputs == [.command("show"), .command("tree"), .file("-odd.align")])
    }
}
