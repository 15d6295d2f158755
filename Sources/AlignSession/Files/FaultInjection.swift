import Glibc
import Synchronization

/// What a write to a file is for. The fault-injection harness picks the
/// writes it breaks by it.
package enum WriteChannel: String, Sendable, CaseIterable {
    /// The journal of an interactive session.
    case journal
    /// The prompt's history file.
    case history
    /// A recording (`record`).
    case record
    /// A file written whole and renamed into place (`save`, `export`, the history's compaction).
    case save
}

/// Faults injected into the writes of files, in debug builds only, so that
/// `scripts/faults` can check what align does when a disk fills, a device
/// fails, a write comes back short or a signal interrupts it. A release
/// build has none of this: `write` is the system's.
///
/// `ALIGN_FAULTS` lists rules separated by commas, each `CHANNEL:WHICH:FAULT`:
/// CHANNEL is `journal`, `history`, `record` or `save`; WHICH is `N` (the
/// Nth write on that channel, from 1), `N+` (that one and every later one)
/// or `sync` (every fsync and fdatasync on it); FAULT is `enospc`, `eio`,
/// `efbig` or `edquot` (the write fails with that error), `eintr` (it is
/// interrupted before writing anything) or `short` (it writes half of what
/// it was asked, at least a byte). `journal:2:enospc,record:1+:eintr`.
/// From N on (`N+`), `eintr` and `short` strike every other write, so that
/// a write that carries on after them still ends.
package enum FaultInjection {
    #if DEBUG
    struct Rule {
        var channel: WriteChannel
        var first: Int
        var andLater: Bool
        var sync: Bool
        var fault: String

        /// Whether the rule breaks the `n`th write on `channel`. From N on,
        /// an interruption or a short write strikes every other write, so
        /// that a write that goes on after one can still end.
        func strikes(_ n: Int, on channel: WriteChannel) -> Bool {
            guard !sync, channel == self.channel, n >= first else { return false }
            if n == first { return true }
            guard andLater else { return false }
            return fault == "eintr" || fault == "short" ? (n - first) % 2 == 0 : true
        }
    }

    static let rules: [Rule] = {
        guard let raw = getenv("ALIGN_FAULTS") else { return [] }
        return String(cString: raw).split(separator: ",").compactMap { spec in
            let parts = spec.split(separator: ":").map(String.init)
            guard parts.count == 3, let channel = WriteChannel(rawValue: parts[0]) else { return nil }
            if parts[1] == "sync" { return Rule(channel: channel, first: 0, andLater: true, sync: true, fault: parts[2]) }
            let later = parts[1].hasSuffix("+")
            guard let n = Int(later ? String(parts[1].dropLast()) : parts[1]), n > 0 else { return nil }
            return Rule(channel: channel, first: n, andLater: later, sync: false, fault: parts[2])
        }
    }()

    static let counts = Mutex<[WriteChannel: Int]>([:])

    static func errorCode(_ fault: String) -> Int32? {
        switch fault {
        case "enospc": return ENOSPC
        case "eio": return EIO
        case "efbig": return EFBIG
        case "edquot": return EDQUOT
        case "eintr": return EINTR
        default: return nil
        }
    }
    #endif

    /// One `write(2)` on a channel: the system's, unless a rule breaks it.
    static func write(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int, _ channel: WriteChannel) -> Int {
        #if DEBUG
        if !rules.isEmpty {
            let n = counts.withLock { counts -> Int in
                counts[channel, default: 0] += 1
                return counts[channel]!
            }
            if let rule = rules.first(where: { $0.strikes(n, on: channel) }) {
                if rule.fault == "short", count > 1 { return Glibc.write(fd, bytes, count / 2) }
                if let code = errorCode(rule.fault) {
                    errno = code
                    return -1
                }
            }
        }
        #endif
        return Glibc.write(fd, bytes, count)
    }

    /// `fsync` (or, with `dataOnly`, `fdatasync`) on a channel: the system's,
    /// unless a `sync` rule breaks it.
    static func sync(_ fd: Int32, _ channel: WriteChannel, dataOnly: Bool = false) -> Bool {
        #if DEBUG
        if let rule = rules.first(where: { $0.sync && $0.channel == channel }), let code = errorCode(rule.fault) {
            errno = code
            return false
        }
        #endif
        return (dataOnly ? fdatasync(fd) : fsync(fd)) == 0
    }
}

extension FileSystem {
    /// Writes every byte to a file, going on after a short write and after
    /// a signal interrupts one; false on an error, with `errno` saying which.
    package static func writeAll(_ fd: Int32, _ bytes: [UInt8], _ channel: WriteChannel) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = FaultInjection.write(fd, raw.baseAddress! + offset, raw.count - offset, channel)
                if n < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += n
            }
            return true
        }
    }

    /// Appends whole: every byte, or (on a regular file) none, the file cut
    /// back to where it ended, so that a full disk never leaves half a line
    /// for the next append to run into. False on an error, `errno` set.
    package static func appendWhole(_ fd: Int32, _ bytes: [UInt8], _ channel: WriteChannel) -> Bool {
        var info = stat()
        let regular = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        let end = regular ? lseek(fd, 0, SEEK_END) : -1
        guard !writeAll(fd, bytes, channel) else { return true }
        let code = errno
        if end >= 0 { _ = ftruncate(fd, end) }
        errno = code
        return false
    }
}
