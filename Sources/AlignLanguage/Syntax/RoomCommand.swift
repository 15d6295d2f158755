import AlignCore

/// What a facilitator runs in the room: decisions with an owner and a due
/// period, the parking lot, votes, the timer, the page for the room, and
/// how the terminal shows it all.
public enum RoomCommand: Equatable, Sendable {
    /// `decide "text" [owner=TEAM] [due=PERIOD] [at=TIME]`.
    case decide(String, time: String?, owner: Name?, due: Period?)
    /// `park "text" [at=TIME]`: a question set aside for later.
    case park(String, time: String?)
    /// `vote "question" options=a,b,c`: opens a vote.
    case openVote(String, options: [Name])
    /// `vote OPTION [N]`: N votes (1 if not given) for an option of the open vote.
    case castVote(Name, count: Int, countRange: SourceRange?)
    /// `vote close`.
    case closeVote
    /// `timer DURATION`, in seconds.
    case startTimer(Int)
    /// `timer off`.
    case stopTimer
    /// `timer` alone: how long is left.
    case showTimer
    /// `serve [HOST:PORT]`: the address as written, nil for the default.
    case serve(Name?)
    /// `serve off`.
    case stopServing
    /// `theme default|contrast`.
    case theme(Theme)
    /// `clear`: a clean screen for the room.
    case clear
}

/// How the terminal shows answers: the default colours, or high contrast
/// for a projector (bold, bright, nothing dim).
public enum Theme: String, Sendable, CaseIterable {
    case `default`, contrast
}

extension Message {
    static func notADuration(_ text: String) -> Message {
        Message("'\(text)' is not a length of time; write it as 10m, 90s or 1h30m")
    }
    static let emptyAddress = Message("expected an address such as 127.0.0.1:8800 or :8800")
}

extension Literals {
    /// A length of time in seconds: `10m`, `90s`, `2h`, `1h30m`, `1m30s`;
    /// a bare number is minutes. Nil when the text is not one, or is zero
    /// or longer than a day.
    public static func duration(_ text: String) -> Int? {
        var total = 0
        var digits = ""
        var sawUnit = false
        for c in text {
            if c.isASCII, c.isNumber {
                digits.append(c)
                guard digits.count <= 6 else { return nil }
                continue
            }
            let scale: Int
            switch c {
            case "h": scale = 3600
            case "m": scale = 60
            case "s": scale = 1
            default: return nil
            }
            guard let n = Int(digits) else { return nil }
            total += n * scale
            digits = ""
            sawUnit = true
        }
        if !digits.isEmpty {
            guard !sawUnit, let minutes = Int(digits) else { return nil }
            total += minutes * 60
        }
        return total > 0 && total <= 86_400 ? total : nil
    }
}

extension Matcher {
    /// The room's own slots: a duration (`10m`) bound as seconds, and an
    /// address (`HOST:PORT`) bound as the word written.
    mutating func roomWord(_ slot: Slot, _ label: String, _ lexer: inout Lexer, _ b: inout Bindings)
        throws(Diagnostic) -> Bool
    {
        if case .duration = slot {
            let token = try lexer.next()
            let text = lexer.source.text(token.range)
            guard token.kind == .atom else { return fail(token, expected: ["a length of time such as 10m"]) }
            guard let seconds = Literals.duration(text) else { return fail(token, message: .notADuration(text)) }
            b[label] = .number(Double(seconds), token.range)
            return true
        }
        guard let (word, range) = try lexer.rawWord() else {
            let end = SourceRange(lexer.end, lexer.end)
            return fail(Token(.end, end), message: .emptyAddress)
        }
        b[label] = .name(Name(word, range))
        return true
    }
}
