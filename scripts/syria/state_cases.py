#!/usr/bin/env python3
"""The build's reading of the state rule (build.py's `state_with_areas`, used by the facts
check) against the shared table of cases that the timeline is also tested with
(crates/model/tests/state_cases.csv; crates/model/tests/state_cases.rs runs this script):

    python3 scripts/syria/state_cases.py [TABLE]

Prints one line per question that is not answered as the table expects and exits 1, or
says how many questions were asked. Standard library only; needs no input beyond the table.
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import build  # noqa: E402  (the build script, imported for its state rule)

DEFAULT = HERE.parent.parent / "crates" / "model" / "tests" / "state_cases.csv"


def as_build_row(r: dict) -> dict:
    """A table row as build.py reads a control row: parties in party..party3, up to two
    sources with their stances."""
    parties = [p for p in r["parties"].split(";") if p]
    stances = [s for s in r["stances"].split(";") if s]
    row = {"place": "p", "date": r["date"], "status": r["status"],
           "confidence": r["confidence"], "valid_until": r["valid_until"]}
    for i, key in enumerate(("party", "party2", "party3")):
        row[key] = parties[i] if i < len(parties) else ""
    for i, prefix in enumerate(("source", "source2")):
        row[f"{prefix}_publisher"] = "Synthetic test source" if i < len(stances) else ""
        row[f"{prefix}_stance"] = stances[i] if i < len(stances) else ""
    if r["area_places"]:
        row["_size"] = int(r["area_places"])
    return row


def main() -> int:
    table = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    with table.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    cases: dict[str, list[dict]] = {}
    for r in rows:
        cases.setdefault(r["case"], []).append(r)
    wrong, asked = [], 0
    for case, of_case in cases.items():
        own = [as_build_row(r) for r in of_case if r["row"] == "own"]
        areas = {"p": [as_build_row(r) for r in of_case if r["row"] == "area"]}
        for r in (r for r in of_case if r["row"] == "ask"):
            asked += 1
            got = build.state_with_areas(own, areas, "p", date.fromisoformat(r["date"]))
            if got is None:
                status, parties = "unknown", []
            else:
                obs, expired = got
                status = obs["status"]
                parties = [p for p in (obs["party"], obs["party2"], obs["party3"]) if p]
                if expired:
                    status, parties = "unknown", []
            want = (r["status"], [p for p in r["parties"].split(";") if p])
            if (status, parties) != want:
                wrong.append(f"case {case}, asked on {r['date']}: got {status} {parties}, "
                             f"the table expects {want[0]} {want[1]}")
    for line in wrong:
        print(line)
    if wrong:
        return 1
    print(f"{asked} questions, all as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())
