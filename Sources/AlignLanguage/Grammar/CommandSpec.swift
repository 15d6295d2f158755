import AlignCore

/// The groups `help` lists commands under.
public enum CommandGroup: String, Sendable, CaseIterable {
    case build = "Build the workspace"
    case look = "Look at it"
    case ask = "Ask alignment questions"
    case plan = "Plan, actual and forecast"
    case files = "Files and sessions"
    case data = "Data where it lives"
    case workshop = "Workshop"
    case room = "In the room"
    case shell = "The shell"
}

/// One way to write a command: its slots, and how the matched slots become a `Command`.
public struct CommandForm: Sendable {
    /// The slots, in order.
    public let slots: [Slot]
    /// Builds the command from what the slots matched.
    let build: @Sendable (Bindings) throws(Diagnostic) -> Command

    /// Declares a form.
    init(_ slots: [Slot], build: @escaping @Sendable (Bindings) throws(Diagnostic) -> Command) {
        self.slots = slots
        self.build = build
    }

    /// The syntax line for help: the verb and each slot.
    public func syntax(verb: String) -> String {
        ([verb] + slots.map(\.syntax)).joined(separator: " ")
    }
}

/// A command declared as data: the parser, `help`, completion and the
/// language reference are all generated from these.
public struct CommandSpec: Sendable {
    /// The verb that starts the command.
    public let verb: String
    /// Other verbs that mean the same (`exit` for `quit`).
    public let aliases: [String]
    /// Where `help` lists it.
    public let group: CommandGroup
    /// One line: what it does.
    public let summary: String
    /// A paragraph or two: how it behaves.
    public let discussion: String
    /// Commands that show it in use; each runs, in order, after the reference scenario.
    public let examples: [String]
    /// The ways to write it, tried in order.
    public let forms: [CommandForm]

    /// The syntax lines, one per form.
    public var syntax: [String] { forms.map { $0.syntax(verb: verb) } }
}
