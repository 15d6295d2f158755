/// What a workshop runs beside the workspace: the room's votes and its timer.
///
/// It lives in the workspace so that a vote or a timer is undone, journalled
/// and snapshotted like everything else the room says; the timer is the one
/// part a saved script leaves out (a countdown from a past meeting means nothing).
public struct Room: Equatable, Sendable {
    /// The votes, in the order they were opened; at most one is open.
    public var votes: [Vote] = []
    /// The timer, while one is set.
    public var timer: RoomTimer?

    /// An empty room.
    public init() {}

    /// The position of the vote that is open, if one is.
    public var openVote: Int? { votes.lastIndex { $0.isOpen } }

    /// Whether there is nothing to show.
    public var isEmpty: Bool { votes.isEmpty && timer == nil }
}

/// A question put to the room, its options and how many chose each.
public struct Vote: Equatable, Sendable {
    /// What the room is asked.
    public var question: String
    /// The options, in the order given.
    public var options: [String]
    /// Votes per option, in the order of `options`.
    public var counts: [Int]
    /// Whether votes are still taken.
    public var isOpen = true

    /// Opens a vote with no votes cast.
    public init(question: String, options: [String]) {
        self.question = question
        self.options = options
        self.counts = Array(repeating: 0, count: options.count)
    }

    /// How many votes were cast in all.
    public var total: Int { counts.reduce(0, +) }

    /// The options with the most votes (several on a tie; none before any vote).
    public var leaders: [String] {
        guard let top = counts.max(), top > 0 else { return [] }
        return options.indices.filter { counts[$0] == top }.map { options[$0] }
    }
}

/// A countdown the room can see: its length, and when it was started.
public struct RoomTimer: Equatable, Sendable {
    /// How long it runs, in seconds.
    public var seconds: Int
    /// When it started, in seconds since 1970.
    public var started: Int

    /// Makes a timer.
    public init(seconds: Int, started: Int) {
        self.seconds = seconds
        self.started = started
    }

    /// The seconds left at `now` (0 once it has run out).
    public func remaining(at now: Int) -> Int { max(0, started + seconds - now) }

    /// `7:05` for minutes and seconds, `1:02:00` past the hour.
    public static func clock(_ seconds: Int) -> String {
        let s = max(0, seconds)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if s >= 3600 { return "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" }
        return "\(s / 60):\(two(s % 60))"
    }
}

extension Workspace {
    /// Opens a vote; one still open is closed first.
    public mutating func openVote(_ vote: Vote) {
        var next = room
        if let open = next.openVote { next.votes[open].isOpen = false }
        next.votes.append(vote)
        apply(.room(next))
    }

    /// Adds `count` votes for the option at `option` of the open vote.
    public mutating func castVote(option: Int, count: Int = 1) throws {
        guard let open = room.openVote else { throw WorkspaceError.noOpenVote }
        var next = room
        next.votes[open].counts[option] += count
        apply(.room(next))
    }

    /// Closes the open vote and returns its position.
    @discardableResult
    public mutating func closeVote() throws -> Int {
        guard let open = room.openVote else { throw WorkspaceError.noOpenVote }
        var next = room
        next.votes[open].isOpen = false
        apply(.room(next))
        return open
    }

    /// Sets the timer, or stops it with nil.
    public mutating func setTimer(_ timer: RoomTimer?) {
        guard timer != room.timer else { return }
        var next = room
        next.timer = timer
        apply(.room(next))
    }
}

extension Workspace {
    /// A count that grows with every change, of structure or value: equal
    /// counts mean nothing changed in between.
    public var changeCount: Int { structureVersion &+ valueVersion }
}
