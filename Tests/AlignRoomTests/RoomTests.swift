import AlignCore
import AlignLanguage
import AlignPresent
import AlignSession
import Glibc
import Testing

@testable import AlignRoom

/// The room's parts without a network: addresses, durations, the board the
/// prompt and the page share, and the page's filled-in body.
@Suite("The room")
struct RoomTests {
    @Test("serve's addresses: the default, a port alone, a host alone, IPv6; a token off loopback")
    func addresses() {
        #expect(RoomAddress(parsing: ":9000") == RoomAddress(host: "127.0.0.1", port: 9000, needsToken: false))
        #expect(RoomAddress(parsing: "0.0.0.0:8800") == RoomAddress(host: "0.0.0.0", port: 8800, needsToken: true))
        #expect(RoomAddress(parsing: "localhost") == RoomAddress(host: "localhost", port: 8800, needsToken: false))
        #expect(RoomAddress(parsing: "[::1]:81") == RoomAddress(host: "::1", port: 81, needsToken: false))
        #expect(RoomAddress(parsing: "host:99999") == nil)
        #expect(RoomAddress(parsing: "a b:1") == nil)
    }

    @Test("durations: 10m, 90s, 1h30m, a bare number of minutes; nothing else")
    func durations() {
        #expect(Literals.duration("10m") == 600)
        #expect(Literals.duration("90s") == 90)
        #expect(Literals.duration("1h30m") == 5400)
        #expect(Literals.duration("5") == 300)
        #expect(Literals.duration("0m") == nil)
        #expect(Literals.duration("2d") == nil)
        #expect(Literals.duration("25h") == nil)
    }

    @Test("forms and cookies: percent-escapes decoded, a malformed voter cookie ignored")
    func forms() {
        #expect(RoomRequest.decodeForm("option=a+b&x=%C3%A9&bad=%G1") == ["option": "a b", "x": "é", "bad": "%G1"])
        #expect(RoomRequest.randomHex(bytes: 16).count == 32)
    }

    static func state(open: Bool) throws -> RoomState {
        var ws = Workspace()
        if open { ws.openVote(Vote(question: "Which?", options: ["a", "b"])) }
        ws.setTimer(RoomTimer(seconds: 600, started: 1000))
        return RoomState(workspace: ws, revision: 1)
    }

    @Test("the board takes one vote per browser for an option of the open vote, and wakes the prompt")
    func votes() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        let board = RoomBoard(token: nil, wakeFD: fds[1])
        #expect(throws: RoomBoard.Refusal.noOpenVote) { try board.vote("a", voter: "v1") }
        board.publish(try Self.state(open: true))
        try board.vote("a", voter: "v1")
        #expect(throws: RoomBoard.Refusal.alreadyVoted) { try board.vote("b", voter: "v1") }
        #expect(throws: RoomBoard.Refusal.notAnOption) { try board.vote("c", voter: "v2") }
        #expect(board.hasVoted("v1") && !board.hasVoted("v2"))
        #expect(board.takeVotes() == ["vote a"])
        #expect(board.takeVotes().isEmpty)
        var byte: UInt8 = 0
        #expect(read(fds[0], &byte, 1) == 1)
        close(fds[0])
        close(fds[1])
    }

    @Test("the body is rendered once; the timer and the vote's form are filled in per request")
    func fill() throws {
        let state = try Self.state(open: true)
        let body = RoomPage(state).body()
        let page = RoomPage.fill(body, state: state, now: 1300, voted: false, token: "t0k")
        #expect(page.contains("data-left=\"300\"") && page.contains(">5:00<"))
        #expect(page.contains("action=\"/vote?token=t0k\"") && page.contains("value=\"b\""))
        let voted = RoomPage.fill(body, state: state, now: 2000, voted: true, token: nil)
        #expect(voted.contains("time's up") && voted.contains("Your vote is counted") && !voted.contains("<form"))
    }

    @Test("in the contrast theme the page's pictures follow it: dark panels, light lines and text, team boxes still readable")
    func contrastPictures() throws {
        var ws = Workspace()
        ws.setTimer(RoomTimer(seconds: 600, started: 1000))
        let state = RoomState(workspace: ws, theme: .contrast, revision: 1)
        let page = RoomPage.page(body: RoomPage(state).body(), state: state, token: nil)
        #expect(page.contains("<main class=\"room contrast\">"))
        #expect(page.contains("main.contrast figure{background:#000}"))
        #expect(!page.contains("main.contrast figure{--ink:#1f2328"), "the pictures kept the light theme's colours")
        #expect(page.contains("main.contrast .node text"))
    }
}
