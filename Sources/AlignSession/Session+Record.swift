import AlignLanguage
import AlignOutput

extension Message {
    static func recordingStopped(_ error: FileError) -> Message {
        Message(error.message + "; recording stopped")
    }
    static func recordingReplaced(_ path: String) -> Message {
        Message("'\(path)' was replaced by another program; the recording goes on at its end")
    }
    static func writingOntoRecording(_ path: String, _ verb: String) -> Message {
        Message("'\(path)' is the file this session is recording to; \(verb) elsewhere, or 'record off' first")
    }
    static let cutRecording = Message(
        "the recording ends in the middle of this line (cut short by a full disk or a crash?); it was left out")
}

/// `record`: the session's commands appended to a file as they succeed.
extension Session {
    func record(_ path: PathArgument?, _ source: SourceText) throws(Diagnostic) {
        guard replay == nil else { return }
        guard let path else {
            if let recorder {
                confirm("stopped recording to \(recorder.path)")
                self.recorder = nil
            }
            return
        }
        try checkSafeWrite("record", path, source)
        let replacing = FileSystem.exists(resolve(path))
        // Recording again to the same file starts it afresh; its lock is this session's own.
        if recorder?.holds(resolve(path)) == true { recorder = nil }
        do {
            recorder = try Recorder(
                path: resolve(path), header: Session.recordingHeader + "\(utcTimestamp())\n# replay with: align \(Escaping.safe(path.path))\n",
                firstStep: entries.count + 1)
        } catch {
            throw Diagnostic(.file(error), at: path.range, in: source)
        }
        confirm("recording this session to \(path.path)" + (replacing ? " (replacing what it held)" : ""))
    }

    /// Adds a command to the recording, if one is on; a file that cannot take
    /// more stops the recording with a warning instead of failing the command.
    func keepInRecording(_ text: String) {
        guard let recorder else { return }
        do {
            if try recorder.record(text) { report(Diagnostic(.warning, Message.recordingReplaced(recorder.path).text)) }
        } catch {
            self.recorder = nil
            report(Diagnostic(.warning, Message.recordingStopped(error).text))
        }
    }

    /// Whether a command that did not parse is the last line of a recording,
    /// cut short with no newline after it: a full disk or a crash stopped the
    /// recorder mid-line (align itself appends whole lines, but older files
    /// and other writers may not). Such a line is left out with a warning,
    /// so the recording still replays.
    func isCutRecording(_ source: SourceText, _ range: SourceRange) -> Bool {
        let bytes = source.bytes
        guard !runStack.isEmpty, bytes.last != 10, bytes.starts(with: Array(Session.recordingHeader.utf8)) else {
            return false
        }
        return bytes[min(range.end, bytes.count)...].allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
    }

    /// How every recording begins.
    static let recordingHeader = "# align session recorded "
}
