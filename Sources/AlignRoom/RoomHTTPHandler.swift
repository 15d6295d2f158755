import AlignPresent
import NIOCore
import NIOHTTP1
import NIOPosix

/// One connection to the room's page: reads a request, answers it, and for
/// `/events` keeps the connection open to announce changes.
///
/// The page is read-only. GET (and HEAD) read `/`, `/body` and `/events`;
/// POST is taken only at `/vote`, and only while a vote is open; anything
/// else is refused with 405. Off loopback every request must carry the
/// token; on loopback the Host header must name loopback, so that no other
/// site can reach the page through a name that points here.
final class RoomHTTPHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let board: RoomBoard
    let clients: NIOLoopBound<RoomEventClients>
    let pool: NIOThreadPool
    private var head: HTTPRequestHead?
    private var form: ByteBuffer?
    private var listening = false

    /// The most a vote's form may send.
    static let largestForm = 2048

    init(board: RoomBoard, clients: NIOLoopBound<RoomEventClients>, pool: NIOThreadPool) {
        self.board = board
        self.clients = clients
        self.pool = pool
    }

    static func eventChunk(_ buffer: ByteBuffer) -> HTTPServerResponsePart { .body(.byteBuffer(buffer)) }

    func channelActive(context: ChannelHandlerContext) {
        clients.value.connections += 1
        if clients.value.connections > RoomEventClients.mostConnections { context.close(promise: nil) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        clients.value.connections -= 1
        if listening { clients.value.remove(context.channel) }
        context.fireChannelInactive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if listening { clients.value.drained(context.channel) }
        context.fireChannelWritabilityChanged()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // Idle for too long: a client that sends nothing and reads nothing.
        if event is IdleStateHandler.IdleStateEvent { context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            head = request
            form = request.method == .POST ? context.channel.allocator.buffer(capacity: 256) : nil
        case .body(var chunk):
            guard form != nil else { return }
            if form!.readableBytes + chunk.readableBytes > Self.largestForm {
                form = nil
                head = nil
                respond(context, .payloadTooLarge, text: "The form is too large.\n", keepAlive: false)
                return
            }
            form!.writeBuffer(&chunk)
        case .end:
            guard let request = head else { return }
            head = nil
            route(context, request, RoomRequest(request, form: form))
        }
    }

    private func route(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ request: RoomRequest) {
        let keepAlive = head.isKeepAlive
        let port = context.channel.localAddress?.port ?? 0
        guard request.hostIsAllowed(port: port, loopbackOnly: board.token == nil) else {
            return respond(context, .forbidden, text: "This page answers only to its own address.\n", keepAlive: false)
        }
        if let token = board.token, !request.carries(token) {
            return respond(context, .forbidden, text: "This page needs the link with its token, as align printed it.\n", keepAlive: false)
        }
        let reading = head.method == .GET || head.method == .HEAD
        switch (request.path, reading) {
        case ("/", true), ("/body", true):
            page(context, head, request, whole: request.path == "/")
        case ("/events", true):
            events(context, head)
        case ("/vote", false) where head.method == .POST && board.state?.workspace.room.openVote != nil:
            vote(context, request)
        case ("/", false), ("/body", false), ("/events", false), ("/vote", _):
            var headers = HTTPHeaders()
            headers.add(name: "Allow", value: "GET, HEAD")
            respond(context, .methodNotAllowed, text: "The room's page is read-only.\n", headers: headers, keepAlive: keepAlive)
        default:
            respond(context, .notFound, text: "Nothing here: the room's page is at /.\n", keepAlive: keepAlive)
        }
    }

    /// The page, or its body alone for the page's script, rendered on the
    /// worker thread so that the event loop goes on serving meanwhile.
    private func page(_ context: ChannelHandlerContext, _ head: HTTPRequestHead, _ request: RoomRequest, whole: Bool) {
        let board = self.board
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let voted = board.hasVoted(request.voter)
        pool.runIfActive(eventLoop: loop) { () -> String in
            guard let rendered = board.body(), let state = board.state else { return RoomPage.waiting }
            let body = RoomPage.fill(rendered.body, state: state, now: RoomClock.now(), voted: voted, token: board.token)
            return whole ? RoomPage.page(body: body, state: state, token: board.token) : body
        }.whenComplete { result in
            let (handler, context) = bound.value
            let html = (try? result.get()) ?? RoomPage.waiting
            var headers = HTTPHeaders()
            headers.add(name: "Content-Type", value: "text/html; charset=utf-8")
            if request.voter == nil { headers.add(name: "Set-Cookie", value: RoomRequest.newVoterCookie()) }
            handler.respond(
                context, .ok, body: head.method == .HEAD ? "" : html, headers: headers, keepAlive: head.isKeepAlive,
                length: html.utf8.count)
        }
    }

    /// Server-sent events: a change event now and after every change.
    private func events(_ context: ChannelHandlerContext, _ head: HTTPRequestHead) {
        guard clients.value.hasRoom else {
            return respond(context, .serviceUnavailable, text: "Too many pages are open.\n", keepAlive: false)
        }
        var headers = RoomHTTPHandler.commonHeaders()
        headers.add(name: "Content-Type", value: "text/event-stream; charset=utf-8")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .ok, headers: headers))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: "retry: 1000\n\n")))), promise: nil)
        listening = true
        clients.value.add(context.channel)
    }

    /// A vote from the page's form; the prompt casts it.
    private func vote(_ context: ChannelHandlerContext, _ request: RoomRequest) {
        guard let option = request.formValue("option"), let voter = request.voter else {
            return respond(context, .badRequest, text: "The vote names no option, or the page was not loaded first.\n", keepAlive: false)
        }
        do {
            try board.vote(option, voter: voter)
        } catch .alreadyVoted {
            return respond(context, .conflict, text: "This browser has voted in this vote.\n", keepAlive: false)
        } catch {
            return respond(context, .unprocessableEntity, text: "That is not an option of an open vote.\n", keepAlive: false)
        }
        var headers = HTTPHeaders()
        headers.add(name: "Location", value: board.token.map { "/?token=\($0)" } ?? "/")
        respond(context, .seeOther, text: "Counted.\n", headers: headers, keepAlive: false)
    }

    /// What every answer carries: no caching, no sniffing, no referrer (the
    /// token is in the address), and a policy that allows the page's own
    /// inline style and script and nothing from elsewhere.
    static func commonHeaders() -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.add(name: "Cache-Control", value: "no-store")
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        headers.add(name: "Referrer-Policy", value: "no-referrer")
        headers.add(
            name: "Content-Security-Policy",
            value: "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; "
                + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'")
        return headers
    }

    private func respond(
        _ context: ChannelHandlerContext, _ status: HTTPResponseStatus, text: String, headers: HTTPHeaders = HTTPHeaders(),
        keepAlive: Bool
    ) {
        var extra = headers
        extra.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        respond(context, status, body: text, headers: extra, keepAlive: keepAlive, length: text.utf8.count)
    }

    private func respond(
        _ context: ChannelHandlerContext, _ status: HTTPResponseStatus, body: String, headers: HTTPHeaders, keepAlive: Bool,
        length: Int
    ) {
        var all = RoomHTTPHandler.commonHeaders()
        all.add(contentsOf: headers)
        all.add(name: "Content-Length", value: "\(length)")
        all.add(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: all))), promise: nil)
        if !body.isEmpty {
            context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: body)))), promise: nil)
        }
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let channel = context.channel
            done.whenComplete { _ in channel.close(promise: nil) }
        }
    }
}
