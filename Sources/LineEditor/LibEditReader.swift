import CLibEdit
import Glibc

// libedit calls back through C function pointers, which cannot capture
// context; what they need lives here. There is one editor per process.
nonisolated(unsafe) private var promptBuffer: UnsafeMutablePointer<CChar>? = strdup("> ")
nonisolated(unsafe) private var activeCompleter: Completer?
nonisolated(unsafe) private var listingDisplay: (String) -> String = { $0 }

/// An interactive reader on libedit: line editing, history recall and Tab completion.
public final class LibEditReader: LineReader {
    let editor: OpaquePointer
    private let history: OpaquePointer

    /// Opens the editor on the terminal; nil if libedit cannot start.
    /// `display` shows a candidate in the list Tab prints under the line:
    /// file names can hold control characters, which must not reach the
    /// terminal raw (libedit itself shows those of the line it edits as `^[`).
    public init?(
        program: String, historySize: Int = 5000, completer: Completer?, display: @escaping (String) -> String = { $0 }
    ) {
        guard let history = align_history_init(Int32(historySize)) else { return nil }
        guard let editor = align_el_init(program) else {
            history_end(history)
            return nil
        }
        self.editor = editor
        self.history = history
        activeCompleter = completer
        listingDisplay = display
        align_el_setup(editor, history, { _ in promptBuffer }, { editor, _ in completeCallback(editor) })
    }

    /// Ends the editor, which puts the terminal back as it was. The shell
    /// must let go of its reader before the process exits for this to run.
    deinit {
        el_end(editor)
        history_end(history)
        activeCompleter = nil
    }

    public func readLine(prompt: String) -> ReadResult {
        Self.setPromptText(prompt)
        Interrupt.clear()
        var count: Int32 = 0
        let line = Termination.waitingForInput { el_gets(editor, &count) }
        if Interrupt.isPending {
            Interrupt.clear()
            el_reset(editor)
            writeAll(1, "^C\n")
            return .interrupted
        }
        guard let line, count > 0 else { return .endOfInput }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    public func addHistory(_ entry: String) {
        align_history_enter(history, entry)
    }

    /// Makes `prompt` the text libedit's prompt callback returns.
    static func setPromptText(_ prompt: String) {
        free(promptBuffer)
        promptBuffer = strdup(prompt)
    }
}

/// Tab: complete the word before the cursor. One candidate is inserted whole;
/// several insert what they share, or, when they share no more than what is
/// typed (on an empty line, say), are listed under the line.
private func completeCallback(_ editor: OpaquePointer?) -> UInt8 {
    guard let editor, let info = el_line(editor)?.pointee, let completer = activeCompleter else {
        return UInt8(CC_ERROR)
    }
    let cursor = info.cursor - info.buffer
    let length = info.lastchar - info.buffer
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(info.buffer).assumingMemoryBound(to: UInt8.self), count: length)
    let line = String(decoding: bytes, as: UTF8.self)
    let completion = completer(line, cursor)
    let typed = String(decoding: bytes[min(completion.wordStart, cursor)..<cursor], as: UTF8.self)
    let candidates = completion.candidates
    guard !candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
    let common = commonPrefix(candidates)
    var insertion = common.count > typed.count && common.hasPrefix(typed) ? String(common.dropFirst(typed.count)) : ""
    if candidates.count == 1, let only = candidates.first {
        if !only.hasPrefix(typed) {
            el_deletestr(editor, Int32(typed.unicodeScalars.count))
            insertion = only
        }
        if !only.hasSuffix("=") && !only.hasSuffix("/") { insertion += " " }
    }
    if !insertion.isEmpty {
        return insertion.withCString { el_insertstr(editor, $0) == 0 } ? UInt8(CC_REFRESH) : UInt8(CC_ERROR)
    }
    // Nothing to add: list the candidates under the line, as zsh and fish do.
    writeAll(1, "\n" + columns(candidates.map(listingDisplay), width: terminalWidth()) + "\n")
    return UInt8(CC_REDISPLAY)
}

/// The terminal's width in columns, 80 when it cannot tell.
func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
}

private func commonPrefix(_ words: [String]) -> String {
    guard var prefix = words.first.map({ Array($0.unicodeScalars) }) else { return "" }
    for word in words.dropFirst() {
        let scalars = Array(word.unicodeScalars)
        var n = 0
        while n < prefix.count, n < scalars.count, prefix[n] == scalars[n] { n += 1 }
        prefix.removeLast(prefix.count - n)
    }
    var result = ""
    result.unicodeScalars.append(contentsOf: prefix)
    return result
}

/// Candidates laid out in columns across the screen, at most 100 shown.
private func columns(_ words: [String], width screen: Int) -> String {
    let shown = Array(words.prefix(100))
    let width = (shown.map { $0.count }.max() ?? 0) + 2
    let perRow = max(1, screen / width)
    var lines: [String] = []
    var row = ""
    for (i, word) in shown.enumerated() {
        row += word + String(repeating: " ", count: max(0, width - word.count))
        if (i + 1) % perRow == 0 {
            lines.append(row)
            row = ""
        }
    }
    if !row.isEmpty { lines.append(row) }
    if words.count > shown.count { lines.append("... and \(words.count - shown.count) more") }
    return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
}
