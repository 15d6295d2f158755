"""The room's page over HTTP: it renders, follows each change at the prompt
within a second, is read-only, casts votes from its form, and asks for its
token off loopback; a slow client does not hold the prompt up."""
import os, re, socket, subprocess, sys, time

sys.path.insert(0, os.path.dirname(__file__))
from room_page import PROMPT, Events, Room, request  # noqa: E402


def test_the_page_renders_the_workspace(binary, home):
    room = Room(binary, home)
    try:
        room.type('decide "One MQL definition" owner=marketing due=2026-Q4')
        room.type('park "Partner leads?"')
        status, headers, page = request(room, "GET", "/")
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert headers["Cache-Control"] == "no-store"
        for text in ["<svg", "q3_bookings", "One MQL definition", "Partner leads?", "due 2026-Q4",
                     "Terms defined differently", "EventSource"]:
            assert text in page, text
        assert "see query" not in page and "by=TEAM" not in page
        status, _, head = request(room, "HEAD", "/")
        assert status == 200 and head == ""
    finally:
        room.close()


def test_the_page_follows_a_change(binary, home):
    # How soon is measured by scripts/bench (the room's rows), not asserted here.
    room = Room(binary, home)
    try:
        events = Events(room)
        first = events.next_change()
        started = time.monotonic()
        room.shell.sendline("value leads 2026-Q3 5000")
        revision = events.next_change()
        latency = time.monotonic() - started
        assert revision > first, (first, revision)
        _, _, body = request(room, "GET", "/body")
        assert "5,000" in body
        print("    page update latency: %.0f ms" % (latency * 1000))
        events.close()
    finally:
        room.close()


def test_the_page_is_read_only(binary, home):
    room = Room(binary, home)
    try:
        for method, path in [("POST", "/"), ("PUT", "/"), ("DELETE", "/body"), ("PATCH", "/events"), ("POST", "/vote")]:
            status, headers, _ = request(room, method, path, body="x=1")
            assert status == 405 and headers["Allow"] == "GET, HEAD", (method, path, status)
        assert request(room, "GET", "/nothing")[0] == 404
        # Another name for this machine (DNS rebinding) is turned away.
        assert request(room, "GET", "/", host="attacker.example:%d" % room.port)[0] == 403
        assert "2,000,000" in request(room, "GET", "/")[2]
    finally:
        room.close()


def test_votes_from_the_page_are_cast_at_the_prompt(binary, home):
    room = Room(binary, home)
    try:
        room.type('vote "Which MQL definition?" options=meeting,form')
        _, headers, page = request(room, "GET", "/")
        assert 'name="option" value="meeting"' in page
        cookie = headers["Set-Cookie"].split(";")[0]
        form = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        status, headers, _ = request(room, "POST", "/vote", body="option=form", headers=form)
        assert status == 303 and headers["Location"] == "/"
        # The facilitator hears of it at the idle prompt, without typing.
        room.shell.expect_exact("the page voted form: 1 vote")
        room.shell.expect(PROMPT)  # drawn again below the announcement
        assert request(room, "POST", "/vote", body="option=form", headers=form)[0] == 409
        assert request(room, "POST", "/vote", body="option=nope", headers={**form, "Cookie": "align_voter=" + "0" * 32})[0] == 422
        deadline = time.monotonic() + 5
        while "Your vote is counted" not in request(room, "GET", "/", headers={"Cookie": cookie})[2]:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        history = room.type("history")
        assert "vote form" in history, history
        votes = room.type("show votes")
        assert re.search(r"form\s*\|?\s*1", votes) or "form" in votes, votes
        room.type("vote close")
        assert request(room, "POST", "/vote", body="option=form", headers=form)[0] == 405
    finally:
        room.close()


def test_off_loopback_the_page_needs_its_token(binary, home):
    room = Room(binary, home, address="0.0.0.0:0")
    try:
        assert room.token and len(room.token) == 32, room.url
        status, _, text = request(room, "GET", "/", host="192.0.2.1:%d" % room.port)
        assert status == 403 and "token" in text
        assert request(room, "GET", "/?token=" + "0" * 32)[0] == 403
        status, _, page = request(room, "GET", room.path("/"))
        assert status == 200 and 'data-token="%s"' % room.token in page
    finally:
        room.close()


def test_safe_mode_refuses_serve(binary, home):
    result = subprocess.run([binary, "--safe", "-c", "serve"], capture_output=True, text=True)
    assert result.returncode == 1 and "--safe: 'serve'" in result.stderr, result.stderr


def test_a_slow_client_does_not_hold_up_the_prompt(binary, home):
    room = Room(binary, home)
    stalled = []
    try:
        # Listeners that never read, and a request that never ends.
        for _ in range(20):
            s = socket.create_connection(("127.0.0.1", room.port))
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
            s.sendall(("GET /events HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % room.port).encode())
            stalled.append(s)
        half = socket.create_connection(("127.0.0.1", room.port))
        half.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")
        stalled.append(half)
        # Each line waits for its prompt (room.type's timeout): a prompt held by a stalled reader fails there.
        for i in range(150):
            room.type('note "%s"' % ("a long note to fill the wire " * 20 + str(i)))
        assert request(room, "GET", "/")[0] == 200
    finally:
        for s in stalled:
            s.close()
        room.close()
