"""The SQL twin of a generated align script, for sqlite3.

The shapes of bench/shapes.py and the time workspace of bench/generate_time.py
are written in align alone; this reads their lines back (the few forms the
generators write, not the whole language) and writes the same data as SQL:
the tables of bench/generate.py with their keys and indexes (a `plans` table
beside `vals`), the inserts in one transaction, and the orphans query as a
recursive CTE. A key align would replace in place (a second value for the same
metric and period) would fail here: the generators write each key once, and
a plain INSERT keeps them honest."""
import re

from generate import ORPHANS, SCHEMA, sql_text, sql_value

TWIN_SCHEMA = SCHEMA + [
    "CREATE TABLE plans(metric TEXT, period TEXT, value REAL, PRIMARY KEY(metric, period));",
    "CREATE TABLE settings(name TEXT PRIMARY KEY, value TEXT);",
]
ALTER_METRICS = "ALTER TABLE metrics ADD COLUMN agg TEXT;"

SCALE = {"k": 1e3, "M": 1e6, "B": 1e9}
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
FUNCTIONS = {"profile", "sum", "avg", "min", "max"}


def number(text):
    """An align number as a float: 1200, 2.5, 20k, 2.5M, 25%."""
    if text.endswith("%"):
        return float(text[:-1]) / 100
    if text[-1] in SCALE:
        return float(text[:-1]) * SCALE[text[-1]]
    return float(text)


def words(line):
    """A line's words; a quoted string is one word, without its quotes."""
    out, i = [], 0
    while i < len(line):
        if line[i] == " ":
            i += 1
        elif line[i] == '"':
            end = line.index('"', i + 1)
            out.append(('"', line[i + 1:end]))
            i = end + 1
        else:
            end = line.find(" ", i)
            end = len(line) if end < 0 else end
            out.append(("", line[i:end]))
            i = end
    return out


def options(parts):
    """NAME=VALUE words as a dict, and the quoted text if any."""
    opts, text = {}, None
    for quote, word in parts:
        if quote:
            text = word
        elif "=" in word:
            key, value = word.split("=", 1)
            opts[key] = value
    return opts, text


def inputs(formula):
    """The metrics a formula reads, each once, in order (not its functions)."""
    seen = []
    for m in NAME.finditer(formula):
        rest = formula[m.end():].lstrip()
        if m.group() in FUNCTIONS and rest.startswith("("):
            continue
        if m.start() > 0 and formula[m.start() - 1].isdigit():
            continue  # the unit of a lag or a number: 1m, 20k
        if m.group() not in seen:
            seen.append(m.group())
    return seen


def statements(line):
    """The SQL statements of one align line."""
    if not line or line.startswith("#"):
        return []
    if line.startswith("metric "):
        head, _, formula = line.partition(" = ")
        parts = words(head)
        name = parts[1][1]
        opts, text = options(parts[2:])
        out = []
        if len(parts) > 2 or not formula:
            out.append("INSERT INTO metrics VALUES(%s);" % ",".join(sql_value(v) for v in (
                name, opts.get("owner"), opts.get("unit"), opts.get("term"), text, formula or None, opts.get("agg"))))
        else:
            out.append("UPDATE metrics SET formula=%s WHERE name=%s;" % (sql_text(formula), sql_text(name)))
            out.append("DELETE FROM inputs WHERE metric=%s;" % sql_text(name))
        if formula:
            rows = ",".join("(%s,%s)" % (sql_text(name), sql_text(i)) for i in inputs(formula))
            out.append("INSERT INTO inputs VALUES%s;" % rows)
        return out
    parts = words(line)
    verb = parts[0][1]
    if verb == "team":
        opts, text = options(parts[2:])
        return ["INSERT INTO teams VALUES(%s,%s,%s);" % (
            sql_text(parts[1][1]), sql_value(opts.get("horizon")), sql_value(text))]
    if verb == "term":
        opts, text = options(parts[2:])
        return ["INSERT INTO terms VALUES(%s,%s,%s);" % (
            sql_text(parts[1][1]), sql_value(opts.get("by")), sql_value(text))]
    if verb == "link":
        opts, text = options(parts[4:])
        weight = number(opts["weight"]) if "weight" in opts else None
        return ["INSERT INTO links VALUES(%s,%s,%s,%s,%s);" % (
            sql_text(parts[1][1]), sql_text(parts[3][1]), sql_value(opts.get("lag")), sql_value(weight),
            sql_value(text))]
    if verb in ("value", "plan"):
        table = "vals" if verb == "value" else "plans"
        return ["INSERT INTO %s VALUES(%s,%s,%s);" % (
            table, sql_text(parts[1][1]), sql_text(parts[2][1]), sql_value(number(parts[3][1])))]
    if verb == "goal":
        # goal NAME TEAM METRIC CMP NUMBER by PERIOD ["why"]
        why = parts[8][1] if len(parts) > 8 else None
        return ["INSERT INTO goals VALUES(%s,%s,%s,%s,%s,%s,%s);" % (
            sql_text(parts[1][1]), sql_text(parts[2][1]), sql_text(parts[3][1]), sql_text(parts[4][1]),
            sql_value(number(parts[5][1])), sql_text(parts[7][1]), sql_value(why))]
    if verb == "revenue":
        return ["INSERT OR REPLACE INTO settings VALUES('revenue',%s);" % sql_text(parts[1][1])]
    if verb == "actuals" and parts[1][1] == "through":
        return ["INSERT OR REPLACE INTO settings VALUES('actuals through',%s);" % sql_text(parts[2][1])]
    if verb == "query" and parts[1][1] == "orphans":
        return ["COMMIT;", ORPHANS]
    raise ValueError("the twin does not know this line: " + line)


def translate(align):
    """The whole script's twin: the schema, one transaction, the orphans query if the script asks it."""
    out = TWIN_SCHEMA + [ALTER_METRICS, "BEGIN;"]
    for line in align.splitlines():
        out.extend(statements(line))
    if out[-1] != ORPHANS:
        out.append("COMMIT;")
    return "\n".join(out) + "\n"
