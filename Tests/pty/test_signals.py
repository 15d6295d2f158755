"""Signals at a real prompt: Ctrl-C cancels a long command and the shell
goes on; SIGTERM and SIGHUP (a closed terminal) end align with the journal on
disk, the history written and the terminal as it was; output piped into
`head` ends quietly."""
import glob, os, signal, subprocess, time

import pexpect

PROMPT = "align> "
CTRL_C = "\x03"


def env(home):
    e = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    e.update(HOME=home, TERM="xterm", LANG="C.UTF-8", NO_COLOR="1", PS1="$ ")
    return e


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def default_hangup():
    # The tests run under whatever started them, `nohup` included, and a
    # signal ignored there is ignored in every child (align keeps it so, as
    # a program under nohup should): give SIGHUP and SIGTERM their defaults.
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def spawn(binary, home, args=(), preexec_fn=default_hangup):
    shell = pexpect.spawn(binary, list(args), env=env(home), cwd=home, encoding="utf-8", timeout=30,
                          preexec_fn=preexec_fn)
    shell.expect_exact(PROMPT)
    return shell


def type_lines(shell, lines):
    for line in lines:
        shell.sendline(line)
        shell.expect_exact(PROMPT)


def quit_cleanly(shell):
    """quit, and quit again if align warns that changes are not saved."""
    shell.sendline("quit")
    if shell.expect([pexpect.EOF, "not saved"]) == 1:
        shell.expect_exact(PROMPT)
        shell.sendline("quit")
        shell.expect(pexpect.EOF)
    shell.close()
    check(shell.exitstatus == 0, "exit status %r" % shell.exitstatus)


def journals(home):
    return sorted(glob.glob(os.path.join(home, ".local/state/align/journals/*.journal")))


def history(home):
    with open(os.path.join(home, ".local/state/align/history")) as f:
        return f.read().splitlines()


def recovered_teams(binary, home):
    result = subprocess.run([binary, "--recover", "-c", "show teams"], env=env(home), cwd=home,
                            capture_output=True, text=True, timeout=60)
    return result.stdout


def write_slow_workspace(home):
    """A chain of 3,000 metrics with a goal on each: `query consistency`
    checks every pair of goals on one chain, about 4.5 million of them,
    which takes minutes however fast each check gets."""
    lines = ["team t", "metric m0 owner=t", "value m0 2026-Q1 1"]
    lines += ["metric m%d = m%d + 1" % (i, i - 1) for i in range(1, 3000)]
    lines += ["goal g%d t m%d >= 1 by 2026-Q1" % (i, i) for i in range(3000)]
    with open(os.path.join(home, "slow.align"), "w") as f:
        f.write("\n".join(lines) + "\n")


SESSION = ["team Sales", "team Marketing", "metric leads owner=Marketing"]


def test_ctrl_c_cancels_a_long_query_and_the_shell_goes_on(binary, home):
    write_slow_workspace(home)
    sh = spawn(binary, home, ["-i", "slow.align"])
    for command in ["query consistency 2026-Q1", "export markdown"]:
        sh.sendline(command)
        sh.expect_exact(command)
        time.sleep(1)
        sh.send(CTRL_C)
        sh.expect_exact("interrupted")
        sh.expect_exact(PROMPT)
    type_lines(sh, ["team after"])
    sh.sendline("show after")
    sh.expect_exact("team after")
    sh.expect_exact(PROMPT)
    quit_cleanly(sh)


def test_ctrl_c_while_a_file_runs_before_the_prompt_opens_the_prompt(binary, home):
    """`align -i FILE -c LINE`: Ctrl-C stops the file (keeping what it did),
    skips the -c line after it, and opens the prompt instead of ending align.
    The file holds a query that takes minutes, so the Ctrl-C lands inside the
    file however fast a release build reads the lines before it."""
    write_slow_workspace(home)
    with open(os.path.join(home, "slow.align")) as f:
        lines = f.read().splitlines()
    lines += ["query consistency 2026-Q1", "team late"]
    with open(os.path.join(home, "big.align"), "w") as f:
        f.write("\n".join(lines) + "\n")
    sh = pexpect.spawn(binary, ["-i", "big.align", "-c", "team skipped"], env=env(home), cwd=home,
                       encoding="utf-8", timeout=60)
    time.sleep(1)
    sh.send(CTRL_C)
    sh.expect(r"big\.align:(\d+):1: error: interrupted")
    stopped_at = int(sh.match.group(1))
    check(stopped_at == len(lines) - 1, "stopped at line %d, not at the query" % stopped_at)
    sh.expect_exact(PROMPT)
    sh.sendline("show teams")
    sh.expect_exact(PROMPT)
    check("skipped" not in sh.before, "the -c line after the file ran: %r" % sh.before)
    check("late" not in sh.before, "the file went on after Ctrl-C: %r" % sh.before)
    sh.sendline("show m0")
    sh.expect_exact("metric m0")
    sh.expect_exact(PROMPT)
    quit_cleanly(sh)


def test_sigterm_at_the_prompt_keeps_the_journal_and_the_history(binary, home):
    sh = spawn(binary, home)
    type_lines(sh, SESSION)
    os.kill(sh.pid, signal.SIGTERM)
    sh.expect(pexpect.EOF)
    sh.close()
    check(sh.signalstatus == signal.SIGTERM, "not ended by SIGTERM: %r %r" % (sh.exitstatus, sh.signalstatus))
    check(len(journals(home)) == 1, "journals: %r" % journals(home))
    check(history(home) == SESSION, "history: %r" % history(home))
    teams = recovered_teams(binary, home)
    check("Sales" in teams and "Marketing" in teams, "recovered: %r" % teams)


def test_sigterm_during_a_long_command_ends_it_and_keeps_the_journal(binary, home):
    write_slow_workspace(home)
    sh = spawn(binary, home, ["-i", "slow.align"])
    type_lines(sh, ["team during"])
    sh.sendline("query consistency 2026-Q1")
    sh.expect_exact("query consistency 2026-Q1")
    time.sleep(1)
    os.kill(sh.pid, signal.SIGTERM)
    sh.expect(pexpect.EOF)
    sh.close()
    check(sh.signalstatus == signal.SIGTERM, "not ended by SIGTERM: %r %r" % (sh.exitstatus, sh.signalstatus))
    check("during" in recovered_teams(binary, home), "the session was not recovered")


def test_a_closed_terminal_keeps_the_journal(binary, home):
    # Closing the terminal hangs it up: SIGHUP, and reads that fail. Both
    # with SIGHUP as usual and with SIGHUP ignored (nohup), the session must
    # stay recoverable: the end of input is not Ctrl-D.
    for ignore in [False, True]:
        for path in journals(home):
            os.unlink(path)
        preexec = (lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN)) if ignore else default_hangup
        sh = spawn(binary, home, preexec_fn=preexec)
        type_lines(sh, SESSION)
        # Close the terminal's master side, and keep pexpect from closing
        # (or signalling) it again later.
        sh.ptyproc.fileobj.close()
        sh.ptyproc.closed = sh.closed = True
        _, status = os.waitpid(sh.pid, 0)
        sh.ptyproc.isalive = lambda: False
        if not ignore:
            check(os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGHUP,
                  "not ended by SIGHUP: %r" % status)
        check(len(journals(home)) == 1, "ignore=%r: journals %r" % (ignore, journals(home)))
        check("Marketing" in recovered_teams(binary, home), "ignore=%r: not recovered" % ignore)


def test_the_terminal_is_sane_after_sigterm_and_sighup(binary, home):
    # A loaded machine can be slow to start bash: wait for its answer to a
    # command rather than for its first prompt, and give it time.
    bash = pexpect.spawn("/bin/bash", ["--norc", "--noprofile"], env=env(home), cwd=home, encoding="utf-8",
                         timeout=90, dimensions=(40, 120), preexec_fn=default_hangup)
    bash.sendline("echo ready-$((40 + 2))")
    bash.expect_exact("ready-42")
    bash.expect_exact("$ ")
    bash.sendline("stty -g; echo before-done")
    bash.expect_exact("before-done\r\n")
    before = bash.before.strip().splitlines()[-1]
    for sig in [signal.SIGTERM, signal.SIGHUP]:
        # The shell prints align's process id, then becomes align.
        bash.sendline("sh -c 'echo pid=$$; exec %s'" % binary)
        bash.expect(r"pid=(\d+)")
        pid = int(bash.match.group(1))
        bash.expect_exact(PROMPT)
        bash.send("team a\r")
        bash.expect_exact(PROMPT)
        os.kill(pid, sig)
        bash.expect_exact("$ ")
        bash.sendline("stty -g; echo after-done")
        bash.expect_exact("after-done\r\n")
        after = bash.before.strip().splitlines()[-1]
        check(after == before, "%s: terminal settings changed: %r -> %r" % (sig, before, after))
    bash.sendline("exit")
    bash.expect(pexpect.EOF)


def test_output_piped_into_head_ends_quietly(binary, home):
    with open(os.path.join(home, "many.align"), "w") as f:
        f.writelines("metric m%d\n" % i for i in range(20000))
        f.write("show metrics\nexport json\nshow metrics\n")
    script = '"%s" many.align | head -n 3; echo "status=${PIPESTATUS[0]}"' % binary
    result = subprocess.run(["/bin/bash", "-c", script], env=env(home), cwd=home, capture_output=True,
                            text=True, timeout=120)
    check(result.stdout.splitlines()[-1] == "status=0", "stdout: %r" % result.stdout[-200:])
    check(result.stderr == "", "stderr: %r" % result.stderr)


def test_tab_lists_file_names_with_escapes_escaped(binary, home):
    for name in ["a\x1b[31mred.align", "b\x07bell\u202e.align"]:
        with open(os.path.join(home, name), "w") as f:
            f.write("team x\n")
    sh = pexpect.spawn(binary, [], env=dict(env(home), TERM="dumb"), cwd=home, encoding="utf-8", timeout=30)
    sh.expect_exact(PROMPT)
    sh.send("run \t")
    sh.expect_exact("\r\n")
    sh.expect_exact(PROMPT + "run ")
    listing = sh.before
    check("\\u{1B}[31mred.align" in listing, "not listed escaped: %r" % listing)
    check("\x1b" not in listing and "\x07" not in listing and "\u202e" not in listing, "raw: %r" % listing)
    sh.send("\x03")
    sh.expect_exact(PROMPT)
    sh.sendline("quit")
    sh.expect(pexpect.EOF)
