import AlignShell
import ArgumentParser

/// What align(1) says of the command line, read from the declarations
/// swift-argument-parser holds, so the page lists exactly the options
/// `--help` lists, in the same words.
extension AlignCommand {
    static func manPage() -> String {
        let tools: [ParsableCommand.Type] = [CheckCommand.self, FormatCommand.self]
        return ManPage.render(
            usage: "align [options] [FILE...]", abstract: configuration.abstract, discussion: configuration.discussion,
            options: options(of: self),
            tools: tools.map { tool in
                ManPage.Tool(
                    // One line on the page: the terminal's breaks are roff's to make.
                    usage: (tool.configuration.usage ?? "align \(tool.configuration.commandName ?? "")")
                        .split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " "),
                    abstract: tool.configuration.abstract, discussion: tool.configuration.discussion,
                    options: options(of: tool))
            })
    }

    /// The options section of a command's help, each option with its help
    /// on one line (the help is laid out wide enough for that).
    static func options(of command: ParsableCommand.Type) -> [ManPage.Option] {
        var result: [ManPage.Option] = []
        var inOptions = false
        for line in command.helpMessage(columns: 10_000).split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") {
                inOptions = line == "OPTIONS:"
                continue
            }
            guard inOptions else { continue }
            let text = line.drop { $0 == " " }
            if line.hasPrefix("  "), !line.hasPrefix("   ") {
                // `  -c <line>    Run one command ...`: the names, two blanks or more, the help.
                let gap = text.indices.first { i in
                    text[i] == " " && text.index(after: i) < text.endIndex && text[text.index(after: i)] == " "
                }
                let label = String(text[..<(gap ?? text.endIndex)])
                let help = gap.map { String(text[$0...].drop { $0 == " " }) } ?? ""
                result.append(ManPage.Option(names: label, help: help))
            } else if !result.isEmpty {
                // A discussion under an option, or a help that did not fit beside it.
                let more = String(text)
                result[result.count - 1].help += result[result.count - 1].help.isEmpty ? more : " " + more
            }
        }
        return result
    }
}
