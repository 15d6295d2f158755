import AlignLanguage
import AlignOutput

/// How a session behaves: decided by the entry point from the command line
/// and the terminal.
public struct SessionOptions: Sendable {
    /// Commands come from a person at a prompt: confirm changes, keep undo,
    /// show errors under the line.
    public var interactive = false
    /// Refuse to write files, and to read outside the script's folder.
    public var safe = false
    /// `align check`: sources and actuals definitions are kept but nothing is
    /// pulled: `refresh` and `fit` are passed over with a warning, so a model
    /// that names its sources is checked on the values its files record.
    /// Without it, `safe` refuses every source line.
    public var pullsNoSources = false
    /// `align check`: `save`, `export FILE` and `record FILE` are passed
    /// over without a word, as if the file were written, so a team's model
    /// that saves or exports can be checked; nothing is written. Without
    /// it, `safe` refuses them.
    public var writesNothing = false
    /// Carry on after a failing command in a script.
    public var keepGoing = false
    /// How many files one command may run in all, nested runs included:
    /// scripts that each run the next one twice stay within the depth of
    /// `run` but would run 2^64 files.
    public var mostFilesRun = 100_000
    /// How long a piece of a script is, at least, when a replay lets go of
    /// its text as it runs (`ScriptPieces`); shorter scripts are one piece.
    public var scriptPieceBytes = 64 << 10
    /// How answers print.
    public var format: OutputFormat = .table
    /// Colours for standard output.
    public var style: Style = .plain
    /// Colours for standard error.
    public var errorStyle: Style = .plain
    /// Box tables (standard output is a terminal).
    public var boxed = false
    /// The terminal's width in columns, which answers wrap to; nil in a
    /// pipe or a file, where lines keep their length.
    public var width: Int?
    /// The terminal's colours: default, or high contrast for a projector.
    public var theme: Theme = .default
    /// The time that stamps and reports use instead of the clock, in seconds
    /// since 1970 (SOURCE_DATE_EPOCH), so that their output can be reproduced.
    public var fixedTime: Int?
    /// Keep undo records (interactive sessions, and tests).
    public var undo = false
    /// Without `undo`, start keeping undo records at the first script that
    /// mentions undo or redo (a replay with no prompt after it keeps none
    /// until a script may ask for one: each command of a script would cost
    /// its record, 16 to 90 bytes, for nothing).
    public var undoWhenScriptsAsk = false
    /// The folder relative paths start from when no script is running.
    public var workingDirectory = "."

    /// Default options: a script in a pipe.
    public init() {}
}
