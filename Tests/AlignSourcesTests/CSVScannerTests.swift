import AlignSources
import Testing

/// The streaming CSV scanner: quoting, delimiters, line ends, and rows that
/// run across the chunks it reads.
@Suite("CSV scanner")
struct CSVScannerTests {
    /// The rows of `text`, read `step` bytes at a time into a buffer of `chunk` bytes.
    static func rows(_ text: String, step: Int = 1 << 20, chunk: Int = 64, limit: Int = .max) throws -> [([String], Int)] {
        let bytes = Array(text.utf8)
        var offset = 0
        var scanner = CSVScanner(chunkSize: chunk) { target throws(SourceError) in
            let n = min(step, target.count, bytes.count - offset)
            for i in 0..<n { target[i] = bytes[offset + i] }
            offset += n
            return n
        }
        scanner.fieldLimit = limit
        var rows: [([String], Int)] = []
        try scanner.forEachRow { row throws(SourceError) in
            rows.append(((0..<row.count).map { row.string($0)! }, row.line))
            return true
        }
        return rows
    }

    @Test("quoted fields: delimiters, doubled quotes, line breaks; empty fields", arguments: [1, 2, 3, 7, 1 << 20])
    func quoted(_ step: Int) throws {
        let text = "a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\"\nx,,z\n\"\",\"\"\"\",end"
        let rows = try Self.rows(text, step: step, chunk: 16)
        #expect(rows.map(\.0) == [["a", "b, c", "say \"hi\"", "two\nlines"], ["x", "", "z"], ["", "\"", "end"]])
        #expect(rows.map(\.1) == [1, 3, 4])
    }

    @Test("the delimiter is found from the header: comma, semicolon, tab")
    func delimiters() throws {
        #expect(try Self.rows("a;b;\"c;d\"\n1;2;3\n").map(\.0) == [["a", "b", "c;d"], ["1", "2", "3"]])
        #expect(try Self.rows("a\tb\n1,5\t2\n").map(\.0) == [["a", "b"], ["1,5", "2"]])
        #expect(try Self.rows("\"x,y\";z\n").map(\.0) == [["x,y", "z"]])
        #expect(try Self.rows("only\n1\n").map(\.0) == [["only"], ["1"]])
    }

    @Test("a byte-order mark, CRLF and lone CR line ends, blank lines, no newline at the end", arguments: [1, 5, 1 << 20])
    func lineEnds(_ step: Int) throws {
        let rows = try Self.rows("\u{FEFF}h1,h2\r\n\r\n1,2\r\n3,4\r5,6", step: step, chunk: 8)
        #expect(rows.map(\.0) == [["h1", "h2"], ["1", "2"], ["3", "4"], ["5", "6"]])
        #expect(rows.map(\.1) == [1, 3, 4, 5])
    }

    @Test("past the fields wanted, the rest of a row is skipped, quotes and line breaks in it too", arguments: [1, 3, 1 << 20])
    func fieldLimit(_ step: Int) throws {
        let text = "a,b,c,d\n1,2,\"x\ny\",4\n5,6,7,8\n9,10,\"q,\"\"r\",11\n"
        let rows = try Self.rows(text, step: step, chunk: 8, limit: 2)
        #expect(rows.map(\.0) == [["a", "b"], ["1", "2"], ["5", "6"], ["9", "10"]])
        #expect(rows.map(\.1) == [1, 2, 4, 5])
    }

    @Test("a row longer than the buffer grows it")
    func longRow() throws {
        let long = String(repeating: "x", count: 10_000)
        let rows = try Self.rows("h,i\n\(long),\"\(long)\"\nend,1\n", step: 100, chunk: 64)
        #expect(rows.map { $0.0.map(\.count) } == [[1, 1], [10_000, 10_000], [3, 1]])
    }

    @Test("random text gives the same rows, or the same error, however it is cut into chunks")
    func chunking() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab,;\t\"\r\n x".utf8)
        for _ in 0..<300 {
            let bytes = (0..<Int.random(in: 0..<200, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let text = String(decoding: bytes, as: UTF8.self)
            func outcome(_ step: Int, _ limit: Int) -> String {
                do {
                    return try Self.rows(text, step: step, chunk: 64, limit: limit).map { "\($0.1):\($0.0)" }.joined(separator: "|")
                } catch {
                    return "\(error)"
                }
            }
            let whole = outcome(1 << 20, .max)
            for step in [1, 2, 5, 13] { #expect(outcome(step, .max) == whole, "\(text.debugDescription) in steps of \(step)") }
            #expect(outcome(3, 2) == outcome(1 << 20, 2), "\(text.debugDescription) with two fields")
        }
    }

    @Test("a quoted field never closed is an error on the line its row starts")
    func openQuote() {
        #expect(throws: SourceError(text: "a quoted field is never closed", line: 3)) {
            _ = try Self.rows("h\n1\n\"open\nmore\n")
        }
    }
}
