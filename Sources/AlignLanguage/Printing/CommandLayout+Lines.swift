/// Writing a laid-out command, and checking that what is written reads back.
extension CommandLayout {
    /// The command's lines in canonical layout, with its comments; or, when
    /// that layout would not read back as the same command (a bug of the
    /// layout, never seen in the tests), its lines as written, and true.
    func lines() -> (lines: [String], asWritten: Bool) {
        guard let first = items.first, let last = items.last else { return (written(), true) }
        var out = Gap(source.bytes, SourceRange(range.start, first.range.start)).comments
        var line = ""
        for (n, k) in order.enumerated() {
            if n > 0 {
                let gap = gap(before: k)
                if multiLine, gap.breaksLine {
                    // Each break stays, with its `\` or its comment; blank lines inside a command go.
                    for (e, end) in gap.lineEnds.enumerated() {
                        if e == 0 {
                            if let comment = end.comment { line += "  " + comment } else if end.continued { line += " \\" }
                            out.append(line)
                        } else if let comment = end.comment {
                            out.append(ScriptFormatter.indent + comment)
                        }
                    }
                    line = ScriptFormatter.indent
                } else if spaced(at: n) {
                    line += " "
                }
            }
            line += items[k].text
        }
        // After the last token only comments count: a `\` there would carry
        // the command into the next line.
        let trailing = Gap(source.bytes, SourceRange(last.range.end, range.end))
        var comments = trailing.comments
        if let sameLine = trailing.lineEnds.first?.comment ?? (trailing.lineEnds.isEmpty ? trailing.tail : nil) {
            line += "  " + sameLine
            comments.removeFirst()
        }
        out.append(line)
        out += comments
        // A command already in its layout needs no proof that it reads back.
        let text = out.joined(separator: "\n")
        guard text == source.text(range) || readsBack(text) else { return (written(), true) }
        return (out, false)
    }

    /// The command written on one line, as cells for `ScriptFormatter` to
    /// line up with its neighbours: nil when it runs over several lines.
    func row() -> LayoutRow? {
        guard !multiLine, let last = items.last else { return nil }
        var row = LayoutRow()
        for (n, k) in order.enumerated() {
            row.cells.append(items[k].text)
            row.blank.append(n > 0 && spaced(at: n))
            row.wide.append(k + 1 < items.count && Self.isWide(source.bytes, items[k].range.end, items[k + 1].range.start, 2))
        }
        let trailing = Gap(source.bytes, SourceRange(last.range.end, range.end))
        if let comment = trailing.lineEnds.first?.comment ?? (trailing.lineEnds.isEmpty ? trailing.tail : nil) {
            row.comment = comment
            var hash = last.range.end
            while hash < range.end, source.bytes[hash] != 35 { hash += 1 }
            row.commentWide = Self.isWide(source.bytes, last.range.end, hash, 3)
        }
        return row
    }

    /// Whether the blanks (spaces and tabs) from `start` to `end` are `least`
    /// or more: an author's alignment.
    private static func isWide(_ bytes: [UInt8], _ start: Int, _ end: Int, _ least: Int) -> Bool {
        bytes[start..<max(start, min(end, bytes.count))].filter { $0 == 32 || $0 == 9 }.count >= least
    }

    /// The command's lines as written.
    private func written() -> [String] {
        source.text(range).split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
    }

    /// Whether `text` parses with the same form of the same command, from
    /// the same pieces spelt the same way.
    private func readsBack(_ text: String) -> Bool {
        let copy = SourceText(name: source.name, text: text)
        guard let again = try? CommandLayout(copy, SourceRange(0, copy.bytes.count)) else { return false }
        return again.form == form && again.spellings == spellings
    }

    /// The spelling of every piece, sorted: the same set, whatever the order of the options.
    private var spellings: [String] { pieces.map { source.text($0.range) }.sorted() }
}

/// A command on one line as cells: what `ScriptFormatter` lines up.
struct LayoutRow {
    /// The items as written, options in their order.
    var cells: [String] = []
    /// Whether a blank goes before each cell (never before the first).
    var blank: [Bool] = []
    /// Whether the source had two or more blanks after each cell.
    var wide: [Bool] = []
    /// The comment after the command, if any.
    var comment: String?
    /// Whether the source had three or more blanks before it.
    var commentWide = false
}
