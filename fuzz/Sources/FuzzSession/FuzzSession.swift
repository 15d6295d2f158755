import AlignSession
import Glibc

/// A folder of its own for the fuzzed sessions, with a script and a CSV file
/// that `run` and `import values` may reach; safe mode keeps them inside it.
let folder: String = {
    var template = Array("/tmp/align-fuzz-XXXXXX".utf8CString)
    guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else { fatalError("mkdtemp") }
    let folder = String(cString: made)
    for (name, text) in [
        ("sub.align", "team t\nmetric m owner=t\nvalue m 2026-Q1 5\n"),
        ("v.csv", "metric,period,value\nm,2026-Q1,7\nleads,2026-Q3,\"4,000\"\n"),
    ] {
        let fd = open(folder + "/" + name, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }
    return folder
}()

/// libFuzzer's entry point: the first byte picks how the session is set up
/// (prompt or script, boxed, the format); the rest is a script run in a
/// sealed session. A crash, a hang, or output that would drive a terminal is a find.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSession(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let setup = SealedRun.Setup(byte: data[0])
    let script = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let printed = SealedRun.script(script, in: folder, setup, onLargeStack: false)
    if let unsafe = printed.firstUnsafe {
        fatalError("unsafe U+\(String(unsafe.value, radix: 16)) reached the output:\n\(printed.stdout.debugDescription)\n\(printed.stderr.debugDescription)")
    }
    return 0
}
