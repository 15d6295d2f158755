import Glibc

/// Why a file could not be read or written, in words for an error message.
public struct FileError: Error, Equatable, Sendable {
    /// The sentence.
    public var message: String
    /// Set when a file, once opened, turned out to lie outside the folder
    /// it had to be in (safe mode): the session says so in its own words.
    public var isOutside = false

    init(_ message: String) { self.message = message }

    static func outside(_ path: String, _ folder: String) -> FileError {
        var error = FileError("'\(path)' is outside \(folder)")
        error.isOutside = true
        return error
    }

    static func folder(_ path: String) -> FileError { FileError("'\(path)' is a folder, not a file") }
    static func device(_ path: String) -> FileError { FileError("'\(path)' is a device, not a file") }
    static func interrupted(_ path: String) -> FileError { FileError("reading '\(path)' was interrupted") }
    static func recordedElsewhere(_ path: String) -> FileError {
        FileError("'\(path)' is being recorded by another session; record to another file")
    }
    static func notRegular(_ path: String, what: String) -> FileError {
        FileError("'\(path)' is \(what), not a file")
    }

    /// The error a failed call's `errno` means, for a file read or written.
    package static func from(errno code: Int32, _ path: String, writing: Bool) -> FileError {
        let what = writing ? "cannot write" : "cannot read"
        switch code {
        case ENOENT: return FileError(writing ? "\(what) '\(path)': the folder does not exist" : "no such file: '\(path)'")
        case EACCES, EPERM: return FileError("\(what) '\(path)': permission denied")
        case EISDIR: return FileError("'\(path)' is a folder, not a file")
        case ENOSPC, EDQUOT: return FileError("\(what) '\(path)': the disk is full")
        case EFBIG: return FileError("\(what) '\(path)': it would pass the size limit on files (ulimit -f)")
        case EROFS: return FileError("\(what) '\(path)': the file system is read-only")
        case ENOTDIR: return FileError("\(what) '\(path)': a part of the path is not a folder")
        case ENXIO: return FileError("\(what) '\(path)': nothing is reading from it")
        case ELOOP: return FileError("\(what) '\(path)': its symbolic links go round in a loop")
        case EIO: return FileError("\(what) '\(path)': the device reported an input/output error")
        default: return FileError("\(what) '\(path)': \(String(cString: strerror(code)))")
        }
    }
}
