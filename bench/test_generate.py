#!/usr/bin/env python3
"""Tests the benchmark generator: a small workspace replays in align without
error, its SQL twin runs in sqlite3, and both find the same orphans.

Usage: test_generate.py PATH_TO_ALIGN (scripts/test runs it with the debug build)."""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    binary = os.path.abspath(sys.argv[1])
    align, sql = generate.generate(3000, seed=7)
    again, _ = generate.generate(3000, seed=7)
    check(align == again, "the same seed must give the same script")
    check(generate.generate(3000, seed=8)[0] != align, "another seed must give another script")
    lines = align.splitlines()
    check(len(lines) == 3000, f"expected 3000 commands, got {len(lines)}")
    for verb in ("team", "term", "metric", "link", "value", "goal"):
        check(any(l.startswith(verb + " ") for l in lines), f"no '{verb}' command was generated")
    check(any(" = " in l and l.startswith("metric ") for l in lines), "no formula was generated")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "small.align")
        with open(path, "w") as f:
            f.write(align)
        env = {"HOME": folder, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        run = subprocess.run([binary, "--format", "csv", path], capture_output=True, text=True, env=env, cwd=folder)
        check(run.returncode == 0, f"align failed ({run.returncode}): {run.stderr[:1000]}")
        check(run.stderr == "", f"align warned: {run.stderr[:1000]}")
        rows = run.stdout.strip().splitlines()
        check(rows[0].startswith("metric,"), f"unexpected orphans output: {rows[:3]}")
        align_orphans = [r.split(",")[0] for r in rows[1:]]
        check(align_orphans and all(n.startswith("nps_") for n in align_orphans),
              f"the orphans should be the NPS metrics: {align_orphans[:5]}")
        # The SQL twin is half of what this checks: no sqlite3 is a failure
        # (scripts/setup --test installs it), never a silent skip.
        check(shutil.which("sqlite3") is not None, "sqlite3 is not installed: run scripts/setup --test")
        lite = subprocess.run(["sqlite3"], input=sql, capture_output=True, text=True)
        check(lite.returncode == 0 and lite.stderr == "", f"sqlite3 failed: {lite.stderr[:1000]}")
        sql_orphans = [r.split("|")[0] for r in lite.stdout.strip().splitlines()]
        check(sql_orphans == align_orphans, f"align and sqlite3 disagree: {align_orphans} vs {sql_orphans}")
    print("benchmark generator: ok")


if __name__ == "__main__":
    main()
