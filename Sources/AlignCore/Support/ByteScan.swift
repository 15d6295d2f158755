/// Scans of bytes eight at a time, for the passes every byte of a script
/// makes before it runs (finding its lines, checking it is text): a word
/// is read at once and its bytes tested together, without a branch a byte.
public enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `x` that is zero, and no other bit:
    /// exact, as adding the low seven bits of a byte never carries out of it.
    @inlinable @inline(__always)
    public static func zeroBytes(_ x: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low) &+ low) | x | low)
    }

    /// The high bit of each byte of `x` that is `byte`.
    @inlinable @inline(__always)
    public static func bytes(_ byte: UInt8, in x: UInt64) -> UInt64 {
        zeroBytes(x ^ (UInt64(byte) &* 0x0101_0101_0101_0101))
    }

    /// The eight bytes at `offset`, the first one lowest on any machine.
    @inlinable @inline(__always)
    public static func word(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// The offset of the first `byte` in `bytes` at or after `start`, or
    /// `bytes.count` when there is none.
    public static func first(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let n = bytes.count
        guard let base = bytes.baseAddress, start < n else { return n }
        let pattern = UInt64(byte) &* ones
        var i = Swift.max(0, start)
        while i + 8 <= n {
            let hits = zeroBytes(word(base, i) ^ pattern)
            if hits != 0 { return i + hits.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < n, base[i] != byte { i += 1 }
        return i
    }

    /// How many of `bytes` are `byte`.
    public static func count(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return 0 }
        let pattern = UInt64(byte) &* ones
        var total = 0
        var i = 0
        while i + 8 <= n {
            total += zeroBytes(word(base, i) ^ pattern).nonzeroBitCount
            i += 8
        }
        while i < n {
            if base[i] == byte { total += 1 }
            i += 1
        }
        return total
    }

    /// The offset of the first byte in `start..<end` that is not ASCII, or
    /// is NUL when `orNUL`; `end` when there is none.
    public static func firstNotASCII(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, orNUL: Bool) -> Int {
        let end = Swift.min(end, bytes.count)
        guard let base = bytes.baseAddress, start < end else { return Swift.max(start, end) }
        var i = Swift.max(0, start)
        while i + 8 <= end {
            let w = word(base, i)
            let stops = (w & highBits) | (orNUL ? zeroBytes(w) : 0)
            if stops != 0 { return i + stops.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < end, base[i] < 0x80, !(orNUL && base[i] == 0) { i += 1 }
        return i
    }
}
