#!/usr/bin/env python3
"""Writes the malformed-input corpus (synthetic, CC0) and its manifest, cases.csv.

Each case is one small file that `frontline` must refuse, with the command that imports it
and a fragment of the error it must print (the place in the file and the field). The test
crates/cli/tests/cli/corpus.rs imports every file into one shared database (the synthetic
fixture of tests/fixtures) and checks the refusal, that the error names the file, shows no
control character and no overlong line, and that nothing was stored.

Run from anywhere: python3 crates/cli/tests/corpus/malformed/make.py
"""
import csv
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")

IMPORT = "import"
MODULE = "import --format wikipedia-module --date 2017-07-15 --source-url https://example.org/m"
GED = "import --format ucdp-ged"
INIT = "init"

cases = []


def case(name, content, expect, command=IMPORT):
    path = os.path.join(FILES, name)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    cases.append((name, command, expect))


ESC = "\x1b[31m"
HUGE = "x" * 6000

# --- parties CSV --------------------------------------------------------------------
P = "id,name,colour,kind,parent,valid_from,valid_until,successor_of,note\n"
case("party-colour-word.csv", P + "violet,Violet,purple,non-state,,,,,\n", 'line 2: field "colour"')
case("party-colour-short.csv", P + "violet,Violet,#12345,non-state,,,,,\n", 'line 2: field "colour"')
case("party-colour-huge.csv", P + "violet,Violet,#" + HUGE + ",non-state,,,,,\n", 'line 2: field "colour"')
case("party-kind.csv", P + "violet,Violet,#6a3d9a,army,,,,,\n", 'line 2: field "kind"')
case("party-parent-unknown.csv", P + "violet,Violet,#6a3d9a,non-state,nobody,,,,\n", 'line 2: field "parent": unknown party "nobody"')
case("party-parent-self.csv", P + "violet,Violet,#6a3d9a,non-state,violet,,,,\n", 'line 2: field "parent"')
case("party-parent-loop.csv", P + "violet,Violet,#6a3d9a,non-state,indigo,,,,\nindigo,Indigo,#3d3d9a,non-state,violet,,,,\n", "the parents loop")
case("party-id-space.csv", P + "vio let,Violet,#6a3d9a,non-state,,,,,\n", 'line 2: field "id"')
case("party-id-escape.csv", P + "vio" + ESC + "let,Violet,#6a3d9a,non-state,,,,,\n", 'line 2: field "id"')
case("party-name-empty.csv", P + "violet,,#6a3d9a,non-state,,,,,\n", 'line 2: field "name"')
case("party-name-escape.csv", P + "violet,Vio" + ESC + "let,#6a3d9a,non-state,,,,,\n", 'line 2: field "name"')
case("party-note-nul.csv", P + "violet,Violet,#6a3d9a,non-state,,,,,a\x00b\n", 'line 2: field "note"')
case("party-valid-from.csv", P + "violet,Violet,#6a3d9a,non-state,,2015-13-01,,,\n", 'line 2: field "valid_from"')
case("party-valid-until-before.csv", P + "violet,Violet,#6a3d9a,non-state,,2016-01-01,2015-01-01,,\n", "line 2: field \"valid_until\"")
case("party-successor-unknown.csv", P + "violet,Violet,#6a3d9a,non-state,,,,nobody,\n", 'line 2: field "successor_of"')
case("party-missing-colour.csv", "id,name,kind\nviolet,Violet,non-state\n", "line 1: cannot tell what this CSV holds")
case("party-unknown-column.csv", "id,name,colur,colour\nviolet,Violet,x,#6a3d9a\n", 'line 1: unknown column "colur"')
case("party-ragged.csv", P + "violet,Violet,#6a3d9a\n", "line 2: ragged row")
case("party-duplicate.csv", P + "violet,Violet,#6a3d9a,non-state,,,,,\nviolet,Violet,#6a3d9a,non-state,,,,,\n", 'line 3: field "id": duplicate id')
case("party-bom-bad-colour.csv", "\ufeff" + P + "violet,Violet,purple,non-state,,,,,\n", 'line 2: field "colour"')
case("party-latin1.csv", (P + "violet,Viol\xe9t,#6a3d9a,non-state,,,,,\n").encode("latin-1"), "line 2: not valid UTF-8")
case("party-utf16.csv", ("\ufeff" + P + "violet,Violet,#6a3d9a,non-state,,,,,\n").encode("utf-16-le"), "not valid UTF-8")
case("party-unclosed-quote.csv", P + 'violet,"Violet,#6a3d9a,non-state,,,,,\n', "line 2")

# --- CSV of unknown kind, empty, binary ----------------------------------------------
case("empty.csv", "", "the file is empty")
case("blank.csv", "\n\n", "the file is empty")
case("unknown-header.csv", "alpha,beta,gamma\n1,2,3\n", "line 1: cannot tell what this CSV holds")
case("escape-header.csv", "al" + ESC + "pha,be\x07ta\n1,2\n", "line 1: cannot tell what this CSV holds")
case("huge-header.csv", ",".join("column%d" % i for i in range(3000)) + "\n", "line 1: cannot tell what this CSV holds")
case("binary-header.csv", bytes(range(1, 128)) * 40 + b"\n", "line 1")
case("png.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(5000), "not valid UTF-8")
case("gzip-as-csv.csv", gzip.compress(b"id,name,colour\n"), "not valid UTF-8")

# --- places CSV ---------------------------------------------------------------------
L = "id,name,lon,lat,kind,population,population_year,region,names\n"
case("place-lon-word.csv", L + "echo,Echo,abc,10.7,village,,,,\n", 'line 2: field "lon"')
case("place-lat-range.csv", L + "echo,Echo,10.7,95,village,,,,\n", 'line 2: field "lat"')
case("place-lon-nan.csv", L + "echo,Echo,NaN,10.7,village,,,,\n", 'line 2: field "lon"')
case("place-lon-inf.csv", L + "echo,Echo,inf,10.7,village,,,,\n", 'line 2: field "lon"')
case("place-lat-huge-exponent.csv", L + "echo,Echo,10.7,1e999,village,,,,\n", 'line 2: field "lat"')
case("place-lon-huge-text.csv", L + "echo,Echo," + HUGE + ",10.7,village,,,,\n", 'line 2: field "lon"')
case("place-outside.csv", L + "echo,Echo,50.0,50.0,village,,,,\n", 'line 2: field "lon"')
case("place-kind.csv", L + "echo,Echo,10.7,10.7,castle,,,,\n", 'line 2: field "kind"')
case("place-population-negative.csv", L + "echo,Echo,10.7,10.7,village,-5,,,\n", 'line 2: field "population"')
case("place-population-word.csv", L + "echo,Echo,10.7,10.7,village,many,,,\n", 'line 2: field "population"')
case("place-population-year.csv", L + "echo,Echo,10.7,10.7,village,100,20x4,,\n", 'line 2: field "population_year"')
case("place-region-unknown.csv", L + "echo,Echo,10.7,10.7,village,,,XX-1,\n", 'line 2: field "region"')
case("place-names-pair.csv", L + "echo,Echo,10.7,10.7,village,,,,fr\n", 'line 2: field "names"')
case("place-name-escape.csv", L + "echo,\"Echo" + ESC + " red\",10.7,10.7,village,,,,\n", 'line 2: field "name"')
case("place-name-tab.csv", L + "echo,\"Echo\tTab\",10.7,10.7,village,,,,\n", 'line 2: field "name"')
case("place-name-newline.csv", L + "echo,\"Echo\nNewline\",10.7,10.7,village,,,,\n", 'line 2: field "name"')
case("place-id-empty.csv", L + ",Echo,10.7,10.7,village,,,,\n", 'line 2: field "id"')
case("place-duplicate.csv", L + "echo,Echo,10.7,10.7,village,,,,\necho,Echo,10.7,10.7,village,,,,\n", 'line 3: field "id": duplicate id')
case("place-missing-lat.csv", "id,name,lon,kind\necho,Echo,10.7,village\n", 'line 1: missing column "lat"')

# --- observations CSV ---------------------------------------------------------------
O = "place,date,status,party,party2,source_publisher,source_title,source_url,source_date,source_stance,confidence,supersedes,valid_until,source2_publisher,source2_title,source2_url,note\n"


def obs(place="alpha", date="2016-01-01", status="controlled", party="red", party2="",
        publisher="Wire", title="Title", url="https://example.org/x", sdate="2016-01-02",
        stance="", confidence="", supersedes="", until="", p2="", t2="", u2="", note=""):
    return ",".join([place, date, status, party, party2, publisher, title, url, sdate, stance,
                     confidence, supersedes, until, p2, t2, u2, note]) + "\n"


case("obs-place-unknown.csv", O + obs(place="nowhere"), 'line 2: field "place": unknown place')
case("obs-place-escape.csv", O + obs(place="al" + ESC + "pha"), 'line 2: field "place"')
case("obs-party-unknown.csv", O + obs(party="purple"), 'line 2: field "party": unknown party')
case("obs-party-not-yet.csv", O + obs(party="green", date="2012-06-01"), 'line 2: field "party": party green did not exist')
case("obs-party-twice.csv", O + obs(status="contested", party="red", party2="red"), 'line 2: field "party2"')
case("obs-date-impossible.csv", O + obs(date="2015-02-30"), 'line 2: field "date"')
case("obs-date-zero.csv", O + obs(date="0000-01-01"), 'line 2: field "date"')
case("obs-date-before-start.csv", O + obs(date="2010-01-01"), 'line 2: field "date"')
case("obs-date-future.csv", O + obs(date="2999-01-01"), 'line 2: field "date"')
case("obs-date-words.csv", O + obs(date="last week"), 'line 2: field "date"')
case("obs-date-huge.csv", O + obs(date="2" + HUGE), 'line 2: field "date"')
case("obs-status.csv", O + obs(status="held"), 'line 2: field "status"')
case("obs-contested-one.csv", O + obs(status="contested"), "line 2: field")
case("obs-no-source.csv", O + obs(publisher="", title="", url=""), 'line 2: field "source_publisher"')
case("obs-url-javascript.csv", O + obs(url="javascript:alert(1)"), 'line 2: field "source_url"')
case("obs-url-no-host.csv", O + obs(url="http://"), 'line 2: field "source_url"')
case("obs-url-space.csv", O + obs(url="https://exa mple.org/"), 'line 2: field "source_url"')
case("obs-url-nul.csv", O + obs(url="https://%00/"), 'line 2: field "source_url"')
case("obs-url-ftp.csv", O + obs(url="ftp://example.org/x"), 'line 2: field "source_url"')
case("obs-url-escape.csv", O + obs(url="https://example.org/" + ESC), 'line 2: field "source_url"')
case("obs-url-huge.csv", O + obs(url="https://example.org/" + "a" * 5000), 'line 2: field "source_url"')
case("obs-url-percent.csv", O + obs(url="https://example.org/%ZZ"), 'line 2: field "source_url"')
case("obs-url2-data.csv", O + obs(p2="W2", t2="T2", u2='"data:text/html,<script>alert(1)</script>"'), 'line 2: field "source2_url"')
case("obs-stance.csv", O + obs(stance="aligned:nobody"), 'line 2: field "source_stance"')
case("obs-stance-word.csv", O + obs(stance="biased"), 'line 2: field "source_stance"')
case("obs-confidence.csv", O + obs(confidence="certain"), 'line 2: field "confidence"')
case("obs-supersedes-unknown.csv", O + obs(supersedes="obs-nothing"), 'line 2: field "supersedes"')
case("obs-valid-until-before.csv", O + obs(until="2015-01-01"), 'line 2: field "valid_until"')
case("obs-source-date.csv", O + obs(sdate="2016-02-31"), 'line 2: field "source_date"')
case("obs-title-nul.csv", O + obs(title="a\x00b"), 'line 2: field "source_title"')
case("obs-note-escape-huge.csv", O + obs(note=ESC + HUGE), 'line 2: field "note"')
case("obs-duplicate-row.csv", O + obs() + obs(), "line 3")
case("obs-ragged.csv", O + "alpha,2016-01-01,controlled\n", "line 2: ragged row")
case("obs-good-then-bad.csv", O + obs() + obs(date="2016-01-02") + obs(party="nobody"), 'line 4: field "party"')
case("obs-missing-source.csv", "place,date,status,party\nalpha,2016-01-01,controlled,red\n", 'line 1: missing column "source_publisher"')

# --- milestones, figures, events CSV ------------------------------------------------
M = "id,name,start,end,series,source_publisher,source_title,source_url\n"
case("milestone-start.csv", M + "m9,Round 9,2016-13-01,,Talks,W,T,https://example.org/m\n", 'line 2: field "start"')
case("milestone-end-before.csv", M + "m9,Round 9,2016-03-01,2016-01-01,Talks,W,T,https://example.org/m\n", 'line 2: field "end"')
case("milestone-url.csv", M + "m9,Round 9,2016-03-01,,Talks,W,T,javascript:alert(1)\n", 'line 2: field "source_url"')
case("milestone-name-empty.csv", M + "m9,,2016-03-01,,Talks,W,T,https://example.org/m\n", 'line 2: field "name"')
case("milestone-duplicate.csv", M + "m9,Round 9,2016-03-01,,Talks,W,T,https://example.org/m\nm9,Round 9b,2016-04-01,,Talks,W,T,https://example.org/m\n", "line 3")
F = "figure,value,date,source_publisher,source_title,source_url\n"
case("figure-value-negative.csv", F + "displaced,-3,2016-01,W,T,https://example.org/f\n", 'line 2: field "value"')
case("figure-value-word.csv", F + "displaced,lots,2016-01,W,T,https://example.org/f\n", 'line 2: field "value"')
case("figure-date.csv", F + "displaced,100,2016-14,W,T,https://example.org/f\n", 'line 2: field "date"')
case("figure-url.csv", F + "displaced,100,2016-01,W,T,http://\n", 'line 2: field "source_url"')
case("figure-name-escape.csv", F + "displ" + ESC + "aced,100,2016-01,W,T,https://example.org/f\n", 'line 2: field "figure"')
E = "event,date_start,date_end,lon,lat,type_of_violence,side_a,side_b,deaths_best,source_publisher,source_title,source_url\n"


def ev(event="e1", start="2016-03-01", end="2016-03-02", lon="10.5", lat="10.5", tov="1",
       a="A", b="B", best="3", url="https://example.org/e"):
    return ",".join([event, start, end, lon, lat, tov, a, b, best, "W", "T", url]) + "\n"


case("event-violence-type.csv", E + ev(tov="9"), 'line 2: field "type_of_violence"')
case("event-future.csv", E + ev(start="2999-03-01", end="2999-03-02"), 'line 2: field "date_start"')
case("event-end-before.csv", E + ev(end="2016-02-01"), 'line 2: field "date_end"')
case("event-deaths-negative.csv", E + ev(best="-1"), 'line 2: field "deaths_best"')
case("event-lat.csv", E + ev(lat="91"), 'line 2: field "lat"')
case("event-url.csv", E + ev(url="javascript:alert(1)"), 'line 2: field "source_url"')
case("event-side-escape.csv", E + ev(a="A" + ESC), 'line 2: field "side_a"')

# --- GeoJSON --------------------------------------------------------------------------


def feature(props, geometry="null"):
    import json
    return '{"type":"Feature","geometry":%s,"properties":%s}' % (geometry, json.dumps(props))


def fc(*features):
    return '{"type":"FeatureCollection","features":[%s]}' % ",".join(features)


PT = '{"type":"Point","coordinates":[10.7,10.7]}'
PLACE = {"id": "echo", "name": "Echo", "kind": "village"}


def poly(ring):
    return '{"type":"Polygon","coordinates":[%s]}' % str([list(p) for p in ring]).replace("(", "[").replace(")", "]")


SQUARE = [[10.2, 10.2], [10.4, 10.2], [10.4, 10.4], [10.2, 10.4], [10.2, 10.2]]
BOWTIE = [[10.2, 10.2], [10.4, 10.4], [10.4, 10.2], [10.2, 10.4], [10.2, 10.2]]
OPEN = [[10.2, 10.2], [10.4, 10.2], [10.4, 10.4], [10.2, 10.4]]
LINE = [[10.2, 10.2], [10.3, 10.3], [10.4, 10.4], [10.2, 10.2]]
TINY = [[10.2, 10.2], [10.2000001, 10.2], [10.2000001, 10.2000001], [10.2, 10.2000001], [10.2, 10.2]]
FAR = [[50.2, 50.2], [50.4, 50.2], [50.4, 50.4], [50.2, 50.4], [50.2, 50.2]]


def region(ring, **extra):
    props = {"id": "R1", "name": "Region One", "level": 1}
    props.update(extra)
    return feature(props, poly(ring))


def area(props, geometry="null"):
    base = {"frontline:kind": "area", "id": "zone", "name": "Zone", "drawn": "synthetic: four corners"}
    base.update(props)
    return feature(base, geometry)


case("geo-truncated.geojson", fc(feature(PLACE, PT))[:-10], "line 1")
case("geo-not-json.geojson", "this is not JSON\n", "line 1")
case("geo-bom-bad.geojson", "\ufeff{\"type\":\"Feature\",", "line 1")
case("geo-array.geojson", "[1,2,3]", "invalid GeoJSON")
case("geo-deep.geojson", "[" * 5000 + "]" * 5000, "invalid GeoJSON")
case("geo-features-not-array.geojson", '{"type":"FeatureCollection","features":{}}', "invalid GeoJSON")
case("geo-latin1.geojson", fc(feature({"id": "echo", "name": "Echo", "kind": "village"}, PT)).replace("Echo", "Ech\xe9").encode("latin-1"), "not valid UTF-8")
case("geo-empty.geojson", "", "the file is empty")
case("geo-place-outside.geojson", fc(feature(PLACE, '{"type":"Point","coordinates":[50.0,50.0]}')), "feature 1")
case("geo-place-kind.geojson", fc(feature({"id": "echo", "name": "Echo", "kind": "castle"}, PT)), 'feature 1: field "kind"')
case("geo-place-linestring.geojson", fc(feature(PLACE, '{"type":"LineString","coordinates":[[10.7,10.7],[10.8,10.8]]}')), "feature 1")
case("geo-place-coordinate-strings.geojson", fc(feature(PLACE, PT), feature(PLACE, '{"type":"Point","coordinates":["10.7","10.7"]}')), "feature 2: invalid GeoJSON")
case("geo-place-coordinate-huge.geojson", fc(feature(PLACE, '{"type":"Point","coordinates":["' + HUGE + '","10.7"]}')), "feature 1: invalid GeoJSON")
case("geo-place-lon-range.geojson", fc(feature(PLACE, '{"type":"Point","coordinates":[200,10.7]}')), "feature 1")
case("geo-place-name-escape.geojson", fc(feature({"id": "echo", "name": "Echo" + ESC, "kind": "village"}, PT)), 'feature 1: field "name"')
case("geo-place-note-huge.geojson", fc(feature({"id": "echo", "name": "Echo", "kind": "village", "note": "\x07" + HUGE}, PT)), 'feature 1: field "note"')
case("geo-place-second-bad.geojson", fc(feature(PLACE, PT), feature({"id": "fox", "name": "Fox", "kind": "nope"}, PT)), 'feature 2: field "kind"')
case("geo-unknown-kind.geojson", fc(feature({"frontline:kind": "spaceship", "id": "x"})), "feature 1")
case("geo-observation-unknown-place.geojson", fc(feature({"place": "nowhere", "date": "2016-01-01", "status": "controlled", "party": "red", "source_publisher": "W", "source_title": "T", "source_url": "https://example.org/g", "source_date": "2016-01-02"}, PT)), 'feature 1: field "place"')
case("geo-observation-url.geojson", fc(feature({"place": "alpha", "date": "2016-01-01", "status": "controlled", "party": "red", "source_publisher": "W", "source_title": "T", "source_url": "javascript:alert(1)", "source_date": "2016-01-02"}, PT)), 'feature 1: field "source_url"')
case("geo-region-bowtie.geojson", fc(region(BOWTIE)), "feature 1: invalid geometry")
case("geo-region-open.geojson", fc(region(OPEN)), "feature 1")
case("geo-region-line.geojson", fc(region(LINE)), "feature 1: invalid geometry")
case("geo-region-tiny.geojson", fc(region(TINY)), "feature 1: invalid geometry")
case("geo-region-hole-outside.geojson", fc(feature({"id": "R1", "name": "Region One", "level": 1}, '{"type":"Polygon","coordinates":[%s,%s]}' % (SQUARE, FAR))), "feature 1: invalid geometry")
case("geo-region-level.geojson", fc(region(SQUARE, level=12)), 'feature 1: field "level"')
case("geo-region-two-points.geojson", fc(feature({"id": "R1", "name": "Region One", "level": 1}, '{"type":"Polygon","coordinates":[[[10.2,10.2],[10.4,10.4]]]}')), "feature 1")
case("geo-area-no-drawn.geojson", fc(feature({"frontline:kind": "area", "id": "zone", "name": "Zone"}, poly(SQUARE))), 'feature 1: field "drawn"')
case("geo-area-region-unknown.geojson", fc(area({"region": "XX-9"})), 'feature 1: field "region"')
case("geo-area-places-empty.geojson", fc(area({"places": ""})), "feature 1")
case("geo-area-places-unknown.geojson", fc(area({"places": "alpha;nowhere"})), 'feature 1: field "places"')
case("geo-area-two-outlines.geojson", fc(area({"places": "alpha"}, poly(SQUARE))), "feature 1")
case("geo-area-outside.geojson", fc(area({}, poly(FAR))), "feature 1")
case("geo-area-bowtie.geojson", fc(area({}, poly(BOWTIE))), "feature 1: invalid geometry")
case("geo-area-place-id.geojson", fc(area({"id": "alpha"}, poly(SQUARE))), 'feature 1: field "id"')

# Boundaries, refused by `init` (a new database; nothing is created).
case("boundary-bowtie.geojson", feature({}, poly(BOWTIE)), "feature 1: invalid geometry", INIT)
case("boundary-world.geojson", feature({}, poly([[-180, -89], [180, -89], [180, 89], [-180, 89], [-180, -89]])), "invalid geometry", INIT)
case("boundary-line.geojson", feature({}, poly(LINE)), "invalid geometry", INIT)
case("boundary-point.geojson", feature({}, PT), "boundary", INIT)
case("boundary-not-json.geojson", "{", "line 1", INIT)

# --- Wikipedia modules --------------------------------------------------------------
HEAD = "local m = mw.loadData('Module:Middle East conflicts map marks') return {\n marks = {\n"
TAIL = " },\n}\n"
case("module-no-marks.lua", "return { caption = 'x' }\n", 'field "marks"', MODULE)
case("module-unclosed.lua", HEAD + " { lat = 34.5, long = 38.3, mark = m.gov, label = 'Palmyra' },\n", 'field "marks"', MODULE)
case("module-escape-q.lua", HEAD + " { lat = 34.5, long = 38.3, mark = m.gov, label = 'Pal\\qmyra' },\n" + TAIL, "line 3", MODULE)
case("module-escape-999.lua", HEAD + " { lat = 34.5, long = 38.3, mark = m.gov, label = 'Pal\\999myra' },\n" + TAIL, "line 3", MODULE)
case("module-unterminated-string.lua", HEAD + " { lat = 34.5, long = 38.3, mark = m.gov, label = 'Palmyra },\n" + TAIL, "line 3", MODULE)
case("module-lat-word.lua", HEAD + " { lat = north, long = 38.3, mark = m.gov, label = 'Palmyra' },\n" + TAIL, "line 3", MODULE)
case("module-mark-unknown.lua", HEAD + " { lat = 34.5, long = 38.3, mark = m.nobody_knows, label = 'Palmyra' },\n" + TAIL, "line 3", MODULE)
case("module-label-escape.lua", HEAD + " { lat = 34.5, long = 38.3, mark = m.gov, label = 'Pal\x1b[31mmyra' },\n" + TAIL, "line 3", MODULE)
case("module-unclosed-comment.lua", HEAD + " --[[ never closed\n" + TAIL, 'field "marks"', MODULE)
case("module-latin1.lua", (HEAD + " { lat = 34.5, long = 38.3, mark = m.gov, label = 'Pal\xe9' },\n" + TAIL).encode("latin-1"), "line 3: not valid UTF-8", MODULE)
case("module-empty.lua", "   \n", "the file is empty", MODULE)
case("module-binary.lua", bytes(range(0, 256)) * 20, "not valid UTF-8", MODULE)
case("module-deep.lua", HEAD + " { lat = 34.5, long = 38.3, mark = m.gov, label = " + "{" * 2000 + "}" * 2000 + " },\n" + TAIL, "line 3", MODULE)

# --- UCDP GED -----------------------------------------------------------------------
GH = "id,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_id,side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high\n"


def ged(id="7", date="2016-03-05", end=None, tov="1", where="1", prec="1", lat="10.5", lon="10.5",
        deaths=("1", "0", "0", "0"), low="0", best="1", high="3", side_a="A"):
    end = end or date
    return (f"{id},2016,1,{tov},1,X,1,A - B,1,{side_a},2,,B,1,\"synthetic\",Synthetic Wire,{date},Headline,Synthetic,{where},Town,Adm1,Adm2,"
            f"{lat},{lon},POINT ({lon} {lat}),1,Testland,1,Region,1,{prec},{date},{end},{deaths[0]},{deaths[1]},{deaths[2]},{deaths[3]},{low},{best},{high}\n")


case("ged-missing-column.csv", GH.replace(",deaths_civilians", "") + "1\n", 'line 1: missing column "deaths_civilians"', GED)
case("ged-date.csv", GH + ged(date="2016-02-30"), 'line 2: field "date_start"', GED)
case("ged-before-1989.csv", GH + ged(date="1970-01-01"), 'line 2: field "date_start"', GED)
case("ged-future.csv", GH + ged(date="2999-01-01"), 'line 2: field "date_start"', GED)
case("ged-end-before.csv", GH + ged(end="2016-01-01"), 'line 2: field "date_end"', GED)
case("ged-violence-type.csv", GH + ged(tov="9"), 'line 2: field "type_of_violence"', GED)
case("ged-date-prec.csv", GH + ged(prec="0"), 'line 2: field "date_prec"', GED)
case("ged-where-prec.csv", GH + ged(where="8"), 'line 2: field "where_prec"', GED)
case("ged-latitude.csv", GH + ged(lat="100"), 'line 2: field "latitude"', GED)
case("ged-deaths-negative.csv", GH + ged(deaths=("-1", "0", "0", "0")), 'line 2: field "deaths_a"', GED)
case("ged-id-word.csv", GH + ged(id="seven"), 'line 2: field "id"', GED)
case("ged-id-huge-escape.csv", GH + ged(id=ESC + "9" * 5000), 'line 2: field "id"', GED)
case("ged-duplicate-id.csv", GH + ged(id="7") + ged(id="7", best="2", high="4"), 'line 3: field "id": duplicate event id ucdp-ged:7, first given at', GED)
case("ged-duplicate-id-same.csv", GH + ged(id="8") + ged(id="9") + ged(id="8"), 'line 4: field "id": duplicate event id ucdp-ged:8', GED)
case("ged-id-stored.csv", GH + ged(id="1", best="40", high="50"), 'line 2: field "id": event id ucdp-ged:1 is already stored', GED)
case("ged-side-escape.csv", GH + ged(side_a="A" + ESC), 'line 2: field "side_a"', GED)
case("ged-not-utf8.csv", (GH + ged()).encode("utf-8").replace(b"Synthetic Wire", b"Synth\xe9tic"), "not valid UTF-8", GED)
case("ged-corrupt.csv.gz", gzip.compress((GH + ged()).encode())[:40] + b"\x00garbage", "ged-corrupt.csv.gz", GED)

# --- presence CSV (issue 19) ---------------------------------------------------------
PR = "force,site,place,lon,lat,kind,valid_from,valid_until,source_publisher,source_title,source_url,source_date,confidence,supersedes\n"


def pres(force="red", site="Alpha air base", place="", lon="10.6", lat="10.6", kind="air_base", valid_from="2015-09", valid_until="", publisher="Synthetic Wire", title="A base", url="https://example.org/b", date="2015-10-01", confidence="", supersedes=""):
    return f"{force},{site},{place},{lon},{lat},{kind},{valid_from},{valid_until},{publisher},{title},{url},{date},{confidence},{supersedes}\n"


case("presence-force-unknown.csv", PR + pres(force="purple"), 'line 2: field "force": unknown party')
case("presence-kind.csv", PR + pres(kind="fortress"), 'line 2: field "kind"')
case("presence-no-site.csv", PR + pres(lon="", lat=""), 'line 2: field "place": a site needs a place or a point')
case("presence-place-and-point.csv", PR + pres(place="alpha"), 'line 2: field "place": a site is a place or a point')
case("presence-place-unknown.csv", PR + pres(place="nowhere", lon="", lat=""), 'line 2: field "place": unknown place')
case("presence-lat-text.csv", PR + pres(lat="north"), 'line 2: field "lat"')
case("presence-outside.csv", PR + pres(lon="30.5"), 'line 2: field "lon": (30.5, 10.6) lies outside')
case("presence-future.csv", PR + pres(valid_from="2099-01"), 'line 2: field "valid_from"')
case("presence-until-before.csv", PR + pres(valid_until="2014"), 'line 2: field "valid_until": 2014 is not after')
case("presence-no-source.csv", PR + pres(publisher="", title="", url=""), 'line 2: field "source_publisher"')
case("presence-url.csv", PR + pres(url="javascript:alert(1)"), 'line 2: field "source_url"')
case("presence-supersedes-unknown.csv", PR + pres(supersedes="0123456789abcdef"), 'line 2: field "supersedes": unknown presence record')
case("presence-duplicate.csv", PR + pres() + pres(), 'line 3: field "id')
case("presence-unknown-column.csv", PR.replace("confidence", "strength") + pres(), 'unknown column "strength"')

# The one region and the one event the shared database holds before the corpus is imported.
with open(os.path.join(HERE, "..", "regions-seed.geojson"), "w") as f:
    f.write(fc(region([[10.1, 10.1], [10.9, 10.1], [10.9, 10.9], [10.1, 10.9], [10.1, 10.1]], id="R0", name="Region Zero")) + "\n")

with open(os.path.join(HERE, "..", "ged-seed.csv"), "w") as f:
    f.write(GH + ged(id="1"))

with open(os.path.join(HERE, "cases.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["file", "command", "expect"])
    for row in cases:
        w.writerow(row)
print(f"{len(cases)} cases")
