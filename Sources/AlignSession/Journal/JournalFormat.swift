/// One line of a journal file, decoded.
public enum JournalRecord: Equatable, Sendable {
    /// A process began (or took over) the session, with the options that
    /// change how steps turn out.
    case session(time: Int, pid: Int32, keepGoing: Bool, safe: Bool, folder: String)
    /// The prompt appeared: from here on, commands are typed and kept in history.
    case prompt(time: Int)
    /// What was loaded before (init file, `--demo`) became the session's
    /// starting point: undo stops here and `history` starts after it.
    case start(time: Int)
    /// A step, with the files it read.
    case step(time: Int, JournalStep)
}

/// The journal's text form: a first line naming the format, then one record
/// a line, fields separated by tabs, with `\`, tab, CR and LF escaped as
/// `\\`, `\t`, `\r`, `\n`, so every record is one line whatever it holds:
///
///     align-journal 1
///     session	1764254400	4242	keep-going	/home/ann/plans
///     read	/home/ann/plans/q3.align	team Sales\nteam Marketing\n
///     start	1764254400
///     script	1764254401	ok	-	q3.align
///     prompt	1764254401
///     command	1764254410	ok	-	value leads 2026-Q3 5000
///     typed	1764254412	ok	-	query gaps 2026-Q3
///
/// `read` lines belong to the step that follows them. Only lines that end in
/// a newline count: a record is written with one `write`, and a line cut
/// short by a crash is left out.
public enum JournalFormat {
    /// The first line of every journal.
    public static let magic = "align-journal 1"

    /// The lines of one record, newline included.
    public static func encode(_ record: JournalRecord) -> [UInt8] {
        var out: [UInt8] = []
        func line(_ fields: [[UInt8]]) {
            for (i, field) in fields.enumerated() {
                if i > 0 { out.append(9) }
                escape(field, into: &out)
            }
            out.append(10)
        }
        func text(_ s: String) -> [UInt8] { Array(s.utf8) }
        switch record {
        case .session(let time, let pid, let keepGoing, let safe, let folder):
            let flags = [keepGoing ? "keep-going" : nil, safe ? "safe" : nil].compactMap { $0 }
            line([text("session"), text("\(time)"), text("\(pid)"), text(flags.isEmpty ? "-" : flags.joined(separator: ",")), text(folder)])
        case .prompt(let time):
            line([text("prompt"), text("\(time)")])
        case .start(let time):
            line([text("start"), text("\(time)")])
        case .step(let time, let step):
            for read in step.reads { line([text("read"), text(read.path), read.bytes]) }
            line([
                text(step.kind.rawValue), text("\(time)"), text(step.succeeded ? "ok" : "failed"),
                text(step.interruptedAfter.map { "\($0)" } ?? "-"), text(step.text),
            ])
        }
        return out
    }

    /// The records of a journal file; nil if it is not a journal. Lines cut
    /// short, lines of a later format and `read` lines with no step after
    /// them are left out.
    public static func decode(_ bytes: [UInt8]) -> [JournalRecord]? {
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
        lines.removeLast()  // after the last newline: empty, or a line cut short
        guard let first = lines.first, Array(first) == Array(magic.utf8) else { return nil }
        var records: [JournalRecord] = []
        var reads: [FileRead] = []
        for raw in lines.dropFirst() {
            let fields = raw.split(separator: 9, omittingEmptySubsequences: false).map(unescape)
            let strings = fields.map { String(decoding: $0, as: UTF8.self) }
            switch strings.first {
            case "session" where fields.count == 5:
                guard let time = Int(strings[1]), let pid = Int32(strings[2]) else { continue }
                let flags = strings[3].split(separator: ",")
                records.append(
                    .session(
                        time: time, pid: pid, keepGoing: flags.contains("keep-going"), safe: flags.contains("safe"),
                        folder: strings[4]))
            case "prompt" where fields.count == 2:
                guard let time = Int(strings[1]) else { continue }
                records.append(.prompt(time: time))
            case "start" where fields.count == 2:
                guard let time = Int(strings[1]) else { continue }
                records.append(.start(time: time))
            case "read" where fields.count == 3:
                reads.append(FileRead(path: strings[1], bytes: fields[2]))
            case let tag? where fields.count == 5:
                guard let kind = JournalStep.Kind(rawValue: tag), let time = Int(strings[1]) else { continue }
                let step = JournalStep(
                    kind, strings[4], succeeded: strings[2] == "ok", interruptedAfter: Int(strings[3]), reads: reads)
                records.append(.step(time: time, step))
                reads = []
            default:
                continue
            }
        }
        return records
    }

    static func escape(_ bytes: [UInt8], into out: inout [UInt8]) {
        for b in bytes {
            switch b {
            case 92: out += [92, 92]
            case 9: out += [92, 116]
            case 10: out += [92, 110]
            case 13: out += [92, 114]
            default: out.append(b)
            }
        }
    }

    static func unescape(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var escaped = false
        for b in bytes {
            if escaped {
                switch b {
                case 116: out.append(9)
                case 110: out.append(10)
                case 114: out.append(13)
                default: out.append(b)
                }
                escaped = false
            } else if b == 92 {
                escaped = true
            } else {
                out.append(b)
            }
        }
        return out
    }
}
