import AlignCore
import AlignLanguage
import AlignOutput
import Glibc

extension Message {
    static func safeWrite(_ verb: String) -> Message {
        Message("--safe: '\(verb)' would write a file, and safe mode writes none")
    }
    static func safeRead(_ path: String, folder: String) -> Message {
        Message("--safe: '\(path)' is outside the folder of the script that asks (\(folder))")
    }
    static func runCycle(_ chain: [String]) -> Message {
        Message("this run would loop forever: " + chain.joined(separator: " -> "))
    }
    static func runTooDeep(_ depth: Int) -> Message {
        Message("scripts run each other more than \(depth) deep; is there a loop?")
    }
    static func tooManyRuns(_ count: Int) -> Message {
        Message("one command has run more than \(NumberFormat.plain(Double(count))) files; do scripts run each other over and over?")
    }
    static func notUTF8(_ byte: UInt8) -> Message {
        let hex = String(byte, radix: 16, uppercase: true)
        return Message("the file is not UTF-8 text (byte 0x\(hex) here); nothing in it was run")
    }
    static func file(_ error: FileError) -> Message { Message(error.message) }
    static func csvHeader(_ missing: [String]) -> Message {
        Message("the header must name the columns metric, period and value; missing: " + missing.joined(separator: ", "))
    }
    static func csvColumns(_ found: Int, _ expected: Int) -> Message {
        Message("this row has \(found) fields but the header has \(expected)")
    }
    static func nothingImported(_ path: String) -> Message {
        Message("nothing from \(path) was imported")
    }
    static func unwritableNumber(_ line: String) -> Message {
        Message(
            "cannot save: \(line) is not a finite number, and no script can write it; "
                + "set it again or remove it, then save (nothing was written)")
    }
    static func importedFrom(_ place: String) -> Message {
        Message("the import was asked for at \(place)")
    }
}

/// save, run, import and export (record: Session+Record.swift).
extension Session {
    /// The folder of the script that asks, or the working folder.
    var currentFolder: String { runStack.last?.folder ?? options.workingDirectory }

    /// A path as written, resolved against the folder of the script that asks.
    func resolve(_ path: PathArgument) -> String {
        FileSystem.resolve(path.path, from: currentFolder)
    }

    /// In safe mode, the folder (canonical) that the script asking may read in; nil otherwise.
    var safeFolder: String? {
        guard options.safe, replay == nil else { return nil }
        return FileSystem.canonical(currentFolder.isEmpty ? "." : currentFolder) ?? currentFolder
    }

    /// In safe mode, refuses to read outside the folder of the script that
    /// asks. The name is checked first, so a file outside is never even
    /// opened; the file opened is checked again (`readChecked`), so a link
    /// swapped in between leads nowhere.
    func checkSafeRead(_ full: String, _ path: PathArgument, _ source: SourceText) throws(Diagnostic) {
        guard let folder = safeFolder else { return }
        let target = FileSystem.canonical(full) ?? FileSystem.canonical(FileSystem.directory(of: full).isEmpty ? "." : FileSystem.directory(of: full)) ?? full
        guard FileSystem.isInside(target, folder) else {
            throw Diagnostic(.safeRead(path.path, folder: folder), at: path.range, in: source)
        }
    }

    /// Reads a script or a CSV file asked for by `path`: in safe mode (unless
    /// not `fenced`: a file the command line names), only if the file opened
    /// lies inside the folder of the script that asks.
    func readChecked(_ full: String, _ path: PathArgument, _ source: SourceText, fenced: Bool = true)
        throws(Diagnostic) -> [UInt8]
    {
        let folder = fenced ? safeFolder : nil
        do {
            return try readInput(full, inside: folder)
        } catch {
            throw readFailure(error, folder, path, source)
        }
    }

    /// What a file that could not be read is reported as.
    private func readFailure(_ error: FileError, _ folder: String?, _ path: PathArgument, _ source: SourceText) -> Diagnostic {
        if error.isOutside, let folder { return Diagnostic(.safeRead(path.path, folder: folder), at: path.range, in: source) }
        return Diagnostic(.file(error), at: path.range, in: source)
    }

    /// A script, read as `readChecked` reads it, without a byte-order mark,
    /// as pieces (`ScriptPieces`) where nothing needs it whole: not `align
    /// check` (which reads its comments after the run), not a journal that
    /// keeps what was read, not a replay of one. A piece is cut as the file
    /// arrives, so a long script is never held whole twice.
    private func readScript(_ full: String, _ path: PathArgument, _ source: SourceText, fenced: Bool, name: String)
        throws(Diagnostic) -> [SourceText]
    {
        let mark: [UInt8] = [0xEF, 0xBB, 0xBF]
        guard onCommand == nil, replay == nil, stepRecord.reads == nil else {
            var bytes = try readChecked(full, path, source, fenced: fenced)
            if bytes.starts(with: mark) { bytes.removeFirst(3) }
            return [SourceText(name: name, bytes: bytes)]
        }
        let folder = fenced ? safeFolder : nil
        var pieces = ScriptPieces(name: name, size: options.scriptPieceBytes)
        // The first bytes wait until a byte-order mark can be told.
        var head: [UInt8] = []
        var started = false
        func start() {
            started = true
            pieces.append(head.starts(with: mark) ? head.dropFirst(3) : head[...])
        }
        do {
            try FileSystem.read(full, inside: folder, stop: shouldStop) { block in
                if started { return pieces.append(block) }
                head += block
                if head.count >= mark.count { start() }
            }
        } catch {
            throw readFailure(error, folder, path, source)
        }
        if !started { start() }
        return pieces.finish()
    }

    /// Whether the command may write its file: false under `align check`,
    /// which passes such commands over without a word (a model kept in git
    /// may end with `save`); --safe refuses them.
    func mayWrite(_ verb: String, _ path: PathArgument, _ source: SourceText) throws(Diagnostic) -> Bool {
        if options.writesNothing { return false }
        if options.safe { throw Diagnostic(.safeWrite(verb), at: path.range, in: source) }
        return true
    }

    func write(_ text: String, to path: PathArgument, _ source: SourceText, verb: String) throws(Diagnostic) {
        guard replay == nil else { return }
        // Replacing the file would leave the recording writing into one no name reaches.
        if let recorder, recorder.holds(resolve(path)) {
            throw Diagnostic(.writingOntoRecording(path.path, verb), at: path.range, in: source)
        }
        do {
            try FileSystem.writeAtomically(resolve(path), Array(text.utf8))
        } catch {
            throw Diagnostic(.file(error), at: path.range, in: source)
        }
    }

    func save(_ path: PathArgument, _ source: SourceText) throws(Diagnostic) {
        guard try mayWrite("save", path, source) else { return }
        if let line = ScriptPrinter.unwritableNumber(workspace) {
            throw Diagnostic(.unwritableNumber(line), at: path.range, in: source)
        }
        let folder = FileSystem.directory(of: resolve(path))
        let script = ScriptPrinter.script(workspace) { [unowned self] s in self.location(of: s, inScriptIn: folder) }
        try write(script, to: path, source, verb: "save")
        room.saved = workspace.changeCount
        confirm("saved the workspace to \(path.path)")
    }

    /// A source's place as a script in `folder` writes it: a relative file
    /// path is relative to the folder of the script that named the source, so
    /// in a script elsewhere it is spelled from that script's folder (with
    /// `..` where the two share a folder above them), else absolute.
    func location(of s: DataSource, inScriptIn folder: String) -> String {
        guard s.kind != .postgres, !s.location.hasPrefix("/"), !s.location.hasPrefix("~/") else { return s.location }
        func real(_ path: String) -> String {
            let f = path.isEmpty ? "." : path
            return FileSystem.canonical(f) ?? FileSystem.absolute(f)
        }
        let here = real(s.folder)
        let there = real(folder)
        guard here != there else { return s.location }
        // The file's own folder made canonical, its name kept: a link stays a link.
        let spelled = FileSystem.tidy(here + "/" + s.location)
        let name = spelled.split(separator: "/").last.map(String.init) ?? spelled
        let file = real(FileSystem.directory(of: spelled)) + "/" + name
        return FileSystem.relative(file, from: there) ?? file
    }

    /// Runs a script named on the command line (or the init file) as one
    /// journalled step, which is one undoable step (`run FILE` in `history`);
    /// false if it failed.
    public func runFile(_ path: String) -> Bool {
        beginStep()
        let ok = runScript(path)
        endStep(.script, text: path, ok: ok, replayable: true)
        evaluatorCache?.detach()
        publishRoom()
        return ok
    }

    private func runScript(_ path: String) -> Bool {
        let source = SourceText(name: "<arg>", text: path)
        return step(StepText("run " + path)) {
            do throws(Diagnostic) {
                try runFile(PathArgument(path, SourceRange(0, path.utf8.count)), source, callRange: nil)
                return true
            } catch {
                if !error.alreadyReported {
                    var d = error
                    if d.source === source {
                        d.source = nil
                        d.range = nil
                    }
                    report(d)
                }
                return false
            }
        }
    }

    /// Runs a script: read whole and checked before its first command runs,
    /// so a file that is missing, a folder, or not UTF-8 changes nothing.
    /// `callRange` is the `run` command that asks, nil for the command line.
    func runFile(_ path: PathArgument, _ source: SourceText, callRange: SourceRange?) throws(Diagnostic) {
        let full = resolve(path)
        // Safe mode fences in what scripts ask for; a file named on the
        // command line (or the init file) is the user's own choice.
        if callRange != nil { try checkSafeRead(full, path, source) }
        let canonical = FileSystem.canonical(full) ?? FileSystem.absolute(full)
        let shown = FileSystem.tidy(full)
        if let start = runStack.firstIndex(where: { $0.path == canonical }) {
            // Named as they were written: a cycle through a link names the link.
            let chain = runStack[start...].map(\.shown) + [shown]
            throw Diagnostic(.runCycle(chain), at: path.range, in: source)
        }
        if runStack.count >= Session.deepestRun {
            throw Diagnostic(.runTooDeep(Session.deepestRun), at: path.range, in: source)
        }
        // Counted for the outermost command, nested runs included.
        if runStack.isEmpty { filesRunInCommand = 0 }
        filesRunInCommand += 1
        if filesRunInCommand > options.mostFilesRun {
            throw Diagnostic(.tooManyRuns(options.mostFilesRun), at: path.range, in: source)
        }
        // Each piece's text is let go of once run (unless undo records keep
        // its steps' text: a script that says undo or redo).
        var pieces = try readScript(full, path, source, fenced: callRange != nil, name: shown)
        if !options.undo, options.undoWhenScriptsAsk, pieces.contains(where: { Session.mayAskForUndo($0.bytes) }) {
            options.undo = true
        }
        // A long script's tables are sized before it runs.
        if pieces.reduce(0, { $0 + $1.bytes.count }) >= Session.reservingScriptBytes {
            workspace.reserve(pieces.reduce(into: DeclarationCounts()) { $0.add(DeclarationCounts(script: $1.bytes)) })
        }
        // Without --keep-going a file that is not text runs not at all; with
        // it, each line that is not text is an error of its own (runCommand).
        // (Pieces end with a line: a character never spans two.)
        if !options.keepGoing {
            for piece in pieces {
                if let bad = UTF8Check.firstInvalidByte(piece.bytes) {
                    throw Diagnostic(.notUTF8(piece.bytes[bad]), at: SourceRange(bad, bad + 1), in: piece)
                }
            }
        }
        let callSite = callRange.map { "\(source.name):\(source.location(of: $0.start))" }
        runStack.append(
            RunFrame(
                path: canonical, shown: shown, folder: FileSystem.directory(of: full), callSite: callSite,
                byCommand: callRange != nil))
        defer { runStack.removeLast() }
        let ok = try withUndoLevel { () throws(Diagnostic) in run(pieces: &pieces) }
        if !ok {
            var reported = Diagnostic(.error, "failed", at: path.range, in: source)
            reported.alreadyReported = true
            throw reported
        }
    }

    /// Whether a script's text holds `undo` or `redo` anywhere (a comment or
    /// a name too: a false alarm only keeps records that were not needed).
    public static func mayAskForUndo(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard b.count >= 4, let base = b.baseAddress else { return false }
            // Each `d` or `D` found by memchr (a scan far quicker than a loop
            // over every byte), then the bytes around it looked at.
            for d in [UInt8(ascii: "d"), UInt8(ascii: "D")] {
                var from = 2
                while from < b.count - 1, let hit = memchr(base + from, Int32(d), b.count - 1 - from) {
                    let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) - 2
                    if b[i + 3] | 0x20 == UInt8(ascii: "o") {
                        let head = (b[i] | 0x20, b[i + 1] | 0x20)
                        if head == (UInt8(ascii: "u"), UInt8(ascii: "n")) || head == (UInt8(ascii: "r"), UInt8(ascii: "e")) {
                            return true
                        }
                    }
                    from = i + 3
                }
            }
            return false
        }
    }

    /// From how many bytes a script's tables are sized before it runs: below,
    /// counting its lines costs more than the growth it saves.
    static let reservingScriptBytes = 64 << 10

    /// How deep `run`s may nest: deeper is surely a loop the paths hide.
    static let deepestRun = 64

    /// The chain of `run`s that led to the current script, innermost first.
    var runChainNotes: [String] {
        runStack.reversed().compactMap { frame in frame.callSite.map { "in a script run from \($0)" } }
    }

    /// `import values` (or, with `plan`, `import plan`): a CSV of metric,
    /// period, value, all or nothing.
    func importValues(_ path: PathArgument, _ range: SourceRange, _ source: SourceText, plan: Bool = false)
        throws(Diagnostic)
    {
        let full = resolve(path)
        try checkSafeRead(full, path, source)
        let bytes = try readChecked(full, path, source)
        let rows: ValueImport.Rows
        do {
            rows = try ValueImport.rows(bytes, workspace) { self.renamed(.metric, $0) }
        } catch {
            // Every bad row is an error of its own at FILE:ROW; the last one
            // fails the command, with what became of the file.
            let file = FileSystem.tidy(full)
            for failure in error.list.dropLast() {
                var d = Diagnostic(.error, failure.message)
                d.place = "\(file):\(failure.line)"
                report(d)
            }
            let last = error.list.last!
            var notes = [
                (error.count > 1
                    ? Message.csvBadRows(error.count, shown: error.list.count, path.path) : Message.nothingImported(path.path)).text
            ]
            if source.name != Session.promptName {
                notes.append(Message.importedFrom("\(source.name):\(source.location(of: range.start))").text)
            }
            var d = Diagnostic(.error, last.message, notes: notes)
            d.place = "\(file):\(last.line)"
            throw d
        }
        try change(at: range, in: source) { ws in
            for (id, period, value) in rows.values {
                if plan { ws.setPlan(id, period, value) } else { ws.setValue(id, period, value) }
            }
        }
        if let first = rows.emptyLines.first {
            warn(.csvSkipped(rows.emptyLines.count, first: "\(FileSystem.tidy(full)):\(first)"), at: range, in: source)
        }
        // Taken as they stand, as a typed value is, and questioned at their rows.
        for (n, slip) in rows.doubts.prefix(ValueImport.shownDoubts).enumerated() {
            var d = Diagnostic(.warning, doubtMessage(slip.metric, slip.value, slip.doubt).text)
            d.place = "\(FileSystem.tidy(full)):\(slip.line)"
            if n == ValueImport.shownDoubts - 1, rows.doubts.count > ValueImport.shownDoubts {
                d.notes.append(Message.csvMoreDoubts(rows.doubts.count - ValueImport.shownDoubts).text)
            }
            report(d)
        }
        if plan {
            warnPlansOutOfStep(
                rows.values.map { ($0.0, $0.1) }, singly: false, places: rows.lines.map { "\(FileSystem.tidy(full)):\($0)" },
                at: range, in: source)
        }
        confirm("imported \(NumberFormat.count(rows.values.count, plan ? "plan value" : "value")) from \(path.path)")
    }
}
