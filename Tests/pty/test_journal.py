"""The journal at a real prompt: SIGKILL loses no accepted command, and
`align --recover` brings the session back, undo and redo included."""
import glob, os, re, signal, subprocess, time

import pexpect

PROMPT = "align> "


def env(home):
    e = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    e.update(HOME=home, TERM="xterm", LANG="C.UTF-8", NO_COLOR="1")
    return e


def spawn(binary, home, args=()):
    shell = pexpect.spawn(binary, list(args), env=env(home), cwd=home, encoding="utf-8", timeout=10)
    shell.expect_exact(PROMPT)
    return shell


def type_lines(shell, lines):
    """Types each line and waits until the prompt is back: the command was accepted."""
    for line in lines:
        for part in line.split("\n"):
            shell.sendline(part)
            shell.expect(r"(align|  \.\.\.)> ")


def kill(shell):
    os.kill(shell.pid, signal.SIGKILL)
    shell.expect(pexpect.EOF)
    shell.close()


def align(binary, home, args, stdin=""):
    return subprocess.run([binary] + list(args), input=stdin, env=env(home), cwd=home,
                          capture_output=True, text=True, timeout=30)


def journals(home):
    return sorted(glob.glob(os.path.join(home, ".local/state/align/journals/*.journal")))


def read(home, name):
    with open(os.path.join(home, name)) as f:
        return f.read()


def write(home, name, text):
    path = os.path.join(home, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


SESSION = [
    "team Sales horizon=quarter",
    "team Marketing horizon=year",
    "metric leads owner=Marketing unit=count",
    "show teams",
    "value leads 2026-Q3 4000",
    "value leads 2026-Q3 5000",
    "undo",
    "metric deals owner=Sales \\\n  unit=count",
    "run parts/more.align",
    "import values actuals.csv",
    "snapshot before",
    "value deals 2026-Q3 12",
    "undo",
    "redo",
    "note \"MQL means a booked meeting\"",
    "metric bad owner=Nobody",
    "decide \"one definition of MQL\" at=\"10:40\"",
]


def expected_script(binary, home):
    """What the session should hold: the same lines, run as a script."""
    result = align(binary, home, ["--keep-going"], stdin="\n".join(SESSION) + "\nsave expected.align\n")
    assert "unknown team 'Nobody'" in result.stderr, result.stderr
    return read(home, "expected.align")


def setup_files(home):
    write(home, "parts/more.align", "metric mqls owner=Marketing unit=count\nlink leads -> mqls\n")
    write(home, "actuals.csv", "metric,period,value\r\nmqls,2026-Q3,\"1,000\"\r\n")


def test_kill9_loses_no_accepted_command(binary, home):
    setup_files(home)
    expected = expected_script(binary, home)
    shell = spawn(binary, home)
    type_lines(shell, SESSION)
    assert len(journals(home)) == 1
    mode = os.stat(journals(home)[0]).st_mode & 0o777
    assert mode == 0o600, oct(mode)
    kill(shell)
    # The files the session read are gone: recovery must not need them.
    os.remove(os.path.join(home, "parts/more.align"))
    os.remove(os.path.join(home, "actuals.csv"))
    listed = align(binary, home, ["--recover", "list"])
    assert listed.returncode == 0, listed.stderr
    assert " 15 commands " in listed.stdout, listed.stdout
    result = align(binary, home, ["--recover", "-c", "save out.align", "-c", "history", "-c", "diff before"])
    assert result.returncode == 0, result.stderr
    # The note typed at the prompt was stamped with the time it was typed;
    # the same line in a script is not.
    out = read(home, "out.align")
    stamped = re.sub(r'(note "MQL means a booked meeting") at="\d\d:\d\d"', r"\1", out)
    assert stamped != out, out
    assert stamped == expected
    assert "show teams" in result.stdout and "metric bad owner=Nobody" in result.stdout
    assert "deals" in result.stdout  # diff against the snapshot taken before the change
    assert len(journals(home)) == 1  # carried on without a prompt: still recoverable


def test_kill_at_any_moment(binary, home):
    """Killed right after a command's prompt came back, at each point of the session."""
    setup_files(home)
    for cut in (1, 5, 8, 11, 14):
        for path in journals(home):
            os.remove(path)
        shell = spawn(binary, home)
        type_lines(shell, SESSION[:cut])
        kill(shell)
        result = align(binary, home, ["--keep-going", "--recover", "-c", "save cut.align"])
        assert result.returncode == 0, (cut, result.stderr)
        align(binary, home, ["--keep-going"], stdin="\n".join(SESSION[:cut]) + "\nsave want.align\n")
        assert read(home, "cut.align") == read(home, "want.align"), cut


def test_recover_at_the_prompt_then_carry_on(binary, home):
    shell = spawn(binary, home)
    type_lines(shell, ["team Sales", "metric leads owner=Sales", "value leads 2026-Q3 10"])
    kill(shell)
    shell = spawn(binary, home, ["--recover"])
    assert "Recovered 3 commands" in shell.before
    type_lines(shell, ["undo", "value leads 2026-Q4 20"])
    kill(shell)
    result = align(binary, home, ["--recover", "-c", "export csv"])
    assert result.stdout == "metric,period,value\nleads,2026-Q4,20\n", result.stdout
    # Leaving a recovered session that was not saved warns, and leaving
    # again keeps it recoverable.
    shell = spawn(binary, home, ["--recover"])
    shell.sendeof()
    shell.expect_exact("not saved")
    shell.expect_exact(PROMPT)
    shell.sendeof()
    shell.expect(pexpect.EOF)
    shell.close()
    assert len(journals(home)) == 1
    # Saved, a clean end at the prompt closes the journal.
    shell = spawn(binary, home, ["--recover"])
    type_lines(shell, ["save plan.align"])
    shell.sendeof()
    shell.expect(pexpect.EOF)
    shell.close()
    assert journals(home) == []
    assert align(binary, home, ["--recover"]).returncode == 1


def test_clean_exit_leaves_no_journal(binary, home):
    shell = spawn(binary, home)
    type_lines(shell, ["team Sales"])
    assert len(journals(home)) == 1
    type_lines(shell, ["save plan.align"])  # saved: nothing is left to recover
    shell.sendline("quit")
    shell.expect(pexpect.EOF)
    shell.close()
    shell = spawn(binary, home)
    type_lines(shell, ["show teams"])  # looks only: no journal is even created
    assert journals(home) == []
    shell.sendeof()
    shell.expect(pexpect.EOF)
    assert journals(home) == []


def test_two_shells_keep_their_own_journals(binary, home):
    one = spawn(binary, home)
    two = spawn(binary, home)
    type_lines(one, ["team One"])
    type_lines(two, ["team Two"])
    type_lines(one, ["metric first owner=One"])
    type_lines(two, ["metric second owner=Two"])
    assert len(journals(home)) == 2
    # While both live, neither can be recovered.
    assert align(binary, home, ["--recover", "list"]).stdout == "No unfinished session to recover.\n"
    kill(one)
    kill(two)
    texts = [open(p).read() for p in journals(home)]
    assert sum("team One" in t and "team Two" not in t for t in texts) == 1
    assert sum("team Two" in t and "team One" not in t for t in texts) == 1
    listed = align(binary, home, ["--recover", "list"]).stdout
    assert listed.count(" 2 commands ") == 2, listed


def test_interactive_after_scripts_is_journalled(binary, home):
    write(home, "plan.align", "team Sales\nmetric leads owner=Sales\n")
    shell = spawn(binary, home, ["-i", "plan.align", "-c", "value leads 2026-Q3 7"])
    type_lines(shell, ["value leads 2026-Q4 8"])
    kill(shell)
    os.remove(os.path.join(home, "plan.align"))
    result = align(binary, home, ["--recover", "-c", "export csv", "-c", "show teams"])
    assert result.returncode == 0, result.stderr
    assert "leads,2026-Q3,7\nleads,2026-Q4,8\n" in result.stdout
    assert "Sales" in result.stdout


def test_a_demo_session_that_only_looks_leaves_nothing(binary, home):
    sh = spawn(binary, home, ["--demo"])
    type_lines(sh, ["query gaps 2026-Q3", "tree"])
    kill(sh)
    assert journals(home) == [], "a look at the demo left %r" % journals(home)
    sh = spawn(binary, home, ["--demo"])
    type_lines(sh, ["value leads 2026-Q3 5000"])
    kill(sh)
    assert len(journals(home)) == 1
    result = align(binary, home, ["--recover", "-c", "query gaps 2026-Q3"])
    assert "q3_bookings: 2,500,000 USD against 2,500,000 USD, met" in result.stdout, result.stdout + result.stderr
