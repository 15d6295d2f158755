import AlignCore
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

/// `record`: the commands of a session as typed, in a file that replays
/// them. The file stands on its own: it says how to start the replay (the
/// reference scenario, or the workspace as it was when the recording began,
/// written first), a file a command reads is named so that it is found from
/// the recording's folder, and replaying it writes no file.
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
        guard try mayWrite("record", path, source) else { return }
        let full = resolve(path)
        let replacing = FileSystem.exists(full)
        // Recording again to the same file starts it afresh; its lock is this session's own.
        if recorder?.holds(full) == true { recorder = nil }
        do {
            recorder = try Recorder(path: full, header: recordingHeader(path), firstStep: entries.count + 1)
        } catch {
            throw Diagnostic(.file(error), at: path.range, in: source)
        }
        confirm("recording this session to \(path.path)" + (replacing ? " (replacing what it held)" : ""))
    }

    /// How the recording begins: when it was made, how to replay it, and
    /// what the workspace held then, if that is neither nothing nor the
    /// reference scenario (`--demo`) as it is loaded.
    private func recordingHeader(_ path: PathArgument) -> String {
        let file = Escaping.safe(path.path)
        var header = Session.recordingHeader + "\(utcTimestamp())\n"
        let folder = FileSystem.directory(of: resolve(path))
        let now = ScriptPrinter.script(workspace) { [unowned self] s in self.location(of: s, inScriptIn: folder) }
        let rules = "# export and save are kept as comments: replaying writes no file\n"
        if now == ScriptPrinter.script(Workspace()) {
            return header + "# replay with: align \(file)\n" + rules
        }
        if now == Session.demoScript {
            return header + "# replay with: align --demo \(file)\n" + rules
        }
        // -q: an init file is already in the workspace written here.
        header += "# replay with: align -q \(file)\n" + rules
        header += "# the workspace when the recording began, as 'save' writes it:\n\n"
        return header + now + "\n# the session, as typed\n"
    }

    /// The reference scenario as `save` writes it.
    static let demoScript: String = {
        let session = Session(output: DiscardedOutput())
        session.run(SourceText(name: "<demo>", text: DemoScenario.text))
        return ScriptPrinter.script(session.workspace)
    }()

    /// A command as the recording keeps it: as typed, but a file it reads
    /// named so that replay finds the same file from the recording's folder,
    /// and a file it writes (`save`, `export FILE`) kept as a comment.
    func recordedText(_ parsed: ParsedCommand) -> String {
        let text = parsed.source.text(parsed.range)
        switch parsed.command {
        case .save, .export(_, .some, _, _):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { "# " + $0 }
            return lines.joined(separator: "\n") + "    (written then; replay does not write it again)"
        case .run(let path), .importValues(let path), .importPlan(let path):
            return relocated(path, in: text, parsed.range.start)
        case .data(.source(_, let kind, let location, _)) where kind != .postgres:
            return relocated(location, in: text, parsed.range.start)
        default:
            return text
        }
    }

    /// `text` with `path` made absolute, when it is relative and the
    /// recording lies in another folder than the one the path was read from.
    private func relocated(_ path: PathArgument, in text: String, _ start: Int) -> String {
        guard let recorder, !path.path.hasPrefix("/") else { return text }
        let here = FileSystem.canonical(currentFolder.isEmpty ? "." : currentFolder)
        let there = FileSystem.canonical(FileSystem.directory(of: recorder.path).isEmpty ? "." : FileSystem.directory(of: recorder.path))
        guard here != there else { return text }
        let absolute = FileSystem.absolute(resolve(path))
        let bytes = Array(text.utf8)
        let from = path.range.start - start
        let to = path.range.end - start
        guard from >= 0, to <= bytes.count, from <= to else { return text }
        return String(decoding: bytes[..<from], as: UTF8.self) + Session.pathWord(absolute)
            + String(decoding: bytes[to...], as: UTF8.self)
    }

    /// A path as a command reads it back: bare when it is plain, else quoted.
    static func pathWord(_ path: String) -> String {
        let plain = path.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 47 || b == 46 || b == 95 || b == 45
        }
        return plain ? path : ScriptPrinter.quoted(path)
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
        // (The header is on the script's first piece; the cut line, on its last.)
        guard !runStack.isEmpty, bytes.last != 10, runningRecording else {
            return false
        }
        return bytes[min(range.end, bytes.count)...].allSatisfy { $0 == 32 || $0 == 9 || $0 == 13 }
    }

    /// How every recording begins.
    static let recordingHeader = "# align session recorded "
}
