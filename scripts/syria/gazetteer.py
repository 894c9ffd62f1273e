"""The Syria gazetteer: today's places (GeoNames cities500, curated sites, OurAirports),
the UCDP named locations and the control marks of Wikipedia's mid-2017 detailed-map
module, merged into one place per locality.

The merge rule (docs/syria.md, "The gazetteer"):

* Sources are read in order of precedence: today's places (their ids, names, kinds and
  coordinates never change), then the module's control marks (in file order), then the
  UCDP locations. Each new record joins the nearest place already made that has the same
  folded name (`fold`), within MERGE_KM (about 1 km; 2 km for towns and 3 km for cities
  of today's places, whose GeoNames points and the module's marks are placed on
  different parts of a town), and a compatible kind (a hill is not the village under
  it); else it makes a new place.
* Facilities (airports, bases, ports, oil and gas fields, dams, border crossings,
  checkpoints) also match on their name without generic words ("Tabqa Military Airbase"
  and "Tabqa Airbase" are both "tabqa"), within FACILITY_KM.
* A key site of sites.csv whose coordinates were taken from a module mark takes the mark
  at its point (within SAME_POINT_KM), whatever its label.
* Every spelling of the merged records other than the place's name is kept in `aliases`.

A new place's kind comes from its mark (suffix, a border-post or dam icon at its point,
label words, the mark's size) or from UCDP's own word for it ("village", "town", ...);
see `mark_kind` and `ucdp_kind`. Points up to SNAP_KM outside the boundary are moved just
inside it, as build.py does for GeoNames; farther ones are dropped and counted.

Standard library only.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

MERGE_KM = 1.5
MERGE_KM_TOWN = 2.5
MERGE_KM_CITY = 4.0
FACILITY_KM = 3.0
SAME_POINT_KM = 0.1
WEAK_KM = 1.0
MODULE_SAME_KM = 0.5
SNAP_KM = 3.0

# Kinds that may be one place; a record whose kind is only a default ("soft") matches any.
KIND_CLASS = {
    "city": "settlement", "town": "settlement", "village": "settlement",
    "neighbourhood": "settlement",
    "airport": "military", "base": "military", "checkpoint": "military",
    "port": "port", "oil_gas_field": "oil", "dam": "dam",
    "border_crossing": "crossing", "hill": "hill", "other": "other",
}
FACILITIES = {"airport", "base", "port", "oil_gas_field", "dam", "border_crossing", "checkpoint"}

# City centres (today's place ids) and the radius inside which a new populated place is a
# neighbourhood of the city rather than a village of its own.
CITY_RADIUS_KM = {"aleppo": 7.0, "damascus": 5.0, "homs": 4.0}


# ---------------------------------------------------------------- names

ARTICLES = {"al", "el", "as", "ash", "ad", "adh", "ar", "at", "az", "an", "ath", "ul", "l"}
TAL = {"tal", "tall", "tell", "tel", "til"}
DEIR = {"deir", "dayr", "dier", "dair", "der", "deyr"}
KHIRBA = {"kh", "khirbet", "khirbat", "khirbeh", "khirba", "khirbit", "khurbet", "kherbet",
          "khirbah"}
MARKS = "'’‘ʿʾ´`ʼ\""
SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "æ": "ae", "ß": "ss", "đ": "d",
                         "\u2011": "-", "\u2010": "-", "\u2013": "-", "\u2014": "-"})
GENERIC = {
    "military", "airbase", "air", "base", "airport", "international", "intl", "int", "l",
    "airfield", "airstrip", "heliport", "helicopter", "field", "fields", "oil", "gas",
    "oilfield", "oilfields", "dam", "crossing", "border", "post", "port", "naval", "and",
    "of", "the", "army", "station", "plant", "checkpoint", "complex", "former", "abandoned",
}


def ascii_fold(text: str) -> str:
    """Lowercase ASCII: accents and transliteration marks dropped, other symbols blanks."""
    text = text.translate(SPECIAL)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join("" if c in MARKS else c for c in text.lower())
    text = text.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def fold_words(name: str) -> list[str]:
    """The words of a name for matching: "(...)" parts dropped, articles (al-, as-, ash-,
    ad-, ar-, at-, az-, el- ...) and Tal/Tell/Tall dropped, Deir/Dayr/Dier and
    Kh./Khirbet/Khirbat made one word."""
    name = re.sub(r"\([^)]*\)?", " ", name)
    words = ascii_fold(name).split()
    out = []
    for w in words:
        if w in ARTICLES or w in TAL:
            continue
        if w in DEIR:
            w = "dayr"
        elif w in KHIRBA:
            w = "kh"
        # The article glued to the word ("alsafira", "ashshaykh") stays: only written
        # apart or with a hyphen is it an article.
        out.append(w)
    if not out:
        out = [w for w in words if w not in ARTICLES] or words
    return out


def _spell(word: str) -> str:
    w = word
    w = w.replace("ou", "u").replace("oo", "u").replace("ee", "i")
    w = w.replace("ei", "ay").replace("ai", "ay").replace("ey", "ay")
    w = re.sub(r"([aeiou])h$", r"\1", w)        # -ah, -eh: ta marbuta written or not
    w = re.sub(r"e$", "a", w)                   # Saqbe / Saqba
    w = re.sub(r"(.)\1+", r"\1", w)             # doubled letters
    return w


def fold(name: str) -> str:
    """A name folded for matching (see fold_words); "" when nothing is left."""
    return "".join(_spell(w) for w in fold_words(name))


def core(name: str) -> str:
    """A facility's name without generic words ("Tabqa Military Airbase" -> "tabqa")."""
    words = [w for w in fold_words(name) if w not in GENERIC and not w.isdigit()]
    return "".join(_spell(w) for w in words)


def display(name: str) -> str:
    """A name cleaned for display: a link anchor's target ("Offensive#Khafsin" ->
    "Khafsin"), non-breaking hyphens as hyphens, blanks collapsed."""
    if "#" in name:
        name = name.rsplit("#", 1)[1]
    name = name.replace("\u2011", "-").replace("\u00a0", " ").strip(" `[]")
    return " ".join(name.split())


def variants(name: str, split: bool = True) -> tuple[list[str], list[str]]:
    """The spellings a label or a UCDP name gives: (itself and each part of "A/B"; the
    words in parentheses when they look like a name, not "(406m)" or "(hill)"). What is in
    parentheses is another name ("Kobanî (Ayn al-Arab)") or a locator ("4th Division
    (Mezzeh)"), so it is matched only nearby and kept as an alias only for populated
    places."""
    out = [name]
    outer = re.sub(r"\s*\([^)]*\)?", "", name).strip()
    inner = re.findall(r"\(([^)]*)\)", name)
    if "/" in outer and split and not OIL_GAS.search(outer):
        out.extend(p.strip() for p in outer.split("/") if p.strip())
    if outer and outer != name:
        out.append(outer)
    weak = []
    for i in inner:
        i = i.strip()
        if re.search(r"\d", i) or not re.search(r"[A-Za-z]", i) or len(i) < 3:
            continue
        if i.lower() in ("hill", "city", "town", "village", "camp") \
                or re.search(r"\b(area|district|countryside|governorate|near)\b", i, re.I):
            continue
        weak.extend(p.strip() for p in i.split("/") if p.strip())
    return _uniq(out), [w for w in _uniq(weak) if w not in out]


OIL_GAS = re.compile(r"\b(oil|gas)\s*/\s*(oil|gas)\b", re.I)


def _uniq(names: list[str]) -> list[str]:
    seen, uniq = set(), []
    for v in names:
        v = display(v)
        if v and v not in seen:
            seen.add(v)
            uniq.append(v)
    return uniq


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text)).strip("-")


# ---------------------------------------------------------------- kinds

def _has(words: str, pattern: str) -> bool:
    return re.search(pattern, words, re.I) is not None


def label_kind(label: str) -> str | None:
    """The kind that words of a label or a UCDP name tell, if any."""
    t = " " + ascii_fold(label) + " "
    if _has(t, r" check ?points? "):
        return "checkpoint"
    if _has(t, r" (?<!ad )dams? ") or _has(t, r" reservoir "):
        return "dam"
    if _has(t, r" (border )?crossing ") or _has(t, r" border ") or _has(t, r" border post "):
        return "border_crossing"
    if _has(t, r" (oil|gas) ?(\w+ )?fields? ") or _has(t, r" oilfields? ") \
            or _has(t, r" fields? ") or _has(t, r" t[234] (pumping )?station ") \
            or _has(t, r" refinery "):
        return "oil_gas_field"
    if _has(t, r" (airport|airbase|air base|airstrip|heliport|airfield) "):
        return "airport"
    if _has(t, r" (naval|port of|port) "):
        return "port"
    if _has(t, r" (base|battalion|brigade|regiment|academy|division|barracks) "):
        return "base"
    if _has(t, r" (district|neighbourhood|neighborhood|quarter) "):
        return "neighbourhood"
    return None


SUFFIX_KIND = {"air": "airport", "heli": "airport", "naval": "port", "oil": "oil_gas_field",
               "hill": "hill", "base": "base", "industry": "other"}


def mark_kind(mark_name: str, site_kind: str | None, label: str,
              marksize: float | None) -> tuple[str, bool]:
    """(kind, firm) of a control mark; firm is False for a kind given only by default.

    In order: a border-post or dam icon at its point; the mark's suffix (_air/_heli
    airport, _naval port, _oil oil_gas_field, _hill hill); label words, which may make a
    _base or _industry mark more precise (a checkpoint, a dam, a border post); _base
    base, _industry other; the mark's size (12 px and more a city, 7 to 11 a town);
    else a village."""
    if site_kind and (marksize or 0) < 7:
        # A border-post or dam icon on a small mark: the mark is the crossing. On a
        # town's mark (Kobani, Jarabulus, Tell Abyad) the town keeps its kind.
        return site_kind, True
    suffix = mark_name.rsplit("_", 1)[-1] if "_" in mark_name else ""
    kind = SUFFIX_KIND.get(suffix)
    if kind in ("airport", "port", "oil_gas_field", "hill"):
        return kind, True
    by_label = label_kind(label)
    if kind in ("base", "other"):
        if by_label in ("checkpoint", "dam", "border_crossing", "oil_gas_field", "port"):
            return by_label, True
        return kind, True
    if by_label:
        return by_label, True
    size = marksize or 0
    if size >= 12:
        return "city", True
    if size >= 7:
        return "town", True
    # The module marks villages with plain small marks: a village, not a default.
    return "village", True


UCDP_TYPES = {
    "village": "village", "villae": "village", "villge": "village", "locality": "village",
    "town": "town", "city": "city", "suburb": "town",
    "hill": "hill", "hills": "hill", "mountain": "hill", "mount": "hill",
    "checkpoint": "checkpoint", "dam": "dam", "camp": "other", "farm": "other",
    "farms": "other", "ruins": "other", "ruin": "other", "island": "other",
    "prison": "other", "factory": "other", "plant": "other", "silos": "other",
    "castle": "other", "tower": "other", "springs": "other", "complex": "other",
    "project": "other", "sector": "neighbourhood",
}
# UCDP names that are areas, roads or waters rather than localities: left out.
UCDP_NOT_PLACES = {"area", "road", "river", "lake", "desert", "plain", "pocket",
                   "subdistrict", "stream", "pan"}


UCDP_STRIP = {"village", "villae", "villge", "locality", "town", "city", "suburb",
              "hill", "hills", "mountain", "mount"}


def ucdp_name(raw: str) -> tuple[list[str], list[str], str | None, bool]:
    """(spellings, spellings in parentheses, the kind its type word tells, is a
    locality) of a UCDP `where_coordinates`: "Kobane/Ayn al Arab town" is Kobane, also
    Ayn al Arab, a town; "Tall Bazzam hill" is Tall Bazzam, a hill; "Wadi Barada area"
    and roads are not localities."""
    text = " ".join(raw.split())
    low = text.lower()
    words = re.findall(r"[a-z]+", low)
    if (words and words[-1] in UCDP_NOT_PLACES) or re.search(r"\b(road|between|near)\b", low):
        return [text], [], None, False
    kind = None
    strong: list[str] = []
    weak: list[str] = []
    facility = label_kind(text) not in (None, "neighbourhood")
    parts = [text] if facility or OIL_GAS.search(text) else re.split(r"\s*/\s*", text)
    for part in parts:
        inner = re.findall(r"\(([^)]*)\)", part)
        outer = re.sub(r"\s*\([^)]*\)?", "", part).strip()
        w = outer.split()
        if len(w) > 1 and w[-1].lower() in UCDP_TYPES:
            kind = kind or UCDP_TYPES[w[-1].lower()]
            if w[-1].lower() in UCDP_STRIP:
                outer = " ".join(w[:-1])
        st, wk = variants(outer + "".join(f" ({i})" for i in inner), split=False)
        strong += st
        weak += wk
    strong = _uniq(strong)
    return strong, [x for x in _uniq(weak) if x not in strong], kind, True


# ---------------------------------------------------------------- records and places

@dataclass
class Record:
    source: str                 # "existing", "module", "ucdp"
    names: list[str]            # display spellings, the first is the name
    lon: float
    lat: float
    kind: str
    firm: bool                  # kind from a signal, not a default
    ref: object = None          # the place row, the Control, the UCDP row
    weak: list = field(default_factory=list)   # names in parentheses: near matches only
    keys: set = field(default_factory=set)
    weak_keys: set = field(default_factory=set)
    cores: set = field(default_factory=set)
    how: tuple = ()             # (rule, km) by which it joined its place


@dataclass
class Place:
    first: Record
    members: list = field(default_factory=list)
    row: dict | None = None     # today's row for existing places

    @property
    def kind(self) -> str:
        return self.first.kind


def km(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _keys(rec: Record, extra: list[str] = ()) -> None:
    for n in rec.weak:
        k = fold(n)
        if len(k) >= 2:
            rec.weak_keys.add(k)
    for n in list(rec.names) + list(extra):
        k = fold(n)
        if len(k) >= 2:
            rec.keys.add(k)
        if rec.kind in FACILITIES or rec.kind == "other":
            c = core(n)
            if len(c) >= 3:
                rec.cores.add(c)


class Grid:
    CELL = 0.05

    def __init__(self):
        self.cells: dict[tuple[int, int], list[Place]] = {}

    def _cell(self, lat, lon):
        return (math.floor(lat / self.CELL), math.floor(lon / self.CELL))

    def add(self, p: Place) -> None:
        self.cells.setdefault(self._cell(p.first.lat, p.first.lon), []).append(p)

    def near(self, lat, lon, reach=2):
        r, c = self._cell(lat, lon)
        for dr in range(-reach, reach + 1):
            for dc in range(-reach, reach + 1):
                yield from self.cells.get((r + dr, c + dc), ())


def compatible(a: Record, b: Record) -> bool:
    if not a.firm or not b.firm:
        return True
    return KIND_CLASS[a.kind] == KIND_CLASS[b.kind]


def merge_radius_of(rec: Record) -> float:
    if rec.firm and rec.kind == "city":
        return MERGE_KM_CITY
    if rec.firm and rec.kind == "town":
        return MERGE_KM_TOWN
    return MERGE_KM


def merge_radius(p: Place) -> float:
    return merge_radius_of(p.first)


def best_place(rec: Record, grid: Grid) -> tuple[Place, str, float] | None:
    """The place a record joins: (place, rule, km) or None."""
    best = None
    for p in grid.near(rec.lat, rec.lon):
        d = km(rec.lat, rec.lon, p.first.lat, p.first.lon)
        site_point = (d <= SAME_POINT_KM and p.first.source == "existing"
                      and p.first.ref.get("_site_from_mark"))
        same_name = bool(rec.keys & p.first.keys)
        near_name = bool((rec.keys | rec.weak_keys) & (p.first.keys | p.first.weak_keys))
        if not compatible(rec, p.first) and not site_point \
                and not (same_name and d <= SAME_POINT_KM):
            continue
        rule = None
        if site_point:
            rule = "same point"
        elif rec.source == p.first.source == "module":
            # Two marks of the module are one place only at one point (a repeated
            # mark): its editors give each locality one mark, and "Tall X" (a hill) and
            # "X" (its village) are two.
            if (same_name or near_name) and d <= MODULE_SAME_KM:
                rule = "name"
        elif same_name and d <= max(merge_radius(p), merge_radius_of(rec)):
            rule = "name"
        elif near_name and d <= WEAK_KM:
            rule = "name"
        elif rec.cores & p.first.cores and d <= FACILITY_KM \
                and rec.kind in FACILITIES and p.first.kind in FACILITIES:
            rule = "facility name"
        if rule and (best is None or (d, rule) < (best[2], best[1])):
            best = (p, rule, d)
    return best


# ---------------------------------------------------------------- the build

def build(existing: list[dict], controls: list, ucdp_path: Path, geo) -> tuple[list[dict], dict, dict]:
    """Merge the sources into places.

    existing: today's place rows (build.py), with private fields `_names` (other
    spellings of the source, e.g. GeoNames' own names) and `_alternates` (GeoNames'
    Latin alternate names, used for matching only).
    controls: the module's control marks (snapshot.classify).
    geo: build.py's helpers (in_boundary, snap, region_of).

    Returns (place rows sorted by id, {mark line: place id}, summary)."""
    summary = {"existing": len(existing), "module marks": len(controls), "ucdp rows": 0,
               "ucdp not localities": [], "merged": {}, "moved": [], "dropped": [],
               "new": {"module": 0, "ucdp": 0}}
    grid = Grid()
    places: list[Place] = []
    for row in existing:
        names = [row["name"]] + [n for n in row.get("_names", []) if n != row["name"]]
        rec = Record("existing", names, row["lon"], row["lat"], row["kind"], True, row)
        _keys(rec, row.get("_alternates", []))
        p = Place(rec, [rec], row)
        places.append(p)
        grid.add(p)

    def add(rec: Record) -> Place:
        hit = best_place(rec, grid)
        if hit:
            p, rule, d = hit
            rec.how = (rule, round(d, 2))
            p.members.append(rec)
            key = f"{rec.source} into {p.first.source} ({rule})"
            summary["merged"][key] = summary["merged"].get(key, 0) + 1
            return p
        p = Place(rec, [rec])
        places.append(p)
        grid.add(p)
        summary["new"][rec.source] += 1
        return p

    # The module's control marks, in file order.
    place_of_control: dict[int, Place] = {}
    for c in controls:
        name = display(c.name)
        kind, firm = mark_kind(c.mark.icon[1] if c.mark.icon[0] == "named" else "",
                               c.site_kind, name, c.mark.marksize)
        # "A/B" is two spellings of a village or hill, but "Fuel Depot/Al A'laaf
        # Checkpoint" and "SDF/Russian Military Base" are not.
        label_names, weak = variants(name, split=KIND_CLASS[kind] in ("settlement", "hill"))
        rec = Record("module", label_names, round(c.mark.lon, 5), round(c.mark.lat, 5),
                     kind, firm, c, weak)
        _keys(rec)
        place_of_control[c.mark.line] = add(rec)

    # UCDP named locations, in a fixed order.
    with ucdp_path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    need = {"where_coordinates", "latitude", "longitude", "adm_1", "adm_2"}
    if rows and not need <= set(rows[0]):
        raise ValueError(f"{ucdp_path.name}: missing columns {sorted(need - set(rows[0]))}")
    summary["ucdp rows"] = len(rows)
    rows.sort(key=lambda r: (r["where_coordinates"], float(r["latitude"]), float(r["longitude"])))
    for r in rows:
        names, weak, word_kind, is_place = ucdp_name(r["where_coordinates"])
        if not is_place:
            summary["ucdp not localities"].append(r["where_coordinates"])
            continue
        by_label = label_kind(r["where_coordinates"])
        kind = word_kind if word_kind in ("checkpoint", "dam", "hill") else (by_label or word_kind)
        firm = kind is not None
        kind = kind or "village"
        rec = Record("ucdp", names, round(float(r["longitude"]), 5),
                     round(float(r["latitude"]), 5), kind, firm, r, weak)
        _keys(rec)
        add(rec)

    # Kinds of new places: a firm kind of a later member replaces a default; populated
    # places near a city centre are its neighbourhoods.
    centres = {p.row["id"]: p for p in places if p.row and p.row["id"] in CITY_RADIUS_KM}
    for p in places:
        if p.row:
            continue
        kind = p.first.kind
        if not p.first.firm:
            firm = [m.kind for m in p.members if m.firm]
            if firm:
                kind = firm[0]
        if kind == "village":
            # A small mark that UCDP calls a town or city is one.
            bigger = [m.kind for m in p.members if m.kind in ("town", "city")]
            if bigger:
                kind = "city" if "city" in bigger else "town"
        if kind in ("village", "town"):
            for cid, c in centres.items():
                if km(p.first.lat, p.first.lon, c.first.lat, c.first.lon) <= CITY_RADIUS_KM[cid]:
                    kind = "neighbourhood"
        p.first.kind = kind

    # Boundary: new places up to SNAP_KM outside are moved inside, farther ones dropped.
    kept: list[Place] = []
    for p in places:
        if p.row:
            kept.append(p)
            continue
        inside, moved = geo.snap(p.first.lon, p.first.lat, SNAP_KM)
        if inside is None:
            summary["dropped"].append((p.first.source, p.first.names[0], moved))
            continue
        if moved:
            summary["moved"].append((p.first.source, p.first.names[0], moved))
        p.first.lon, p.first.lat = inside
        kept.append(p)
    places = kept

    # Rows: today's rows unchanged but for their aliases; new rows from their first record.
    rows_out = []
    for p in places:
        if p.row:
            row = p.row
        else:
            rec = p.first
            row = {"id": None, "name": rec.names[0], "name_ar": "",
                   "lon": round(rec.lon, 5), "lat": round(rec.lat, 5), "kind": rec.kind,
                   "population": None, "population_year": "", "population_source": "",
                   "region": geo.region_of(rec.lon, rec.lat),
                   "_source": ("Wikipedia module line %d" % rec.ref.mark.line
                               if rec.source == "module" else
                               "UCDP %s" % rec.ref["where_coordinates"])}
        spellings = set()
        settlement = KIND_CLASS[row["kind"]] == "settlement"
        for m in p.members:
            spellings.update(m.names)
            if settlement:
                spellings.update(m.weak)
        name = row["name"]
        # GeoNames' ASCII names write ayn as a backtick ("`Afrin"): shown as ‘.
        spellings = {s.replace("`", "‘").replace(";", ",") for s in spellings if s}
        row["aliases"] = ";".join(sorted(
            {s for s in spellings if s.casefold() != name.casefold()},
            key=lambda s: (s.casefold(), s)))
        row["_sources"] = sorted({m.source for m in p.members})
        row["_members"] = [(m.source, m.names[0], m.kind, m.how) for m in p.members]
        row["_place"] = p
        rows_out.append(row)

    # Ids: today's ids stay; new ones are slugs of their name, a duplicate gets the
    # governorate code, then its point (3 decimals).
    taken = {r["id"] for r in rows_out if r["id"]}
    new = [r for r in rows_out if not r["id"]]
    by_slug: dict[str, list[dict]] = {}
    for r in new:
        s = slug(r["name"]) or "place"
        by_slug.setdefault(s, []).append(r)
    for s, group in by_slug.items():
        if len(group) == 1 and s not in taken:
            group[0]["id"] = s
            continue
        by_region: dict[str, list[dict]] = {}
        for r in group:
            by_region.setdefault(f"{s}-{r['region'].split('-', 1)[1].lower()}", []).append(r)
        for rs, members in by_region.items():
            if len(members) == 1 and rs not in taken:
                members[0]["id"] = rs
            else:
                for r in members:
                    r["id"] = f"{rs}-{_coord(r['lat'])}-{_coord(r['lon'])}"
    # Two new places at the same point under one name (kinds apart): numbered by name.
    seen: dict[str, int] = {}
    for r in sorted(new, key=lambda r: (r["id"], r["name"], r["kind"])):
        n = seen.get(r["id"], 0) + 1
        seen[r["id"]] = n
        if n > 1:
            r["id"] = f"{r['id']}-{n}"
    ids = [r["id"] for r in rows_out]
    if len(ids) != len(set(ids)):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"gazetteer: duplicate ids {dup[:10]}")

    place_of = {}
    for r in rows_out:
        r["_place"].id = r["id"]
    kept_set = {id(p) for p in places}
    for line, p in place_of_control.items():
        if id(p) in kept_set:
            place_of[line] = p.id
    for r in rows_out:
        del r["_place"]
    rows_out.sort(key=lambda r: r["id"])
    return rows_out, place_of, summary


def _coord(x: float) -> str:
    return f"{x:.3f}".replace("-", "m").replace(".", "-")
