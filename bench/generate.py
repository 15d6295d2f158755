#!/usr/bin/env python3
"""Generates a synthetic align workspace and the same data as SQL for sqlite3.

Usage: generate.py COMMANDS OUT_PREFIX [--seed N]
writes OUT_PREFIX.align and OUT_PREFIX.sql.

The workspace is built from funnels of ten metrics, the shape the reference
scenario has: leads, a marketing rate, a sales rate, a win rate and a deal
size recorded per period; MQLs, SQLs, pipeline and revenue computed by
formulas; and either an awareness metric that drives leads through a lagged
link or an NPS metric that drives nothing (an orphan, with a goal on it).
The funnels' revenues are summed in layers of ten up to `revenue`. Some
funnels' revenue funds another funnel's awareness, so links form cycles.
Teams are marketing teams (half or year horizons) and sales teams (quarter
or month); terms are defined by one or two teams, sometimes differently.
After the structure, values fill the script up to COMMANDS lines, period by
period: eight quarters, then six months, so quarters roll up months.

Both files end with the orphans query (align's `query orphans`, and a
recursive CTE in SQL). Everything comes from one seeded generator, so a
given (COMMANDS, seed) always gives the same bytes.
"""
import random
import sys

FUNNEL = 10
QUARTERS = [f"{y}-Q{q}" for y in (2025, 2026) for q in (1, 2, 3, 4)]
MONTHS = [f"2026-{m:02d}" for m in range(1, 7)]
PERIODS = QUARTERS + MONTHS


def sql_text(s):
    return "'" + s.replace("'", "''") + "'"


def sql_value(v):
    if v is None:
        return "NULL"
    if isinstance(v, str):
        return sql_text(v)
    return repr(float(v))


class Generator:
    def __init__(self, commands, seed):
        self.rng = random.Random(seed)
        self.commands = commands
        self.align = []
        self.sql = []

    # -- emitting one command in both languages --------------------------------

    def emit(self, align_line, *sql_statements):
        self.align.append(align_line)
        self.sql.extend(sql_statements)

    def insert(self, table, *values):
        return f"INSERT INTO {table} VALUES({','.join(sql_value(v) for v in values)});"

    def number(self, kind):
        """A value as align writes it, and as a float."""
        r = self.rng
        if kind == "count":
            n = r.randrange(200, 9000)
            if r.random() < 0.3:
                return f"{n / 1000:g}k", n / 1000 * 1000
            return str(n), float(n)
        if kind == "ratio":
            p = r.randrange(5, 60)
            if r.random() < 0.5:
                return f"{p}%", p / 100
            return f"{p / 100:g}", p / 100
        if kind == "USD":
            k = r.randrange(5, 80)
            return f"{k}k", k * 1000.0
        n = r.randrange(10, 90)
        return str(n), float(n)

    # -- the parts of the workspace ---------------------------------------------

    def teams(self, count):
        self.marketing, self.sales = [], []
        for i in range(count):
            if i % 2 == 0:
                name, horizon, group = f"mkt_{i:04d}", self.rng.choice(["year", "half"]), self.marketing
                what = f"Marketing team {i}: awareness and lead flow"
            else:
                name, horizon, group = f"sales_{i:04d}", self.rng.choice(["quarter", "month"]), self.sales
                what = f"Sales team {i}: closes the number"
            group.append(name)
            self.emit(
                f'team {name} horizon={horizon} "{what}"',
                self.insert("teams", name, horizon, what),
            )

    def terms(self, count):
        self.term_names = []
        for i in range(count):
            name = f"T{i:05d}"
            self.term_names.append(name)
            owner = self.rng.choice(self.marketing)
            text = f"Definition {i} as marketing sees it"
            self.emit(
                f'term {name} "{text}" by={owner}',
                self.insert("terms", name, owner, text),
            )
            if self.rng.random() < 0.2:
                other = self.rng.choice(self.sales)
                text2 = f"Definition {i} as sales sees it"
                self.emit(
                    f'term {name} "{text2}" by={other}',
                    self.insert("terms", name, other, text2),
                )

    def metric(self, name, owner, unit, term=None, description=None):
        line = f"metric {name} owner={owner} unit={unit}"
        if term:
            line += f" term={term}"
        if description:
            line += f' "{description}"'
        self.emit(line, self.insert("metrics", name, owner, unit, term, description, None))

    def formula(self, name, text, inputs):
        rows = ",".join(f"({sql_text(name)},{sql_text(i)})" for i in inputs)
        self.emit(
            f"metric {name} = {text}",
            f"UPDATE metrics SET formula={sql_text(text)} WHERE name={sql_text(name)};",
            f"INSERT INTO inputs VALUES{rows};",
        )

    def link(self, src, dst, lag, why):
        self.emit(
            f'link {src} -> {dst} lag={lag} "{why}"',
            self.insert("links", src, dst, lag, None, why),
        )

    def goal(self, name, team, metric, cmp, target_text, target, period, why=None):
        line = f"goal {name} {team} {metric} {cmp} {target_text} by {period}"
        if why:
            line += f' "{why}"'
        self.emit(line, self.insert("goals", name, team, metric, cmp, target, period, why))

    def funnel(self, i):
        r = self.rng
        mkt = r.choice(self.marketing)
        sales = r.choice(self.sales)
        term = r.choice(self.term_names) if r.random() < 0.3 else None
        n = f"{i:06d}"
        leads, mrate, mqls = f"leads_{n}", f"mql_rate_{n}", f"mqls_{n}"
        srate, sqls, wrate = f"sql_rate_{n}", f"sqls_{n}", f"win_rate_{n}"
        size, pipeline, rev = f"deal_size_{n}", f"pipeline_{n}", f"rev_{n}"
        self.metric(leads, mkt, "count", description=f"Leads from channel {i}")
        self.metric(mrate, mkt, "ratio")
        self.metric(mqls, mkt, "count", term=term)
        self.metric(srate, sales, "ratio", description="Share of MQLs that sales accepts")
        self.metric(sqls, sales, "count")
        self.metric(wrate, sales, "ratio")
        self.metric(size, sales, "USD")
        self.metric(pipeline, sales, "USD")
        self.metric(rev, sales, "USD")
        self.formula(mqls, f"{leads} * {mrate}", [leads, mrate])
        self.formula(sqls, f"{mqls} * {srate}", [mqls, srate])
        self.formula(pipeline, f"{sqls} * {size}", [sqls, size])
        self.formula(rev, f"{pipeline} * {wrate}", [pipeline, wrate])
        self.leaves += [(leads, "count"), (mrate, "ratio"), (srate, "ratio"), (wrate, "ratio"), (size, "USD")]
        if i % 3 == 2:
            nps = f"nps_{n}"
            self.metric(nps, mkt, "score")
            self.leaves.append((nps, "score"))
            self.goal(f"g_nps_{n}", mkt, nps, ">=", "40", 40.0, "2026-Q4", "Customers who would recommend us")
        else:
            aware = f"awareness_{n}"
            self.metric(aware, mkt, "percent")
            self.leaves.append((aware, "percent"))
            self.link(aware, leads, r.choice(["1q", "2q", "6w", "90d"]), "Awareness fills the funnel later")
            self.awareness.append(aware)
        target = r.randrange(100, 900)
        self.goal(f"g_mqls_{n}", mkt, mqls, ">=", str(target), float(target), "2026-Q3")
        self.goal(f"g_rev_{n}", sales, rev, ">=", f"{target}k", target * 1000.0, "2026-Q3", "The quarter's number")
        return rev

    def rollups(self, revenues):
        """Sums in layers of ten, up to the metric named revenue."""
        layer, level = revenues, 1
        owner = self.sales[0]
        while len(layer) > 1:
            groups = [layer[k:k + 10] for k in range(0, len(layer), 10)]
            if len(groups) == 1:
                names = ["revenue"]
            else:
                names = [f"sum{level}_{j:05d}" for j in range(len(groups))]
            nxt = []
            for name, group in zip(names, groups):
                self.metric(name, owner, "USD")
                self.formula(name, " + ".join(group), group)
                nxt.append(name)
            layer, level = nxt, level + 1
        if layer != ["revenue"]:
            self.metric("revenue", owner, "USD")
            self.formula("revenue", layer[0], layer)

    def cross_links(self, revenues):
        """Some revenue funds another funnel's awareness: cycles through links."""
        r = self.rng
        for rev in revenues:
            if self.awareness and r.random() < 0.2:
                self.link(rev, r.choice(self.awareness), "2q", "Revenue funds the next campaign")

    def values(self, budget):
        if budget <= 0 or not self.leaves:
            return
        count = 0
        while count < budget:
            for period in PERIODS:
                for name, unit in self.leaves:
                    text, value = self.number(unit if unit in ("count", "ratio", "USD") else "score")
                    if unit == "percent":
                        text, value = self.number("ratio")
                    self.emit(
                        f"value {name} {period} {text}",
                        self.insert("vals", name, period, value),
                    )
                    count += 1
                    if count >= budget:
                        return

    # -- the whole script ----------------------------------------------------------

    def generate(self):
        metrics = max(FUNNEL * 5, self.commands // 10)
        funnels = metrics // FUNNEL
        self.leaves, self.awareness = [], []
        self.emit("# A synthetic workspace for scripts/bench; generated, do not edit.")
        self.sql.extend(SCHEMA)
        self.sql.append("BEGIN;")
        self.teams(max(4, metrics // 500))
        self.terms(max(4, metrics // 100))
        revenues = [self.funnel(i) for i in range(funnels)]
        self.rollups(revenues)
        self.cross_links(revenues)
        self.values(self.commands - len(self.align) - 1)
        self.emit("query orphans", "COMMIT;", ORPHANS)
        return "\n".join(self.align) + "\n", "\n".join(self.sql) + "\n"


SCHEMA = [
    "CREATE TABLE teams(name TEXT PRIMARY KEY, horizon TEXT, description TEXT);",
    "CREATE TABLE terms(name TEXT, team TEXT, definition TEXT, PRIMARY KEY(name, team));",
    "CREATE TABLE metrics(name TEXT PRIMARY KEY, owner TEXT, unit TEXT, term TEXT, description TEXT, formula TEXT);",
    "CREATE TABLE inputs(metric TEXT, input TEXT);",
    "CREATE INDEX inputs_metric ON inputs(metric);",
    "CREATE TABLE links(src TEXT, dst TEXT, lag TEXT, weight REAL, why TEXT, PRIMARY KEY(src, dst));",
    "CREATE INDEX links_dst ON links(dst);",
    "CREATE TABLE vals(metric TEXT, period TEXT, value REAL, PRIMARY KEY(metric, period));",
    "CREATE TABLE goals(name TEXT PRIMARY KEY, team TEXT, metric TEXT, cmp TEXT, target REAL, period TEXT, why TEXT);",
    "CREATE INDEX goals_metric ON goals(metric);",
]

# Metrics with no chain of formulas or links to revenue, with their goals.
ORPHANS = """WITH RECURSIVE reach(m) AS (
  SELECT 'revenue'
  UNION SELECT i.input FROM inputs i JOIN reach r ON i.metric = r.m
  UNION SELECT l.src FROM links l JOIN reach r ON l.dst = r.m
)
SELECT m.name, group_concat(g.name, ', ') FROM metrics m LEFT JOIN goals g ON g.metric = m.name
WHERE m.name NOT IN (SELECT m FROM reach) GROUP BY m.name ORDER BY m.rowid;"""


def generate(commands, seed=7):
    """The align script and the SQL script, as text."""
    return Generator(commands, seed).generate()


def main(argv):
    args = [a for a in argv if not a.startswith("--seed")]
    seed = 7
    for a in argv:
        if a.startswith("--seed="):
            seed = int(a.split("=", 1)[1])
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    write_pair(args[1], *generate(int(args[0]), seed))
    return 0


def write_pair(prefix, align, sql):
    """Writes PREFIX.align and PREFIX.sql."""
    for ext, text in ((".align", align), (".sql", sql)):
        with open(prefix + ext, "w") as f:
            f.write(text)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
