import AlignLanguage
import AlignSession

extension LaunchPlan {
    /// The plan for the command lines typed most: FILEs, `-c LINE`, and the
    /// flags `-i -q --safe --demo --keep-going` and `--format F`, each spelled
    /// out on its own. Nil for anything else (help, version, `--`, joined short
    /// flags, `--opt=value`, a repeated flag, a value that starts with `-`, a
    /// mistake), which the entry point leaves to swift-argument-parser.
    ///
    /// The full parser reflects over the command's properties and asks the
    /// runtime for protocol conformances, which takes longer than the rest
    /// of `align -c LINE`; start-up is part of align's contract. What this
    /// accepts, the full parser reads the same way (end-to-end tests compare
    /// the two on equivalent spellings), and the command line's definition,
    /// help and errors stay with swift-argument-parser.
    public static func common(_ arguments: [String]) -> LaunchPlan? {
        var plan = LaunchPlan()
        var seen: Set<String> = []
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            i += 1
            if !a.hasPrefix("-") {
                guard !a.isEmpty else { return nil }
                plan.inputs.append(.file(a))
                continue
            }
            if a == "-c" || a == "--format" {
                guard i < arguments.count, !arguments[i].hasPrefix("-") else { return nil }
                let value = arguments[i]
                i += 1
                if a == "-c" {
                    plan.inputs.append(.command(value))
                } else {
                    guard plan.format == nil, let format = OutputFormat(rawValue: value) else { return nil }
                    plan.format = format
                }
                continue
            }
            guard seen.insert(a).inserted else { return nil }
            switch a {
            case "-i": plan.interactive = true
            case "-q": plan.quiet = true
            case "--safe": plan.safe = true
            case "--demo": plan.demo = true
            case "--keep-going": plan.keepGoing = true
            default: return nil
            }
        }
        return plan
    }
}
