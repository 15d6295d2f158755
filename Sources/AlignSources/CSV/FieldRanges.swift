import Glibc

/// Where the fields of one row lie in the scanner's buffer, found in one
/// pass over its bytes. The arrays are kept from row to row, so a row costs
/// no allocation.
struct FieldRanges {
    /// Each located field's first byte.
    var starts: [Int] = []
    /// One past each located field's last byte.
    var ends: [Int] = []
    /// Whether each field starts with a quote, and so has quotes to resolve.
    var quoted: [Bool] = []
    /// How many fields were located.
    var count = 0
    /// The line breaks the row spans, its own end included.
    var newlines = 0

    /// What a scan found.
    enum Scan {
        /// A row, ending before this offset.
        case row(Int)
        /// The row runs past the bytes read so far.
        case needMore
        /// The input ended inside a quoted field.
        case openQuote
        /// Nothing is left.
        case empty
    }

    /// Whether the row holds nothing: a blank line.
    var isBlank: Bool { count == 1 && starts[0] == ends[0] }

    /// Locates the fields of the row that starts at `start`; `final` says
    /// that no bytes come after `end`.
    mutating func scan(
        _ p: UnsafeMutableBufferPointer<UInt8>, from start: Int, to end: Int, final: Bool, delimiter: UInt8, limit: Int
    ) -> Scan {
        count = 0
        newlines = 0
        guard start < end else { return final ? .empty : .needMore }
        let base = p.baseAddress!
        var i = start
        while true {
            if count >= limit, let rowEnd = skipRest(base, from: i, to: end, final: final) {
                return rowEnd
            }
            var j = i
            let isQuoted = j < end && base[j] == 34
            if isQuoted {
                var inQuote = true
                j += 1
                while j < end {
                    let c = base[j]
                    if c == 34 {
                        inQuote.toggle()
                    } else if !inQuote, c == delimiter || c == 10 || c == 13 {
                        break
                    } else if c == 10 {
                        newlines += 1
                    }
                    j += 1
                }
                if j == end {
                    if !final { return .needMore }
                    if inQuote { return .openQuote }
                }
            } else {
                while j < end {
                    let c = base[j]
                    if c == delimiter || c == 10 || c == 13 { break }
                    j += 1
                }
                if j == end, !final { return .needMore }
            }
            record(i, j, isQuoted, limit: limit)
            if j == end { return .row(end) }
            let c = base[j]
            if c == delimiter {
                i = j + 1
                continue
            }
            newlines += 1
            if c == 13 {
                if j + 1 < end { return .row(base[j + 1] == 10 ? j + 2 : j + 1) }
                return final ? .row(j + 1) : .needMore
            }
            return .row(j + 1)
        }
    }

    private mutating func record(_ start: Int, _ end: Int, _ isQuoted: Bool, limit: Int) {
        guard count < limit else { return }
        if count < starts.count {
            starts[count] = start
            ends[count] = end
            quoted[count] = isQuoted
        } else {
            starts.append(start)
            ends.append(end)
            quoted.append(isQuoted)
        }
        count += 1
    }

    /// Past the fields wanted: the row's end found with `memchr`, when no
    /// quote stands between here and the next line break; nil when the
    /// rest must be read field by field.
    private mutating func skipRest(_ base: UnsafeMutablePointer<UInt8>, from i: Int, to end: Int, final: Bool) -> Scan? {
        guard i < end else { return final ? .row(end) : .needMore }
        let found = memchr(base + i, 10, end - i)
        let stop = found.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: UInt8.self) - base } ?? end
        if memchr(base + i, 34, stop - i) != nil { return nil }
        guard found != nil else { return final ? .row(end) : .needMore }
        newlines += 1
        return .row(stop + 1)
    }

    /// Resolves the quotes of quoted fields in place: `"a ""b"""` becomes `a "b"`.
    mutating func unquote(_ p: UnsafeMutableBufferPointer<UInt8>) {
        for f in 0..<count where quoted[f] {
            let start = starts[f]
            let end = ends[f]
            // The common case: quotes around the field and none inside.
            if end - start >= 2, p[end - 1] == 34, !p[(start + 1)..<(end - 1)].contains(34) {
                starts[f] = start + 1
                ends[f] = end - 1
                continue
            }
            var w = start
            var r = start
            var inQuote = false
            while r < end {
                let c = p[r]
                if c == 34 {
                    if inQuote, r + 1 < end, p[r + 1] == 34 {
                        p[w] = 34
                        w += 1
                        r += 1
                    } else {
                        inQuote.toggle()
                    }
                } else {
                    p[w] = c
                    w += 1
                }
                r += 1
            }
            ends[f] = w
        }
    }
}
