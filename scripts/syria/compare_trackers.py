#!/usr/bin/env python3
"""Frontline's shares beside the shares trackers published (scripts/syria/trackers.csv).

Prints the Markdown table of docs/syria.md ("Beside the trackers"): for each dated figure a
tracker published, Frontline's share of the same party on the same day (a month's figure is
compared on the month's last day) under the default method and with no distance cap
(`--cap-km none`: all land assigned, as the trackers' maps do), and the spread between the
trackers that published a figure for the same party and month.

    cargo build --release -p frontline
    python3 scripts/syria/compare_trackers.py [--bin target/release/frontline] [--db FILE]

trackers.csv holds only figures a source states, with its URL; the research notes of how
they were found are in docs/syria.md. Standard library only.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
# A tracker's "opposition" before the SNA's founding includes the Turkish-backed groups;
# after it, trackers that do not list the SNA apart count it as opposition.
MERGE = {"sna": "opposition", "ypg": "sdf", "nusra": "hts"}


def last_day(text: str) -> date:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        y, m = parts
        return date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
    return date(parts[0], 12, 31)


def shares(binary: Path, db: Path, day: date, cap: str | None) -> dict[str, float]:
    cmd = [str(binary), "--db", str(db), "stats", "--date", day.isoformat(), "--format", "json"]
    if cap:
        cmd += ["--cap-km", cap]
    out = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)
    got: dict[str, float] = {}
    for r in out["parties"]:
        if r["kind"] == "party":
            key = MERGE.get(r["id"], r["id"])
            got[key] = got.get(key, 0.0) + r["area_pct"]
        elif r["kind"] == "unknown":
            got["unknown"] = r["area_pct"]
    return got


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", type=Path, default=ROOT / "target" / "release" / "frontline")
    ap.add_argument("--db", type=Path)
    args = ap.parse_args()
    if not args.bin.is_file():
        print(f"error: {args.bin} is missing; build it with `cargo build --release -p frontline`",
              file=sys.stderr)
        return 1
    figures = list(csv.DictReader((HERE / "trackers.csv").open(encoding="utf-8")))
    figures = [f for f in figures if last_day(f["date"]).year >= 2012]
    spread: dict[tuple[str, str], list[float]] = {}
    for f in figures:
        spread.setdefault((f["date"][:7], MERGE.get(f["party"], f["party"])), []).append(
            float(f["share_pct"]))
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "syria.db"
            subprocess.run([str(args.bin), "--db", str(db), "init"], check=True, capture_output=True)
        cache: dict[tuple[date, str | None], dict[str, float]] = {}
        print("| date | tracker | party | tracker's % | spread of trackers | Frontline % (default; unknown) | Frontline % (no cap) |")
        print("|---|---|---|---|---|---|---|")
        off = []
        for f in figures:
            day = last_day(f["date"])
            party = MERGE.get(f["party"], f["party"])
            if party in ("other", "unknown", "turkey"):
                continue
            for cap in (None, "none"):
                if (day, cap) not in cache:
                    cache[(day, cap)] = shares(args.bin, db, day, cap)
            ours, nocap = cache[(day, None)], cache[(day, "none")]
            values = spread[(f["date"][:7], party)]
            band = f"{min(values):.1f}-{max(values):.1f}" if len(values) > 1 else ""
            theirs = float(f["share_pct"])
            diff = nocap.get(party, 0.0) - theirs
            off.append(abs(diff))
            print(f"| {f['date']} | [{f['publisher']}]({f['url']}) | {party} | {theirs:g} | {band} | "
                  f"{ours.get(party, 0.0):.1f}; {ours.get('unknown', 0.0):.1f} | {nocap.get(party, 0.0):.1f} |")
    within = sum(1 for d in off if d <= 10)
    print(f"\n{len(off)} figures; Frontline without a cap is within 10 points of {within}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
