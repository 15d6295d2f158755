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

@Suite("Where commands end")
struct CommandEndTests {
    /// The rule, one byte at a time: a newline ends a command unless a
    /// string or a parenthesis is open, or a `\` with only blanks after it
    /// carries the line on; `#` comments out the rest of its line.
    static func reference(_ bytes: [UInt8]) -> [SourceRange] {
        var ranges: [SourceRange] = []
        var start = 0
        var i = 0
        var inString = false, depth = 0, continued = false
        while i < bytes.count {
            let b = bytes[i]
            if inString {
                if b == 92 { i += 2; continue }
                if b == 34 { inString = false }
                i += 1
                continue
            }
            switch b {
            case 10:
                if continued || depth > 0 {
                    continued = false
                } else {
                    let end = i > start && bytes[i - 1] == 13 ? i - 1 : i
                    ranges.append(SourceRange(start, end))
                    start = i + 1
                }
            case 35:
                while i + 1 < bytes.count, bytes[i + 1] != 10 { i += 1 }
            case 34: inString = true; continued = false
            case 40: depth += 1; continued = false
            case 41: depth = max(0, depth - 1); continued = false
            case 92:
                var j = i + 1
                while j < bytes.count, [32, 9, 13].contains(bytes[j]) { j += 1 }
                continued = j >= bytes.count || bytes[j] == 10
            case 32, 9, 13: break
            default: continued = false
            }
            i += 1
        }
        if start < bytes.count {
            let end = bytes.count > start && bytes[bytes.count - 1] == 13 ? bytes.count - 1 : bytes.count
            ranges.append(SourceRange(start, end))
        }
        return ranges
    }

    @Test("commands are split as the byte-by-byte rule splits them, whatever their length and content")
    func matchesTheRule() {
        // SplitMix64, from a fixed seed: the same texts on every run.
        var state: UInt64 = 2026
        func random() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let alphabet = Array("aaaaaaaaaaaa  \n\n\"#()\\\r\t".utf8)
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in alphabet[Int(random() % UInt64(alphabet.count))] }
            #expect(Array(CommandSplitter(bytes)) == Self.reference(bytes), "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
    }
}
