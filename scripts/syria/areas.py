"""Area observations read from the shared Wikipedia articles (scripts/syria/areas.csv).

An area observation says that a party took or held a whole area (a surrendered pocket, a
governorate) on a date; Frontline gives its state to every gazetteer place the area covers
(crates/model area.rs and timeline.rs). Each row of areas.csv names the area, its outline,
the dated state, and the article, section and sentence (verbatim) it was read from. The
outline is one of

* `region:SY-XX`        the whole governorate, only where the sentence says so;
* `places:id1;id2;...`  the gazetteer places the sentence (or its section) names;
* `hull:id1;id2;id3...` the convex hull of at least three places the source puts inside the
                        area or on its edge (the places on the hull's edge are covered too).

The source is an article of the research folder (`article`, `section`, `quote`), or, with
`article` written `source:ID` or `source:ID1;ID2`, one or two news reports of
scripts/syria/sources.csv (then `section` and `quote` stay empty: a report's words are not
ours to keep; the note says what it reports, in our words).

The build checks every row, failing with file, line and reason: the article is in the
research folder and holds the quote (whitespace normalised), every place and region id
exists, a hull has three or more distinct places and a non-degenerate outline, the parties
exist on the date and the status takes that many of them; rows of the same area agree on
its name, outline and drawing. It writes data/syria/areas.geojson (one feature per area,
sorted by id; hulls as counter-clockwise polygons with coordinates rounded to 6 decimals,
region and places outlines with null geometry) and one observation per row, cited like the
evidence rows (evidence.py): publisher Wikipedia, the article's title and URL, the copy's
date.
"""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

import evidence

HERE = Path(__file__).resolve().parent
FILE = HERE / "areas.csv"
COLUMNS = ["id", "name", "outline", "drawn", "date", "status", "party", "party2",
           "confidence", "article", "section", "quote", "note"]
# A hull smaller than this (km²), or thinner than this ratio of its area to the square of
# its longest extent, is taken as degenerate (its places nearly on a line).
MIN_HULL_KM2 = 1.0
MIN_HULL_THICKNESS = 0.02


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_rows(fail) -> list[tuple[str, dict]]:
    with FILE.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != COLUMNS:
            fail(f"scripts/syria/areas.csv: columns must be {','.join(COLUMNS)}")
            return []
        out = []
        for line, r in enumerate(reader, start=2):
            if None in r or any(v is None for v in r.values()):
                fail(f"scripts/syria/areas.csv:{line}: ragged row")
                continue
            r = {k: v.strip() for k, v in r.items()}
            out.append((f"scripts/syria/areas.csv:{line} ({r['id']} {r['date']})", r))
        return out


def cross(o, a, b) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain: the hull's corners counter-clockwise, collinear points
    dropped, not closed."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts
    lower: list = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def area_km2(ring: list[tuple[float, float]]) -> float:
    """Approximate area of a small lon/lat ring (equirectangular about its mean latitude)."""
    lat0 = sum(y for _, y in ring) / len(ring)
    kx, ky = 111.32 * math.cos(math.radians(lat0)), 110.57
    s = 0.0
    for i in range(len(ring)):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % len(ring)]
        s += x1 * kx * y2 * ky - x2 * kx * y1 * ky
    return abs(s) / 2.0


def diameter_km(ring: list[tuple[float, float]]) -> float:
    lat0 = sum(y for _, y in ring) / len(ring)
    kx, ky = 111.32 * math.cos(math.radians(lat0)), 110.57
    return max(math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * ky) for a in ring for b in ring)


def on_segment(x, y, a, b, eps=1e-9) -> bool:
    if abs(cross(a, b, (x, y))) > eps:
        return False
    return min(a[0], b[0]) - eps <= x <= max(a[0], b[0]) + eps and \
        min(a[1], b[1]) - eps <= y <= max(a[1], b[1]) + eps


def in_hull(x: float, y: float, hull: list[tuple[float, float]]) -> bool:
    """Inside or on the edge of a counter-clockwise convex polygon."""
    n = len(hull)
    for i in range(n):
        a, b = hull[i], hull[(i + 1) % n]
        if on_segment(x, y, a, b):
            return True
        if cross(a, b, (x, y)) < 0:
            return False
    return True


def parse_outline(text: str) -> tuple[str, list[str]] | None:
    m = re.fullmatch(r"(region|places|hull):(.+)", text)
    if not m:
        return None
    return m.group(1), [x.strip() for x in m.group(2).split(";") if x.strip()]


def build(places: list[dict], regions: dict, parties: dict[str, dict], shared: Path,
          check_observation, fail, cite):
    """(the areas as a GeoJSON FeatureCollection, the observation rows, {area id: the
    place ids it covers}); check_observation is build.py's shared row check, cite(row, ids,
    where) fills a row's sources from scripts/syria/sources.csv ids."""
    by_id = {p["id"]: p for p in places}
    region_ids = {f["properties"]["id"] for f in regions["features"]}
    articles = evidence.Articles(shared / "research" / "wikipedia-syria-articles", fail)
    normalised: dict[str, str] = {}
    areas: dict[str, dict] = {}
    members: dict[str, list[str]] = {}
    obs: list[dict] = []
    for where, r in read_rows(fail):
        aid = r["id"]
        if not re.fullmatch(r"area-[a-z0-9]+(?:-[a-z0-9]+)*", aid):
            fail(f"{where}: id {aid!r} is not a slug starting with area-")
            continue
        if aid in by_id:
            fail(f"{where}: id {aid!r} is a place's id")
            continue
        if not (r["name"] and r["drawn"] and r["note"]):
            fail(f"{where}: name, drawn and note are all needed")
        outline = parse_outline(r["outline"])
        if outline is None:
            fail(f"{where}: outline {r['outline']!r} is not region:ID, places:ID;ID or hull:ID;ID;ID")
            continue
        kind, ids = outline
        feature = None
        if kind == "region":
            if len(ids) != 1 or ids[0] not in region_ids:
                fail(f"{where}: unknown region {r['outline'][7:]!r}")
                continue
            feature = {"region": ids[0]}
            covered = sorted(p["id"] for p in places if p["region"] == ids[0])
        else:
            unknown = [i for i in ids if i not in by_id]
            if unknown:
                fail(f"{where}: unknown place(s) {unknown}")
                continue
            if len(set(ids)) != len(ids):
                fail(f"{where}: a place is named twice in the outline")
                continue
            if kind == "places":
                feature = {"places": ";".join(ids)}
                covered = sorted(ids)
            else:
                if len(ids) < 3:
                    fail(f"{where}: a hull needs at least three distinct places, has {len(ids)}")
                    continue
                pts = [(round(by_id[i]["lon"], 6), round(by_id[i]["lat"], 6)) for i in ids]
                hull = convex_hull(pts)
                if len(hull) < 3 or area_km2(hull) < MIN_HULL_KM2 or \
                        area_km2(hull) < MIN_HULL_THICKNESS * diameter_km(hull) ** 2:
                    fail(f"{where}: the hull of {ids} is degenerate (its places lie nearly on a line)")
                    continue
                ring = [[x, y] for x, y in hull] + [[hull[0][0], hull[0][1]]]
                feature = {"geometry": {"type": "Polygon", "coordinates": [ring]}}
                covered = sorted(p["id"] for p in places if in_hull(p["lon"], p["lat"], hull))
        props = {"frontline:kind": "area", "id": aid, "name": r["name"], "drawn": r["drawn"]}
        props.update({k: v for k, v in feature.items() if k != "geometry"})
        feat = {"type": "Feature", "properties": props, "geometry": feature.get("geometry")}
        if aid in areas:
            if areas[aid] != feat:
                fail(f"{where}: area {aid} is given another name, outline or drawing than on an earlier row")
                continue
        else:
            areas[aid] = feat
            members[aid] = covered
        # The source: a news report (or two) of sources.csv, cited by id; its words are
        # not kept (they are not ours to copy), so the row has no quote or section.
        if r["article"].startswith("source:"):
            if r["quote"] or r["section"]:
                fail(f"{where}: a row citing sources.csv ids has no quote or section")
            row = {"place": aid, "date": r["date"], "status": r["status"],
                   "party": r["party"], "party2": r["party2"], "party3": "",
                   "confidence": r["confidence"], "valid_until": "",
                   "note": f"{r['note']} (area)", "_where": where}
            cite(row, r["article"][len("source:"):].split(";"), where)
            check_observation(row, where, set(areas), parties)
            obs.append(row)
            continue
        got = articles.get(r["article"], where)
        if got is None:
            continue
        text, meta = got
        if r["article"] not in normalised:
            normalised[r["article"]] = normalise(text)
        if not r["quote"] or normalise(r["quote"]) not in normalised[r["article"]]:
            fail(f"{where}: the quote does not occur in article {r['article']}")
            continue
        # The section is a heading of the article (a Markdown heading, or a line of its own
        # in copies whose headings were flattened).
        if r["section"] and r["section"] != "lead" and \
                not re.search(r"^(?:#+\s*)?" + re.escape(r["section"]) + r"\s*$", text, re.M):
            fail(f"{where}: article {r['article']} has no section {r['section']!r}")
        subject = meta.get("subject", "")
        if not subject or not meta.get("pubDate"):
            fail(f"{where}: article {r['article']} has no subject or pubDate in its front matter")
            continue
        row = evidence.article_observation(
            aid, r, subject, meta, f"{r['note']} (area; section: {r['section'] or 'lead'})",
            where)
        check_observation(row, where, set(areas), parties)
        obs.append(row)
    collection = {"type": "FeatureCollection",
                  "features": [areas[k] for k in sorted(areas)]}
    obs.sort(key=lambda r: (r["place"], r["date"]))
    return collection, obs, members


def outline_kind(feature: dict) -> str:
    p = feature["properties"]
    return "region" if "region" in p else "places" if "places" in p else "hull"
