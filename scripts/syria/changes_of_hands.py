#!/usr/bin/env python3
"""Counts observations and places with a change of hands in data/syria/observations.csv:
a place whose controlled/besieged observations name at least two different holders
(the `party` of a controlled row; the holder of a besieged one)."""
import csv, sys
from pathlib import Path
path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent.parent / "data/syria/observations.csv"
rows = list(csv.DictReader(path.open(encoding="utf-8")))
holders = {}
for r in rows:
    if r["status"] in ("controlled", "besieged") and r["party"]:
        holders.setdefault(r["place"], set()).add(r["party"])
print(f"observations: {len(rows)}")
print(f"places observed: {len({r['place'] for r in rows})}")
print(f"places with a change of hands: {sum(1 for h in holders.values() if len(h) >= 2)}")
