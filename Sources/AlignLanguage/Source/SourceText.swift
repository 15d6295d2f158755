import Synchronization

/// A place in a source text: 1-based line, and 1-based column counted in
/// Unicode scalars (what a reader counts, not bytes).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The line, from 1.
    public var line: Int
    /// The column, from 1, in Unicode scalars.
    public var column: Int

    /// Makes a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A span of a source text, as byte offsets: `start` up to, not including, `end`.
public struct SourceRange: Hashable, Sendable {
    /// The first byte.
    public var start: Int
    /// One past the last byte.
    public var end: Int

    /// Makes a range.
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }

    /// The range covering both.
    public func joined(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}

/// The text of a script, a `-c` argument or a line typed at the prompt, with
/// the name diagnostics give it (`plan.align`, `<arg>`, `<stdin>`). Where its
/// lines start is found the first time a location is asked for, and kept
/// under a lock, so a text can be shared between threads.
public final class SourceText: Sendable {
    /// The name diagnostics use for the text.
    public let name: String
    /// The text, as UTF-8 bytes.
    public let bytes: [UInt8]
    /// The line number of the first byte (a prompt line may be the 12th of a session).
    public let firstLine: Int
    private let lineStartsCache = Mutex<[Int]?>(nil)

    /// Wraps a text.
    public init(name: String, bytes: [UInt8], firstLine: Int = 1) {
        self.name = name
        self.bytes = bytes
        self.firstLine = firstLine
    }

    /// Wraps a string.
    public convenience init(name: String, text: String, firstLine: Int = 1) {
        self.init(name: name, bytes: Array(text.utf8), firstLine: firstLine)
    }

    private var lineStarts: [Int] {
        if let cached = lineStartsCache.withLock({ $0 }) { return cached }
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == 10 { starts.append(i + 1) }
        lineStartsCache.withLock { $0 = starts }
        return starts
    }

    /// The index (0-based, within this text) of the line holding a byte offset.
    private func lineIndex(of offset: Int) -> Int {
        let starts = lineStarts
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The line and column of a byte offset.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = min(max(0, offset), bytes.count)
        let index = lineIndex(of: clamped)
        let start = lineStarts[index]
        var column = 1
        var i = start
        while i < clamped {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return SourceLocation(line: firstLine + index, column: column)
    }

    /// The text of the line holding a byte offset, without its newline, and the
    /// offset where that line starts.
    public func line(containing offset: Int) -> (text: String, start: Int) {
        let index = lineIndex(of: min(max(0, offset), bytes.count))
        let start = lineStarts[index]
        var end = start
        while end < bytes.count, bytes[end] != 10 { end += 1 }
        if end > start, bytes[end - 1] == 13 { end -= 1 }
        return (String(decoding: bytes[start..<end], as: UTF8.self), start)
    }

    /// The run of bytes from `offset` up to the next blank or line end, as
    /// people see one word (`Q3-2026` is three tokens, one chunk).
    public func chunk(from offset: Int) -> SourceRange {
        let start = min(max(0, offset), bytes.count)
        var end = start
        while end < bytes.count, bytes[end] != 32, bytes[end] != 9, bytes[end] != 10, bytes[end] != 13 { end += 1 }
        return SourceRange(start, end)
    }

    /// The text of a range, decoded leniently.
    public func text(_ range: SourceRange) -> String {
        let start = min(max(0, range.start), bytes.count)
        let end = min(max(start, range.end), bytes.count)
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
