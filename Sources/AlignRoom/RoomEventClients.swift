import NIOCore

/// The pages listening for changes (server-sent events), and how many
/// connections are open. Lives on the server's one event loop and is only
/// touched there, so it needs no lock.
final class RoomEventClients {
    /// One listening page: its channel, and whether a change is owed to it
    /// because it could not take one when it came (a slow reader).
    private struct Listener {
        var channel: Channel
        var owed: Bool
    }

    private var listeners: [ObjectIdentifier: Listener] = [:]
    /// The revision last announced.
    private(set) var revision = 0
    /// Open connections of every kind, counted against `mostConnections`.
    var connections = 0

    /// More than this many connections at once are turned away.
    static let mostConnections = 200
    /// More than this many listening pages at once are turned away.
    static let mostListeners = 100

    /// Whether another page may listen.
    var hasRoom: Bool { listeners.count < Self.mostListeners }

    /// Starts sending changes to `channel`, beginning with the current revision.
    func add(_ channel: Channel) {
        listeners[ObjectIdentifier(channel)] = Listener(channel: channel, owed: false)
        send(to: channel)
    }

    /// Stops sending to `channel` (it closed).
    func remove(_ channel: Channel) {
        listeners[ObjectIdentifier(channel)] = nil
    }

    /// Tells every page that the workspace changed. A page whose connection
    /// cannot take more now is owed the change, sent when it drains: a slow
    /// client gets the latest revision, never a growing backlog.
    func announce(_ revision: Int) {
        self.revision = revision
        for (key, listener) in listeners {
            if listener.channel.isWritable {
                send(to: listener.channel)
            } else {
                listeners[key]?.owed = true
            }
        }
    }

    /// A page's connection can take more again: send what it is owed.
    func drained(_ channel: Channel) {
        let key = ObjectIdentifier(channel)
        guard listeners[key]?.owed == true, channel.isWritable else { return }
        listeners[key]?.owed = false
        send(to: channel)
    }

    /// A comment line every page ignores, so that proxies and idle timers
    /// see the connection alive.
    func heartbeat() {
        for listener in listeners.values where listener.channel.isWritable {
            write(": still here\n\n", to: listener.channel)
        }
    }

    /// Closes every listening page's connection (the page stops being served).
    func closeAll() {
        for listener in listeners.values { listener.channel.close(promise: nil) }
        listeners = [:]
    }

    private func send(to channel: Channel) {
        write("event: change\ndata: \(revision)\n\n", to: channel)
    }

    private func write(_ text: String, to channel: Channel) {
        let buffer = channel.allocator.buffer(string: text)
        channel.writeAndFlush(RoomHTTPHandler.eventChunk(buffer), promise: nil)
    }
}
