/// Finding passwords written into a line, so that a line holding one is
/// refused before it reaches the history, the journal, a recording or a
/// saved script. Two spellings are found: `password=VALUE` (any case, blanks
/// around `=`, the value bare or in single quotes), as in a libpq connection
/// string or a URI's query, and the `user:PASSWORD@` of a URI.
public enum Secrets {
    /// The byte ranges of the passwords written in `bytes`, in order.
    public static func passwords(in bytes: [UInt8]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            // Only a `p` or a `:` can start what is looked for: a script of a
            // million lines is passed over at the speed of this loop.
            i = bytes.withUnsafeBufferPointer { p in
                var j = i
                while j < p.count, p[j] | 0x20 != 112, p[j] != 58 { j += 1 }
                return j
            }
            guard i < bytes.count else { break }
            if let value = keywordValue(bytes, at: i) {
                if !value.isEmpty { found.append(value) }
                i = max(value.upperBound, i + 1)
            } else if let value = uriPassword(bytes, at: i) {
                found.append(value)
                i = value.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    /// Whether a password is written in the text.
    public static func mentionPassword(_ text: String) -> Bool {
        !passwords(in: Array(text.utf8)).isEmpty
    }

    /// The bytes with every password replaced by `***`: what may be kept of
    /// a file that holds one (a line refused for it is refused again).
    public static func redacted(_ bytes: [UInt8]) -> [UInt8] {
        let ranges = passwords(in: bytes)
        guard !ranges.isEmpty else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var last = 0
        for range in ranges {
            out += bytes[last..<range.lowerBound]
            out += Array("***".utf8)
            last = range.upperBound
        }
        out += bytes[last...]
        return out
    }

    private static let keyword = Array("password".utf8)

    /// At `i`: `password = VALUE`; the value's range (empty when none is given).
    private static func keywordValue(_ bytes: [UInt8], at i: Int) -> Range<Int>? {
        guard i + keyword.count <= bytes.count else { return nil }
        for k in 0..<keyword.count where bytes[i + k] | 0x20 != keyword[k] { return nil }
        var j = i + keyword.count
        while j < bytes.count, bytes[j] == 32 || bytes[j] == 9 { j += 1 }
        guard j < bytes.count, bytes[j] == 61 else { return nil }  // '='
        j += 1
        while j < bytes.count, bytes[j] == 32 || bytes[j] == 9 { j += 1 }
        let start = j
        if j < bytes.count, bytes[j] == 39 {  // a quoted value: up to the closing quote
            j += 1
            while j < bytes.count, bytes[j] != 39, bytes[j] != 10 { j += bytes[j] == 92 ? 2 : 1 }
            return start..<min(j + 1, bytes.count)
        }
        while j < bytes.count, !isValueEnd(bytes[j]) { j += 1 }
        return start..<j
    }

    /// At `i`: `://user:PASSWORD@`; the password's range.
    private static func uriPassword(_ bytes: [UInt8], at i: Int) -> Range<Int>? {
        guard i + 3 <= bytes.count, bytes[i] == 58, bytes[i + 1] == 47, bytes[i + 2] == 47 else { return nil }
        var j = i + 3
        var colon: Int?
        while j < bytes.count, !isValueEnd(bytes[j]), bytes[j] != 47, bytes[j] != 63, bytes[j] != 35 {
            if bytes[j] == 64 {  // '@' ends the user part
                guard let colon, colon + 1 < j else { return nil }
                return (colon + 1)..<j
            }
            if bytes[j] == 58, colon == nil { colon = j }
            j += 1
        }
        return nil
    }

    /// Blanks, quotes and separators end a bare value.
    private static func isValueEnd(_ b: UInt8) -> Bool {
        b == 32 || b == 9 || b == 10 || b == 13 || b == 34 || b == 38 || b == 59
    }
}
