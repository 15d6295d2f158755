"""The interactive shell at a real prompt: completion, history, Ctrl-C and
Ctrl-D, continuation lines, non-ASCII input, errors and colour.

Each test gets the binary and a fresh HOME. TERM=dumb makes libedit redraw the
whole line after Tab, so what a completion inserted can be matched whole."""
import io, os, re, stat
import pexpect

PROMPT = "align> "
CONTINUATION = "  ...> "
CTRL_C, CTRL_D, UP = "\x03", "\x04", "\x1b[A"
SGR = re.compile(r"\x1b\[[0-9;]*m")


class Shell:
    """align at a prompt in a pseudo-terminal, with everything it printed kept."""

    def __init__(self, binary, home, term="dumb", env=None, args=()):
        self.home = home
        full = {
            "HOME": home,
            "XDG_STATE_HOME": os.path.join(home, "state"),
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "TERM": term,
            "LANG": "C.UTF-8",
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }
        full.update(env or {})
        self.transcript = io.StringIO()
        self.child = pexpect.spawn(binary, list(args), env=full, cwd=home, encoding="utf-8",
                                   timeout=30, dimensions=(40, 120))
        self.child.logfile_read = self.transcript
        self.child.expect_exact(PROMPT)

    def send(self, text):
        self.child.send(text)

    def expect(self, text):
        """Waits for `text`; returns what came before it."""
        self.child.expect_exact(text)
        return self.child.before

    def run(self, line):
        """Enters a line and waits for the next prompt; returns what it printed."""
        self.send(line + "\r")
        self.expect(line)
        return self.expect(PROMPT)

    def complete(self, typed, completed):
        """Types `typed` and Tab, waits for the line to read `completed`, then
        enters it; returns what the command printed."""
        self.send(typed + "\t")
        self.expect(completed)
        self.send("\r")
        return self.expect(PROMPT)

    def list_candidates(self, typed, words):
        """Types `typed` and Tab, waits for `words` listed under the line and
        the line shown again, then drops the line."""
        self.send(typed + "\t")
        for word in words:
            self.expect(word)
        self.expect(PROMPT + typed)
        self.cancel()

    def cancel(self):
        """Ctrl-C at the prompt, waiting for the fresh prompt: Ctrl-C flushes
        whatever was sent after it and not yet read."""
        self.send(CTRL_C)
        self.expect(PROMPT)

    def leave(self, keys=CTRL_D):
        """Leaves with Ctrl-D (or the keys given), twice when align warns
        that changes are not saved; returns the exit status."""
        self.send(keys)
        if self.child.expect([pexpect.EOF, "not saved"]) == 1:
            self.child.expect_exact(PROMPT)
            self.send(keys)
            self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus

    @property
    def history_path(self):
        return os.path.join(self.home, "state", "align", "history")

    def history(self):
        with open(self.history_path, encoding="utf-8") as f:
            return f.read().splitlines()


def check(condition, message):
    if not condition:
        raise AssertionError(message)


# Tab completion

def test_tab_completes_a_verb(binary, home):
    sh = Shell(binary, home)
    sh.send("tea\t")
    sh.expect(PROMPT + "team ")
    sh.run("sales")
    check("sales" in sh.run("show teams"), "the completed command did not run")
    check(sh.leave() == 0, "exit status")


def test_tab_on_an_empty_line_lists_the_verbs(binary, home):
    sh = Shell(binary, home)
    sh.send("\t")
    sh.expect("\r\n")
    listing = sh.expect(PROMPT)
    for verb in ["team", "query", "whatif", "help", "quit"]:
        check(re.search(r"\b%s\b" % verb, listing), "%s is not listed: %r" % (verb, listing))
    check("exit" not in listing, "aliases are listed too: %r" % listing)
    sh.leave()


def test_tab_completes_a_team_after_owner(binary, home):
    sh = Shell(binary, home)
    sh.run("team marketing")
    sh.run("team sales")
    sh.complete("metric pipeline owner=sa", "owner=sales ")
    check("sales" in sh.run("show pipeline"), "the metric's owner is not sales")
    sh.list_candidates("metric other owner=", ["owner=marketing", "owner=sales"])
    sh.leave()


def test_tab_completes_a_metric_in_a_formula(binary, home):
    sh = Shell(binary, home)
    sh.run("metric deal_size")
    sh.run("metric wins")
    sh.complete("metric bookings = wins * dea", "wins * deal_size ")
    check("deal_size" in sh.run("show bookings"), "the formula was not kept")
    sh.leave()


def test_tab_completes_query_kinds(binary, home):
    sh = Shell(binary, home, args=["--demo"])
    check("nps" in sh.complete("query orp", "query orphans "), "query orphans did not run")
    sh.list_candidates("query h", ["handoffs", "horizons"])
    sh.leave()


# History

def test_up_arrow_recalls_the_previous_entry(binary, home):
    sh = Shell(binary, home)
    sh.run("team alpha")
    sh.run("team beta")
    sh.send(UP)
    sh.expect("team beta")
    sh.send(" horizon=year\r")
    sh.expect(PROMPT)
    check("year" in sh.run("show beta"), "the recalled line was not run as edited")
    # With a prefix typed, Up recalls the last entry that starts with it.
    sh.run("show teams")
    sh.send("team a" + UP)
    sh.expect("team alpha")
    sh.cancel()
    sh.leave()


def test_history_file_is_private_deduplicated_and_written_as_entered(binary, home):
    sh = Shell(binary, home)
    sh.run("team a")
    # Checked while the shell still runs: a killed terminal loses nothing.
    check(sh.history() == ["team a"], "not appended at once: %r" % sh.history())
    mode = stat.S_IMODE(os.stat(sh.history_path).st_mode)
    check(mode == 0o600, "history file mode is %o" % mode)
    sh.run("team a")
    sh.run("team b   ")
    sh.run("team a")
    check(sh.history() == ["team a", "team b", "team a"], "history: %r" % sh.history())
    sh.child.kill(9)
    sh.child.close()
    # A new session recalls what the killed one entered.
    again = Shell(binary, home)
    again.send(UP)
    again.expect("team a")
    again.send(UP)
    again.expect("team b")
    again.cancel()
    again.leave()


def test_continuation_lines_use_their_prompt_and_are_one_entry(binary, home):
    sh = Shell(binary, home)
    for first, second in [("team a \\", "horizon=year"), ('team b "Two', 'lines"'), ("metric m = (1 +", "2)")]:
        sh.send(first + "\r")
        sh.expect(CONTINUATION)
        sh.send(second + "\r")
        sh.expect(PROMPT)
    check("year" in sh.run("show a"), "the continued command did not run whole")
    history = sh.history()
    check(len(history) == 4, "continued commands are not one entry each: %r" % history)
    check(history[0] == "team a \\\\\\nhorizon=year", "entry: %r" % history[0])
    check(history[2] == "metric m = (1 +\\n2)", "entry: %r" % history[2])
    sh.send(UP + UP)
    sh.expect("2)")
    sh.cancel()
    sh.leave()


# Ctrl-C and Ctrl-D

def test_ctrl_c_drops_a_half_typed_line_and_keeps_the_shell(binary, home):
    sh = Shell(binary, home)
    sh.send("team halfway")
    sh.expect("team halfway")
    sh.send(CTRL_C)
    sh.expect(PROMPT)
    sh.run("team whole")
    listing = sh.run("show teams")
    check("whole" in listing and "halfway" not in listing, "teams: %r" % listing)
    check("team halfway" not in sh.history(), "the cancelled line is in history")
    # Ctrl-C in a continuation drops the whole command.
    sh.send("team c \\\r")
    sh.expect(CONTINUATION)
    sh.send(CTRL_C)
    sh.expect(PROMPT)
    sh.run("team d")
    check(sh.history() == ["team whole", "show teams", "team d"], "history: %r" % sh.history())
    check(sh.leave() == 0, "exit status after Ctrl-C")


def test_ctrl_c_cancels_a_long_running_command(binary, home):
    # The script prints first, so the test knows it is running, then adds
    # many teams: enough to last far longer than a Ctrl-C takes to arrive.
    count = 400000
    with open(os.path.join(home, "big.align"), "w") as f:
        f.write("help quit\n")
        f.writelines("team t%d\n" % i for i in range(count))
    sh = Shell(binary, home)
    sh.send("run big.align\r")
    sh.expect("quit — Leave the shell.")
    sh.send(CTRL_C)
    error = sh.expect(PROMPT)
    place = re.search(r"big\.align:(\d+):1: error: interrupted", error)
    check(place, "no interruption reported: %r" % error[-300:])
    check(int(place.group(1)) > 2, "interrupted before the script ran: %r" % error[-300:])
    check("nothing is named" in sh.run("show t%d" % (count - 1)), "the whole script ran")
    sh.run("team after")
    check("after" in sh.run("show after"), "the shell does not go on")
    check(sh.leave("quit\r") == 0, "exit status after an interrupted command")


def test_ctrl_d_on_an_empty_line_exits_0(binary, home):
    sh = Shell(binary, home)
    sh.run("team a")
    check(sh.leave(CTRL_D) == 0, "exit status")


def test_the_terminal_is_restored_on_exit(binary, home):
    env = {"HOME": home, "XDG_STATE_HOME": os.path.join(home, "state"), "TERM": "xterm",
           "LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PS1": "$ "}
    bash = pexpect.spawn("/bin/bash", ["--norc", "--noprofile"], env=env, cwd=home, encoding="utf-8",
                         timeout=30, dimensions=(40, 120))
    bash.expect_exact("$ ")
    bash.sendline("stty -g; echo before-done")
    bash.expect_exact("before-done\r\n")
    before = bash.before.strip().splitlines()[-1]
    for leave in [CTRL_D, "quit\r"]:
        bash.sendline(binary)
        bash.expect_exact(PROMPT)
        bash.send("team a\r")
        bash.expect_exact(PROMPT)
        bash.send(leave)
        # The first leave warns that team a is not saved; the second leaves.
        bash.expect_exact("not saved")
        bash.expect_exact(PROMPT)
        bash.send(leave)
        bash.expect_exact("$ ")
        bash.sendline("stty -g; echo after-done")
        bash.expect_exact("after-done\r\n")
        after = bash.before.strip().splitlines()[-1]
        check(after == before, "terminal settings changed: %r -> %r" % (before, after))
    bash.sendline("exit")
    bash.expect(pexpect.EOF)


# What the shell shows

def test_non_ascii_input_works(binary, home):
    sh = Shell(binary, home)
    sh.run('team équipe "Vente à l\'étranger"')
    check("équipe" in sh.run("show teams"), "the non-ASCII name was lost")
    sh.complete("metric ventes owner=éq", "owner=équipe ")
    check("team équipe \"Vente à l'étranger\"" in sh.history(), "history: %r" % sh.history())
    sh.leave()


def test_non_ascii_input_works_in_the_C_locale(binary, home):
    # libedit drops non-ASCII bytes without a UTF-8 locale; align picks one.
    sh = Shell(binary, home, env={"LANG": "C", "LC_ALL": "C"})
    sh.run("team équipe")
    check("équipe" in sh.run("show teams"), "the non-ASCII name was lost")
    sh.leave()


def test_an_error_at_the_prompt_shows_the_line_with_a_marker(binary, home):
    sh = Shell(binary, home)
    shown = sh.run("team sales horizn=year")
    check("1 │ team sales horizn=year" in shown, "the line is not shown: %r" % shown)
    check("  │            ╰─ error: unknown option 'horizn='; did you mean 'horizon='?" in shown,
          "the marker is not under the option: %r" % shown)
    check("sales" not in sh.run("show teams").replace("show teams", ""), "a failed command changed the workspace")
    sh.run("team sales")
    check(sh.leave() == 0, "an error ended the shell")


def test_help_at_the_prompt(binary, home):
    sh = Shell(binary, home)
    overview = sh.run("help")
    check("Build the workspace" in overview and "query" in overview, "help: %r" % overview)
    topic = sh.run("help team")
    check("team NAME" in topic and "Examples:" in topic, "help team: %r" % topic)
    sh.leave()


def test_colour_on_a_terminal(binary, home):
    sh = Shell(binary, home, term="xterm")
    sh.run("team sales")
    shown = sh.run("show teams")
    check(re.search(r"\x1b\[[0-9;]*msales", shown), "names are not coloured: %r" % shown)
    error = sh.run("tam")
    check(re.search(r"\x1b\[[0-9;]*merror:", error), "errors are not coloured: %r" % error)
    sh.leave()


def test_no_colour_with_NO_COLOR(binary, home):
    sh = Shell(binary, home, term="xterm", env={"NO_COLOR": "1"})
    sh.run("team sales")
    sh.run("show teams")
    sh.run("tam")
    sh.run("help team")
    sh.leave()
    colours = SGR.findall(sh.transcript.getvalue())
    check(not colours, "colour codes with NO_COLOR: %r" % colours[:5])


def test_a_script_piped_in_prints_to_the_terminal_without_prompt_or_colour(binary, home):
    env = {"HOME": home, "TERM": "xterm", "LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    script = "printf 'team sales\\nshow teams\\ntam\\n' | %s; echo status=$?" % binary
    child = pexpect.spawn("/bin/sh", ["-c", script], env=env, cwd=home, encoding="utf-8", timeout=30)
    child.expect(pexpect.EOF)
    shown = child.before
    check("sales" in shown, "no answer: %r" % shown)
    check("<stdin>:3:1: error: unknown command 'tam'" in shown, "no error: %r" % shown)
    check("status=1" in shown, "exit status: %r" % shown)
    check(PROMPT not in shown and "Ctrl-D" not in shown, "a prompt or banner: %r" % shown)
    check(not SGR.findall(shown), "colour codes: %r" % shown)
