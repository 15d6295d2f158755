import AlignLanguage

/// Wrapping to the terminal's width: lines and headings at word boundaries
/// under a hanging indent, a tree's labels under themselves, and a boxed
/// table too wide for the window narrowed column by column, widest text
/// first, its cells wrapped inside their boxes. Numbers are never broken.
extension TextRenderer {
    /// A word or a run of blanks, with its colour and its width on screen.
    struct Piece {
        var text: String
        var role: Style.Role?
        var width: Int
        var isBlank: Bool { text.first == " " }
    }

    /// `spans` as lines no wider than `width`: broken at blanks, each line
    /// after the first starting with `indent` blanks (or `continuation`
    /// when given); a word longer than a line is cut.
    func wrap(_ spans: [Span], width: Int, indent: Int, keepNewlines: Bool = false) -> [[Piece]] {
        var lines: [[Piece]] = [[]]
        var used = 0
        var hasWord = false
        // Blanks before the first word keep the line's own indent; after a
        // break made here they go, as do blanks at a break.
        var keepsLeadingBlanks = true
        var pendingBlank: Piece?
        // Where the word being laid out starts on the current line.
        var wordStart: Int?
        func newLine(wrapped: Bool) {
            let pad = wrapped ? indent : 0
            lines.append(pad > 0 ? [Piece(text: String(repeating: " ", count: pad), role: nil, width: pad)] : [])
            used = pad
            hasWord = false
            keepsLeadingBlanks = !wrapped
            pendingBlank = nil
        }
        for span in spans {
            let text = Escaping.safe(span.text, keepNewlines: keepNewlines)
            for (n, part) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if n > 0 { newLine(wrapped: false) }
                for word in Self.pieces(String(part)) {
                    let piece = Piece(text: word, role: span.role, width: displayWidth(word))
                    if piece.isBlank {
                        if hasWord {
                            pendingBlank = Piece(text: (pendingBlank?.text ?? "") + word, role: nil, width: (pendingBlank?.width ?? 0) + piece.width)
                        } else if keepsLeadingBlanks {
                            lines[lines.count - 1].append(piece)
                            used += piece.width
                        }
                        continue
                    }
                    let blank = pendingBlank?.width ?? 0
                    // A word whose spans differ (`goal` then `: the`) is one
                    // word: a break goes before all of it, not inside it.
                    let glued = hasWord && pendingBlank == nil
                    if hasWord, used + blank + piece.width > width {
                        var carried: [Piece] = []
                        if glued, let start = wordStart {
                            let line = lines[lines.count - 1]
                            // Only when the line keeps a word of its own before it.
                            if line[..<start].contains(where: { !$0.isBlank }), line[start...].contains(where: { !$0.isBlank }) {
                                carried = Array(line[start...])
                                lines[lines.count - 1].removeSubrange(start...)
                                while lines[lines.count - 1].last?.isBlank == true { lines[lines.count - 1].removeLast() }
                            }
                        }
                        // (A word as long as the line is broken where it must be, as before.)
                        newLine(wrapped: true)
                        wordStart = lines[lines.count - 1].count
                        for c in carried {
                            lines[lines.count - 1].append(c)
                            used += c.width
                        }
                        hasWord = !carried.isEmpty
                    } else if let pendingBlank {
                        lines[lines.count - 1].append(pendingBlank)
                        used += pendingBlank.width
                    }
                    if pendingBlank != nil || !hasWord { wordStart = lines[lines.count - 1].count }
                    pendingBlank = nil
                    var rest = piece
                    while used + rest.width > width, width - used > 0 {
                        let (head, tail) = Self.cut(rest.text, at: width - used)
                        lines[lines.count - 1].append(Piece(text: head, role: rest.role, width: displayWidth(head)))
                        newLine(wrapped: true)
                        rest = Piece(text: tail, role: rest.role, width: displayWidth(tail))
                        if tail.isEmpty { break }
                    }
                    if !rest.text.isEmpty {
                        lines[lines.count - 1].append(rest)
                        used += rest.width
                        hasWord = true
                    }
                }
            }
        }
        return lines
    }

    /// Words and the runs of blanks between them, in order. A span of
    /// periods, `2026-03 .. 2026-07`, is one word: never broken at its `..`.
    static func pieces(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        var blank = false
        func end() {
            // `first`, ` `, `..`, ` `, and now `last`: one piece.
            let n = out.count
            if n >= 4, !blank, out[n - 2] == "..", out[n - 1] == " ", out[n - 3] == " ", out[n - 4].first != " " {
                out[n - 4] += " .. " + current
                out.removeLast(3)
            } else {
                out.append(current)
            }
            current = ""
        }
        for c in text {
            let isBlank = c == " "
            if !current.isEmpty, isBlank != blank { end() }
            blank = isBlank
            current.append(c)
        }
        if !current.isEmpty { end() }
        return out
    }

    /// `text` cut so that its first part takes at most `columns` columns (at
    /// least one character), after its last `_`, `-` or `|` there if it has one.
    static func cut(_ text: String, at columns: Int) -> (String, String) {
        var head = ""
        var width = 0
        var index = text.startIndex
        var joint: String.Index?
        // A blank inside a piece (a span of periods, `2026-02 .. 2026-05`) is the best place of all.
        var blank: String.Index?
        while index < text.endIndex {
            let w = displayWidth(String(text[index]))
            if width + w > columns, !head.isEmpty { break }
            head.append(text[index])
            width += w
            if text[index] == " ", index > text.startIndex { blank = index }
            index = text.index(after: index)
            let last = text[text.index(before: index)]
            if last == "_" || last == "-" || last == "|" { joint = index }
        }
        // The character that did not fit is a blank: the cut goes there.
        if index < text.endIndex, text[index] == " " {
            return (head, String(text[text.index(after: index)...]))
        }
        if index < text.endIndex, let blank {
            return (String(text[..<blank]), String(text[text.index(after: blank)...]))
        }
        if index < text.endIndex, let joint, joint > text.startIndex {
            return (String(text[..<joint]), String(text[joint...]))
        }
        return (head, String(text[index...]))
    }

    /// A wrapped line as text, coloured, without blanks at its end.
    func join(_ line: [Piece]) -> String {
        var pieces = line
        while let last = pieces.last, last.isBlank { pieces.removeLast() }
        return pieces.map { piece in piece.role.map { style.apply($0, piece.text) } ?? piece.text }.joined()
    }

    /// A line of spans wrapped to `width` under its own leading blanks.
    func wrappedLine(_ spans: [Span], width: Int, keepNewlines: Bool) -> String {
        let leading = spans.first.map { $0.text.prefix { $0 == " " }.count } ?? 0
        let indent = min(leading + (leading > 0 ? 2 : 0), width / 2)
        return wrap(spans, width: width, indent: indent, keepNewlines: keepNewlines).map(join).joined(separator: "\n") + "\n"
    }

    /// The natural width of a line of spans.
    static func width(_ spans: [Span]) -> Int {
        spans.reduce(0) { $0 + displayWidth(Escaping.safe($1.text)) }
    }
}
