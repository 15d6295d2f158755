import AlignLanguage

/// What the command line asked for, in the order it was given.
public struct LaunchPlan: Sendable {
    /// A script file or a `-c` line.
    public enum Input: Equatable, Sendable {
        /// A script to run (`-` and names after `--` included).
        case file(String)
        /// A line given with `-c` or `--command`.
        case command(String)
    }

    /// Scripts and `-c` lines, in order.
    public var inputs: [Input] = []
    /// `-i`: stay interactive after the inputs.
    public var interactive = false
    /// `--keep-going`.
    public var keepGoing = false
    /// `--safe`.
    public var safe = false
    /// `--demo`: start from the reference scenario.
    public var demo = false
    /// `-q`: skip the init file.
    public var quiet = false
    /// `--format`.
    public var format: OutputFormat?
    /// The environment, for XDG folders and NO_COLOR.
    public var environment: [String: String] = [:]
    /// `--recover`: restore the last unfinished session first, or list them.
    public var recover: Recover?
    /// `--theme`: the terminal's colours, high contrast for a projector.
    public var theme: Theme = .default

    /// What `--recover` asks for.
    public enum Recover: Equatable, Sendable {
        /// `--recover`: restore the most recent unfinished session, then carry on.
        case restore
        /// `--recover list`: show what can be recovered, and exit.
        case list
    }

    /// An empty plan.
    public init() {}
}
