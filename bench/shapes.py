#!/usr/bin/env python3
"""Workspaces of other shapes than bench/generate.py's, for scripts/bench.

Usage: shapes.py SHAPE COMMANDS OUT_PREFIX [--seed N]
writes OUT_PREFIX.align and OUT_PREFIX.sql (its twin, bench/twin.py).

Each shape puts most of its COMMANDS lines into one kind of thing:

- values: few metrics, each recorded in many periods: 36 months, 12
  quarters and 3 years, as funnels (leads, rates, a deal size) whose
  formulas multiply them, summed to revenue.
- formulas: blocks of forty recorded metrics, each block summed in one wide
  formula and walked by a deep chain (each link of the chain reads the one
  before it and one recorded metric); revenue sums the chains' ends, up to a
  thousand names a formula, in layers.
- links: metrics in a ring of teams, each driving three others through
  lagged, weighted links; some are fed by formulas, so that revenue reaches
  most of them.
- goals: funnels as in bench/generate.py, with goals on every metric in
  every quarter and half (alternately >= and <=).
- time: bench/generate_time.py's funnels over 36 months (offsets, a profile,
  balances), sized here by commands (about six a metric).

Every script ends with `query orphans`, its twin with the recursive CTE.
Everything comes from one seeded generator: a given (SHAPE, COMMANDS, seed)
always gives the same bytes.
"""
import random
import sys

import generate_time
from generate import write_pair
import twin

MONTHS = [f"{y}-{m:02d}" for y in (2024, 2025, 2026) for m in range(1, 13)]
QUARTERS = [f"{y}-Q{q}" for y in (2024, 2025, 2026) for q in range(1, 5)]
HALVES = [f"{y}-H{h}" for y in (2024, 2025, 2026) for h in (1, 2)]
YEARS = ["2024", "2025", "2026"]


def teams(out, count):
    names = []
    for i in range(count):
        kind, horizon = ("mkt", "year") if i % 2 == 0 else ("sales", "quarter")
        name = f"{kind}_{i:04d}"
        names.append(name)
        out.append(f'team {name} horizon={horizon} "{kind} team {i}"')
    return names


def rollup(out, tops, owner, width=10):
    """Sums `tops` in layers of `width` names up to revenue."""
    level = 0
    while len(tops) > 1 or tops[0] != "revenue":
        groups = [tops[k:k + width] for k in range(0, len(tops), width)]
        names = ["revenue"] if len(groups) == 1 else [f"sum{level}_{j:05d}" for j in range(len(groups))]
        for name, group in zip(names, groups):
            out.append(f"metric {name} owner={owner} unit=USD = " + " + ".join(group))
        tops, level = names, level + 1


def fill(out, budget, leaves, periods, rng):
    """Values, period by period, until `budget` lines are written (or every
    (leaf, period) pair is: each key once)."""
    for period in periods:
        for name, unit in leaves:
            if budget <= 0:
                return
            out.append(f"value {name} {period} {sample(rng, unit)}")
            budget -= 1


def sample(rng, unit):
    if unit == "ratio":
        return f"{rng.randrange(5, 60)}%"
    if unit == "USD":
        return f"{rng.randrange(5, 80)}k"
    return str(rng.randrange(200, 9000))


def funnels(out, count, owners, rng):
    """Funnels of eight metrics: five recorded, three by formula; their ends."""
    leaves, ends = [], []
    for i in range(count):
        n = f"{i:06d}"
        mkt, sales = owners[(2 * i) % len(owners)], owners[(2 * i + 1) % len(owners)]
        out += [
            f"metric leads_{n} owner={mkt} unit=count",
            f"metric mql_rate_{n} owner={mkt} unit=ratio",
            f"metric sql_rate_{n} owner={sales} unit=ratio",
            f"metric win_rate_{n} owner={sales} unit=ratio",
            f"metric deal_size_{n} owner={sales} unit=USD agg=avg",
            f"metric mqls_{n} owner={mkt} unit=count = leads_{n} * mql_rate_{n}",
            f"metric sqls_{n} owner={sales} unit=count = mqls_{n} * sql_rate_{n}",
            f"metric rev_{n} owner={sales} unit=USD = sqls_{n} * win_rate_{n} * deal_size_{n}",
        ]
        leaves += [(f"leads_{n}", "count"), (f"mql_rate_{n}", "ratio"), (f"sql_rate_{n}", "ratio"),
                   (f"win_rate_{n}", "ratio"), (f"deal_size_{n}", "USD")]
        ends.append(f"rev_{n}")
    return leaves, ends


def values_shape(commands, rng):
    out = []
    owners = teams(out, 4)
    # 51 periods for each of five leaves of eight metrics: about 32 values a metric.
    count = max(1, commands // (51 * 5 + 10))
    leaves, ends = funnels(out, count, owners, rng)
    rollup(out, ends, owners[1])
    fill(out, commands - len(out) - 1, leaves, MONTHS + QUARTERS + YEARS, rng)
    return out


def formulas_shape(commands, rng):
    out = []
    owners = teams(out, 4)
    width = 40
    blocks = max(1, commands // (3 * width + 2))
    ends = []
    for b in range(blocks):
        owner = owners[b % len(owners)]
        leaves = [f"x{b}_{k}" for k in range(width)]
        for leaf in leaves:
            out.append(f"metric {leaf} owner={owner} unit=USD")
        out.append(f"metric wide{b} owner={owner} unit=USD = " + " + ".join(leaves))
        previous = f"wide{b}"
        for k in range(width):
            name = f"c{b}_{k}"
            out.append(f"metric {name} owner={owner} unit=USD = {previous} * 1.01 + {leaves[k]}")
            previous = name
        ends.append(previous)
        for leaf in leaves:
            out.append(f"value {leaf} 2026-Q3 {rng.randrange(1, 900)}")
    rollup(out, ends, owners[1], width=1000)
    return out


def links_shape(commands, rng):
    out = []
    owners = teams(out, 8)
    # A metric, three links from it, one value: five lines a metric.
    count = max(20, commands // 5)
    names = [f"m{i:06d}" for i in range(count)]
    for i, name in enumerate(names):
        if i % 4 == 3:
            out.append(f"metric {name} owner={owners[i % 8]} unit=USD = {names[i - 1]} + {names[i - 2]}")
        else:
            out.append(f"metric {name} owner={owners[i % 8]} unit=USD")
    for i, name in enumerate(names):
        targets = set()
        while len(targets) < 3:
            j = rng.randrange(count)
            if j != i:
                targets.add(j)
        for j in sorted(targets):
            lag = rng.choice(["1m", "2m", "1q", "2q", "6w", "90d"])
            out.append(f'link {name} -> {names[j]} lag={lag} weight={rng.randrange(1, 99)}% "drives it later"')
    out.append(f"metric revenue owner={owners[1]} unit=USD = " + " + ".join(names[3::4][:1000]))
    leaves = [(n, "count") for i, n in enumerate(names) if i % 4 != 3]
    fill(out, commands - len(out) - 1, leaves, QUARTERS, rng)
    return out


def goals_shape(commands, rng):
    out = []
    owners = teams(out, 8)
    # Twelve quarters and six halves of goals on each of eight metrics.
    count = max(1, commands // (8 + 8 * 18 + 5))
    leaves, ends = funnels(out, count, owners, rng)
    rollup(out, ends, owners[1])
    for i in range(count):
        n = f"{i:06d}"
        for metric in (f"leads_{n}", f"mqls_{n}", f"sqls_{n}", f"rev_{n}", f"mql_rate_{n}", f"sql_rate_{n}",
                       f"win_rate_{n}", f"deal_size_{n}"):
            unit = "ratio" if "rate" in metric else ("USD" if metric.startswith(("rev", "deal")) else "count")
            for k, period in enumerate(QUARTERS + HALVES):
                cmp = ">=" if k % 2 == 0 else "<="
                out.append(f"goal g_{metric}_{period.replace('-', '_')} {owners[i % 8]} {metric} {cmp} {sample(rng, unit)} "
                           f"by {period}")
    fill(out, commands - len(out) - 1, leaves, QUARTERS[-4:], rng)
    return out


def time_shape(commands, rng):
    # About six lines a metric (bench/generate_time.py): 40 months of leads,
    # 16 rates, an opening balance and two goals for eleven metrics.
    metrics = max(generate_time.FUNNEL, commands * generate_time.FUNNEL // 71)
    return generate_time.generate(metrics, 36, rng.randrange(1 << 30)).splitlines()


SHAPES = {
    "values": values_shape,
    "formulas": formulas_shape,
    "links": links_shape,
    "goals": goals_shape,
    "time": time_shape,
}


def generate(shape, commands, seed=7):
    """The align script and its SQL twin, as text."""
    rng = random.Random(seed)
    lines = [f"# A {shape}-heavy workspace for scripts/bench; generated, do not edit."]
    lines += SHAPES[shape](commands, rng)
    lines.append("query orphans")
    align = "\n".join(lines) + "\n"
    return align, twin.translate(align)


def main(argv):
    seed = 7
    args = []
    for a in argv:
        if a.startswith("--seed="):
            seed = int(a.split("=", 1)[1])
        else:
            args.append(a)
    if len(args) != 3 or args[0] not in SHAPES:
        print(__doc__, file=sys.stderr)
        return 2
    write_pair(args[2], *generate(args[0], int(args[1]), seed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
