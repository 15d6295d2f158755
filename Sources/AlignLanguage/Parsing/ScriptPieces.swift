import AlignCore

/// A long script cut into pieces that each begin and end between commands,
/// so that a replay can let go of the text it has run: the script's text is
/// otherwise held whole until its last command, a few megabytes a hundred
/// thousand lines. Each piece knows the line it starts on, so a diagnostic
/// in it names the script's own line and column.
///
/// Pieces are made as the text arrives (`append`, then `finish`), so a
/// script read from a file is never held whole twice.
public struct ScriptPieces {
    /// The name each piece takes.
    public let name: String
    /// How long a piece is, at least (a command longer than that is a piece of its own).
    public let size: Int
    /// The pieces made so far.
    private var pieces: [SourceText] = []
    /// The text not yet in a piece, and where its next command starts.
    private var rest: [UInt8] = []
    private var next = 0
    /// The line the rest starts on.
    private var line = 1
    /// How long the unfinished command at the end of the rest was when last
    /// scanned to no end (0 when none was): it is scanned again only once
    /// twice as long, so a command that runs on for megabytes (a string
    /// never closed) costs a few passes, not one a block.
    private var unfinished = 0

    /// Cuts pieces named `name` of about `size` bytes.
    public init(name: String, size: Int) {
        self.name = name
        self.size = max(1, size)
    }

    /// `bytes` cut after the command that passes each `size` bytes; one
    /// piece when the text is no longer than `size`.
    public static func cut(_ bytes: [UInt8], name: String, size: Int) -> [SourceText] {
        guard bytes.count > size else { return [SourceText(name: name, bytes: bytes)] }
        var pieces = ScriptPieces(name: name, size: size)
        // A piece's worth at a time, as a file is read: the rest stays short.
        for start in stride(from: 0, to: bytes.count, by: pieces.size) {
            pieces.append(bytes[start..<min(bytes.count, start + pieces.size)])
        }
        return pieces.finish()
    }

    /// Takes more of the text, and cuts what now holds whole commands enough.
    public mutating func append(_ bytes: ArraySlice<UInt8>) {
        rest.append(contentsOf: bytes)
        // Commands are looked for only once a piece's worth has come: a
        // script shorter than that is one piece, found by no scan.
        while rest.count >= size {
            let tail = rest.count - next
            if unfinished > 0, tail < 2 * unfinished { return }
            let end = CommandSplitter.commandEnd(in: rest, from: next)
            // The command may go on in text still to come.
            guard end < rest.count else {
                unfinished = max(1, tail)
                return
            }
            unfinished = 0
            next = end + 1
            if next >= size { cutRest(at: next) }
        }
    }

    /// The pieces, the last one whatever is left.
    public mutating func finish() -> [SourceText] {
        if !rest.isEmpty || pieces.isEmpty { cutRest(at: rest.count) }
        defer { pieces = [] }
        return pieces
    }

    /// Makes a piece of the rest's first `end` bytes.
    private mutating func cutRest(at end: Int) {
        // Each piece, and the rest, in a buffer of its own size: a buffer
        // grown by doubling as blocks came in would keep its room, up to
        // twice the text, until the piece holding it has run.
        let piece: [UInt8]
        if end == rest.count, rest.capacity < 2 * end {
            piece = rest
            rest = []
        } else {
            piece = Array(rest[..<end])
            rest = Array(rest[end...])
        }
        pieces.append(SourceText(name: name, bytes: piece, firstLine: line))
        line += piece.withUnsafeBufferPointer { ByteScan.count(10, in: $0) }
        next = 0
    }
}
