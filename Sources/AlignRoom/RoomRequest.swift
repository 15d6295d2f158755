import Glibc
import NIOCore
import NIOHTTP1

/// What a request to the room's page asks: its path, its query, its form,
/// and the cookie that tells one browser's vote from another's.
struct RoomRequest {
    /// The path, without the query: `/`, `/body`, `/events`, `/vote`.
    let path: String
    private let query: [String: String]
    private let form: [String: String]
    private let headers: HTTPHeaders

    init(_ head: HTTPRequestHead, form body: ByteBuffer?) {
        let uri = head.uri
        if let mark = uri.firstIndex(of: "?") {
            path = String(uri[..<mark])
            query = RoomRequest.decodeForm(String(uri[uri.index(after: mark)...]))
        } else {
            path = uri
            query = [:]
        }
        form = body.map { RoomRequest.decodeForm(String(buffer: $0)) } ?? [:]
        headers = head.headers
    }

    /// A field of the form sent with a POST.
    func formValue(_ name: String) -> String? { form[name] }

    /// Whether the request carries the page's token, in its address or its form.
    func carries(_ token: String) -> Bool {
        let given = query["token"] ?? form["token"] ?? ""
        // Compared in full whatever differs, so timing tells nothing.
        guard given.utf8.count == token.utf8.count else { return false }
        return zip(given.utf8, token.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// On loopback, the Host header must name loopback and the port: a name
    /// of another site that resolves here (DNS rebinding) is refused.
    func hostIsAllowed(port: Int, loopbackOnly: Bool) -> Bool {
        guard loopbackOnly else { return true }
        guard let host = headers.first(name: "Host")?.lowercased() else { return false }
        let allowed = ["127.0.0.1", "localhost", "[::1]"]
        return allowed.contains { host == "\($0):\(port)" || (port == 80 && host == $0) }
    }

    /// The browser's voter cookie, if it sent a well-formed one.
    var voter: String? {
        for header in headers["Cookie"] {
            for part in header.split(separator: ";") {
                let pair = part.trimmingBlanks.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0] == "align_voter" else { continue }
                let value = String(pair[1])
                if value.count == 32, value.allSatisfy(\.isHexDigit) { return value }
            }
        }
        return nil
    }

    /// A new voter cookie: 128 random bits, for this browser's votes only.
    static func newVoterCookie() -> String {
        "align_voter=\(randomHex(bytes: 16)); Path=/; HttpOnly; SameSite=Strict"
    }

    /// `count` random bytes as hexadecimal (from the kernel's generator).
    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var out = ""
        for _ in 0..<count {
            let byte = UInt8.random(in: 0...255, using: &generator)
            out += (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }
        return out
    }

    /// `a=1&b=two+words` as a dictionary, percent-escapes decoded.
    static func decodeForm(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = decodeComponent(parts[0]) else { continue }
            result[key] = parts.count > 1 ? decodeComponent(parts[1]) : ""
        }
        return result
    }

    private static func decodeComponent(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "+") {
                bytes.append(32)
            } else if b == UInt8(ascii: "%"), let hi = utf8.index(i, offsetBy: 1, limitedBy: utf8.endIndex),
                let lo = utf8.index(i, offsetBy: 2, limitedBy: utf8.endIndex), lo < utf8.endIndex,
                let value = UInt8(String(decoding: [utf8[hi], utf8[lo]], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                i = lo
            } else {
                bytes.append(b)
            }
            i = utf8.index(after: i)
        }
        return String(validating: bytes, as: UTF8.self)
    }
}

/// The wall clock, for the timer's seconds left.
enum RoomClock {
    static func now() -> Int { Int(time(nil)) }
}

extension Substring {
    fileprivate var trimmingBlanks: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
