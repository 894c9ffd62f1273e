#!/usr/bin/env python3
"""The unknown share and each party's share at every quarter end, under the default method.

Prints the Markdown table of docs/syria.md ("Coverage by quarter") from a database of the
built-in data; where more than 15% is unknown, the last column names the governorates that
hold most of the unknown land (the regions and periods the sources do not yet cover):

    cargo build --release -p frontline
    python3 scripts/syria/coverage.py [--bin target/release/frontline] [--db FILE]

Without --db it creates a fresh database of the built-in data in a temporary folder
(`frontline init`). Standard library only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
SHOWN = ["government", "opposition", "sna", "nusra", "hts", "ypg", "sdf", "isis",
         "new-authorities", "suwayda-factions", "israel", "turkey"]


def quarter_ends(first: date, last: date) -> list[date]:
    out = []
    for year in range(first.year, last.year + 1):
        for month, day in ((3, 31), (6, 30), (9, 30), (12, 31)):
            d = date(year, month, day)
            if first <= d <= last:
                out.append(d)
    return out


def stats(binary: Path, db: Path, day: date) -> dict:
    out = subprocess.run([str(binary), "--db", str(db), "stats", "--date", day.isoformat(),
                          "--by", "region", "--format", "json"],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", type=Path, default=ROOT / "target" / "release" / "frontline")
    ap.add_argument("--db", type=Path)
    ap.add_argument("--from", dest="first", default="2012-09-30")
    ap.add_argument("--to", dest="last", default="2026-09-30")
    args = ap.parse_args()
    if not args.bin.is_file():
        print(f"error: {args.bin} is missing; build it with `cargo build --release -p frontline`",
              file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "syria.db"
            subprocess.run([str(args.bin), "--db", str(db), "init"], check=True,
                           capture_output=True)
        days = quarter_ends(date.fromisoformat(args.first), date.fromisoformat(args.last))
        rows = []
        for d in days:
            s = stats(args.bin, db, d)
            share = {}
            for r in s["parties"]:
                key = r["id"] if r["kind"] in ("party", "unknown") else r["kind"]
                share[key] = share.get(key, 0.0) + r["area_pct"]
            unknown_by_region = sorted(
                ((sum(r["area_km2"] for r in reg["parties"] if r["kind"] == "unknown"),
                  reg["name"].removesuffix(" Governorate"))
                 for reg in s["regions"]), reverse=True)
            rows.append((d, share, unknown_by_region))
    used = [p for p in SHOWN if any(share.get(p, 0) >= 0.05 for _, share, _ in rows)]
    head = ["quarter end", "unknown"] + used + ["contested", "joint"]
    print("| " + " | ".join(head + ["unknown land mostly in (share of the unknown)"]) + " |")
    print("|" + "---|" * (len(head) + 1))
    for d, share, by_region in rows:
        cells = [d.isoformat()] + [f"{share.get(k, 0.0):.1f}" for k in head[1:]]
        over = share.get("unknown", 0.0) > 15
        cells[1] += " **>15**" if over else ""
        total = sum(km2 for km2, _ in by_region)
        where = ", ".join(f"{name} {100 * km2 / total:.0f}%" for km2, name in by_region[:3]
                          if km2 > 0) if over and total > 0 else ""
        print("| " + " | ".join(cells + [where]) + " |")
    worst = max(rows, key=lambda r: r[1].get("unknown", 0.0))
    over = sum(1 for _, s, _ in rows if s.get("unknown", 0.0) > 15)
    print(f"\n{len(rows)} quarter ends; unknown above 15% at {over}; the most: "
          f"{worst[1].get('unknown', 0.0):.1f}% on {worst[0].isoformat()}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
