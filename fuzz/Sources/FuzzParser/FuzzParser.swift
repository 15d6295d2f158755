import AlignSession

/// libFuzzer's entry point: arbitrary bytes through the splitter, the
/// parser and completion; the first bytes pick where completion is asked.
/// A crash, a hang, or an error message that would drive a terminal is a find.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let printed = SealedRun.parse(bytes, cursors: Array(bytes.prefix(2)), onLargeStack: false)
    if let unsafe = printed.firstUnsafe {
        fatalError("unsafe U+\(String(unsafe.value, radix: 16)) reached the output:\n\(printed.stderr.debugDescription)")
    }
    return 0
}
