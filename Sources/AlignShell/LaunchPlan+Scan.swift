import AlignLanguage

extension LaunchPlan {
    /// A command line read once, argument by argument, in the order given.
    public struct Scan: Sendable {
        /// The FILEs and `-c` lines in the order given, and the flags read.
        public var plan: LaunchPlan
        /// Whether every argument was one of the spellings typed most, so
        /// that the plan can run without swift-argument-parser (see `plain`).
        public var isPlain: Bool

        /// The plan, when the command line is one of those typed most: FILEs,
        /// `-c LINE` (or `--command LINE`), and the flags `-i -q --safe --demo
        /// --keep-going` and `--format F`, each spelled out on its own. Nil
        /// for anything else (help, version, `--recover`, `--`, joined short
        /// flags, `--opt=value`, a repeated flag, a value that starts with
        /// `-`, a mistake), which the entry point hands to swift-argument-parser.
        ///
        /// The full parser reflects over the command's properties and asks
        /// the runtime for protocol conformances, which takes longer than the
        /// rest of `align -c LINE`; start-up is part of align's contract. What
        /// is plain, the full parser reads the same way (end-to-end tests
        /// compare the two on equivalent spellings), and the command line's
        /// definition, help and errors stay with swift-argument-parser.
        public var plain: LaunchPlan? { isPlain ? plan : nil }
    }

    /// Reads a command line: the one scanner of align's arguments. It keeps
    /// what swift-argument-parser's arrays lose, the order in which FILEs and
    /// `-c` lines interleave, and reads the usual command lines whole.
    ///
    /// Where the parser has the final word (`isPlain` false), the inputs are
    /// still read here, in order: an option's value is not a file, `--` ends
    /// the options, `-qc LINE` and `-cLINE` hold a line.
    public static func scan(_ arguments: [String]) -> Scan {
        var plan = LaunchPlan()
        var plain = true
        var seen: Set<String> = []
        var onlyFiles = false
        var i = 0
        /// The value after an option, if there is one; one that looks like
        /// an option is taken, but leaves the reading to the full parser.
        func value() -> String? {
            guard i < arguments.count else {
                plain = false
                return nil
            }
            let next = arguments[i]
            i += 1
            if next.hasPrefix("-") { plain = false }
            return next
        }
        while i < arguments.count {
            let a = arguments[i]
            i += 1
            if onlyFiles || a == "-" || !a.hasPrefix("-") {
                if onlyFiles || a.isEmpty || a == "-" { plain = false }
                plan.inputs.append(.file(a))
                continue
            }
            switch a {
            case "--":
                onlyFiles = true
                plain = false
            case "-c", "--command":
                if let line = value() { plan.inputs.append(.command(line)) }
            case "--format":
                guard let name = value() else { break }
                if plan.format != nil { plain = false }
                plan.format = OutputFormat(rawValue: name)
                if plan.format == nil { plain = false }
            case "--theme":
                // Its value is not a file; the full parser reads it.
                _ = value()
                plain = false
            case "-i", "-q", "--safe", "--demo", "--keep-going":
                if !seen.insert(a).inserted { plain = false }
                switch a {
                case "-i": plan.interactive = true
                case "-q": plan.quiet = true
                case "--safe": plan.safe = true
                case "--demo": plan.demo = true
                default: plan.keepGoing = true
                }
            default:
                plain = false
                if a.hasPrefix("--command=") {
                    plan.inputs.append(.command(String(a.dropFirst("--command=".count))))
                } else if a.hasPrefix("--format=") {
                    plan.format = OutputFormat(rawValue: String(a.dropFirst("--format=".count)))
                } else if !a.hasPrefix("--") {
                    // Joined short flags: `-qc LINE`, `-cLINE`; the line ends them.
                    let letters = a.dropFirst()
                    let flags = letters.prefix { $0 != "c" }
                    if flags.contains("i") { plan.interactive = true }
                    if flags.contains("q") { plan.quiet = true }
                    if let c = letters.firstIndex(of: "c") {
                        let rest = letters[letters.index(after: c)...]
                        if rest.isEmpty {
                            if let line = value() { plan.inputs.append(.command(line)) }
                        } else {
                            plan.inputs.append(.command(String(rest)))
                        }
                    }
                }
            }
        }
        return Scan(plan: plan, isPlain: plain)
    }
}
