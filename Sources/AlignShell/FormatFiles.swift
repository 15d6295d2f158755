import AlignLanguage
import AlignSession

extension Message {
    static func wouldReformat(_ file: String) -> Message { Message("would reformat \(file)") }
}

/// `align fmt FILE...`: lays scripts out canonically, in place, keeping
/// every word, number and comment as written (see `ScriptFormatter`).
public enum FormatFiles {
    /// Formats each file in place; with `check`, changes nothing and names
    /// on standard output each file that would change. `-` reads standard
    /// input and writes the result to standard output. A file that does not
    /// parse is left as it is, with `FILE:LINE:COL: error: MESSAGE` on
    /// standard error. Returns the exit status: 1 when a file did not parse,
    /// could not be written, or (with `check`) would change; else 0.
    public static func run(_ paths: [String], check: Bool) -> Int32 {
        // Formulas nest as deep as the parser allows, on the stack a script runs on.
        LargeStack.run { formatAll(paths, check: check) }
    }

    private static func formatAll(_ paths: [String], check: Bool) -> Int32 {
        var status: Int32 = 0
        for path in paths {
            let name = path == "-" ? "<stdin>" : FileSystem.tidy(path)
            var bytes: [UInt8]
            do {
                bytes = try FileSystem.read(path == "-" ? "/dev/stdin" : path)
            } catch {
                // The message names the file, as for a script that cannot be run.
                Launcher.write(2, "error: \(Escaping.safe(error.message))\n")
                status = 1
                continue
            }
            let original = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let formatted: [UInt8]
            do {
                formatted = Array(try ScriptFormatter.format(SourceText(name: name, bytes: bytes)).utf8)
            } catch {
                var text = Escaping.safe(error.oneLine) + "\n"
                for note in error.notes { text += "note: " + Escaping.safe(note) + "\n" }
                Launcher.write(2, text)
                status = 1
                continue
            }
            if path == "-" {
                if check {
                    if formatted != original { status = 1 }
                } else {
                    Launcher.write(1, String(decoding: formatted, as: UTF8.self))
                }
                continue
            }
            guard formatted != original else { continue }
            if check {
                Launcher.write(1, Message.wouldReformat(Escaping.safe(name)).text + "\n")
                status = 1
                continue
            }
            do {
                try FileSystem.writeAtomically(path, formatted)
            } catch {
                Launcher.write(2, "error: \(Escaping.safe(error.message))\n")
                status = 1
            }
        }
        return status
    }
}
