import AlignLanguage
import Glibc

/// A file opened for reading in chunks, closed when let go.
final class FileInput {
    private let fd: Int32
    private let path: String
    private let stop: () -> Bool

    /// Opens `path`; a file that is missing, a folder or unreadable is an error.
    init(_ path: String, stop: @escaping () -> Bool) throws(SourceError) {
        // Non-blocking, so that opening a named pipe with no writer returns at once.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw SourceError(.cannotRead(path, FileInput.reason(errno))) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw SourceError(.cannotRead(path, "it is a folder, not a file"))
        }
        if (info.st_mode & S_IFMT) == S_IFIFO {
            // A named pipe read before its writer has opened it reads as
            // empty: wait for the first bytes (or the writer's end), a while.
            do throws(SourceError) {
                try FileInput.awaitWriter(fd, path, stop: stop)
            } catch {
                close(fd)
                throw error
            }
        }
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
        self.fd = fd
        self.path = path
        self.stop = stop
    }

    deinit { close(fd) }

    /// Fills `target` with the next bytes; 0 at the end of the file.
    func read(into target: UnsafeMutableRawBufferPointer) throws(SourceError) -> Int {
        if stop() { throw SourceError(.interrupted) }
        while true {
            let n = Glibc.read(fd, target.baseAddress, target.count)
            if n >= 0 { return n }
            if errno == EINTR {
                if stop() { throw SourceError(.interrupted) }
                continue
            }
            throw SourceError(.cannotRead(path, FileInput.reason(errno)))
        }
    }

    /// How long a named pipe may go without a writer before it is an error.
    static let writerWait = 10_000

    /// Waits, in steps that let Ctrl-C through, until the pipe has bytes to
    /// read or a writer has come and gone.
    private static func awaitWriter(_ fd: Int32, _ path: String, stop: () -> Bool) throws(SourceError) {
        var waited = 0
        while waited < writerWait {
            if stop() { throw SourceError(.interrupted) }
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&entry, 1, 100) > 0 { return }
            waited += 100
        }
        throw SourceError(.cannotRead(path, "it is a named pipe nothing wrote to in \(writerWait / 1000) s"))
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "there is no such file"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "it is a folder, not a file"
        default: return String(cString: strerror(code))
        }
    }
}
