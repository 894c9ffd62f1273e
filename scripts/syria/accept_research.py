#!/usr/bin/env python3
"""Take readers' rows from the shared Wikipedia articles into scripts/syria/evidence/.

Readers (people or helpers) read the articles in ../shared/data/research and write one CSV
per group of articles with, for each dated statement of control, the verbatim sentence, the
place as the article spells it, and optionally the module mark or UCDP location they matched
it to (see the brief in docs/syria.md, "How the histories were read"). This script checks
and resolves those rows; it is run by hand when new reading arrives, never by the build:

    python3 scripts/syria/accept_research.py [READER_DIR] [--shared ../shared/data]

READER_DIR defaults to scripts/syria/readers (the readers' files, see its README).

For every row it checks that the quote occurs verbatim in the article and that the article
names the place, resolves the place to one gazetteer place (data/syria/places.csv), and keeps
it only if:
- the status has the right number of parties and every party is valid on the date
  (parties.csv);
- its confidence is high or medium (low rows, where the reader inferred a year, a party or
  a place, or the article reports a claim, are left out);
- it is about control: Turkish observation posts are presence, not control (issue
  "Foreign forces on the map"), and are left out;
- the place it resolves to lies in the region the article is about (for articles whose
  matched places lie close together: within 150 km of their median).

Accepted rows go to scripts/syria/evidence/GROUP.csv (the quote is not kept: the row says
what happened in our words and names the article and section where the sentence is);
rows left out go to scripts/syria/evidence/left_out.csv with the reason. The build
(scripts/syria/evidence.py) turns accepted rows into sourced observations and checks again
that each article names its place.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

import evidence  # noqa: E402  (the build's reading of an article's front matter)
import gazetteer  # noqa: E402  (the build's own name folding)

OUT = HERE / "evidence"
COLUMNS = ["place", "date", "status", "party", "party2", "confidence", "article", "section",
           "name_in_source", "matched_as", "note"]
TWO_PARTIES = {"contested", "joint", "besieged"}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    (lat1, lon1), (lat2, lon2) = a, b
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def parse_day(text: str) -> tuple[date, date] | None:
    """The first and last day a date of day, month or year precision may mean."""
    try:
        parts = [int(p) for p in text.split("-")]
    except ValueError:
        return None
    try:
        if len(parts) == 3:
            d = date(*parts)
            return d, d
        if len(parts) == 2:
            first = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return first, date.fromordinal(nxt.toordinal() - 1)
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


class Gazetteer:
    """The built places, less every alias that a reader also wrote (the build adds an
    article's spelling to its place, so such an alias may come from an earlier run): a row
    is matched by the sources' names and the curated aliases (aliases.csv) only."""

    def __init__(self, path: Path, read_spellings: set[str], curated: set[tuple[str, str]]):
        self.places = list(csv.DictReader(path.open(encoding="utf-8")))
        self.by_fold: dict[str, list[dict]] = {}
        for p in self.places:
            p["aliases"] = ";".join(
                a for a in p.get("aliases", "").split(";")
                if a and (a not in read_spellings or (p["id"], a) in curated))
            p["_at"] = (float(p["lat"]), float(p["lon"]))
            names = [p["name"]] + [a for a in p.get("aliases", "").split(";") if a]
            keys = {gazetteer.fold(n) for n in names} | {gazetteer.core(n) for n in names}
            p["_keys"] = {k for k in keys if k}
            for k in p["_keys"]:
                self.by_fold.setdefault(k, []).append(p)

    def by_name(self, *names: str) -> list[dict]:
        found: dict[str, dict] = {}
        for n in names:
            for k in {gazetteer.fold(n), gazetteer.core(n)}:
                for p in self.by_fold.get(k, []) if k else []:
                    found[p["id"]] = p
        return list(found.values())

    def near(self, at: tuple[float, float], radius_km: float) -> list[tuple[float, dict]]:
        out = [(km(at, p["_at"]), p) for p in self.places]
        return sorted(((d, p) for d, p in out if d <= radius_km), key=lambda x: x[0])


def resolve(row: dict, gaz: Gazetteer, centre: tuple[float, float] | None) -> tuple[dict | None, str]:
    """The gazetteer place a row is about, and the name or alias it was matched by (or why
    none): a place within 2 km of the reader's mark with a name that folds alike, else the
    one place of that name (nearest the article's region when there are several)."""
    names = [row["place"]] + ([gazetteer.display(row["module_label"])] if row.get("module_label") else [])
    keys = {k for n in names for k in (gazetteer.fold(n), gazetteer.core(n)) if k}
    if row.get("lat") and row.get("lon"):
        try:
            at = (float(row["lat"]), float(row["lon"]))
        except ValueError:
            at = None
        if at:
            named = [p for d, p in gaz.near(at, 2.0) if p["_keys"] & keys]
            if named:
                return named[0], matched_as(named[0], keys)
    candidates = gaz.by_name(*names)
    if not candidates:
        return None, "no gazetteer place of that name"
    if len(candidates) == 1 and centre is None:
        return candidates[0], matched_as(candidates[0], keys)
    if centre is None:
        return None, f"{len(candidates)} places of that name and the article covers the whole country"
    ranked = sorted(candidates, key=lambda p: km(centre, p["_at"]))
    d0 = km(centre, ranked[0]["_at"])
    d1 = km(centre, ranked[1]["_at"]) if len(ranked) > 1 else math.inf
    if d0 <= 150 and d1 > 2 * d0 + 20:
        return ranked[0], matched_as(ranked[0], keys)
    return None, f"{len(candidates)} places of that name, none clearly in the article's region"


def matched_as(place: dict, keys: set[str]) -> str:
    """The place's own name or alias whose folded form is among `keys`."""
    for n in [place["name"]] + [a for a in place.get("aliases", "").split(";") if a]:
        if {gazetteer.fold(n), gazetteer.core(n)} & keys:
            return n
    return place["name"]


def centre_of(rows: list[dict]) -> tuple[float, float] | None:
    """The median of the article's matched marks, if they lie close together."""
    pts = []
    for r in rows:
        try:
            pts.append((float(r["lat"]), float(r["lon"])))
        except (KeyError, ValueError):
            continue
    if len(pts) < 5:
        return None
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    mid = (lats[len(lats) // 2], lons[len(lons) // 2])
    spread = sorted(km(mid, p) for p in pts)
    return mid if spread[int(len(spread) * 0.8) - 1] <= 120 else None


def party_spans(path: Path) -> dict[str, list[tuple[date, date]]]:
    spans: dict[str, list[tuple[date, date]]] = {}
    for p in csv.DictReader(path.open(encoding="utf-8")):
        start = parse_day(p["valid_from"])[0] if p["valid_from"] else date(1900, 1, 1)
        end = parse_day(p["valid_until"])[1] if p["valid_until"] else date(2100, 1, 1)
        spans.setdefault(p["id"], []).append((start, end))
    return spans


def check(row: dict, spans, article_text: str) -> str:
    if row["quote"] not in article_text:
        return "quote not found verbatim in the article"
    if row["place"] not in article_text:
        return "the article does not name the place as written"
    if row["confidence"] not in ("high", "medium"):
        return f"confidence {row['confidence'] or 'missing'}"
    text = (row["quote"] + " " + row["note"]).lower()
    if "observation post" in text:
        return "an observation post is presence, not control"
    days = parse_day(row["date"])
    if days is None or days[0] < date(2011, 3, 15) or days[1] > date.today():
        return f"date {row['date']!r} outside the war or not a date"
    parties = [p for p in (row["party"], row["party2"]) if p]
    if row["status"] not in ("controlled", "contested", "joint", "besieged"):
        return f"status {row['status']!r}"
    if row["status"] == "controlled" and len(parties) != 1:
        return "controlled needs one party"
    if row["status"] in ("contested", "joint") and (len(parties) != 2 or parties[0] == parties[1]):
        return f"{row['status']} needs two different parties"
    if row["status"] == "besieged" and len(parties) not in (1, 2):
        return "besieged needs a holder"
    for p in parties:
        if p not in spans:
            return f"unknown party {p!r}"
        if not any(a <= days[0] and days[1] <= b for a, b in spans[p]):
            return f"party {p} not valid on {row['date']}"
    return ""


RANK = {"high": 0, "medium": 1}


CURATED = "the curated table already has this place and date"
TAKEN_BY_OTHER = "another article's row for the same place and date was kept"


def clash(row: dict, kept: list[dict], curated: dict[str, list[str]]) -> str:
    """Why a row cannot join `kept` (sorted; best first for a place and date), or "": one
    row per place and date, and the curated table (control.csv) wins over readers' rows."""
    if row["date"] in curated.get(row["place"], []):
        return CURATED
    if (row["place"], row["date"]) in TAKEN:
        return TAKEN_BY_OTHER
    TAKEN.add((row["place"], row["date"]))
    return ""


def facts_from(duplicates: list[dict], accepted: list[dict], articles: Path) -> list[dict]:
    """Facts that a second article gives: a row left out because the curated table or
    another article already has the place and date, when it says the same thing. The fact
    cites the second article, so it checks the kept row against a source other than its own."""
    control = {}
    for r in csv.DictReader((HERE / "control.csv").open(encoding="utf-8")):
        control[(r["place"], r["date"])] = (r["status"], sorted(p for p in (r["party"], r["party2"], r["party3"]) if p), "")
    for r in accepted:
        control[(r["place"], r["date"])] = (r["status"], sorted(p for p in (r["party"], r["party2"]) if p), r["article"])
    out = {}
    for d in duplicates:
        kept = control.get((d["place"], d["date"]))
        parties = sorted(p for p in (d["party"], d["party2"]) if p)
        if kept is None or kept[0] != d["status"] or kept[1] != parties or kept[2] == d["article"]:
            continue
        meta = evidence.front_matter((articles / d["article"]).read_text(encoding="utf-8"))
        if not meta.get("subject"):
            continue
        last = parse_day(d["date"])[1]
        out[(d["place"], last.isoformat())] = {
            "place": d["place"], "date": last.isoformat(), "expected_status": d["status"],
            "expected_parties": ";".join(parties),
            "source_url": "https://en.wikipedia.org/wiki/" + meta["subject"].replace(" ", "_"),
            "note": f"a second article agrees: {d['note']}",
        }
    return [out[k] for k in sorted(out)]


TAKEN: set[tuple[str, str]] = set()


def drop_coarse(accepted: list[dict], curated_rows: list[dict], left_out: list[dict]) -> list[dict]:
    """Leaves out rows that would blur the curated history or each other, and rewrites the
    files without them:
    - a month- or year-dated row whose period holds a finer date of the same place, or a
      row inside the period of a coarse curated row (a period holds from its last day, so
      their order would be ambiguous);
    - "controlled by P" where the place is already besieged and held by P (the siege is
      what the history says; the row adds nothing)."""
    spans: dict[str, list[tuple[date, date, bool]]] = {}
    for r in accepted:
        spans.setdefault(r["place"], []).append((*parse_day(r["date"]), False))
    for r in curated_rows:
        if parse_day(r["date"]):
            spans.setdefault(r["place"], []).append((*parse_day(r["date"]), True))
    drop: dict[int, str] = {}
    for r in accepted:
        a0, a1 = parse_day(r["date"])
        for b0, b1, is_curated in spans[r["place"]]:
            if (b0, b1) == (a0, a1):
                continue
            if a0 != a1 and (a0 <= b0 <= a1 or b0 <= a1 <= b1):
                drop[id(r)] = "a coarse date overlapping a finer one of the same place"
            elif is_curated and b0 != b1 and b0 <= a1 <= b1:
                drop[id(r)] = "inside the period of a coarse curated row of the same place"
    # Besieged, then "controlled" by the same holder: the history keeps the siege.
    history: dict[str, list[tuple[date, int, dict]]] = {}
    for r in curated_rows:
        if parse_day(r["date"]):
            history.setdefault(r["place"], []).append((parse_day(r["date"])[1], 0, r))
    for r in accepted:
        if id(r) not in drop:
            history.setdefault(r["place"], []).append((parse_day(r["date"])[1], 1, r))
    for rows in history.values():
        rows.sort(key=lambda x: (x[0], x[1]))
        state = None
        for _, _, r in rows:
            if (state is not None and state["status"] == "besieged" and r["status"] == "controlled"
                    and r["party"] == state["party"] and r in accepted):
                drop[id(r)] = "the place is besieged, held by the same party, in the history"
                continue
            state = r
    for r in accepted:
        if id(r) in drop:
            left_out.append({"group": "", "article": r["article"], "place": r["name_in_source"],
                             "date": r["date"], "reason": drop[id(r)]})
    for path in OUT.glob("*.csv"):
        if path.name in ("left_out.csv", "facts.csv"):
            continue
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        gone = {tuple(a[c] for c in COLUMNS) for a in accepted if id(a) in drop}
        keep = [r for r in rows if tuple(r[c] for c in COLUMNS) not in gone]
        if len(keep) != len(rows):
            with path.open("w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
                w.writeheader()
                w.writerows(keep)
    return [r for r in accepted if id(r) not in drop]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("readers", type=Path, nargs="?", default=HERE / "readers",
                    help="folder with the readers' GROUP.csv files (default: scripts/syria/readers)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    articles = args.shared / "research" / "wikipedia-syria-articles"
    if not articles.is_dir():
        print(f"error: {articles} is missing (the shared research articles)", file=sys.stderr)
        return 1
    # Every spelling a reader wrote: an alias equal to one may have come from an earlier
    # run (the build adds articles' spellings to places), so it is not matched on unless
    # aliases.csv has it. This keeps a run independent of the one before.
    read_spellings = set()
    for path in args.readers.glob("*.csv"):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        if rows and {"quote", "place"} <= rows[0].keys():
            read_spellings |= {r["place"] for r in rows}
    curated_aliases = {(r["place"], r["alias"])
                       for r in csv.DictReader((HERE / "aliases.csv").open(encoding="utf-8"))}
    gaz = Gazetteer(ROOT / "data" / "syria" / "places.csv", read_spellings, curated_aliases)
    spans = party_spans(HERE / "parties.csv")
    OUT.mkdir(exist_ok=True)
    left_out: list[dict] = []
    accepted: list[dict] = []
    duplicates: list[dict] = []
    curated = {}
    curated_rows = list(csv.DictReader((HERE / "control.csv").open(encoding="utf-8")))
    for r in curated_rows:
        curated.setdefault(r["place"], []).append(r["date"])
    # Curated places that stand for a whole district (sites.csv: "Stands for ..."): a
    # reader's row about one building there is not about the district.
    aggregates = {r["id"] for r in csv.DictReader((HERE / "sites.csv").open(encoding="utf-8"))
                  if r["note"].startswith("Stands for")}
    for src in sorted(args.readers.glob("*.csv")):
        if src.stem.endswith("-areas"):
            continue
        rows = list(csv.DictReader(src.open(encoding="utf-8")))
        if not rows or not {"article", "quote", "place", "date", "status"} <= rows[0].keys():
            continue  # not a reader's file
        by_article: dict[str, list[dict]] = {}
        for r in rows:
            by_article.setdefault(r["article"], []).append(r)
        kept = []
        for article, arows in sorted(by_article.items()):
            path = articles / article
            text = path.read_text(encoding="utf-8") if path.is_file() else ""
            centre = centre_of(arows)
            for r in arows:
                why = "article missing" if not text else check(r, spans, text)
                place, matched = None, ""
                if not why:
                    place, why = resolve(r, gaz, centre)
                    matched, why = (why, "") if place is not None else ("", why)
                if place is not None and centre is not None and km(centre, place["_at"]) > 150:
                    why, place = f"resolved to {place['id']}, outside the article's region", None
                if place is not None and place["id"] in aggregates:
                    why, place = f"{place['id']} stands for a whole district", None
                if place is None:
                    left_out.append({"group": src.stem, "article": article, "place": r["place"],
                                     "date": r["date"], "reason": why})
                    continue
                kept.append({
                    "place": place["id"], "date": r["date"], "status": r["status"],
                    "party": r["party"], "party2": r["party2"] if r["status"] in TWO_PARTIES else "",
                    "confidence": r["confidence"], "article": article, "section": r["section"],
                    "name_in_source": r["place"], "matched_as": matched,
                    "note": " ".join(r["note"].split()),
                })
        kept.sort(key=lambda k: (k["place"], k["date"], RANK[k["confidence"]], k["article"],
                                 k["status"], k["party"], k["party2"]))
        uniq = []
        for k in kept:
            why = clash(k, uniq, curated)
            if why in (CURATED, TAKEN_BY_OTHER):
                duplicates.append(k)
            if why:
                left_out.append({"group": src.stem, "article": k["article"], "place": k["name_in_source"],
                                 "date": k["date"], "reason": why})
            else:
                uniq.append(k)
        accepted.extend(uniq)
        with (OUT / f"{src.stem}.csv").open("w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
            w.writeheader()
            w.writerows(uniq)
        print(f"{src.stem}: {len(rows)} read, {len(uniq)} kept")
    accepted = drop_coarse(accepted, curated_rows, left_out)
    facts = facts_from(duplicates, accepted, articles)
    with (OUT / "facts.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["place", "date", "expected_status", "expected_parties",
                                          "source_url", "note"], lineterminator="\n")
        w.writeheader()
        w.writerows(facts)
    print(f"facts from a second article: {len(facts)}")
    left_out.sort(key=lambda r: (r["group"], r["article"], r["place"], r["date"]))
    with (OUT / "left_out.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["group", "article", "place", "date", "reason"], lineterminator="\n")
        w.writeheader()
        w.writerows(left_out)
    reasons: dict[str, int] = {}
    for r in left_out:
        key = r["reason"].split(",")[0] if r["reason"].startswith("resolved") else r["reason"]
        key = key if not key.startswith("party ") else "party not valid on the date"
        reasons[key] = reasons.get(key, 0) + 1
    for k, v in sorted(reasons.items(), key=lambda x: -x[1])[:15]:
        print(f"  left out {v:5d}: {k}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
