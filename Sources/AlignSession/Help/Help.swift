import AlignLanguage
import AlignOutput

/// `help`, and the language reference, from the command table.
public enum Help {
    /// The overview: commands by group, each with its summary, wrapped to
    /// `width` (at most `Help.width`).
    public static func overview(width: Int = Help.width) -> Document {
        var doc = Document()
        for group in CommandGroup.allCases {
            let specs = CommandTable.all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            doc.heading(group.rawValue)
            let verbWidth = specs.map { $0.verb.count }.max() ?? 0
            let indent = String(repeating: " ", count: verbWidth + 4)
            for spec in specs {
                let summary = wrap(spec.summary, first: indent, rest: indent, width: width)
                doc.line("  ", Span(pad(spec.verb, verbWidth), .name), "  ", Span(String(summary[0].dropFirst(indent.count))))
                for more in summary.dropFirst() { doc.line(Span(more)) }
            }
            doc.line("")
        }
        for line in wrap("'help COMMAND' explains one; Tab completes commands and names.", width: width) {
            doc.line(Span(line, .dim))
        }
        return doc
    }

    /// One command: syntax, summary, options, discussion, examples, wrapped
    /// to `width` (at most `Help.width`).
    public static func topic(_ spec: CommandSpec, width: Int = Help.width) -> Document {
        var doc = Document()
        for line in wrap(spec.verb + " — " + spec.summary, rest: String(repeating: " ", count: spec.verb.count + 3), width: width) {
            doc.heading(line)
        }
        doc.line("")
        for line in spec.syntax { doc.line("  ", Span(line, .name)) }
        if !spec.aliases.isEmpty { doc.line("  (also: \(spec.aliases.joined(separator: ", ")))") }
        doc.line("")
        for line in discussionLines(spec.discussion, width: width) { doc.line(Span(line)) }
        let options = self.options(of: spec)
        if !options.isEmpty {
            doc.line("")
            doc.line("Options:")
            let width = options.map { $0.key.count + 1 }.max() ?? 0
            for option in options { doc.line("  ", Span(pad(option.key + "=", width), .name), "  ", Span(option.summary)) }
        }
        if !spec.examples.isEmpty {
            doc.line("")
            doc.line("Examples:")
            for example in spec.examples { doc.line("  ", Span(example)) }
        }
        return doc
    }

    /// The options a command's forms accept, each once.
    static func options(of spec: CommandSpec) -> [OptionSpec] {
        var seen: [OptionSpec] = []
        func collect(_ slots: [Slot]) {
            for slot in slots {
                switch slot {
                case .options(let list, _): for o in list where !seen.contains(where: { $0.key == o.key }) { seen.append(o) }
                case .optional(let inner), .repeated(_, let inner, _): collect(inner)
                default: break
                }
            }
        }
        for form in spec.forms { collect(form.slots) }
        return seen
    }

    /// The reference section of docs/LANGUAGE.md: every command, generated.
    public static func reference() -> String {
        var out = ""
        for group in CommandGroup.allCases {
            let specs = CommandTable.all.filter { $0.group == group }
            guard !specs.isEmpty else { continue }
            out += "### \(group.rawValue)\n\n"
            for spec in specs {
                out += "#### `\(spec.verb)`\n\n\(spec.summary)\n\n```\n"
                for line in spec.syntax { out += line + "\n" }
                out += "```\n\n"
                for paragraph in paragraphs(spec.discussion) {
                    out += paragraph.count == 1 ? paragraph[0] + "\n\n" : paragraph.map { "- " + $0 + "\n" }.joined() + "\n"
                }
                if !spec.aliases.isEmpty { out += "Also spelled: " + spec.aliases.map { "`\($0)`" }.joined(separator: ", ") + ".\n\n" }
                let options = self.options(of: spec)
                if !options.isEmpty {
                    out += "| option | meaning |\n| --- | --- |\n"
                    for o in options { out += "| `\(o.key)=\(o.value.placeholder.split(separator: "|").joined(separator: "\\|"))` | \(o.summary) |\n" }
                    out += "\n"
                }
                if !spec.examples.isEmpty {
                    out += "Examples:\n\n```\n" + spec.examples.map { $0 + "\n" }.joined() + "```\n\n"
                }
            }
        }
        return out
    }
}
