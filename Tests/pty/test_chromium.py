"""The room's page in headless Chromium: it renders, follows a change typed
at the prompt, takes a vote from its form, and shows nothing without its
token off loopback."""
import os, sys, time

sys.path.insert(0, os.path.dirname(__file__))
from cdp import Chromium, run  # noqa: E402
from room_page import Room  # noqa: E402


def test_chromium_renders_the_page(binary, home):
    room = Room(binary, home)
    try:
        dom = run(["--dump-dom", room.url])
        assert "<svg" in dom and "q3_bookings" in dom and "What drives revenue" in dom, dom[:500]
        shot = os.path.join(home, "page.png")
        run(["--screenshot=" + shot, "--window-size=1280,1600", "--hide-scrollbars", room.url])
        assert os.path.getsize(shot) > 10000
    finally:
        room.close()


def test_chromium_follows_a_change_at_the_prompt(binary, home):
    room = Room(binary, home)
    browser = Chromium(room.url)
    try:
        browser.wait_for("document.getElementById('live') && !document.body.classList.contains('offline')")
        browser.wait_for("window.performance.getEntriesByType('resource').some(e => e.name.includes('/events'))"
                         " || document.readyState === 'complete'")
        time.sleep(0.3)
        before = browser.evaluate("document.getElementById('live').dataset.revision")
        room.shell.sendline("value leads 2026-Q3 5000")
        # The wait only stops a page that never updates; how soon is scripts/bench's.
        took = browser.wait_for("document.getElementById('live').innerText.includes('5,000')", timeout=20)
        assert browser.evaluate("document.getElementById('live').dataset.revision") != before
        print("    page in Chromium updated after %.0f ms" % (took * 1000))
        room.type("timer 5m")
        browser.wait_for("document.getElementById('timer') && /^[45]:[0-9][0-9]$/.test(document.getElementById('timer').innerText)")
        room.type('vote "Which MQL definition?" options=meeting,form')
        browser.wait_for("document.querySelector('#vote button[value=meeting]')")
        browser.evaluate("document.querySelector('#vote button[value=meeting]').click()")
        browser.wait_for("document.body.innerText.includes('Your vote is counted')")
        # The prompt cast the page's vote: it is in history (the timer redraws
        # the prompt each second, so wait for the words themselves).
        room.shell.sendline("history")
        room.shell.expect_exact("vote meeting")
    finally:
        browser.close()
        room.close()


def test_chromium_without_the_token_sees_nothing(binary, home):
    room = Room(binary, home, address="0.0.0.0:0")
    try:
        bare = "http://127.0.0.1:%d/" % room.port
        dom = run(["--dump-dom", bare])
        assert "needs the link with its token" in dom and "<svg" not in dom, dom[:300]
        dom = run(["--dump-dom", bare + "?token=" + room.token])
        assert "<svg" in dom
    finally:
        room.close()
