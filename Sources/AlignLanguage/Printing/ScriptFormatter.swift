import AlignCore

extension Message {
    static func formatNotText(_ byte: UInt8) -> Message {
        let hex = String(byte, radix: 16, uppercase: true)
        return Message(byte == 0 ? "a NUL byte (U+0000) is not text" : "the file is not UTF-8 text (byte 0x\(hex) here)")
    }
}

/// Lays a script out canonically without changing a word of it: the layout
/// `align fmt` writes.
///
/// Unlike `ScriptPrinter`, which writes a workspace, this rewrites a text:
/// every token keeps its spelling (`2.5M`, `25%`, `→`), every comment and
/// every command stays where it was. What changes is the space around them:
///
/// - one blank between words; none inside `key=value`, after a sign, after
///   `(` or `[`, before `)`, `]` or `,`, or between `profile` and its `(`;
///   one each side of `=`, `->`, `>=` and the operators of a formula;
/// - options in the order of the command table, which is the order `save`
///   writes them; a term's definition first, any other string after them;
/// - a trailing comment two blanks after the command; a comment on a line of
///   its own starts the line;
/// - columns the author lined up stay lined up, made exact: in a run of
///   consecutive one-line commands with the same verb, a column (the nth
///   item) with two or more blanks after it on some line is padded to its
///   widest cell on every line of the run (a line's last item does not
///   count, as in gofmt's tabwriter); the run's trailing comments, when
///   one had three or more blanks before it, start at one column, two
///   blanks after the longest of their lines. A run with nothing left to
///   pad comes out single-spaced, so formatting again changes nothing, and
///   what `save` writes (single blanks) is already laid out;
/// - no blank lines at the start or end, and at most one in a row;
///   lines end with a newline, not a carriage return and newline.
///
/// A command written over several lines keeps its line breaks (its options
/// keep their order then), each following line indented by four blanks.
public enum ScriptFormatter {
    /// How lines that continue a command are indented.
    static let indent = "    "

    /// The script in canonical layout. Throws the first command that does
    /// not parse (a script that does not parse is left to its author), or
    /// the first byte that is not text.
    public static func format(_ source: SourceText) throws(Diagnostic) -> String {
        try layout(source).text
    }

    /// The layout, and how many commands were left as written because
    /// their layout would not have read back the same (none, unless the
    /// formatter has a bug: tests hold it to that).
    static func layout(_ source: SourceText) throws(Diagnostic) -> (text: String, verbatim: Int) {
        if let bad = firstNonText(source.bytes) {
            throw Diagnostic(.formatNotText(source.bytes[bad]), at: SourceRange(bad, bad + 1), in: source)
        }
        var out = ""
        var verbatim = 0
        var blankPending = false
        func emit(_ line: String) {
            if blankPending, !out.isEmpty { out += "\n" }
            blankPending = false
            out += line + "\n"
        }
        // Consecutive one-line commands with the same verb, waiting to be lined up.
        var run: [LayoutRow] = []
        func flush() {
            align(run).forEach(emit)
            run = []
        }
        for range in CommandSplitter(source.bytes) {
            guard let command = try CommandLayout(source, range) else {
                flush()
                let comments = Gap(source.bytes, range).comments
                if comments.isEmpty { blankPending = true } else { comments.forEach(emit) }
                continue
            }
            let (lines, asWritten) = command.lines()
            if asWritten { verbatim += 1 }
            if !asWritten, lines.count == 1, let row = command.row() {
                if let verb = run.first?.cells.first, verb != row.cells.first { flush() }
                run.append(row)
                continue
            }
            flush()
            lines.forEach(emit)
        }
        flush()
        return (out, verbatim)
    }

    /// The lines of a run of one-line commands, their columns padded where
    /// the author lined them up, and their comments likewise.
    static func align(_ run: [LayoutRow]) -> [String] {
        let columns = run.map(\.cells.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for i in 0..<columns {
            // The rows where cell i has a next one, after a blank.
            let padded = run.filter { i + 1 < $0.cells.count && $0.blank[i + 1] }
            guard padded.contains(where: { $0.wide[i] }) else { continue }
            widths[i] = padded.map { $0.cells[i].count }.max() ?? 0
        }
        var lines = run.map { row in
            var line = ""
            for (i, cell) in row.cells.enumerated() {
                if row.blank[i] { line += " " }
                line += cell
                if i + 1 < row.cells.count, row.blank[i + 1], widths[i] > cell.count {
                    line += String(repeating: " ", count: widths[i] - cell.count)
                }
            }
            return line
        }
        let commented = run.indices.filter { run[$0].comment != nil }
        let lined = commented.contains { run[$0].commentWide }
        let column = commented.map { lines[$0].count }.max() ?? 0
        for i in commented {
            lines[i] += String(repeating: " ", count: lined ? column - lines[i].count + 2 : 2) + run[i].comment!
        }
        return lines
    }

    /// The offset of the first byte that is not UTF-8 text, or a NUL.
    static func firstNonText(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0 { return i }
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0
            guard length > 0, i + length <= bytes.count,
                String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
            else { return i }
            i += length
        }
        return nil
    }
}

/// What lies between two tokens of a command: blanks, `\` at the end of a
/// line, comments and newlines. Only the comments and the line breaks count.
struct Gap {
    /// A line that ends inside the gap.
    struct LineEnd {
        /// The comment that ends the line, trailing blanks cut.
        var comment: String?
        /// Whether a `\` continues the command on the next line.
        var continued = false
    }

    /// The lines that end in the gap, in order.
    var lineEnds: [LineEnd] = []
    /// A comment that runs to the end of the gap (the end of a command).
    var tail: String?

    /// Reads the gap `range` of `bytes`; it holds no token, nor a string.
    init(_ bytes: [UInt8], _ range: SourceRange) {
        var comment: String?
        var continued = false
        var i = range.start
        let end = min(range.end, bytes.count)
        while i < end {
            switch bytes[i] {
            case 35:  // '#' to the end of the line
                var j = i
                while j < end, bytes[j] != 10 { j += 1 }
                var k = j
                while k > i, bytes[k - 1] == 32 || bytes[k - 1] == 9 || bytes[k - 1] == 13 { k -= 1 }
                comment = String(decoding: bytes[i..<k], as: UTF8.self)
                i = j
                continue
            case 92: continued = true
            case 10:
                lineEnds.append(LineEnd(comment: comment, continued: continued))
                comment = nil
                continued = false
            default: break
            }
            i += 1
        }
        tail = comment
    }

    /// Whether a line ends in the gap.
    var breaksLine: Bool { !lineEnds.isEmpty }

    /// Every comment of the gap, in order.
    var comments: [String] { lineEnds.compactMap(\.comment) + (tail.map { [$0] } ?? []) }
}
