import AlignLanguage
import AlignSession

/// align(1), the manual page, in man(7) macros: the command line's options
/// and tools as the entry point declares them, every command of the
/// language from the command table, and the rules of `align check`; so
/// the page cannot drift from what align does. `scripts/install` writes it
/// with `align --generate-man-page`.
public enum ManPage {
    /// An option of the command line, as its help shows it.
    public struct Option: Sendable, Equatable {
        /// The spellings, with the value's name: `-c <line>`, `-h, --help`.
        public var names: String
        /// What it does.
        public var help: String

        /// Makes an option.
        public init(names: String, help: String) {
            self.names = names
            self.help = help
        }
    }

    /// A tool of the command line: `align check`, `align fmt`.
    public struct Tool: Sendable {
        /// Its usage line.
        public var usage: String
        /// One line: what it does.
        public var abstract: String
        /// How it behaves.
        public var discussion: String
        /// Its options.
        public var options: [Option]

        /// Makes a tool.
        public init(usage: String, abstract: String, discussion: String, options: [Option]) {
            self.usage = usage
            self.abstract = abstract
            self.discussion = discussion
            self.options = options
        }
    }

    /// The page, from what the entry point declares: align's own usage
    /// line, abstract, discussion and options, and its tools.
    public static func render(usage: String, abstract: String, discussion: String, options: [Option], tools: [Tool])
        -> String
    {
        var page = ".TH ALIGN 1 \"\" \"align \(Session.version)\" \"User Commands\"\n"
        // Syntax lines and file names read best unhyphenated and ragged right.
        page += ".nh\n.ad l\n"
        page += ".SH NAME\nalign \\- " + text(abstract.lowercasedFirst.droppingFinalStop) + "\n"
        page += ".SH SYNOPSIS\n" + ([usage] + tools.map(\.usage)).map(synopsis).joined(separator: ".br\n")
        page += ".SH DESCRIPTION\n" + paragraphs(discussion) + ".PP\n" + text(Self.language) + "\n"
        page += ".SH OPTIONS\n" + self.options(options)
        for tool in tools {
            page += ".SH " + text(tool.usage.split(separator: " ").prefix(2).joined(separator: " ").uppercased()) + "\n"
            page += synopsis(tool.usage) + ".PP\n" + text(tool.abstract) + "\n" + paragraphs(tool.discussion) + self.options(tool.options)
            if tool.usage.hasPrefix("align check") { page += rules() }
        }
        page += commands()
        page += sections
        return page
    }

    /// A usage line, the program's name bold and the rest as written.
    static func synopsis(_ usage: String) -> String {
        let words = usage.split(separator: " ", maxSplits: usage.hasPrefix("align check") || usage.hasPrefix("align fmt") ? 2 : 1)
        let bold = words.count > 2 ? words[0] + " " + words[1] : String(words[0])
        let rest = words.count > 2 ? String(words[2]) : words.count > 1 ? String(words[1]) : ""
        return ".B \(text(bold))\n" + (rest.isEmpty ? "" : text(rest) + "\n")
    }

    /// Paragraphs of a discussion, each a `.PP`.
    static func paragraphs(_ discussion: String) -> String {
        discussion.split(separator: "\n\n").map { ".PP\n" + text($0.split(separator: "\n").joined(separator: " ")) + "\n" }
            .joined()
    }

    static func options(_ list: [Option]) -> String {
        list.map { ".TP\n.B \(text($0.names))\n\(text($0.help))\n" }.joined()
    }

    /// The rules of `align check`, each with its severity.
    static func rules() -> String {
        var out = ".PP\nThe rules, each with its severity (error and warning fail the check unless \\-\\-fail\\-on says otherwise; a note never does):\n"
        for rule in CheckRule.all {
            out += ".TP\n.BR \(text(rule.id)) \" (\(rule.severity.rawValue); subject \(text(rule.subject)))\"\n\(text(rule.summary))\n"
        }
        return out
    }

    /// Every command of the language, by group: syntax and summary.
    static func commands() -> String {
        var out = ".SH COMMANDS OF THE LANGUAGE\n"
        out += "Each line of a script, or typed at the prompt, is one of these; \\fBhelp\\fR \\fICOMMAND\\fR explains one in full.\n"
        for group in CommandGroup.allCases {
            let specs = CommandTable.all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            out += ".SS \(text(group.rawValue))\n"
            for spec in specs {
                // One tag a form; .TQ (man-db's groff and mandoc read it) adds a tag to the same entry.
                out += ".TP\n" + spec.syntax.map { ".B \(syntaxLine($0))\n" }.joined(separator: ".TQ\n")
                out += text(spec.summary) + (spec.aliases.isEmpty ? "" : " Also spelled " + text(spec.aliases.joined(separator: ", ")) + ".") + "\n"
            }
        }
        return out
    }

    /// A command's syntax line: text that may break after each `|` (`\\:`
    /// is an empty break point), so a long list of choices fits the page.
    static func syntaxLine(_ raw: String) -> String {
        text(raw).split(separator: "|", omittingEmptySubsequences: false).joined(separator: "|\\:")
    }

    /// Text as roff reads it: backslashes and minus signs escaped, and no
    /// line that starts with a control character.
    static func text(_ raw: String) -> String {
        var out = ""
        for character in raw {
            switch character {
            case "\\": out += "\\e"
            case "-": out += "\\-"
            // A quote would end an argument of a macro line.
            case "\"": out += "\\(dq"
            case "\n": out += "\n"
            default: out.append(character)
            }
        }
        return out.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(".") || line.hasPrefix("'") ? "\\&" + line : String(line)
        }.joined(separator: "\n")
    }
}

extension String {
    /// The text with its first letter in lower case.
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
    /// The text without a full stop at its end.
    var droppingFinalStop: String { hasSuffix(".") ? String(dropLast()) : self }
}
