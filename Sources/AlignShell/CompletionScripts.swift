/// The shells' completion scripts, as the argument parser writes them from
/// the command line's declarations, with one thing put right: align takes
/// scripts as arguments *and* has tools (`check`, `fmt`), and the generated
/// scripts read a tool's name as one more script, so after `align check`
/// they offered align's own options (`--demo`, `--format table|csv|...`)
/// instead of the tool's. Each script is given a first step that hands a
/// line whose first word is a tool to that tool's completion function, as
/// the launcher hands the tool its arguments (`align check FILE...`).
public enum CompletionScripts {
    /// Thrown when the generated script no longer looks as expected, so the
    /// change is noticed (by the tests) rather than shipped half made.
    public struct Unrecognised: Error, CustomStringConvertible {
        public let shell: String
        public var description: String { "the \(shell) completion script is not the one align knows how to amend" }
    }

    /// `script` for `shell` (bash, zsh or fish) with `tools` completed as
    /// tools; any other shell's script as it is.
    public static func amended(_ script: String, shell: String, tools: [String]) throws(Unrecognised) -> String {
        guard !tools.isEmpty else { return script }
        switch shell {
        case "bash": return try insert(bash(tools), before: "    __align_offer_flags_options -1\n", in: script, shell)
        case "zsh": return try insert(zsh(tools), before: "    local -i ret=1\n", in: script, shell)
        case "fish": return try fish(script, tools)
        default: return script
        }
    }

    /// `addition` put before the first `anchor` of `script`.
    private static func insert(_ addition: String, before anchor: String, in script: String, _ shell: String) throws(Unrecognised)
        -> String
    {
        guard let range = script.firstRange(of: anchor) else { throw Unrecognised(shell: shell) }
        return String(script[..<range.lowerBound]) + addition + String(script[range.lowerBound...])
    }

    /// In `_align`, before align's own options are offered: `cur`, `prev`
    /// and the flag arrays are its locals, which the tool's function reads.
    private static func bash(_ tools: [String]) -> String {
        let test = tools.map { "\"${COMP_WORDS[1]}\" = \($0)" }.joined(separator: " || ")
        return """
                # align TOOL ...: the tool's options, not align's (amended by align).
                if [[ "${COMP_CWORD}" -gt 1 ]] && [[ \(test) ]]; then
                    unparsed_words=("${unparsed_words[@]:1}")
                    "_align_${COMP_WORDS[1]}"
                    return
                fi

            """
    }

    /// In `_align`, before `_arguments` reads align's own options: the words
    /// from the tool's name on, as zsh hands them to a subcommand.
    private static func zsh(_ tools: [String]) -> String {
        """
            # align TOOL ...: the tool's options, not align's (amended by align).
            case "${words[2]}" in
            \(tools.joined(separator: "|")))
                if (( CURRENT > 2 )); then
                    shift words
                    (( CURRENT-- ))
                    "_align_${words[1]}"
                    return
                fi
                ;;
            esac

        """
    }

    /// In `__align_parse_tokens`: a tool's name right after `align` is a
    /// subcommand, not align's first script.
    private static func fish(_ script: String, _ tools: [String]) throws(Unrecognised) -> String {
        let anchor = "    case 'align'\n"
        guard let start = script.firstRange(of: anchor), let end = script[start.upperBound...].firstRange(of: "\n") else {
            throw Unrecognised(shell: "fish")
        }
        let parse = String(script[start.upperBound..<end.upperBound])
        guard parse.hasPrefix("        __align_parse_subcommand ") else { throw Unrecognised(shell: "fish") }
        let amended = """
                    # align TOOL ...: the tool's options, not align's (amended by align).
                    if contains -- "$unparsed_tokens[2]" \(tools.joined(separator: " "))
                        set -a commands $unparsed_tokens[1]
                        set -e unparsed_tokens[1]
                    else
                \(parse)        end

            """
        return String(script[..<start.upperBound]) + amended + String(script[end.upperBound...])
    }
}
