#!/usr/bin/env python3
"""Side-by-side table of one bench's output for two builds.

Usage: bench/compare.py BASE.log NEW.log

Reads every Markdown table (a header line, a |---| line, rows) in each log; lines that do not
start with "|" are ignored, even between rows. Columns named scenario, measure, metric, probe,
import or run label a row (a blank label repeats the one above); a target column is left out
unless the two builds' differ; every other column is a figure. Prints one table: the figure,
BASE's cell, NEW's cell, and NEW/BASE for each number in the cell, in order ("=" when equal,
"n/a" when BASE's is 0, "differs" when the cells do not hold the same count of numbers). A row
only one build printed gets "—" on the other side.
"""
import re
import sys
from collections import Counter

LABELS = {"scenario", "measure", "metric", "probe", "import", "run"}
TARGET = "target"
SEPARATOR = re.compile(r"^\|(\s*:?-+:?\s*\|)+$")
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def tables(text):
    # Only table lines: a child process's log lines may land between a table's rows.
    lines = [line.strip() for line in text.splitlines() if line.startswith("|")]
    i = 0
    while i + 1 < len(lines):
        if SEPARATOR.match(lines[i + 1]):
            header = cells(lines[i])
            rows = []
            j = i + 2
            while j < len(lines) and not (j + 1 < len(lines) and SEPARATOR.match(lines[j + 1])):
                rows.append(cells(lines[j]))
                j += 1
            yield header, rows
            i = j
        else:
            i += 1


def figures(text):
    """Ordered (key, cell, target) of every figure in the log's tables."""
    out = []
    seen = Counter()
    for header, rows in tables(text):
        names = [h.lower() for h in header]
        labels = [k for k, h in enumerate(names) if h in LABELS]
        values = [k for k, h in enumerate(names) if h not in LABELS and h != TARGET]
        target = names.index(TARGET) if TARGET in names else None
        carried = {}
        for row in rows:
            row = row + [""] * (len(header) - len(row))
            for k in labels:
                if row[k]:
                    carried[k] = row[k]
            label = " · ".join(carried[k] for k in labels if carried.get(k))
            for k in values:
                key = label if len(values) == 1 else f"{label}: {header[k]}"
                seen[key] += 1
                if seen[key] > 1:
                    key = f"{key} (#{seen[key]})"
                out.append((key, row[k], row[target] if target is not None else ""))
    return out


def numbers(cell):
    return [float(n.replace(",", "")) for n in NUMBER.findall(cell)]


def ratio(base, new):
    a, b = numbers(base), numbers(new)
    if not a or len(a) != len(b):
        return "" if not a and not b else "differs"
    parts = []
    for x, y in zip(a, b):
        parts.append("=" if x == y else "n/a" if x == 0 else f"{y / x:.2f}")
    return " · ".join(parts)


def shape(key):
    return NUMBER.sub("#", key)


def pairs(base, new):
    """(label, BASE cell or None, NEW cell or None) in BASE's order. A label that holds a figure
    itself ("(336024 requests)") matches the NEW row of the same shape, left over in order. A
    target column is only shown where the two builds' differ ("IMPORT ENDED FIRST")."""
    new_rows = {k: (cell, target) for k, cell, target in new}
    matched = {k: k for k, _, _ in base if k in new_rows}
    spare = [k for k, _, _ in new if k not in matched]
    for k, _, _ in base:
        if k not in matched:
            twin = next((n for n in spare if shape(n) == shape(k)), None)
            if twin is not None:
                matched[k] = twin
                spare.remove(twin)
    out = []
    for k, cell, target in base:
        twin = matched.get(k)
        label = k if twin in (None, k) else f"{k} [NEW: {twin}]"
        new_cell, new_target = new_rows.get(twin, (None, target))
        if new_target != target:
            label += f" (target column: BASE '{target}', NEW '{new_target}')"
        out.append((label, cell, new_cell))
    out += [(k, None, new_rows[k][0]) for k in spare]
    return out


def main():
    base = figures(open(sys.argv[1], errors="replace").read())
    new = figures(open(sys.argv[2], errors="replace").read())
    rows = pairs(base, new)
    if not rows:
        print("(no table in either log)")
        return
    print("| Figure | BASE | NEW | NEW/BASE |")
    print("|---|---|---|---|")
    for label, b, n in rows:
        both = b is not None and n is not None
        print(f"| {label} | {'—' if b is None else b} | {'—' if n is None else n} | {ratio(b, n) if both else ''} |")


if __name__ == "__main__":
    main()
