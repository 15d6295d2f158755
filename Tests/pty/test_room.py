"""The room at a real prompt: answers that fit 80 and 120 columns, the
warning before leaving unsaved changes and the recovery after, the timer in
the prompt, the contrast theme and clear, and the facilitation commands
saved, undone and recovered."""
import glob, os, re, signal, subprocess

import pexpect

PROMPT = re.compile(r"align( [0-9:]+| time's up)?> ")
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
WIDE = [
    "tree", "query conflicts", "query gaps 2026-Q3", "query consistency 2026-Q3", "query handoffs",
    "query horizons", "query orphans", "query drivers revenue in 2026-Q3", "show metrics", "show terms",
    "show goals", "show links", "show revenue", "show MQL", "help", "help export", "help serve",
    'note "The room agreed that a marketing qualified lead is a lead that booked a first meeting with sales, '
    'whichever team found it"', "show notes", "snapshot before", "value leads 2026-Q3 5000", "diff before",
    "whatif leads = +10% in 2026-Q3", "import plan bad.csv", 'decide "Marketing and sales report one MQL number from next quarter on, '
    'reviewed monthly together" owner=marketing due=2026-Q4', "show decisions",
]


def env(home, **extra):
    e = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    e.update(HOME=home, TERM="xterm", LANG="C.UTF-8", TZ="UTC")
    e.update(extra)
    return e


def spawn(binary, home, args=("--demo",), columns=120, **extra):
    shell = pexpect.spawn(binary, list(args), env=env(home, **extra), cwd=home, encoding="utf-8", timeout=15,
                          dimensions=(50, columns))
    shell.expect(PROMPT)
    return shell


def run(shell, line):
    """Types a line; returns what it printed, without colour, as lines."""
    shell.sendline(line)
    shell.expect(PROMPT)
    return ANSI.sub("", shell.before).replace("\r\n", "\n").split("\n")[1:]


def journals(home):
    return sorted(glob.glob(os.path.join(home, ".local/state/align/journals/*.journal")))


def align(binary, home, args):
    return subprocess.run([binary] + list(args), env=env(home), cwd=home, capture_output=True, text=True, timeout=30)


def fits(binary, home, columns):
    # An error at a file's row: its place comes before a long message.
    with open(os.path.join(home, "bad.csv"), "w") as f:
        f.write("metric,period,value\nleads,2026-13,5\n")
    shell = spawn(binary, home, columns=columns)
    for line in WIDE:
        for out in run(shell, line):
            assert len(out) <= columns, "%s: %d columns at %d:\n%s" % (line, len(out), columns, out)
    shell.kill(signal.SIGKILL)


def test_nothing_is_wider_than_80_columns(binary, home):
    fits(binary, home, 80)


def test_nothing_is_wider_than_120_columns(binary, home):
    fits(binary, home, 120)


def test_a_wrapped_table_keeps_its_box_and_its_words(binary, home):
    shell = spawn(binary, home, columns=80)
    out = run(shell, "show notes")
    run(shell, 'note "' + "word " * 30 + 'end"')
    out = run(shell, "show notes")
    rows = [line for line in out if line.startswith("│")]
    assert len(rows) > 2 and all(line.endswith("│") for line in rows), out
    assert all(len(line) == len(rows[0]) for line in rows), out
    assert not any("wor\n" in line for line in out)
    shell.kill(signal.SIGKILL)


def test_the_window_growing_is_followed(binary, home):
    shell = spawn(binary, home, columns=80)
    narrow = max(len(line) for line in run(shell, "query gaps 2026-Q3"))
    shell.setwinsize(50, 160)
    wide = max(len(line) for line in run(shell, "query gaps 2026-Q3"))
    assert narrow <= 80 < wide, (narrow, wide)
    shell.kill(signal.SIGKILL)


def test_help_follows_a_narrowed_window_without_ragged_lines(binary, home):
    # Help was wrapped at 78 columns and then broken again by the terminal's
    # width: each long line left a stub of a word or two on a line of its own.
    shell = spawn(binary, home, columns=100)
    shell.setwinsize(50, 64)
    lines = run(shell, "help vote")
    assert max(len(line) for line in lines) <= 64, lines
    # A stub: a short line of prose followed by more of the same paragraph.
    prose = lambda line: line.strip() and not line.startswith(" ") and not line.endswith(":")
    stubs = [a for a, b in zip(lines, lines[1:]) if prose(a) and prose(b) and len(a) < 40]
    assert sum(1 for line in lines if prose(line)) > 4 and not stubs, lines
    shell.kill(signal.SIGKILL)


def test_leaving_unsaved_warns_once_then_stays_recoverable(binary, home):
    shell = spawn(binary, home)
    run(shell, "value leads 2026-Q3 5000")
    shell.sendeof()
    shell.expect_exact("not saved")
    shell.expect(PROMPT)
    shell.sendline("quit")
    shell.expect(pexpect.EOF)
    shell.close()
    assert shell.exitstatus == 0
    assert len(journals(home)) == 1
    listed = align(binary, home, ["--recover", "list"]).stdout
    assert "value leads 2026-Q3 5000" in listed, listed
    shell = spawn(binary, home, ["--recover"])
    assert "5,000" in "\n".join(run(shell, "show leads"))
    run(shell, "save plan.align")
    shell.sendeof()
    shell.expect(pexpect.EOF)
    assert journals(home) == []


def test_looking_only_leaves_at_once(binary, home):
    shell = spawn(binary, home)
    run(shell, "tree")
    shell.sendeof()
    shell.expect(pexpect.EOF)
    shell.close()
    assert shell.exitstatus == 0 and journals(home) == []


def test_the_timer_counts_down_in_the_prompt(binary, home):
    shell = spawn(binary, home)
    shell.sendline("timer 2m")
    shell.expect_exact("align 2:00> ")
    shell.expect_exact("align 1:58> ", timeout=5)  # redrawn while nobody types
    shell.send("show tea")
    shell.expect_exact("align 1:5")
    shell.sendline("ms")
    shell.expect_exact("marketing")
    # While the timer runs the prompt is redrawn each second: wait for words.
    shell.sendline("timer")
    shell.expect_exact("left of 2:00")
    shell.sendline("timer off")
    shell.expect_exact("timer stopped")
    shell.sendline("show teams")
    shell.expect_exact("align> ")
    shell.kill(signal.SIGKILL)


def test_contrast_theme_and_clear(binary, home):
    shell = spawn(binary, home, ["--demo", "--theme", "contrast"])
    shell.sendline("query gaps 2026-Q3")
    shell.expect(PROMPT)
    assert "\x1b[1;96m" in shell.before and "\x1b[2m" not in shell.before
    shell.sendline("theme default")
    shell.expect(PROMPT)
    shell.sendline("query gaps 2026-Q3")
    shell.expect(PROMPT)
    assert "\x1b[36m" in shell.before
    shell.sendline("clear")
    shell.expect(PROMPT)
    assert "\x1b[2J" in shell.before
    shell.kill(signal.SIGKILL)
    piped = subprocess.run([binary, "-c", "clear"], capture_output=True, text=True)
    assert piped.stdout == "" and piped.returncode == 0


def test_facilitation_is_saved_undone_and_recovered(binary, home):
    shell = spawn(binary, home)
    run(shell, 'park "Do partner leads count as MQLs?"')
    run(shell, 'vote "Which MQL definition?" options=meeting,form')
    run(shell, "vote meeting 4")
    run(shell, "vote form")
    run(shell, "vote form")
    run(shell, "undo")
    out = "\n".join(run(shell, "vote close"))
    assert "meeting has the most votes, 4 of 5" in out, out
    run(shell, 'decide "One MQL definition for both teams" owner=marketing due=2026-Q4')
    decisions = "\n".join(run(shell, "show decisions"))
    assert "marketing" in decisions and "2026-Q4" in decisions and re.search(r"\d\d:\d\d", decisions), decisions
    history = "\n".join(run(shell, "history"))
    assert "undone" in history and "vote close" in history
    shell.kill(signal.SIGKILL)
    result = align(binary, home, ["--recover", "-c", "save out.align"])
    assert result.returncode == 0, result.stderr
    with open(os.path.join(home, "out.align")) as f:
        saved = f.read()
    assert re.search(r'park "Do partner leads count as MQLs\?" at="\d\d:\d\d"', saved), saved
    assert 'vote "Which MQL definition?" options=meeting,form\nvote meeting 4\nvote form\nvote close\n' in saved, saved
    assert re.search(r'decide "One MQL definition for both teams" at="\d\d:\d\d" owner=marketing due=2026-Q4', saved)
    again = align(binary, home, ["out.align", "-c", "save again.align"])
    with open(os.path.join(home, "again.align")) as f:
        assert f.read() == saved


def test_the_timer_redraws_the_prompt_in_place(binary, home):
    """Each second's prompt is drawn over the last, the typed line after it
    once: the cursor goes back to the start of the prompt (up the rows a
    long line fills) and what was below is cleared first."""
    shell = spawn(binary, home, columns=80)
    shell.sendline("timer 2m")
    shell.expect_exact("align 2:00> ")
    shell.send("team ab")
    shell.expect_exact("team ab")
    # The next second's prompt (1:59, or 1:58 when a tick came before the
    # typing was echoed, on a busy machine).
    shell.expect(r"align 1:5\d> ", timeout=5)
    assert shell.before.endswith("\r\x1b[J"), repr(shell.before)
    shell.expect_exact("team ab", timeout=2)
    assert shell.before == "", repr(shell.before)
    # A line longer than the terminal (80 columns): back up the rows it fills.
    shell.send("c" * 90)
    shell.expect_exact("c" * 10)
    shell.expect(r"align 1:\d\d> ", timeout=5)
    assert shell.before.endswith("\r\x1b[1A\x1b[J"), repr(shell.before[-40:])
    shell.kill(signal.SIGKILL)


def test_keys_work_while_the_timer_redraws_the_prompt(binary, home):
    """The reader that polls for the timer and the page keeps Ctrl-C, Tab,
    UTF-8 input and SIGTERM as libedit's own reader has them."""
    shell = spawn(binary, home)
    shell.sendline("timer 5m")
    shell.expect(r"align \d:\d\d> ")
    shell.send("show tea")
    shell.expect_exact("show tea")
    shell.send("\x03")
    shell.expect(r"\^C")
    shell.expect(r"align \d:\d\d> ")
    shell.send("tea\t")
    shell.expect_exact("team ")
    shell.sendline("équipe")
    shell.expect_exact("added team équipe")
    shell.kill(signal.SIGTERM)
    shell.expect(pexpect.EOF)
    shell.close()
    assert shell.signalstatus == signal.SIGTERM
    assert len(journals(home)) == 1
