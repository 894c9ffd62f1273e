"""Wikipedia's "Module:Syrian Civil War detailed map" (a revision of mid-2017) as a dated
snapshot: each control mark becomes one observation of its gazetteer place.

Three parts, each a port of the Rust importer (crates/formats/src/wikipedia/) so that the
build and `frontline import --format wikipedia-module` read the module the same way:

* `read_module`: the module's `marks = { ... }` list, entry by entry (lexer.rs, parse.rs):
  `--` and `--[[ ]]` comments, quoted and long-bracket strings, numbers, `m.name`, a
  broken entry reported by its line while the rest is still read;
* `plain`: a label as readers see it (label.rs: `[[A|B]]` shows `B`, tags dropped);
* `MarkTable`: what a mark means, read from crates/formats/src/wikipedia/syria_marks.csv
  itself by the rules of mapping.rs (exact rows, `stable_*` prefix rules, `*_siege`
  suffix rules, `file:` rows, `A_B` contested, `nusra/hts` alternatives by date).

`observations` then turns the control marks, each already given a place by the
gazetteer, into observation rows with the snapshot's built-in choices (SNAPSHOT below).

Standard library only.
"""

from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

# The snapshot's built-in choices (docs/syria.md, "The mid-2017 snapshot").
SNAPSHOT = {
    "date": "2017-07",
    "valid_until": "2018-01-31",
    "confidence": "medium",
    "source_publisher": "Wikipedia",
    "source_title": "Module:Syrian Civil War detailed map (revision of mid-2017)",
    "source_url": "https://en.wikipedia.org/wiki/Module:Syrian_Civil_War_detailed_map",
    "source_date": "2017-07",
    "source_stance": "neutral",
}
# Sides whose built-in party (syria_marks.csv) is replaced for this snapshot. `Trk`
# (Turkey and Turkish-backed rebels) is `sna/turkey` in the table: in July 2017 that is
# the Turkish army, but the marks stand for the Euphrates Shield rebels holding the
# places, which this data set records as `opposition` until the SNA's founding on
# 2017-12-30 (parties.csv).
SIDE_OVERRIDES = {"Trk": ["opposition"]}


class ModuleError(Exception):
    """The module as a whole cannot be read (no marks list, list never closed)."""


# ---------------------------------------------------------------- lexer (lexer.rs)

NAME_START = re.compile(r"[A-Za-z_]")
NAME = re.compile(r"[A-Za-z0-9_]*")


class LexError(Exception):
    def __init__(self, line: int, reason: str):
        super().__init__(reason)
        self.line = line
        self.reason = reason


class Lexer:
    """A cursor over module text yielding (kind, value, line) tokens: kind is one of
    'name', 'number', 'str', 'punct'. Ports crates/formats/src/wikipedia/lexer.rs."""

    def __init__(self, text: str):
        self.text = text
        self.pos = 0
        self.line = 1

    def clone(self) -> "Lexer":
        c = Lexer(self.text)
        c.pos, c.line = self.pos, self.line
        return c

    def restore(self, other: "Lexer") -> None:
        self.pos, self.line = other.pos, other.line

    def _peek(self, ahead: int = 0) -> str | None:
        i = self.pos + ahead
        return self.text[i] if i < len(self.text) else None

    def resync(self) -> None:
        """Move to the start of the first line from here that begins (after blanks) with
        `{` or `}`; the current line counts only when the cursor is at its start."""
        t = self.text
        at_line_start = self.pos == 0 or t[self.pos - 1] == "\n"
        if at_line_start:
            rest = t[self.pos:].lstrip(" \t\r")
            if rest[:1] in ("{", "}") and rest:
                return
        while self.pos < len(t):
            if t[self.pos] == "\n":
                self.pos += 1
                self.line += 1
                rest = t[self.pos:self.pos + 200].lstrip(" \t\r")
                if rest[:1] in ("{", "}") and rest:
                    return
            else:
                self.pos += 1

    def next_token(self):
        """The next token, None at the end; raises LexError for a bad token."""
        self._skip_blanks_and_comments()
        line = self.line
        c = self._peek()
        if c is None:
            return None
        try:
            if c in "\"'":
                return ("str", self._short_string(c), line)
            if c == "[" and self._peek(1) in ("[", "="):
                s = self._long_bracket()
                if s is None:
                    self.pos += 1
                    return ("punct", "[", line)
                return ("str", s, line)
            if c.isascii() and c.isdigit() or (c == "." and (self._peek(1) or "").isdigit()):
                return ("number", self._number(), line)
            if NAME_START.match(c):
                m = NAME.match(self.text, self.pos + 1)
                name = self.text[self.pos:m.end()]
                self.pos = m.end()
                return ("name", name, line)
            self.pos += 1
            return ("punct", c, line)
        except LexError as e:
            e.line = line
            raise

    def _skip_blanks_and_comments(self) -> None:
        while True:
            c = self._peek()
            if c == "\n":
                self.line += 1
                self.pos += 1
            elif c in (" ", "\t", "\r"):
                self.pos += 1
            elif c == "-" and self._peek(1) == "-":
                line = self.line
                self.pos += 2
                if self._peek() == "[":
                    try:
                        body = self._long_bracket()
                    except LexError as e:
                        raise LexError(line, f"comment: {e.reason}") from None
                    if body is not None:
                        continue
                while self._peek() not in (None, "\n"):
                    self.pos += 1
            else:
                return

    def _long_bracket(self) -> str | None:
        t = self.text
        level = 0
        while self._peek(1 + level) == "=":
            level += 1
        if self._peek(1 + level) != "[":
            return None
        start = self.pos + 2 + level
        close = "]" + "=" * level + "]"
        n = t.find(close, start)
        if n < 0:
            self.pos = len(t)
            raise LexError(self.line, f"a long bracket [{'=' * level}[ is never closed by {close}")
        body = t[start:n]
        self.line += body.count("\n")
        self.pos = n + len(close)
        if body.startswith("\r\n"):
            body = body[2:]
        elif body.startswith("\n"):
            body = body[1:]
        return body

    def _short_string(self, quote: str) -> str:
        self.pos += 1
        out = []
        t = self.text
        while True:
            if self.pos >= len(t):
                raise LexError(self.line, "a string is never closed")
            c = t[self.pos]
            self.pos += 1
            if c == "\n":
                self.line += 1
                raise LexError(self.line, "a line break inside a quoted string "
                                          "(a string is not closed on its line)")
            if c == "\\":
                if self.pos >= len(t):
                    raise LexError(self.line, "a string is never closed")
                e = t[self.pos]
                self.pos += 1
                if e == "n":
                    out.append("\n")
                elif e == "t":
                    out.append("\t")
                elif e == "r":
                    out.append("\r")
                elif e == "\n":
                    self.line += 1
                    out.append("\n")
                else:
                    out.append(e)
            elif c == quote:
                return "".join(out)
            else:
                out.append(c)

    def _number(self) -> float:
        t = self.text
        start = end = self.pos
        while end < len(t):
            c = t[end]
            exp_sign = c in "+-" and end > start and t[end - 1] in "eE"
            if (c.isascii() and c.isalnum()) or c == "." or exp_sign:
                end += 1
            else:
                break
        self.pos = end
        text = t[start:end]
        try:
            if not re.fullmatch(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", text):
                raise ValueError
            return float(text)
        except ValueError:
            raise LexError(self.line, f"{text!r} is not a number") from None


# ---------------------------------------------------------------- entries (parse.rs)

@dataclass
class Mark:
    """One entry of the module's `marks` list, as written."""
    line: int
    lat: float
    lon: float
    icon: tuple[str, str]          # ("named", "gov_siege") or ("file", "Rif_Aleppo2.svg")
    label: str | None = None
    link: str | None = None
    marksize: float | None = None


def _next(lx: Lexer):
    try:
        tok = lx.next_token()
    except LexError as e:
        raise ValueError(f"line {e.line}: {e.reason}") from None
    if tok is None:
        raise ValueError("the entry is never closed by '}'")
    return tok


def _describe(tok) -> str:
    kind, value, _ = tok
    return {"name": f"the name {value!r}", "number": f"the number {value}",
            "str": f"the string {value!r}", "punct": repr(value)}[kind]


def _value(lx: Lexer):
    first = _next(lx)
    kind, v, line = first
    if kind in ("number", "str"):
        return (kind, v)
    if kind == "punct" and v == "-":
        k2, v2, _ = nxt = _next(lx)
        if k2 == "number":
            return ("number", -v2)
        raise ValueError(f"line {line}: expected a number after '-', found {_describe(nxt)}")
    if kind == "name":
        probe = lx.clone()
        try:
            t = probe.next_token()
        except LexError:
            t = None
        if t is not None and t[0] == "punct" and t[1] == ".":
            try:
                t2 = probe.next_token()
            except LexError:
                t2 = None
            if t2 is not None and t2[0] == "name":
                lx.restore(probe)
                return ("field", t2[1])
            raise ValueError(f"line {line}: expected a name after '{v}.'")
        return ("name", v)
    if kind == "punct" and v == "{":
        raise ValueError(f"line {line}: nested tables are not supported in a mark entry")
    raise ValueError(f"line {line}: expected a value, found {_describe(first)}")


def _number(value, what: str) -> float:
    kind, v = value
    if kind == "number":
        return v
    if kind == "str":
        try:
            return float(v.strip())
        except ValueError:
            raise ValueError(f"{what} {v!r} is not a number") from None
    raise ValueError(f"{what} is not a number")


def _text(value) -> str | None:
    kind, v = value
    if kind == "str":
        return v
    if kind == "name" and v != "nil":
        return v
    if kind == "number":
        return repr(v)
    return None


def _entry(lx: Lexer, line: int) -> Mark:
    lat = lon = icon = label = link = marksize = None
    while True:
        kind, v, kline = _next(lx)
        if kind == "punct" and v == "}":
            break
        if kind == "punct" and v in ",;":
            continue
        if kind == "name":
            probe = lx.clone()
            try:
                t = probe.next_token()
            except LexError:
                t = None
            if t is not None and t[0] == "punct" and t[1] == "=":
                lx.restore(probe)
                name = v
            elif t is not None and t[0] == "punct" and t[1] == ".":
                lx.restore(probe)
                _next(lx)
                continue
            else:
                continue
        elif kind in ("str", "number"):
            continue
        else:
            raise ValueError(f"line {kline}: expected a field name, found {_describe((kind, v, kline))}")
        value = _value(lx)
        if name == "lat":
            lat = _number(value, "lat")
        elif name in ("long", "lon"):
            lon = _number(value, "long")
        elif name == "marksize":
            marksize = _number(value, "marksize")
        elif name == "mark":
            vk, vv = value
            if vk == "field":
                icon = ("named", vv)
            elif vk == "str":
                icon = ("file", vv)
            elif vk == "name":
                raise ValueError(f"mark {vv!r} is a bare name; expected m.<name> or a file name")
            else:
                raise ValueError(f"mark {vv} is a number; expected m.<name> or a file name")
        elif name == "label":
            label = _text(value)
        elif name == "link":
            link = _text(value)
    if lat is None:
        raise ValueError("the entry has no lat")
    if lon is None:
        raise ValueError("the entry has no long")
    if icon is None:
        raise ValueError("the entry has no mark")
    if not -90.0 <= lat <= 90.0:
        raise ValueError(f"lat {lat} is not a latitude")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"long {lon} is not a longitude")
    return Mark(line, lat, lon, icon, label, link, marksize)


def read_module(text: str) -> tuple[list[Mark], list[tuple[int, str]]]:
    """The entries of the module's `marks` list: (marks, broken entries as (line, reason))."""
    lx = Lexer(text)
    window: list = [None, None]
    while True:
        try:
            tok = lx.next_token()
        except LexError as e:
            raise ModuleError(f"line {e.line}: {e.reason}") from None
        if tok is None:
            raise ModuleError("no `marks = { ... }` list: this is not a detailed-map module")
        if tok[:2] == ("punct", "{") and window[1] == ("punct", "=") and window[0] == ("name", "marks"):
            break
        window = [window[1], tok[:2]]
    marks: list[Mark] = []
    broken: list[tuple[int, str]] = []
    while True:
        try:
            tok = lx.next_token()
        except LexError as e:
            broken.append((e.line, e.reason))
            lx.resync()
            continue
        if tok is None:
            raise ModuleError("the marks list is never closed by '}'")
        kind, v, line = tok
        if kind == "punct" and v == "}":
            return marks, broken
        if kind == "punct" and v in ",;":
            continue
        if kind == "punct" and v == "{":
            try:
                marks.append(_entry(lx, line))
            except ValueError as e:
                reason = str(e)
                own = f"line {line}: "
                if reason.startswith(own):
                    reason = reason[len(own):]
                broken.append((line, reason))
                lx.resync()
            continue
        broken.append((line, f"expected an entry '{{ ... }}', found {_describe(tok)}"))
        lx.resync()


# ---------------------------------------------------------------- labels (label.rs)

def plain(raw: str) -> str:
    """The text a reader sees for a wiki label: `[[A|B]]` shows `B`, `[[A]]` shows `A`,
    bold/italic quotes and backticks dropped, tags dropped leaving a blank, blanks
    collapsed."""
    out = []
    rest = raw
    while True:
        i = rest.find("[[")
        if i < 0:
            break
        out.append(rest[:i])
        after = rest[i + 2:]
        j = after.find("]]")
        if j < 0:
            out.append(after)
            rest = ""
            break
        inner = after[:j]
        shown = inner.rsplit("|", 1)[1] if "|" in inner else inner
        out.append(shown.lstrip("#"))
        rest = after[j + 2:]
    out.append(rest)
    text = "".join(out).replace("'''", "").replace("''", "").replace("`", "")
    text = text.replace("&nbsp;", " ").replace("&amp;", "&")
    text = re.sub(r"<[^>]*(?:>|$)", " ", text)
    return " ".join(text.split()).replace("( ", "(").replace(" )", ")")


# ---------------------------------------------------------------- the mark table (mapping.rs)

CONTROL_STATUSES = {"controlled", "contested", "joint", "besieged", "claimed", "unknown"}


@dataclass
class Rule:
    status: str | None               # a control status, "site", or None (keep the rest's)
    parties: list[list[str]]         # alternatives per party cell
    kind: str | None


@dataclass
class Meaning:
    """What a mark means: kind 'control' (status, parties, place kind), 'site' (a place
    kind only) or 'not-a-mark' (decoration)."""
    what: str
    status: str | None = None
    parties: list[str] = field(default_factory=list)
    kind: str | None = None


def _file_key(name: str) -> str:
    return "".join(c for c in name if c not in " _").lower()


class MarkError(Exception):
    """A mark the table gives no meaning (the reason in words)."""


class MarkTable:
    """The mark table of crates/formats/src/wikipedia/syria_marks.csv, with the rules of
    mapping.rs. `exists(party, day_span)` tells whether a party exists during a period."""

    def __init__(self, path: Path, place_kinds: set[str]):
        self.exact: list[tuple[str, Rule]] = []
        self.prefixes: list[tuple[str, Rule]] = []
        self.suffixes: list[tuple[str, Rule]] = []
        self.files: list[tuple[str, Rule]] = []
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            for n, row in enumerate(reader, start=2):
                row = {k: (v or "").strip() for k, v in row.items() if k is not None}
                status = row.get("status", "")
                if status and status != "site" and status not in CONTROL_STATUSES:
                    raise ValueError(f"{path.name}:{n}: status {status!r} unknown")
                kind = row.get("kind", "")
                if kind and kind not in place_kinds:
                    raise ValueError(f"{path.name}:{n}: kind {kind!r} unknown")
                parties = [[p.strip() for p in row[c].split("/")]
                           for c in ("party", "party2") if row.get(c)]
                rule = Rule(status or None, parties, kind or None)
                mark = row["mark"]
                if mark.startswith("file:"):
                    self.files.append((_file_key(mark[5:]), rule))
                elif mark.endswith("*"):
                    self.prefixes.append((mark[:-1], rule))
                elif mark.startswith("*"):
                    self.suffixes.append((mark[1:], rule))
                elif not mark:
                    raise ValueError(f"{path.name}:{n}: mark: a value is required")
                else:
                    self.exact.append((mark, rule))

    def _exact(self, name: str) -> Rule | None:
        return next((r for k, r in self.exact if k == name), None)

    def named(self, name: str, day, exists, overrides=None) -> Meaning:
        status, parties, kind = self._resolve(name, day, exists, overrides or {}, 0)
        if status == "site":
            return Meaning("site", kind=kind or "other")
        return Meaning("control", status, parties, kind)

    def file(self, name: str, day, exists) -> Meaning:
        key = _file_key(name)
        rule = next((r for k, r in self.files if k == key), None)
        if rule is None:
            return Meaning("not-a-mark")
        parties = _choose(rule.parties, day, exists, name)
        if rule.status == "site":
            return Meaning("site", kind=rule.kind or "other")
        return Meaning("control", rule.status or "controlled", parties, rule.kind)

    def _side(self, side: str, rule: Rule, day, exists, overrides) -> list[str]:
        if side in overrides:
            return list(overrides[side])
        return _choose(rule.parties, day, exists, side)

    def _resolve(self, name, day, exists, overrides, depth):
        if depth > 4:
            raise MarkError(f"mark {name!r} nests too many rules")
        rule = self._exact(name)
        if rule is not None:
            return (rule.status or "controlled",
                    self._side(name, rule, day, exists, overrides), rule.kind)
        hit = None
        for p, r in self.prefixes:
            if name.startswith(p) and len(name) > len(p):
                hit = (name[len(p):], r)
                break
        if hit is None:
            for s, r in self.suffixes:
                if name.endswith(s) and len(name) > len(s):
                    hit = (name[:-len(s)], r)
                    break
        if hit is not None:
            rest, r = hit
            if r.status == "site":
                return ("site", [], r.kind)
            status, parties, kind = self._resolve(rest, day, exists, overrides, depth + 1)
            return (r.status or status, parties, r.kind or kind)
        sides = name.split("_")
        if len(sides) < 2:
            raise MarkError(f"unknown mark {name!r}: the mapping table has no row for it")
        parties: list[str] = []
        for side in sides:
            r = self._exact(side)
            if r is None:
                raise MarkError(f"unknown mark {name!r}: no row for its side {side!r}")
            chosen = self._side(side, r, day, exists, overrides)
            if not chosen:
                raise MarkError(f"mark {name!r}: the side {side!r} names no party, "
                                "so the mark cannot be shared")
            parties.extend(chosen)
        return ("contested", parties, None)


def _choose(cells: list[list[str]], day, exists, mark: str) -> list[str]:
    out = []
    for alternatives in cells:
        pick = next((p for p in alternatives if exists(p, day)), None)
        if pick is None:
            raise MarkError(f"mark {mark!r}: none of its parties ({', '.join(alternatives)}) "
                            f"exists on {day}")
        out.append(pick)
    return out


def mark_name(m: Mark) -> str:
    kind, name = m.icon
    return f"m.{name}" if kind == "named" else repr(name)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (haversine, mean Earth radius), as matching.rs."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


@dataclass
class Control:
    """A control mark with its meaning and the name it shows."""
    mark: Mark
    name: str
    meaning: Meaning
    site_kind: str | None = None      # from a border-post or dam icon at its point


def classify(marks: list[Mark], table: MarkTable, day, exists) -> tuple[list[Control], dict]:
    """Split the marks into control marks (named, with their meaning) and the rest, as
    mod.rs does; site icons (border posts, dams) give their kind to the nearest control
    mark within 200 m. Returns (controls, report) where report lists the others."""
    report = {"decoration": [], "site_applied": [], "site_alone": [], "unmapped": [],
              "unnamed": []}
    controls: list[Control] = []
    sites = []
    for m in marks:
        try:
            if m.icon[0] == "named":
                meaning = table.named(m.icon[1], day, exists, SIDE_OVERRIDES)
            else:
                meaning = table.file(m.icon[1], day, exists)
        except MarkError as e:
            report["unmapped"].append((m.line, str(e)))
            continue
        if meaning.what == "not-a-mark":
            report["decoration"].append((m.line, f"{mark_name(m)} is not a control mark"))
        elif meaning.what == "site":
            sites.append((m, meaning.kind))
        else:
            shown = plain(m.label) if m.label else ""
            name = shown or (plain(m.link) if m.link else "")
            if not name:
                report["unnamed"].append((m.line, f"{mark_name(m)} has no label or link"))
                continue
            controls.append(Control(m, name, meaning))
    for m, kind in sites:
        near = [(km(c.mark.lat, c.mark.lon, m.lat, m.lon), i) for i, c in enumerate(controls)]
        near = [x for x in near if x[0] < 0.2]
        if near:
            _, i = min(near)
            controls[i].site_kind = controls[i].site_kind or kind
            report["site_applied"].append((m.line, f"{kind} icon: sets the kind of the mark "
                                                   f"at line {controls[i].mark.line}"))
        else:
            report["site_alone"].append((m.line, f"{kind} icon with no control mark at its point"))
    return controls, report


# ---------------------------------------------------------------- observations

def observations(controls: list[Control], place_of: dict[int, str],
                 besieged_needs_besieger: bool) -> tuple[list[dict], dict]:
    """One observation row per control mark that has a place (place_of: mark line ->
    place id). Returns (rows, counts of what was skipped and why)."""
    skipped = {"no party (lcl/spc)": [], "no place": [], "besieger not named": [],
               "exact duplicate": []}
    rows = []
    seen = set()
    for c in controls:
        m = c.meaning
        line = c.mark.line
        place = place_of.get(line)
        if place is None:
            skipped["no place"].append((line, c.name))
            continue
        if not m.parties:
            skipped["no party (lcl/spc)"].append((line, c.name))
            continue
        if m.status == "besieged" and besieged_needs_besieger and len(m.parties) < 2:
            skipped["besieger not named"].append((line, c.name))
            continue
        parties = m.parties + ["", "", ""]
        key = (place, m.status, tuple(sorted(m.parties)) if m.status in ("contested", "joint")
               else tuple(m.parties))
        if key in seen:
            skipped["exact duplicate"].append((line, c.name))
            continue
        seen.add(key)
        row = {"place": place, "date": SNAPSHOT["date"], "status": m.status,
               "party": parties[0], "party2": parties[1], "party3": parties[2],
               "source_publisher": SNAPSHOT["source_publisher"],
               "source_title": SNAPSHOT["source_title"],
               "source_url": SNAPSHOT["source_url"],
               "source_date": SNAPSHOT["source_date"],
               "source_stance": SNAPSHOT["source_stance"],
               "confidence": SNAPSHOT["confidence"],
               "valid_until": SNAPSHOT["valid_until"],
               "note": f"module mark {mark_name(c.mark)}",
               "_line": line}
        rows.append(row)
    return rows, skipped

