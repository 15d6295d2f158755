#!/usr/bin/env python3
"""Generates a workspace with time in its formulas, for scripts/bench.

Usage: generate_time.py METRICS OUT_PREFIX [--months 36] [--seed N] [--plan]
writes OUT_PREFIX.align.

Funnels of eleven metrics shaped like examples/time-scenario.align: leads by
month, an MQL rate, SQLs a month after the MQLs (`mqls[-1m]`), wins spread
over three months (`profile(...)`), new ARR, ARR carried from month to month
(a balance) and revenue. The funnels' revenues add up in layers of ten to
`revenue`. Leads are recorded for every month; rates once a year; each ARR
opens on a value in the month before the first. A goal on new ARR in a
quarter and on MQLs in a half per funnel. One seeded generator: a given
(METRICS, months, seed) always gives the same bytes. With --plan, a plan
beside the actuals (leads by month, rates by year) and actuals through the
middle month.
"""
import random
import sys

FUNNEL = 11


def write(metrics, prefix, months=36, seed=7, plan=False):
    """Writes PREFIX.align: the workspace of `metrics` metrics over `months` months."""
    with open(prefix + ".align", "w") as fh:
        fh.write(generate(metrics, months, seed, plan))


def main():
    args = sys.argv[1:]
    months = 36
    seed = 7
    if "--months" in args:
        i = args.index("--months")
        months = int(args[i + 1])
        del args[i:i + 2]
    if "--seed" in args:
        i = args.index("--seed")
        seed = int(args[i + 1])
        del args[i:i + 2]
    plan = "--plan" in args
    args = [a for a in args if a != "--plan"]
    write(int(args[0]), args[1], months, seed, plan)


def generate(metrics, months, seed, plan=False):
    """The script, as text."""
    rng = random.Random(seed)
    funnels = max(1, metrics // FUNNEL)
    first_year = 2025
    month_names = [f"{first_year + m // 12}-{m % 12 + 1:02d}" for m in range(months)]
    years = sorted({first_year + m // 12 for m in range(months)})
    out = ["team marketing horizon=year", "team sales horizon=quarter", "team success horizon=year"]
    tops = []
    for f in range(funnels):
        p = f"f{f}_"
        out += [
            f"metric {p}leads owner=marketing unit=count",
            f"metric {p}mql_rate owner=marketing unit=ratio",
            f"metric {p}mqls owner=marketing unit=count = {p}leads * {p}mql_rate",
            f"metric {p}sql_rate owner=sales unit=ratio",
            f"metric {p}sqls owner=sales unit=count = {p}mqls[-1m] * {p}sql_rate",
            f"metric {p}win_rate owner=sales unit=ratio",
            f"metric {p}wins owner=sales unit=count = profile({p}sqls, 1m, 0%, 20%, 50%, 30%) * {p}win_rate",
            f"metric {p}deal_size owner=sales unit=USD agg=avg",
            f"metric {p}new_arr owner=sales unit=USD = {p}wins * {p}deal_size",
            f"metric {p}arr owner=success unit=USD agg=last = {p}arr[-1m] * 0.99 + {p}new_arr",
            f"metric {p}revenue unit=USD = {p}arr / 12",
        ]
        tops.append(f"{p}revenue")
    layer = 0
    while len(tops) > 1:
        grouped = []
        for i in range(0, len(tops), 10):
            name = f"sum{layer}_{i // 10}" if len(tops) > 10 else "revenue"
            out.append(f"metric {name} unit=USD = " + " + ".join(tops[i:i + 10]))
            grouped.append(name)
        tops = grouped
        layer += 1
    if tops[0] != "revenue":
        out.append(f"metric revenue unit=USD = {tops[0]}")
    out.append("revenue revenue")
    for f in range(funnels):
        p = f"f{f}_"
        base = rng.randint(500, 1500)
        # Four months before the first: the lags reach back that far.
        for m in range(-4, months):
            name = f"{first_year + m // 12}-{m % 12 + 1:02d}"
            out.append(f"value {p}leads {name} {base + 10 * m + rng.randint(0, 50)}")
        for y in [first_year - 1] + years:
            out.append(f"value {p}mql_rate {y} {rng.randint(20, 30)}%")
            out.append(f"value {p}sql_rate {y} {rng.randint(35, 45)}%")
            out.append(f"value {p}win_rate {y} {rng.randint(20, 30)}%")
            out.append(f"value {p}deal_size {y} {rng.randint(8, 15)}k")
        out.append(f"value {p}arr {first_year - 1}-12 {rng.randint(5, 15)}M")
        if plan:
            # A plan 5% above the leads of every month, and a rate or two off.
            for m in range(months):
                name = f"{first_year + m // 12}-{m % 12 + 1:02d}"
                out.append(f"plan {p}leads {name} {int((base + 10 * m + 25) * 1.05)}")
            for y in years:
                out.append(f"plan {p}win_rate {y} {rng.randint(22, 28)}%")
                out.append(f"plan {p}sql_rate {y} {rng.randint(36, 44)}%")
        q = 4 + (f % 4)
        out.append(f"goal {p}q_new_arr sales {p}new_arr >= {rng.randint(300, 900)}k by {first_year + 1}-Q{q - 3}")
        out.append(f"goal {p}h_mqls marketing {p}mqls >= {rng.randint(1000, 2500)} by {first_year + 1}-H1")
    if plan:
        out.append(f"actuals through {first_year + (months // 2) // 12}-{(months // 2) % 12 + 1:02d}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    main()
