import AlignCore
import AlignLanguage

/// What the room's page shows, handed from the session to the page's
/// server as one immutable value: a copy of the workspace (a value type,
/// so the session goes on changing its own), the theme, and a revision
/// that grows with each change.
public struct RoomState: Sendable {
    /// The workspace as it is after the change.
    public var workspace: Workspace
    /// The terminal's theme, which the page follows.
    public var theme: Theme
    /// Counts the states handed over: the page asks again when it grows.
    public var revision: Int
    /// The workspace's name, shown as the page's title.
    public var title: String

    /// Makes a state.
    public init(workspace: Workspace, theme: Theme = .default, revision: Int, title: String = "Alignment workshop") {
        self.workspace = workspace
        self.theme = theme
        self.revision = revision
        self.title = title
    }
}
