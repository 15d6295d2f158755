import AlignCore
import AlignPresent
import Glibc
import Synchronization

/// What the prompt's thread and the page's threads share, behind one lock:
/// the latest state the session handed over, the page rendered from it,
/// the votes the page took and who cast them. The session only ever
/// stores a state and takes votes, both at once; nothing here waits on a
/// client.
final class RoomBoard: Sendable {
    private struct Shared {
        var state: RoomState?
        /// The page's body for one revision, rendered once.
        var rendered: (revision: Int, body: String)?
        /// Votes cast on the page, waiting for the prompt: `vote b`.
        var votes: [String] = []
        /// Who voted in which vote, by the browser's cookie.
        var voters: [String: Set<String>] = [:]
    }

    private let shared = Mutex(Shared())
    /// The token the page asks for; nil on loopback.
    let token: String?
    /// Written to when a vote waits, so that the prompt casts it at once.
    let wakeFD: Int32

    init(token: String?, wakeFD: Int32) {
        self.token = token
        self.wakeFD = wakeFD
    }

    /// Stores the state to show; the page renders it when next asked.
    func publish(_ state: RoomState) {
        shared.withLock { $0.state = state }
    }

    /// The latest state and its revision.
    var state: RoomState? { shared.withLock { $0.state } }

    /// The body of the page for the latest state, rendered at most once a
    /// revision (by the server's worker thread, never the prompt's).
    func body() -> (revision: Int, body: String)? {
        guard let state = self.state else { return nil }
        if let done = shared.withLock({ $0.rendered }), done.revision == state.revision { return done }
        let body = RoomPage(state).body()
        shared.withLock { $0.rendered = (state.revision, body) }
        return (state.revision, body)
    }

    /// Why a vote from the page is refused, if it is.
    enum Refusal: Error {
        case noOpenVote, notAnOption, alreadyVoted
    }

    /// Takes a vote from the page for `option` of the open vote, cast by
    /// the browser `voter`; the prompt casts it (see `takeVotes`).
    func vote(_ option: String, voter: String) throws(Refusal) {
        let result: Refusal? = shared.withLock { s in
            guard let room = s.state?.workspace.room, let open = room.openVote else { return .noOpenVote }
            let vote = room.votes[open]
            guard vote.options.contains(option) else { return .notAnOption }
            let key = "\(open):\(vote.question)"
            guard s.voters[key, default: []].insert(voter).inserted else { return .alreadyVoted }
            s.votes.append("vote \(option)")
            return nil
        }
        if let result { throw result }
        var byte: UInt8 = 1
        _ = write(wakeFD, &byte, 1)
    }

    /// Whether `voter` has voted in the open vote.
    func hasVoted(_ voter: String?) -> Bool {
        guard let voter else { return false }
        return shared.withLock { s in
            guard let room = s.state?.workspace.room, let open = room.openVote else { return false }
            return s.voters["\(open):\(room.votes[open].question)"]?.contains(voter) ?? false
        }
    }

    /// The votes waiting, oldest first; taking them empties the queue.
    func takeVotes() -> [String] {
        shared.withLock { s in
            defer { s.votes = [] }
            return s.votes
        }
    }
}
