import CLibEdit
import Glibc

// What the polling reader needs, for the C callback that cannot capture it.
nonisolated(unsafe) private var idleHook: ((String) -> (prompt: String, notices: [String]))?
nonisolated(unsafe) private var idleWake: Int32 = -1
nonisolated(unsafe) private var idlePrompt = ""

extension LibEditReader {
    /// Reads the next line while also watching `wake` and the clock: about
    /// once a second, and whenever `wake` becomes readable, `idle` is called
    /// with the prompt shown and returns the prompt to show (a timer that
    /// counts down) and lines to announce (a vote from the room's page); a
    /// different prompt is drawn at once, with the line being typed left as
    /// it is, and an announcement is written above that line, which is then
    /// drawn again below it. Without `idle`, libedit reads as usual.
    public func readLine(prompt: String, wake: Int32, idle: ((String) -> (prompt: String, notices: [String]))?) -> ReadResult {
        guard let idle else { return readLine(prompt: prompt) }
        idleHook = idle
        idleWake = wake
        idlePrompt = prompt
        align_el_set_getc(editor, { editor, out in pollingGetc(editor, out) })
        defer {
            align_el_set_getc(editor, nil)
            idleHook = nil
            idleWake = -1
        }
        return readLine(prompt: prompt)
    }
}

/// One character from the terminal, waiting for it with `poll` so that the
/// idle hook can run in between. Ctrl-C and SIGTERM end the wait as they end
/// libedit's own read: -1 with errno EINTR.
private func pollingGetc(_ editor: OpaquePointer?, _ out: UnsafeMutablePointer<wchar_t>?) -> Int32 {
    guard let out else { return -1 }
    while true {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: idleWake, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, idleWake >= 0 ? 2 : 1, 1000)
        if ready < 0 {
            guard errno == EINTR else { return -1 }
            if Interrupt.isPending || Termination.signal != nil { return -1 }
            continue
        }
        if idleWake >= 0, fds[1].revents != 0 {
            var sink = [UInt8](repeating: 0, count: 64)
            _ = sink.withUnsafeMutableBytes { read(idleWake, $0.baseAddress, 64) }
        }
        if ready == 0 || fds[1].revents != 0 { runIdle(editor) }
        if fds[0].revents != 0 { return readScalar(out) }
    }
}

/// Calls the idle hook, writes what it announces on lines of their own
/// (the line being typed is cleared, then drawn again below them), and draws
/// the prompt it returns, if it changed.
private func runIdle(_ editor: OpaquePointer?) {
    guard let hook = idleHook, let editor else { return }
    let (next, notices) = hook(idlePrompt)
    guard next != idlePrompt || !notices.isEmpty else { return }
    // libedit redraws from where it believes the prompt starts: take the
    // cursor there (up the rows the prompt and the text before the cursor
    // fill) and clear below, or the new prompt is drawn after the old line.
    // What the hook announces goes there, on lines of its own, above it.
    let columns = max(1, terminalWidth())
    let rowsUp = (visibleColumns(idlePrompt) + columnsBeforeCursor(editor)) / columns
    writeAll(1, "\r" + (rowsUp > 0 ? "\u{1B}[\(rowsUp)A" : "") + "\u{1B}[J" + notices.map { $0 + "\r\n" }.joined())
    idlePrompt = next
    LibEditReader.setPromptText(next)
    align_el_refresh(editor)
}

/// How many columns the text typed before the cursor takes (a character a column).
private func columnsBeforeCursor(_ editor: OpaquePointer) -> Int {
    guard let info = el_line(editor)?.pointee, let start = info.buffer, let cursor = info.cursor, cursor > start else { return 0 }
    let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(start).assumingMemoryBound(to: UInt8.self), count: cursor - start)
    return String(decoding: bytes, as: UTF8.self).count
}

/// The columns a prompt takes on screen: its characters, less any escape sequence that colours it.
private func visibleColumns(_ prompt: String) -> Int {
    var count = 0
    var inEscape = false
    for scalar in prompt.unicodeScalars {
        if inEscape {
            if scalar.properties.isAlphabetic { inEscape = false }
        } else if scalar == "\u{1B}" {
            inEscape = true
        } else if scalar.value >= 0x20 {
            count += 1
        }
    }
    return count
}

/// Reads one UTF-8 character from standard input: 1 when read, 0 at the
/// end of input, -1 on an error or Ctrl-C.
private func readScalar(_ out: UnsafeMutablePointer<wchar_t>) -> Int32 {
    func byte() -> Int32 {
        var b: UInt8 = 0
        while true {
            let n = read(0, &b, 1)
            if n == 1 { return Int32(b) }
            if n == 0 { return -2 }
            if errno != EINTR || Interrupt.isPending || Termination.signal != nil { return -1 }
        }
    }
    let first = byte()
    if first == -2 { return 0 }
    if first < 0 { return -1 }
    let lead = UInt32(first)
    var (value, more): (UInt32, Int) =
        lead < 0x80 ? (lead, 0) : lead >> 5 == 0b110 ? (lead & 0x1F, 1) : lead >> 4 == 0b1110 ? (lead & 0x0F, 2)
        : lead >> 3 == 0b11110 ? (lead & 0x07, 3) : (0xFFFD, 0)
    while more > 0 {
        let next = byte()
        if next < 0 { return next == -2 ? 0 : -1 }
        guard UInt32(next) >> 6 == 0b10 else {
            value = 0xFFFD
            break
        }
        value = value << 6 | (UInt32(next) & 0x3F)
        more -= 1
    }
    out.pointee = wchar_t(bitPattern: value)
    return 1
}
