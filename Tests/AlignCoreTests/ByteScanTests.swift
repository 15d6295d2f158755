import AlignCore
import AlignTestSupport
import Testing

@Suite("Scans of bytes eight at a time")
struct ByteScanTests {
    /// Bytes where the ones a scan looks for are rare, common, or at the
    /// edges of a word, from a fixed seed.
    static func samples() -> [[UInt8]] {
        var random = SeededGenerator(seed: 16)
        let alphabet: [UInt8] = [0, 9, 10, 13, 32, 34, 35, 40, 41, 92, 97, 122, 0x7F, 0x80, 0xC3, 0xFF]
        var all: [[UInt8]] = [[], [10], [0], [0x80], Array(repeating: 97, count: 17)]
        for length in 1...40 {
            for _ in 0..<6 {
                all.append((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            }
        }
        // Long runs of one byte, with one other byte at each place of a word.
        for place in 0..<24 {
            var run = Array(repeating: UInt8(97), count: 24)
            run[place] = 10
            all.append(run)
            run[place] = 0x80
            all.append(run)
            run[place] = 0
            all.append(run)
        }
        return all
    }

    @Test("the first of a byte from each start is the first a byte-by-byte look finds")
    func first() {
        for bytes in Self.samples() {
            for target: UInt8 in [10, 0, 0x80, 97] {
                for start in 0...bytes.count {
                    let expected = bytes[start...].firstIndex(of: target) ?? bytes.count
                    let found = bytes.withUnsafeBufferPointer { ByteScan.first(target, in: $0, from: start) }
                    #expect(found == expected, "\(bytes) from \(start) for \(target)")
                }
            }
        }
    }

    @Test("a count of a byte is the count a byte-by-byte look makes")
    func count() {
        for bytes in Self.samples() {
            for target: UInt8 in [10, 0, 0xFF, 97] {
                let found = bytes.withUnsafeBufferPointer { ByteScan.count(target, in: $0) }
                #expect(found == bytes.filter { $0 == target }.count, "\(bytes) for \(target)")
            }
        }
    }

    @Test("the first byte that is not ASCII (or is NUL, when asked) within a range")
    func notASCII() {
        for bytes in Self.samples() {
            for start in 0...bytes.count {
                for end in [start, min(bytes.count, start + 3), min(bytes.count, start + 9), bytes.count] {
                    for orNUL in [false, true] {
                        let expected =
                            bytes[start..<end].firstIndex { $0 >= 0x80 || (orNUL && $0 == 0) } ?? end
                        let found = bytes.withUnsafeBufferPointer {
                            ByteScan.firstNotASCII(in: $0, from: start, to: end, orNUL: orNUL)
                        }
                        #expect(found == expected, "\(bytes) \(start)..<\(end) orNUL \(orNUL)")
                    }
                }
            }
        }
    }

    @Test("each byte that is zero, and only those, is marked in a word")
    func zeroBytes() {
        var random = SeededGenerator(seed: 61)
        for _ in 0..<2000 {
            // Bytes of 0, 1, 0x80 and 0xFF are where a borrow or a carry would go wrong.
            let word = (0..<8).reduce(UInt64(0)) { w, i in
                let b: UInt64 = [0, 1, 0x80, 0xFF, 0x7F, random.next() & 0xFF][Int(random.next() % 6)]
                return w | b << (8 * UInt64(i))
            }
            let expected = (0..<8).reduce(UInt64(0)) { m, i in (word >> (8 * UInt64(i))) & 0xFF == 0 ? m | 0x80 << (8 * UInt64(i)) : m }
            #expect(ByteScan.zeroBytes(word) == expected, "\(String(word, radix: 16))")
        }
    }
}
