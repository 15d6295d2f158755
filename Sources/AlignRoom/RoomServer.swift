import AlignPresent
import AlignSession
import Glibc
import NIOCore
import NIOHTTP1
import NIOPosix

/// The room's page, served over HTTP/1.1 on SwiftNIO: one event-loop thread
/// for the connections and one worker thread that renders, both apart from
/// the prompt's thread. The prompt hands states over through a lock
/// (`RoomBoard`) and a task on the event loop; it never waits on a client.
public final class RoomServer: RoomHost {
    private var group: MultiThreadedEventLoopGroup?
    private var pool: NIOThreadPool?
    private var channel: Channel?
    private var board: RoomBoard?
    private var clients: NIOLoopBound<RoomEventClients>?
    private var heartbeat: RepeatedTask?
    /// The prompt polls this; the server writes a byte to it when a vote waits.
    public let wakeFD: Int32
    private let wakeWriter: Int32
    public private(set) var url: String?

    /// A server that serves nothing until `start`.
    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            }
        }
        wakeFD = fds[0]
        wakeWriter = fds[1]
    }

    deinit {
        stop()
        try? group?.syncShutdownGracefully()
        try? pool?.syncShutdownGracefully()
        close(wakeFD)
        close(wakeWriter)
    }

    public func start(_ address: RoomAddress) throws(RoomHostError) -> String {
        stop()
        let group = self.group ?? MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.group = group
        let pool = self.pool ?? NIOThreadPool(numberOfThreads: 1)
        if self.pool == nil { pool.start() }
        self.pool = pool
        let loop = group.next()
        let token = address.needsToken ? RoomRequest.randomHex(bytes: 16) : nil
        let board = RoomBoard(token: token, wakeFD: wakeWriter)
        let clients: NIOLoopBound<RoomEventClients>
        do {
            clients = try loop.submit { NIOLoopBound(RoomEventClients(), eventLoop: loop) }.wait()
        } catch {
            throw RoomHostError("the page's server could not start: \(error)")
        }
        let bootstrap = ServerBootstrap(group: loop)
            .serverChannelOption(.backlog, value: 64)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.writeBufferWaterMark, value: .init(low: 32 * 1024, high: 64 * 1024))
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    try sync.addHandler(IdleStateHandler(allTimeout: .seconds(60)))
                    try sync.configureHTTPServerPipeline(withErrorHandling: true)
                    try sync.addHandler(RoomHTTPHandler(board: board, clients: clients, pool: pool))
                }
            }
        let bound: Channel
        do {
            // A static executable resolves no names without glibc's NSS
            // libraries: localhost is bound by its number.
            let host = address.host == "localhost" ? "127.0.0.1" : address.host
            bound = try bootstrap.bind(host: host, port: address.port).wait()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw RoomHostError("port \(address.port) is in use; serve another, such as \(address.host):\(address.port + 1)")
        } catch {
            throw RoomHostError("cannot serve at \(address.host):\(address.port): \(error)")
        }
        let port = bound.localAddress?.port ?? address.port
        channel = bound
        self.board = board
        self.clients = clients
        heartbeat = loop.scheduleRepeatedTask(initialDelay: .seconds(15), delay: .seconds(15)) { _ in
            clients.value.heartbeat()
        }
        let shown = address.host == "0.0.0.0" || address.host == "::" ? RoomServer.reachableAddress() : address.host
        let host = shown.contains(":") ? "[\(shown)]" : shown
        let link = "http://\(host):\(port)/" + (token.map { "?token=\($0)" } ?? "")
        url = link
        return link
    }

    public func stop() {
        guard let channel else { return }
        heartbeat?.cancel()
        if let clients { try? channel.eventLoop.submit { clients.value.closeAll() }.wait() }
        try? channel.close().wait()
        self.channel = nil
        board = nil
        clients = nil
        url = nil
    }

    public func publish(_ state: RoomState) {
        guard let board, let clients, let loop = channel?.eventLoop else { return }
        board.publish(state)
        let revision = state.revision
        loop.execute { clients.value.announce(revision) }
    }

    public func takeVotes() -> [String] {
        board?.takeVotes() ?? []
    }

    /// An address others on the network can reach this machine at, for the
    /// link printed when serving on every address; loopback if none.
    static func reachableAddress() -> String {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return "127.0.0.1" }
        defer { freeifaddrs(list) }
        var next: UnsafeMutablePointer<ifaddrs>? = first
        while let entry = next {
            defer { next = entry.pointee.ifa_next }
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
                var raw = inet.pointee.sin_addr
                _ = inet_ntop(AF_INET, &raw, &text, socklen_t(INET_ADDRSTRLEN))
            }
            let name = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if !name.hasPrefix("127.") { return name }
        }
        return "127.0.0.1"
    }
}
