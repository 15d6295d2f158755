import AlignCore

/// Finds where commands begin and end in a text: one command a line, except
/// that a line ending in `\`, an open string or an open parenthesis carries
/// the command on to the next line.
public struct CommandSplitter: IteratorProtocol, Sequence {
    private let bytes: [UInt8]
    private var position = 0

    /// Splits `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The range of the next command (it may be blank or only a comment), or
    /// nil at the end of the text. The range stops before the newline.
    public mutating func next() -> SourceRange? {
        guard position < bytes.count else { return nil }
        let start = position
        let state = CommandSplitter.scan(bytes, from: start, stopAtCommandEnd: true)
        position = state.end < bytes.count ? state.end + 1 : state.end
        var end = state.end
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return SourceRange(start, end)
    }

    /// Where a scan stopped, and what was still open there.
    struct ScanState {
        var end: Int
        var inString = false
        var depth = 0
        var continued = false
    }

    static func scan(_ bytes: [UInt8], from start: Int, stopAtCommandEnd: Bool) -> ScanState {
        // Every byte of a script passes here: read them without bounds checks.
        bytes.withUnsafeBufferPointer { scan($0, from: start, stopAtCommandEnd: stopAtCommandEnd) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, stopAtCommandEnd: Bool) -> ScanState {
        var state = ScanState(end: start)
        var i = start
        let n = bytes.count
        while i < n {
            // Most bytes are none of those that matter here: skip them in a
            // tight loop. (A byte other than a blank would end a `\`'s
            // continuation, but that `\` looked ahead: only blanks follow it.)
            if !state.inString {
                i = firstSpecial(bytes, from: i)
                if i >= n { break }
            }
            let b = bytes[i]
            if state.inString {
                if b == 92 {
                    i += 2
                    continue
                }
                if b == 34 { state.inString = false }
                i += 1
                continue
            }
            switch b {
            case 10:
                if state.continued || state.depth > 0 || !stopAtCommandEnd {
                    state.continued = false
                    i += 1
                    continue
                }
                state.end = i
                return state
            case 35:  // '#': a comment runs to the end of the line
                while i < n, bytes[i] != 10 { i += 1 }
                continue
            case 34:
                state.inString = true
                state.continued = false
            case 40:
                state.depth += 1
                state.continued = false
            case 41:
                state.depth = Swift.max(0, state.depth - 1)
                state.continued = false
            case 92:
                // A `\` continues the command when only blanks follow it on its line.
                var j = i + 1
                while j < n, bytes[j] == 32 || bytes[j] == 9 || bytes[j] == 13 { j += 1 }
                state.continued = j >= n || bytes[j] == 10
            case 32, 9, 13:
                break
            default:
                state.continued = false
            }
            i += 1
        }
        state.end = n
        return state
    }

    /// The offset of the first byte from `start` that `isSpecial`, or the
    /// end: eight bytes at a time, as most lines hold none but their newline.
    @inline(__always)
    private static func firstSpecial(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        let n = bytes.count
        if let base = bytes.baseAddress {
            while i + 8 <= n {
                let w = ByteScan.word(base, i)
                let hits = ByteScan.bytes(10, in: w) | ByteScan.bytes(34, in: w) | ByteScan.bytes(35, in: w)
                    | ByteScan.bytes(40, in: w) | ByteScan.bytes(41, in: w) | ByteScan.bytes(92, in: w)
                if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
                i += 8
            }
        }
        while i < n, !isSpecial(bytes[i]) { i += 1 }
        return i
    }

    /// Whether a byte outside a string can change what the scan is in: a
    /// newline, `"`, `#`, `(`, `)` or `\` (a bit mask for those below 64).
    @inline(__always)
    private static func isSpecial(_ b: UInt8) -> Bool {
        let below64: UInt64 = 1 << 10 | 1 << 34 | 1 << 35 | 1 << 40 | 1 << 41
        return b < 64 ? (below64 >> UInt64(b)) & 1 != 0 : b == 92
    }

    /// Where the command starting at `start` ends: the offset of the newline
    /// that ends it, or `bytes.count` when the text runs out first.
    public static func commandEnd(in bytes: [UInt8], from start: Int) -> Int {
        scan(bytes, from: start, stopAtCommandEnd: true).end
    }

    /// What a command leaves open at the end of one of its lines.
    public enum Opening: Equatable, Sendable {
        /// A string that starts at this offset.
        case string(Int)
        /// A parenthesis at this offset.
        case parenthesis(Int)
    }

    /// The first string or parenthesis in `range` that is still open at the
    /// end of its line, so the command runs on to the next: what to point at
    /// when a quote or a `)` was forgotten.
    public static func firstOpenAtLineEnd(in bytes: [UInt8], _ range: SourceRange) -> Opening? {
        var stringStart: Int?
        var parentheses: [Int] = []
        var i = range.start
        let end = Swift.min(range.end, bytes.count)
        while i < end {
            let b = bytes[i]
            if let start = stringStart {
                if b == 92 {
                    i += 2
                    continue
                }
                if b == 10 { return .string(start) }
                if b == 34 { stringStart = nil }
            } else {
                switch b {
                case 10: if let first = parentheses.first { return .parenthesis(first) }
                case 35: while i + 1 < end, bytes[i + 1] != 10 { i += 1 }
                case 34: stringStart = i
                case 40: parentheses.append(i)
                case 41: _ = parentheses.popLast()
                default: break
                }
            }
            i += 1
        }
        return nil
    }

    /// Whether a text typed so far needs another line to be a whole command:
    /// it ends inside a string or parentheses, or with `\`.
    public static func isIncomplete(_ text: String) -> Bool {
        let state = scan(Array(text.utf8), from: 0, stopAtCommandEnd: false)
        return state.inString || state.depth > 0 || state.continued
    }
}
