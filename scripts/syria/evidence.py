"""Observations read from the shared Wikipedia articles (scripts/syria/evidence/*.csv).

Each row names a gazetteer place, a dated state, and the article and section of the sentence
it was read from (rows are taken in by scripts/syria/accept_research.py, which checked the
sentence verbatim). The build turns each row into an observation whose source is that
article, as copied in ../shared/data/research (publisher Wikipedia, the article's title and
URL, the copy's date), and checks again, failing with file, line and reason:
- the article is there and names the place: the spelling the row read (`name_in_source`)
  occurs in the article, and the name it was matched by (`matched_as`) is one of the
  place's names or aliases; the article's spelling then becomes an alias of the place;
- the source is not dated before the state it reports (the build's shared checks).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
FOLDER = HERE / "evidence"
COLUMNS = ["place", "date", "status", "party", "party2", "confidence", "article", "section",
           "name_in_source", "matched_as", "note"]


class Articles:
    """The shared research articles, read once each."""

    def __init__(self, folder: Path, fail):
        self.folder = folder
        self.fail = fail
        self.cache: dict[str, tuple[str, dict[str, str]] | None] = {}

    def get(self, name: str, where: str) -> tuple[str, dict[str, str]] | None:
        if name not in self.cache:
            path = self.folder / name
            if not self.folder.is_dir():
                self.fail(f"{where}: the shared research articles are missing: {self.folder} "
                          "(set FRONTLINE_SHARED_DATA to the shared data folder)")
                self.cache[name] = None
            elif not path.is_file():
                self.fail(f"{where}: article {name!r} is not in {self.folder}")
                self.cache[name] = None
            else:
                text = path.read_text(encoding="utf-8")
                self.cache[name] = (text, front_matter(text))
        return self.cache[name]


def front_matter(text: str) -> dict[str, str]:
    """The YAML front matter's plain `key: value` lines (subject, pubDate)."""
    out: dict[str, str] = {}
    if not text.startswith("---"):
        return out
    end = text.find("\n---", 3)
    for line in text[3:end].splitlines():
        m = re.match(r"^(\w+):\s*(.*)$", line)
        if m:
            out[m.group(1)] = m.group(2).strip().strip('"')
    return out


def observations(places: list[dict], shared: Path, fail) -> list[dict]:
    """The evidence rows as observation rows (control.csv's columns with the source
    expanded), in file order; adds each article's spelling to its place's aliases."""
    by_id = {p["id"]: p for p in places}
    articles = Articles(shared / "research" / "wikipedia-syria-articles", fail)
    rows = read_rows(fail)
    # The spellings each place is named by in the articles: a row may be matched through
    # another row's spelling (that article names the place so), never through its own.
    spellings: dict[str, dict[str, int]] = {}
    for _, r in rows:
        names = spellings.setdefault(r["place"], {})
        names[r["name_in_source"]] = names.get(r["name_in_source"], 0) + 1
    gazetteer_names = {p["id"]: [p["name"]] + [a for a in p.get("aliases", "").split(";") if a]
                       for p in places}
    out: list[dict] = []
    for where, r in rows:
        place = by_id.get(r["place"])
        if place is None:
            fail(f"{where}: unknown place {r['place']!r}")
            continue
        got = articles.get(r["article"], where)
        if got is None:
            continue
        text, meta = got
        if r["name_in_source"] not in text:
            fail(f"{where}: article {r['article']} does not name {r['name_in_source']!r}")
            continue
        others = spellings[r["place"]].get(r["matched_as"], 0) - (
            r["matched_as"] == r["name_in_source"])
        if r["matched_as"] not in gazetteer_names[r["place"]] and others < 1:
            fail(f"{where}: {r['matched_as']!r} is neither a name or alias of place "
                 f"{r['place']} nor another article's spelling of it")
            continue
        if r["name_in_source"] not in gazetteer_names[r["place"]]:
            aliases = set(a for a in place.get("aliases", "").split(";") if a)
            aliases.add(r["name_in_source"])
            place["aliases"] = ";".join(sorted(aliases))
        subject = meta.get("subject", "")
        if not subject or not meta.get("pubDate"):
            fail(f"{where}: article {r['article']} has no subject or pubDate in its front matter")
            continue
        section = f" (section: {r['section']})" if r["section"] and r["section"] != "lead" else ""
        out.append(article_observation(r["place"], r, subject, meta, r["note"] + section, where))
    return out


def article_observation(place: str, r: dict, subject: str, meta: dict, note: str,
                        where: str) -> dict:
    """The observation row of a statement read in a shared research article: the place
    (or area) `place`, the row's date, status, parties and confidence, sourced to the
    article (publisher Wikipedia, its title and URL, the copy's date)."""
    return {
        "place": place, "date": r["date"], "status": r["status"],
        "party": r["party"], "party2": r["party2"], "party3": "",
        "source_publisher": "Wikipedia", "source_title": subject,
        "source_url": "https://en.wikipedia.org/wiki/" + subject.replace(" ", "_"),
        "source_date": meta["pubDate"][:10], "source_stance": "neutral",
        "source2_publisher": "", "source2_title": "", "source2_url": "",
        "source2_date": "", "source2_stance": "",
        "confidence": r["confidence"], "valid_until": "",
        "note": note,
        "_where": where,
    }


def read_rows(fail) -> list[tuple[str, dict]]:
    """Every row of scripts/syria/evidence/GROUP.csv with where it is (file:line (place
    date))."""
    rows = []
    for path in sorted(FOLDER.glob("*.csv")):
        if path.name in ("left_out.csv", "facts.csv"):
            continue
        name = path.relative_to(HERE.parent.parent)
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            if reader.fieldnames != COLUMNS:
                fail(f"{name}: columns must be {','.join(COLUMNS)}")
                continue
            rows.extend((f"{name}:{line} ({r['place']} {r['date']})", r)
                        for line, r in enumerate(reader, start=2))
    return rows
