"""The data row of scripts/bench: a CRM export of 1,000,000 rows aggregated
by month with a filter, by align (`refresh`), by sqlite3 (`.import` and the
same GROUP BY) and by DuckDB (`read_csv` and the same GROUP BY), in turn, in
one run, at a hundredth, a tenth and all of the rows, with each one's peak
memory and how time and memory grow.

The export is generated here, from a fixed seed, into bench/work/ (never
committed): Salesforce-like columns, ISO close dates, plain amounts, so that
all three read the same file the same way."""
import os
import random
import statistics
import subprocess
import sys
import time

STAGES = ["Closed Won", "Closed Lost", "Negotiation", "Proposal", "Qualification"]
SOURCES = ["Web", "Partner", "Event", "Outbound", "Referral"]
QUERY = ("SELECT {month} AS month, sum(Amount) AS total FROM {table} "
         "WHERE Stage = 'Closed Won' GROUP BY 1 ORDER BY 1")


def export(path, rows, seed=11):
    """Writes the export unless a file of that many rows is there already."""
    if os.path.exists(path):
        return
    rng = random.Random(seed)
    with open(path + ".part", "w") as f:
        f.write("Opportunity ID,Account Name,Stage,Amount,Close Date,Created Date,Lead Source,Won\n")
        chunk = []
        for i in range(rows):
            year = 2024 + rng.randrange(3)
            month = rng.randrange(12) + 1
            day = rng.randrange(28) + 1
            stage = STAGES[rng.randrange(5)]
            amount = rng.randrange(100, 200000) / 2
            name = "Account %d" % rng.randrange(50000) if i % 7 else '"Account %d, Inc"' % rng.randrange(50000)
            chunk.append("006%09d,%s,%s,%.1f,%d-%02d-%02d,%d-%02d-%02d,%s,%s\n" % (
                i, name, stage, amount, year, month, day, year - 1, month, day, SOURCES[i % 5],
                "true" if stage == "Closed Won" else "false"))
            if len(chunk) == 10000:
                f.write("".join(chunk))
                chunk = []
        f.write("".join(chunk))
    os.rename(path + ".part", path)


def align_argv(align, path):
    return [align, "-c", "metric bookings", "-c", "source opps csv \"%s\"" % path,
            "-c", "actuals bookings = sum(Amount) from opps by CloseDate where Stage = \"Closed Won\"",
            "-c", "refresh", "-c", "format csv", "-c", "show values"]


def sqlite_script(path):
    query = QUERY.format(month="substr(\"Close Date\", 1, 7)", table="opps")
    return ".mode csv\n.import %s opps\n%s;\n" % (path, query)


def duckdb_code(path):
    query = QUERY.format(month="strftime(\"Close Date\", '%Y-%m')", table="read_csv('%s')" % path)
    return ("import duckdb, time, sys\nt = time.perf_counter()\nrows = duckdb.sql(%r).fetchall()\n"
            "sys.stderr.write('%%f\\n' %% (time.perf_counter() - t))\nprint(len(rows))\n" % query)


def timed(argv, stdin=None):
    start = time.perf_counter()
    proc = subprocess.run(argv, input=stdin, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit("bench: %s failed:\n%s" % (argv[0], proc.stderr[:2000]))
    return elapsed, proc


def peak(argv, stdin=None):
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, input=stdin, capture_output=True, text=True)
    return int(proc.stderr.strip().splitlines()[-1])


def totals_agree(align_out, sqlite_out):
    """align's values (csv) against sqlite3's rows: the same months, the same sums."""
    ours = {}
    for line in align_out.splitlines():
        parts = line.split(",")
        if len(parts) == 3 and parts[0] == "bookings":
            ours[parts[1]] = float(parts[2])
    theirs = {}
    for line in sqlite_out.splitlines():
        month, total = line.split(",")
        theirs[month] = float(total)
    # align writes 0 for a month in the range with no row; sqlite3 has no group for it.
    ours = {k: v for k, v in ours.items() if v != 0 or k in theirs}
    return ours.keys() == theirs.keys() and all(abs(ours[k] - theirs[k]) < 1e-6 * max(1, abs(theirs[k])) for k in ours)


def run(align, work, rows, runs, out, fmt_time, fmt_mem, exponent=None):
    """Times the three side by side at a hundredth, a tenth and all of
    `rows`; writes the rows of the results table through `out`."""
    try:
        import duckdb  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "duckdb"], check=True)
    sizes = [rows // 100, rows // 10, rows]
    figures = []
    for count in sizes:
        path = os.path.join(work, "export-%d.csv" % count)
        export(path, count)
        a, s, d, dq = [], [], [], []
        for _ in range(runs):
            t, aproc = timed(align_argv(align, path))
            a.append(t)
            t, sproc = timed(["sqlite3", ":memory:"], stdin=sqlite_script(path))
            s.append(t)
            t, dproc = timed([sys.executable, "-c", duckdb_code(path)])
            d.append(t)
            dq.append(float(dproc.stderr.strip().splitlines()[-1]))
        if not totals_agree(aproc.stdout, sproc.stdout):
            sys.exit("bench: align's monthly totals differ from sqlite3's")
        med = statistics.median
        memory = (peak(align_argv(align, path)), peak(["sqlite3", ":memory:"], sqlite_script(path)),
                  peak([sys.executable, "-c", duckdb_code(path)]))
        figures.append((med(a), med(s), med(d), med(dq), med(x / y for x, y in zip(a, s)),
                        med(x / y for x, y in zip(a, d)), memory))
    at, st, dt, dqt, rs, rd, _ = figures[-1]
    big = os.path.join(work, "export-%d.csv" % rows)
    size = os.path.getsize(big) / 1024 / 1024
    out("")
    out("A CRM export of %s rows (%.0f MiB), summed by month with a filter (median of %d, in turn; ratios are "
        "medians of the runs' ratios):" % ("{:,}".format(rows), size, runs))
    out("")
    out("| what | time | align's ratio | target |")
    out("|---|---:|---:|---|")
    out("| align: `refresh` (streamed CSV, the sum by month) | %s | | |" % fmt_time(at))
    out("| sqlite3: `.import` and the same GROUP BY | %s | **%.2f** | <= 0.5 %s |" % (
        fmt_time(st), rs, "ok" if rs <= 0.5 else "OVER"))
    out("| DuckDB: `read_csv` and the same GROUP BY (python3, whole process) | %s | **%.2f** | <= 1.5 %s |" % (
        fmt_time(dt), rd, "ok" if rd <= 1.5 else "OVER"))
    out("| DuckDB: the query alone, inside python | %s | %.2f | |" % (fmt_time(dqt), at / dqt))
    out("")
    out("| rows | align | sqlite3 | DuckDB | align peak RSS | sqlite3 peak RSS | DuckDB peak RSS |")
    out("|---:|---:|---:|---:|---:|---:|---:|")
    for count, (a, s, d, _, _, _, (am, sm, dm)) in zip(sizes, figures):
        out("| %s | %s | %s | %s | %s | %s | %s |" % ("{:,}".format(count), fmt_time(a), fmt_time(s), fmt_time(d),
                                                   fmt_mem(am), fmt_mem(sm), fmt_mem(dm)))
    if exponent:
        grow = [exponent(sizes, [f[k] for f in figures]) for k in (0, 1, 2)]
        grow += [exponent(sizes, [f[6][k] for f in figures]) for k in (0, 1, 2)]
        out("| exponent | " + " | ".join("" if e is None else "%.2f" % e for e in grow) + " |")
    return rs, rd
