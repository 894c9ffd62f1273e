#!/usr/bin/env python3
"""Indicative area shares per party on a date, from data/syria/ alone (standard library).

    python3 scripts/syria/indicative_shares.py 2017-12-13

A cross-check for docs/syria.md, not Frontline's method: every cell of a 0.02-degree grid
inside the boundary goes to the nearest place that has an observation holding on the date
(distance on a local equirectangular projection, cell area weighted by cos(latitude));
joint, contested and besieged cells are split equally between the parties named. No
distance cap, no contested band. Frontline's own figures come from `frontline stats`.
"""
import csv
import json
import math
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import in_geom, parse_date  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "data" / "syria"


def main() -> None:
    day = date.fromisoformat(sys.argv[1] if len(sys.argv) > 1 else "2017-12-13")
    boundary = json.loads((DATA / "boundary.geojson").read_text(encoding="utf-8"))["geometry"]
    places = {r["id"]: r for r in csv.DictReader((DATA / "places.csv").open(encoding="utf-8"))}
    best: dict[str, tuple[date, dict]] = {}
    for o in csv.DictReader((DATA / "observations.csv").open(encoding="utf-8")):
        span = parse_date(o["date"], "")
        if span and span[1] <= day and (o["place"] not in best or span[1] >= best[o["place"]][0]):
            best[o["place"]] = (span[1], o)
    pts = []
    for pid, (_, o) in best.items():
        parties = [p for p in (o["party"], o["party2"], o["party3"]) if p] or ["unknown"]
        p = places[pid]
        pts.append((float(p["lon"]), float(p["lat"]), parties))
    shares: dict[str, float] = {}
    total = 0.0
    step = 0.02
    y = 32.3
    while y < 37.4:
        w = math.cos(math.radians(y))
        x = 35.6
        while x < 42.5:
            if in_geom(x, y, boundary):
                near = min(pts, key=lambda q: ((q[0] - x) * w) ** 2 + (q[1] - y) ** 2)
                for party in near[2]:
                    shares[party] = shares.get(party, 0.0) + w / len(near[2])
                total += w
            x += step
        y += step
    print(f"{day}: {len(pts)} observed places")
    for party, v in sorted(shares.items(), key=lambda kv: -kv[1]):
        print(f"  {party:18s} {100 * v / total:5.1f}%")


if __name__ == "__main__":
    main()
