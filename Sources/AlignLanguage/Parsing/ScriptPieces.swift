/// A long script cut into pieces that each begin and end between commands,
/// so that a replay can let go of the text it has run: the script's text is
/// otherwise held whole until its last command, a few megabytes a hundred
/// thousand lines. Each piece knows the line it starts on, so a diagnostic
/// in it names the script's own line and column.
public enum ScriptPieces {
    /// `bytes` cut after the command that passes each `size` bytes, every
    /// piece named `name`; one piece when the text is no longer than `size`.
    public static func cut(_ bytes: [UInt8], name: String, size: Int) -> [SourceText] {
        guard bytes.count > size else { return [SourceText(name: name, bytes: bytes)] }
        var pieces: [SourceText] = []
        var start = 0
        var line = 1
        while start < bytes.count {
            var end = start
            // Whole commands until the piece holds `size` bytes (a command
            // longer than that is a piece of its own).
            while end < bytes.count, end - start < size {
                end = CommandSplitter.commandEnd(in: bytes, from: end)
                if end < bytes.count { end += 1 }
            }
            let piece = Array(bytes[start..<end])
            pieces.append(SourceText(name: name, bytes: piece, firstLine: line))
            line += piece.withUnsafeBufferPointer { b in b.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
            start = end
        }
        return pieces
    }
}
