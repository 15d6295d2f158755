/// Keeps what the user typed from reaching the terminal as control codes.
///
/// Names cannot hold control characters, but strings can (`\n` in a note),
/// and file names and CSV cells come from outside. Every renderer passes text
/// through here, so an escape sequence in a description shows as `\u{1B}`
/// instead of recolouring the screen.
public enum Escaping {
    /// A scalar as an error message shows it: `'x'`, or `U+001B` when unprintable.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        if isUnsafe(scalar) || scalar == " " {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
        return "'\(scalar)'"
    }

    /// Whether a scalar must not be written raw: C0 and C1 controls, DEL, and
    /// the bidirectional overrides that can reorder what a reader sees.
    @inlinable
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) || (v >= 0x202A && v <= 0x202E)
            || (v >= 0x2066 && v <= 0x2069)
    }

    /// Whether any UTF-8 byte of `text` passes `test`: a loop over the
    /// string's contiguous bytes (a native string's), which a renderer calls
    /// for every cell of a long answer.
    @inlinable
    public static func hasByte(_ text: String, where test: (UInt8) -> Bool) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes in
            for b in bytes where test(b) { return true }
            return false
        }
        return found ?? text.utf8.contains(where: test)
    }

    /// The text with every unsafe scalar written as an escape (`\n`, `\t`, `\u{1B}`);
    /// with `keepNewlines`, newlines pass through (for multi-line descriptions).
    public static func safe(_ text: String, keepNewlines: Bool = false, keepTabs: Bool = false) -> String {
        // Most text is printable ASCII: returned as it is, without building anything.
        guard hasByte(text, where: { $0 < 0x20 || $0 == 0x7F || $0 >= 0xC2 }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if !isUnsafe(scalar) {
                out.unicodeScalars.append(scalar)
            } else if scalar == "\n" {
                out += keepNewlines ? "\n" : "\\n"
            } else if scalar == "\t" {
                out += keepTabs ? "\t" : "\\t"
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }
}
