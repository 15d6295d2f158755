import AlignCore

/// Every command of the language, declared once.
public enum CommandTable {
    /// The commands, in the order `help` lists them within each group.
    public static let all: [CommandSpec] = buildCommands + lookCommands + askCommands + planCommands + fileCommands
        + dataCommands + workshopCommands + roomCommands + shellCommands

    private static let byVerb: [String: CommandSpec] = {
        var map: [String: CommandSpec] = [:]
        for spec in all {
            map[spec.verb] = spec
            for alias in spec.aliases { map[alias] = spec }
        }
        return map
    }()

    /// The command a verb (or alias) starts.
    public static func spec(for verb: String) -> CommandSpec? { byVerb[verb] }

    /// Every verb, without aliases, in table order.
    public static var verbs: [String] { all.map(\.verb) }

    /// Every verb and alias.
    public static var verbsAndAliases: [String] { all.flatMap { [$0.verb] + $0.aliases } }
}

/// Helpers the builders share.
extension Bindings {
    /// A name the form guarantees.
    func required(_ label: String) -> Name { name(label)! }
}

extension Horizon {
    static var words: [String] { allCases.map(\.rawValue) }
}

extension Aggregation {
    static var words: [String] { allCases.map(\.rawValue) }
}
