import AlignOutput

extension Help {
    /// The width help text is wrapped to: fixed, so that help reads the same in
    /// a pipe, a file and on any terminal at least as wide; a narrower
    /// terminal gets its own width, so its lines are not broken twice.
    public static let width = 78

    /// The width for a terminal of `columns` (nil: not a terminal).
    public static func width(for columns: Int?) -> Int {
        guard let columns else { return width }
        return max(20, min(width, columns - 1))
    }

    /// Breaks `text` into lines of at most `width` columns at blanks. The first
    /// line starts with `first`, the others with `rest`; a word longer than a
    /// line stays whole.
    static func wrap(_ text: String, first: String = "", rest: String = "", width: Int = Help.width) -> [String] {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineHasWord, displayWidth(line) + 1 + displayWidth(String(word)) > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines
    }

    /// A discussion as lines: paragraphs (split by a blank line) are wrapped
    /// and separated by a blank line; a paragraph of several lines is a list,
    /// and each of its items is wrapped under a hanging indent.
    static func discussionLines(_ discussion: String, width: Int = Help.width) -> [String] {
        var lines: [String] = []
        for paragraph in paragraphs(discussion) {
            if !lines.isEmpty { lines.append("") }
            if paragraph.count == 1 {
                lines += wrap(paragraph[0], width: width)
            } else {
                for item in paragraph { lines += wrap(item, rest: "    ", width: width) }
            }
        }
        return lines
    }

    /// The paragraphs of a discussion, each as its lines.
    static func paragraphs(_ discussion: String) -> [[String]] {
        var result: [[String]] = [[]]
        for line in discussion.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy({ $0 == " " }) {
                if !(result.last?.isEmpty ?? true) { result.append([]) }
            } else {
                result[result.count - 1].append(String(line))
            }
        }
        return result.filter { !$0.isEmpty }
    }
}
