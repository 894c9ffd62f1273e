#!/usr/bin/env python3
"""Counts observations and places with a change of hands in data/syria/observations.csv.

A place has a change of hands when its observations name at least two different holders
over time (the party of a `controlled` row; the holder, `party`, of a `besieged` one). The
counts are given for all observations and for those besides the mid-2017 snapshot (the
module's marks, source title "Module:..."):

    python3 scripts/syria/changes_of_hands.py [OBSERVATIONS_CSV]

Standard library only.
"""
import csv
import sys
from pathlib import Path

path = Path(sys.argv[1]) if len(sys.argv) > 1 else \
    Path(__file__).resolve().parent.parent.parent / "data" / "syria" / "observations.csv"
rows = list(csv.DictReader(path.open(encoding="utf-8")))


def changes(rows: list[dict]) -> int:
    holders: dict[str, set[str]] = {}
    for r in rows:
        if r["status"] in ("controlled", "besieged") and r["party"]:
            holders.setdefault(r["place"], set()).add(r["party"])
    return sum(1 for h in holders.values() if len(h) >= 2)


besides = [r for r in rows if not r["source_title"].startswith("Module:")]
print(f"observations: {len(rows)} ({len(besides)} besides the snapshot)")
print(f"places observed: {len({r['place'] for r in rows})}")
print(f"places with a change of hands: {changes(rows)} ({changes(besides)} besides the snapshot)")
