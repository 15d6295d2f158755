import AlignCore
import AlignPresent

/// Where `serve` asks for the room's page to be served. The session knows
/// nothing of networks: the shell hands it a host (AlignRoom's server), and
/// without one `serve` says it cannot.
public protocol RoomHost: AnyObject {
    /// The page's address while it is served, token included.
    var url: String? { get }
    /// Starts serving at `address` (stopping first if serving elsewhere);
    /// returns the page's address to give the room.
    func start(_ address: RoomAddress) throws(RoomHostError) -> String
    /// Stops serving; the page's clients see the connection close.
    func stop()
    /// Hands the page the workspace as it is now. Never blocks on a client.
    func publish(_ state: RoomState)
    /// The votes the page's form sent since last asked, as the commands
    /// that cast them (`vote b`), in the order they came.
    func takeVotes() -> [String]
}

/// Where to serve: a host and a port, and whether the page needs a token
/// (any address but loopback).
public struct RoomAddress: Equatable, Sendable {
    /// The address to bind, `127.0.0.1` by default.
    public var host: String
    /// The port, 8800 by default.
    public var port: Int
    /// Whether the page asks for the random token printed with its link.
    public var needsToken: Bool

    /// The page's default: loopback only, no token.
    public static let standard = RoomAddress(host: "127.0.0.1", port: 8800, needsToken: false)

    /// Makes an address.
    public init(host: String, port: Int, needsToken: Bool) {
        self.host = host
        self.port = port
        self.needsToken = needsToken
    }

    /// `HOST:PORT`, `HOST`, `:PORT` or `[IPv6]:PORT`, as typed after `serve`;
    /// nil when it is none of them.
    public init?(parsing text: String) {
        var host = Substring(text)
        var port = RoomAddress.standard.port
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.hasPrefix(":"), let p = Int(rest.dropFirst()) else { return nil }
                port = p
            }
        } else if let colon = host.lastIndex(of: ":"), host.firstIndex(of: ":") == colon {
            guard let p = Int(host[host.index(after: colon)...]) else { return nil }
            port = p
            host = host[..<colon]
        }
        guard port >= 0, port <= 65535 else { return nil }
        let name = host.isEmpty ? RoomAddress.standard.host : String(host)
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".:-_".contains($0)) }) else { return nil }
        self.init(host: name, port: port, needsToken: !RoomAddress.isLoopback(name))
    }

    /// Whether only this machine can reach the address.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// Why the page could not be served, in words for the facilitator.
public struct RoomHostError: Error, Sendable {
    /// What went wrong.
    public var message: String

    /// Makes an error.
    public init(_ message: String) { self.message = message }
}
