import AlignCore
import AlignLanguage
import AlignOutput
import AlignPresent
import Glibc

extension Message {
    static let noOpenVote = Message("no vote is open; open one with: vote \"question\" options=a,b")
    static func notAnOption(_ option: String, _ options: [String], suggestion: String?) -> Message {
        Message(
            "'\(option)' is not an option of the vote (\(options.joined(separator: ", ")))"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? ""))
    }
    static let fewOptions = Message("a vote needs two options or more: options=a,b")
    static func repeatedOption(_ option: String) -> Message { Message("option '\(option)' is given twice") }
    static let closeIsNotAnOption = Message("'close' cannot be an option: 'vote close' ends the vote")
    static let noVotes = Message("a vote adds 1 or more")
    static let serveSafe = Message("--safe: 'serve' would open a network port, and safe mode opens none")
    static let noRoomHost = Message("the room's page is served by align's shell, not from here")
    static func badAddress(_ text: String) -> Message {
        Message("'\(text)' is not an address; write HOST:PORT, HOST or :PORT (127.0.0.1:8800)")
    }
    static func cannotServe(_ message: String) -> Message { Message(message) }
    static let unsaved = Message(
        "changes made since the last save are not saved: 'save FILE' keeps them. Leave again to leave "
            + "anyway; 'align --recover' brings the session back until it is saved")
    static let unsavedUnjournalled = Message(
        "changes made since the last save are not saved, and this session is not journalled: leaving "
            + "loses them, 'save FILE' keeps them. Leave again to leave anyway")
}

/// What the session keeps for the room beyond the workspace: the page's
/// host, the clock's override while the journal is taken again, and what
/// was saved, which decides whether leaving needs a warning.
public struct SessionRoom {
    /// Serves the room's page; set by the shell, nil where there is none.
    public var host: RoomHost?
    /// The workspace's change count at the last `save`, or where the prompt
    /// began (an empty workspace has nothing to lose); nil when nothing is
    /// known to be saved.
    var saved: Int? = 0
    /// The change count when leaving was last refused, so that leaving
    /// again at once leaves.
    var warned: Int?
    /// The time of the journalled step being taken again, which stamps
    /// what it stamped the first time.
    var replayTime: Int?
    /// The command as it is kept in a recording when the prompt stamped it
    /// with the time (`note "..." at="10:40"`).
    var stampedText: String?
    /// What was last handed to the page: the workspace's change count and the theme.
    var published: (count: Int, theme: Theme)?
    /// How many states were handed to the page: each one's revision.
    var revisions = 0

    /// Nothing served, nothing known.
    public init() {}
}

extension Session {
    /// Seconds since 1970: now, or when the journalled step being taken again was taken.
    var now: Int { room.replayTime ?? options.fixedTime ?? Clock.now() }

    /// The time to stamp a note with: as given, or at the prompt the time
    /// of day (`14:05`); scripts stamp nothing, so that they replay the same.
    func stamp(_ given: String?, _ range: SourceRange, _ source: SourceText) -> String? {
        if let given { return given }
        guard options.interactive, runStack.isEmpty else { return nil }
        let time = Clock.timeOfDay(now)
        room.stampedText = source.text(range) + " at=" + ScriptPrinter.quoted(time)
        return time
    }

    func executeRoom(_ command: RoomCommand, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        switch command {
        case .decide(let text, let time, let owner, let due):
            let team = try owner.map { n throws(Diagnostic) in try self.team(n, source) }
            let note = Note(kind: .decision, text: text, time: stamp(time, range, source), owner: team, due: due)
            try change(at: range, in: source) { $0.addNote(note) }
            confirm("decision \(workspace.notes.filter { $0.kind == .decision }.count) recorded")
        case .park(let text, let time):
            let note = Note(kind: .parked, text: text, time: stamp(time, range, source))
            try change(at: range, in: source) { $0.addNote(note) }
            confirm("parked as item \(workspace.notes.filter { $0.kind == .parked }.count)")
        case .openVote(let question, let names):
            try checkOptions(names, range, source)
            try change(at: range, in: source) { $0.openVote(Vote(question: question, options: names.map(\.text))) }
            confirm("vote open: " + names.map(\.text).joined(separator: ", ") + "; 'vote OPTION' counts one, 'vote close' ends it")
        case .castVote(let option, let count, let countRange):
            try castVote(option, count: count, countRange, range, source)
        case .closeVote:
            let position = try change(at: range, in: source) { try $0.closeVote() }
            if options.interactive, runStack.isEmpty {
                emit(ShowPresenter(workspace).voteResult(workspace.room.votes[position]))
            }
        case .startTimer(let seconds):
            let timer = RoomTimer(seconds: seconds, started: now)
            try change(at: range, in: source) { $0.setTimer(timer) }
            confirm("timer: \(RoomTimer.clock(seconds)) from now, until \(Clock.timeOfDay(timer.started + seconds))")
        case .stopTimer:
            try change(at: range, in: source) { $0.setTimer(nil) }
            confirm("timer stopped")
        case .showTimer:
            emit(Document([.line([Span(timerSentence())])]))
        case .serve(let address):
            try serve(address, range, source)
        case .stopServing:
            room.host?.stop()
            room.published = nil
            confirm("the room's page is no longer served")
        case .theme(let theme):
            options.theme = theme
            options.style = Style(enabled: options.style.enabled, contrast: theme == .contrast)
            options.errorStyle = Style(enabled: options.errorStyle.enabled, contrast: theme == .contrast)
            confirm("theme \(theme.rawValue)")
        case .clear:
            // Only a terminal has a screen to clear; a pipe gets nothing.
            if options.width != nil, replay == nil { output.out("\u{1B}[H\u{1B}[2J\u{1B}[3J") }
        }
    }

    /// "7:32 left of 10:00", "time is up: 10:00 ended at 14:32", "no timer is running".
    func timerSentence() -> String {
        guard let timer = workspace.room.timer else { return "no timer is running; start one with: timer 10m" }
        let left = timer.remaining(at: now)
        if left > 0 { return "\(RoomTimer.clock(left)) left of \(RoomTimer.clock(timer.seconds))" }
        return "time is up: \(RoomTimer.clock(timer.seconds)) ended at \(Clock.timeOfDay(timer.started + timer.seconds))"
    }

    private func checkOptions(_ names: [Name], _ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        guard names.count >= 2 else { throw Diagnostic(.fewOptions, at: names.first?.range ?? range, in: source) }
        var seen: Set<String> = []
        for name in names {
            if name.text == "close" { throw Diagnostic(.closeIsNotAnOption, at: name.range, in: source) }
            if !seen.insert(name.text).inserted { throw Diagnostic(.repeatedOption(name.text), at: name.range, in: source) }
        }
    }

    private func castVote(_ option: Name, count: Int, _ countRange: SourceRange?, _ range: SourceRange, _ source: SourceText)
        throws(Diagnostic)
    {
        guard let open = workspace.room.openVote else { throw Diagnostic(.noOpenVote, at: option.range, in: source) }
        let vote = workspace.room.votes[open]
        guard let index = vote.options.firstIndex(of: option.text) else {
            let suggestion = Suggestions.closest(to: option.text, among: vote.options)
            throw Diagnostic(.notAnOption(option.text, vote.options, suggestion: suggestion), at: option.range, in: source)
        }
        guard count >= 1 else { throw Diagnostic(.noVotes, at: countRange ?? range, in: source) }
        try change(at: range, in: source) { try $0.castVote(option: index, count: count) }
        let total = workspace.room.votes[open].counts[index]
        confirm("\(option.text): \(NumberFormat.count(total, "vote"))")
    }

    private func serve(_ address: Name?, _ range: SourceRange, _ source: SourceText) throws(Diagnostic) {
        guard replay == nil else { return }
        if options.safe { throw Diagnostic(.serveSafe, at: range, in: source) }
        guard let host = room.host else { throw Diagnostic(.noRoomHost, at: range, in: source) }
        if address == nil, let url = host.url {
            output.out("the room's page is at \(url)\n")
            return
        }
        var place = RoomAddress.standard
        if let address {
            guard let parsed = RoomAddress(parsing: address.text) else {
                throw Diagnostic(.badAddress(address.text), at: address.range, in: source)
            }
            place = parsed
        }
        let url: String
        do {
            url = try host.start(place)
        } catch {
            throw Diagnostic(.cannotServe(error.message), at: address?.range ?? range, in: source)
        }
        room.published = nil
        publishRoom()
        let whom = place.needsToken ? "anyone with this link can read it" : "on this machine only"
        // Wrapped between words at a terminal: the address, one word, keeps a line of its own.
        wrappedLine(Span("serving the room's page at \(url) (\(whom))"))
    }

    /// Hands the page the workspace, when it is served and something it
    /// shows changed since it was last handed over.
    func publishRoom() {
        guard let host = room.host, host.url != nil, replay == nil else { return }
        let count = workspace.changeCount
        if let last = room.published, last.count == count, last.theme == options.theme { return }
        room.published = (count, options.theme)
        room.revisions += 1
        host.publish(RoomState(workspace: workspace, theme: options.theme, revision: room.revisions))
    }

    /// Casts the votes the page's form sent, each as the command it stands
    /// for (journalled, undoable, in `history`), and returns what to tell
    /// the prompt, one line a vote cast (`the page voted form: 3 votes`).
    /// The command's own answer is not printed: the caller shows the lines
    /// where they leave the line being typed alone.
    public func takePageVotes() -> [String] {
        guard let host = room.host else { return [] }
        let votes = host.takeVotes()
        guard !votes.isEmpty else { return [] }
        let shown = output
        output = DiscardedOutput()
        defer { output = shown }
        var notices: [String] = []
        for vote in votes {
            let before = workspace.changeCount
            run(SourceText(name: Session.promptName, text: vote))
            guard workspace.changeCount != before, let open = workspace.room.openVote else { continue }
            let option = String(vote.dropFirst("vote ".count))
            let poll = workspace.room.votes[open]
            guard let index = poll.options.firstIndex(of: option) else { continue }
            notices.append("the page voted \(option): \(NumberFormat.count(poll.counts[index], "vote"))")
        }
        return notices
    }

    /// Whether the workspace changed since it was last saved (or since the prompt began).
    public var hasUnsavedChanges: Bool { room.saved != workspace.changeCount }

    /// Takes the workspace as it is now for saved: where the prompt begins.
    public func markSaved() { room.saved = workspace.changeCount }

    /// Asked before leaving the prompt: true to leave. With unsaved changes
    /// the first time says so and stays; asking again at once leaves.
    public func mayLeave() -> Bool {
        guard hasUnsavedChanges, room.warned != workspace.changeCount else { return true }
        room.warned = workspace.changeCount
        wantsQuit = false
        report(Diagnostic(.warning, (onStep == nil ? Message.unsavedUnjournalled : Message.unsaved).text))
        return false
    }

    /// The prompt: `align> `, or with a timer running `align 7:32> `.
    public var prompt: String {
        guard let timer = workspace.room.timer else { return "align> " }
        let left = timer.remaining(at: Clock.now())
        return left > 0 ? "align \(RoomTimer.clock(left))> " : "align time's up> "
    }
}
