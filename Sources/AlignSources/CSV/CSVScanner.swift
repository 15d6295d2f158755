import AlignLanguage

/// Reads CSV as CRM exports write it, as a stream: quoted fields with `""`
/// for a quote, delimiters and line breaks inside quotes, CRLF or LF line
/// ends, a byte-order mark, blank lines. The bytes come in chunks from
/// `input`, so memory holds one chunk and one row, however long the file.
///
/// Each row is handed to the caller as field ranges in the scanner's
/// buffer; only the first `fieldLimit` fields of a row are located, and the
/// rest of the row is skipped over at the speed of `memchr`.
public struct CSVScanner {
    /// Where the bytes come from: fills the buffer, returns how many it
    /// wrote (0 at the end), or throws.
    public typealias Input = (UnsafeMutableRawBufferPointer) throws(SourceError) -> Int

    /// The byte between fields: `,`, `;` or a tab.
    public var delimiter: UInt8
    /// How many fields of each row are located.
    public var fieldLimit = Int.max

    private let input: Input
    private let buffer: ScanBuffer
    private var filled = 0
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var started = false
    var fields = FieldRanges()

    /// A scanner over `input`; the delimiter is found from the header line
    /// when not given.
    public init(delimiter: UInt8? = nil, chunkSize: Int = 1 << 20, input: @escaping Input) {
        self.delimiter = delimiter ?? 0
        self.input = input
        self.buffer = ScanBuffer(capacity: max(chunkSize, 64))
    }

    /// A scanner over bytes already in memory.
    public static func over(_ bytes: [UInt8], delimiter: UInt8? = nil) -> CSVScanner {
        var offset = 0
        return CSVScanner(delimiter: delimiter, chunkSize: max(bytes.count, 64)) { target throws(SourceError) in
            let n = min(target.count, bytes.count - offset)
            if n > 0 {
                bytes.withUnsafeBytes { source in
                    target.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[offset..<offset + n]))
                }
            }
            offset += n
            return n
        }
    }

    /// Calls `body` with each row that holds anything, in order; stops when
    /// `body` returns false.
    public mutating func forEachRow(_ body: (CSVRow) throws(SourceError) -> Bool) throws(SourceError) {
        while true {
            if !started { try start() }
            guard let end = try nextRowEnd() else { return }
            let rowLine = line
            line += fields.newlines
            fields.unquote(buffer.bytes)
            position = end
            if fields.isBlank { continue }
            guard try body(CSVRow(base: UnsafeBufferPointer(buffer.bytes), fields: fields, line: rowLine)) else { return }
        }
    }

    /// Reads the first chunk, skips a byte-order mark and finds the delimiter.
    private mutating func start() throws(SourceError) {
        started = true
        // The whole header line, however the input comes in pieces: its
        // delimiter is the one it uses most.
        repeat {
            if filled == buffer.bytes.count { buffer.grow() }
            try fill()
        } while !atEnd && !CSVScanner.holdsLineEnd(UnsafeBufferPointer(rebasing: buffer.bytes[0..<filled]))
        let p = buffer.bytes
        if filled - position >= 3, p[position] == 0xEF, p[position + 1] == 0xBB, p[position + 2] == 0xBF {
            position += 3
        }
        if delimiter == 0 { delimiter = CSVScanner.guessDelimiter(UnsafeBufferPointer(rebasing: p[position..<filled])) }
    }

    /// Whether a line break outside quotes ends the first line in `bytes`.
    static func holdsLineEnd(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var quoted = false
        for b in bytes {
            if b == 34 { quoted.toggle() } else if !quoted, b == 10 || b == 13 { return true }
        }
        return false
    }

    /// The delimiter the header line uses most: `,`, `;` or a tab (`,` if none).
    static func guessDelimiter(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [44: 0, 59: 0, 9: 0]
        var quoted = false
        for b in bytes {
            if b == 34 { quoted.toggle() } else if !quoted {
                if b == 10 || b == 13 { break }
                if counts[b] != nil { counts[b]! += 1 }
            }
        }
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!
        return best.value > 0 ? best.key : 44
    }

    /// Locates the next row's fields; the offset past its end, or nil at the end of the input.
    private mutating func nextRowEnd() throws(SourceError) -> Int? {
        while true {
            switch fields.scan(buffer.bytes, from: position, to: filled, final: atEnd, delimiter: delimiter, limit: fieldLimit) {
            case .row(let end): return end
            case .openQuote: throw SourceError(.csvOpenQuote, line: line)
            case .empty: return nil
            case .needMore: try moreInput()
            }
        }
    }

    /// Keeps the unfinished row, makes room, and reads the next chunk.
    private mutating func moreInput() throws(SourceError) {
        if position > 0 {
            let kept = filled - position
            let base = buffer.bytes.baseAddress!
            base.update(from: base + position, count: kept)
            filled = kept
            position = 0
        }
        if filled == buffer.bytes.count { buffer.grow() }
        try fill()
    }

    private mutating func fill() throws(SourceError) {
        let room = UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer.bytes)[filled...])
        let n = try input(room)
        if n == 0 { atEnd = true }
        filled += n
    }
}

/// The bytes a scanner reads into: one chunk and the row that runs past it.
final class ScanBuffer {
    private(set) var bytes: UnsafeMutableBufferPointer<UInt8>

    init(capacity: Int) {
        bytes = .allocate(capacity: capacity)
    }

    /// Doubles the room, keeping the bytes.
    func grow() {
        let bigger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count * 2)
        _ = bigger.initialize(from: bytes)
        bytes.deallocate()
        bytes = bigger
    }

    deinit { bytes.deallocate() }
}

/// One row: its fields as bytes, valid while the row is being looked at.
public struct CSVRow {
    let base: UnsafeBufferPointer<UInt8>
    let fields: FieldRanges
    /// The line the row starts on, from 1.
    public let line: Int

    /// How many fields were located (at most the scanner's limit).
    public var count: Int { fields.count }

    /// A field's bytes, quotes resolved.
    public func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: base[fields.starts[i]..<fields.ends[i]])
    }

    /// A field as text; nil when it is not UTF-8.
    public func string(_ i: Int) -> String? {
        String(validating: bytes(i), as: UTF8.self)
    }
}
