import AlignLanguage
import Testing

@Suite("A long script in pieces")
struct ScriptPiecesTests {
    /// Commands that run on over lines: a `\`, a string, a parenthesis.
    static let script = """
        team a horizon=year
        metric m owner=a unit=count \\
           description="carried on"
        term t "a definition
        over two lines"
        metric n = (m +
          1)
        # a comment; then a blank line

        value m 2026-01 5
        value m 2026-02 6
        """

    static func commands(_ source: SourceText) -> [String] { CommandSplitter(source.bytes).map { source.text($0) } }

    @Test("at every size, the pieces join to the script, hold its commands whole and know their lines", arguments: 1...200)
    func pieces(_ size: Int) {
        let whole = SourceText(name: "s.align", text: Self.script)
        let pieces = ScriptPieces.cut(whole.bytes, name: "s.align", size: size)
        #expect(pieces.flatMap(\.bytes) == whole.bytes)
        // Each piece ends where a command ends: its commands are the script's.
        #expect(pieces.flatMap(Self.commands).filter { !$0.isEmpty } == Self.commands(whole).filter { !$0.isEmpty })
        var start = 0
        for piece in pieces {
            #expect(piece.name == "s.align")
            for offset in piece.bytes.indices {
                #expect(piece.location(of: offset) == whole.location(of: start + offset))
            }
            start += piece.bytes.count
        }
        if size >= whole.bytes.count { #expect(pieces.count == 1) }
        if size == 1 { #expect(pieces.count == 8) }
    }
}
