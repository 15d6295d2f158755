#!/usr/bin/env python3
"""Tests the benchmark generators: a small workspace replays in align without
error, its SQL twin runs in sqlite3, and both find the same orphans; each
shape of bench/shapes.py replays as well, and its twin holds as many teams,
terms, metrics, formulas, links, goals, values and plans as align does.

Usage: test_generate.py PATH_TO_ALIGN (scripts/test runs it with the debug build)."""
import os
import shutil
import json
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402
import shapes  # noqa: E402


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
    for shape in shapes.SHAPES:
        check_shape(binary, shape)
    print("benchmark generator: ok")


# What align's `export json` holds, and the twin's query for the same count.
COUNTS = {
    "teams": "SELECT count(*) FROM teams",
    "terms": "SELECT count(*) FROM terms",
    "metrics": "SELECT count(*) FROM metrics",
    "formulas": "SELECT count(*) FROM metrics WHERE formula IS NOT NULL",
    "links": "SELECT count(*) FROM links",
    "goals": "SELECT count(*) FROM goals",
    "values": "SELECT count(*) FROM vals",
    "plans": "SELECT count(*) FROM plans",
}


def align_counts(workspace):
    metrics = workspace["metrics"]
    return {
        "teams": len(workspace["teams"]),
        # One row a definition: a term two teams define is two rows.
        "terms": sum(max(1, len(t.get("definitions") or [])) for t in workspace["terms"]),
        "metrics": len(metrics),
        "formulas": sum(1 for m in metrics if m.get("formula")),
        "links": len(workspace["links"]),
        "goals": len(workspace["goals"]),
        "values": sum(len(m.get("values") or {}) for m in metrics),
        "plans": sum(len(m.get("plan") or {}) for m in metrics),
    }


def check_shape(binary, shape):
    align, sql = shapes.generate(shape, 1500, seed=7)
    check(align == shapes.generate(shape, 1500, seed=7)[0], f"{shape}: the same seed must give the same script")
    lines = align.splitlines()
    check(1000 <= len(lines) <= 2000, f"{shape}: expected about 1500 commands, got {len(lines)}")
    check(lines[-1] == "query orphans", f"{shape}: the script should end with the orphans query")
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "shape.align")
        with open(path, "w") as f:
            f.write("\n".join(lines[:-1]) + "\n")
        env = {"HOME": folder, "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        run = subprocess.run([binary, "--format", "csv", path, "-c", "export json"], capture_output=True,
                             text=True, env=env, cwd=folder)
        check(run.returncode == 0 and run.stderr == "", f"{shape}: align failed ({run.returncode}): {run.stderr[:1000]}")
        ours = align_counts(json.loads(run.stdout))
        twin = sql.replace(generate.ORPHANS, "") + ";\n".join(COUNTS.values()) + ";\n"
        lite = subprocess.run(["sqlite3"], input=twin, capture_output=True, text=True)
        check(lite.returncode == 0 and lite.stderr == "", f"{shape}: sqlite3 failed: {lite.stderr[:1000]}")
        theirs = dict(zip(COUNTS, (int(n) for n in lite.stdout.split())))
        check(ours == theirs, f"{shape}: align holds {ours}, its twin {theirs}")
        check(ours[KIND[shape]] * 3 > len(lines), f"{shape}: a third of the lines at least should be {KIND[shape]}: {ours}")


# The kind of line each shape is mostly made of.
KIND = {"values": "values", "formulas": "formulas", "links": "links", "goals": "goals", "time": "values"}


if __name__ == "__main__":
    main()
