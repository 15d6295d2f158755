"""Sources at a real prompt: Ctrl-C stops a pull that waits (a CSV file fed
by a slow writer; a PostgreSQL query that sleeps) and the shell goes on; a
line that writes a password reaches neither the history nor the journal;
a refresh killed with SIGKILL comes back with --recover when its source is gone."""
import os, signal, subprocess, time

import pexpect

from test_signals import CTRL_C, PROMPT, check, env, journals, history, quit_cleanly, spawn, type_lines


def pg_env(home):
    e = env(home)
    e["PGPASSWORD"] = os.environ.get("ALIGN_TEST_PG_PASSWORD", "")
    return e


def test_ctrl_c_stops_a_pull_from_a_file_that_is_still_being_written(binary, home):
    fifo = os.path.join(home, "slow.csv")
    os.mkfifo(fifo)
    writer = subprocess.Popen(["bash", "-c", "{ printf 'Close Date,Amount\\n2026-07-01,5\\n'; sleep 60; } > slow.csv"],
                              cwd=home)
    try:
        sh = spawn(binary, home)
        type_lines(sh, ["metric deals", "source slow csv slow.csv", "actuals deals = count() from slow by CloseDate"])
        sh.sendline("refresh")
        sh.expect_exact("refresh")
        time.sleep(1)
        started = time.time()
        sh.send(CTRL_C)
        sh.expect_exact("interrupted")
        sh.expect_exact(PROMPT)
        # The export never ends while its writer lives: "interrupted" is Ctrl-C's doing.
        print("    Ctrl-C stopped the pull after %.1f s" % (time.time() - started))
        sh.sendline("show deals")
        sh.expect_exact("actuals: count() from slow by CloseDate")
        sh.expect_exact(PROMPT)
        check("Period" not in sh.before, "a value was pulled: %r" % sh.before)
        quit_cleanly(sh)
    finally:
        writer.kill()
        writer.wait()


def test_ctrl_c_ends_a_postgresql_query_at_once(binary, home):
    if "ALIGN_TEST_PG_PORT" not in os.environ:
        check(os.environ.get("ALIGN_TEST_PG_REQUIRED") != "1", "no PostgreSQL server was started")
        return
    port = os.environ["ALIGN_TEST_PG_PORT"]
    sh = pexpect.spawn(binary, [], env=pg_env(home), cwd=home, encoding="utf-8", timeout=30)
    sh.expect_exact(PROMPT)
    type_lines(sh, [
        "metric deals",
        'source wh postgres "host=127.0.0.1 port=%s dbname=sales user=analyst"' % port,
        "actuals deals = sql wh \"select '2026-07', 1 from pg_sleep(60)\"",
    ])
    sh.sendline("refresh")
    sh.expect_exact("refresh")
    time.sleep(1.5)
    started = time.time()
    sh.send(CTRL_C)
    sh.expect_exact("interrupted")
    sh.expect_exact(PROMPT)
    # The query sleeps 60 s, longer than the 30 s the expectations wait: "interrupted" is Ctrl-C's doing.
    print("    Ctrl-C stopped the query after %.1f s" % (time.time() - started))
    leftover = subprocess.run(["pgrep", "-f", "pg_sleep\\(60\\)"], capture_output=True, text=True).stdout.split()
    psql = [p for p in leftover if "psql" in open("/proc/%s/cmdline" % p).read()] if leftover else []
    check(not psql, "psql still runs: %r" % psql)
    quit_cleanly(sh)


def test_a_password_line_reaches_neither_history_nor_journal(binary, home):
    sh = spawn(binary, home)
    type_lines(sh, ["team Sales"])
    sh.sendline('source wh postgres "host=db user=u password=hunter2"')
    sh.expect_exact("error: a password")
    sh.expect_exact(PROMPT)
    # The message goes on under itself at the terminal's width.
    said = " ".join(part.strip(" │") for part in sh.before.split("\r\n"))
    check("written in a line" in said, "the error says: %r" % said)
    type_lines(sh, ["team Marketing"])
    os.kill(sh.pid, signal.SIGKILL)
    sh.expect(pexpect.EOF)
    sh.close()
    check(history(home) == ["team Sales", "team Marketing"], "history: %r" % history(home))
    for path in journals(home):
        with open(path) as f:
            check("hunter2" not in f.read(), "the journal %s holds the password" % path)


def test_a_refresh_comes_back_from_the_journal_without_its_source(binary, home):
    with open(os.path.join(home, "deals.csv"), "w") as f:
        f.write("Close Date,Amount\n2026-07-01,5\n2026-07-02,7\n2026-09-30,1\n")
    sh = spawn(binary, home)
    type_lines(sh, ["metric deals", "source crm csv deals.csv", "actuals deals = count() from crm by CloseDate",
                    "refresh"])
    os.kill(sh.pid, signal.SIGKILL)
    sh.expect(pexpect.EOF)
    sh.close()
    os.remove(os.path.join(home, "deals.csv"))
    result = subprocess.run([binary, "--recover", "-c", "show values"], env=env(home), cwd=home,
                            capture_output=True, text=True, timeout=60)
    check(result.returncode == 0, "recover failed: %s" % result.stderr)
    for line in ["2026-07", "2026-08", "2026-09"]:
        check(line in result.stdout, "recovered values: %r" % result.stdout)
