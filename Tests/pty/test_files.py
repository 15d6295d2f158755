"""Hostile files at a real prompt: a history file that is a link, a named
pipe or a 1 GB sparse file; no folder for the journal; a disk that takes no
byte. Each ends in a clear warning and a working prompt, never a hang, a
crash or a file outside touched."""
import os, re, signal, stat, time

import pexpect

PROMPT = "align> "
UP = "\x1b[A"


def env(home, **extra):
    e = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    e.update(HOME=home, TERM="dumb", LANG="C.UTF-8", NO_COLOR="1")
    e.update(extra)
    return {k: v for k, v in e.items() if v is not None}


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def default_signals():
    # Python ignores SIGXFSZ, and a child inherits that: give align the
    # default a shell gives it, which kills a process that writes past `ulimit -f`.
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)


def spawn(binary, home, environment=None, timeout=10, command=None):
    """align at a prompt; with `command`, that bash line (align's path in $0)."""
    program, args = (binary, []) if command is None else ("/bin/bash", ["-c", command, binary])
    return pexpect.spawn(program, args, env=environment or env(home), cwd=home, encoding="utf-8",
                         timeout=timeout, preexec_fn=default_signals)


def run(child, line):
    """Enters a line and waits for the prompt; returns what it printed."""
    child.sendline(line)
    child.expect_exact(line)
    child.expect_exact(PROMPT)
    return child.before


def leave(child):
    """Ctrl-D, twice if align warns that changes are not saved."""
    child.sendeof()
    if child.expect([pexpect.EOF, "Leave again"]) == 1:
        child.expect_exact(PROMPT)
        child.sendeof()
        child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def state(home, *parts):
    return os.path.join(home, ".local/state/align", *parts)


def test_a_history_file_that_is_a_link_leaves_its_target_alone(binary, home):
    target = os.path.join(home, "shared.txt")
    with open(target, "w") as f:
        f.write("someone else's\n")
    os.chmod(target, 0o644)
    os.makedirs(state(home))
    os.symlink(target, state(home, "history"))
    child = spawn(binary, home)
    child.expect_exact(PROMPT)
    run(child, "team a")
    leave(child)
    check(stat.S_IMODE(os.stat(target).st_mode) == 0o644, "the link's target was chmodded")
    with open(target) as f:
        check(f.read() == "someone else's\n", "the link's target was written")
    check(os.path.islink(state(home, "history")), "the link was replaced")


def test_a_history_file_that_is_a_named_pipe_hangs_nothing(binary, home):
    os.makedirs(state(home))
    os.mkfifo(state(home, "history"))
    child = spawn(binary, home, timeout=5)
    child.expect_exact(PROMPT)
    run(child, "team a")
    out = run(child, "show teams")
    check("a" in out, "show teams printed %r" % out)
    check(leave(child) == 0, "exit status")
    check(stat.S_ISFIFO(os.lstat(state(home, "history")).st_mode), "the pipe was replaced")


def test_a_huge_sparse_history_file_is_read_from_its_tail_and_trimmed(binary, home):
    os.makedirs(state(home))
    path = state(home, "history")
    with open(path, "wb") as f:
        f.truncate(1 << 30)
        f.seek(1 << 30)
        f.write(b"team early\nteam late\n")
    child = spawn(binary, home, timeout=10)
    child.expect_exact(PROMPT)
    # Read from its tail: what the process has read so far is far below the file's 1 GiB.
    with open("/proc/%d/io" % child.pid) as f:
        read = int(next(line for line in f if line.startswith("rchar:")).split()[1])
    check(read < 64 << 20, "%d bytes read before the prompt" % read)
    child.send(UP)
    child.expect_exact("team late")
    child.sendcontrol("c")
    child.expect_exact(PROMPT)
    leave(child)
    size = os.path.getsize(path)
    check(size < 1 << 20, "the history file was not trimmed: %d bytes" % size)
    with open(path, "rb") as f:
        check(f.read().endswith(b"team early\nteam late\n"), "the last entries were lost")


def test_without_a_state_folder_the_prompt_says_once_that_nothing_is_journalled(binary, home):
    child = spawn(binary, home, environment=env(home, HOME=None))
    child.expect_exact(PROMPT)
    banner = child.before
    check(banner.count("not journalled") == 1, "said %d times before the prompt: %r"
          % (banner.count("not journalled"), banner))
    out = run(child, "team a") + run(child, "team b")
    check("journalled" not in out, "said again: %r" % out)
    # Leaving with changes not saved: no journal, so no promise of --recover.
    child.sendline("quit")
    child.expect_exact("Leave again")
    said = re.sub(r"\x1b\[[0-9;]*m", "", child.before).replace("\r\n", " ")
    check("--recover" not in said and "leaving loses them" in said, "the warning says: %r" % said)
    leave(child)


def test_a_disk_that_takes_no_byte_is_said_once_and_the_session_goes_on(binary, home):
    # ulimit -f 0: every write to a file fails (EFBIG), as on a full disk;
    # without SIGXFSZ ignored, the first one kills align.
    child = spawn(binary, home, command='ulimit -f 0; exec "$0"')
    child.expect_exact(PROMPT)
    said = run(child, "team a") + run(child, "team b") + run(child, "show teams")
    check(said.count("not journalled") == 1, "the journal warning was said %d times: %r"
          % (said.count("not journalled"), said))
    check("b" in said, "the session did not go on: %r" % said)
    check(leave(child) == 0, "exit status")
