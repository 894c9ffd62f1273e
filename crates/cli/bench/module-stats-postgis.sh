#!/usr/bin/env bash
# Issue 7: statistics for the Wikipedia module's date on its places, against PostGIS doing
# the same areas. See BENCHMARKS.md, "Importers (issue 7)".
#
# Usage (as root, from the repository root, with FRONTLINE_SHARED_DATA set):
#   bash crates/cli/bench/module-stats-postgis.sh
#
# 1. installs PostgreSQL 15 and PostGIS 3 from Debian (if missing) and builds the release
#    binary;
# 2. imports the mid-2017 module (--skip-bad) into a fresh built-in Syria database and writes
#    the state of every place on 2017-07-15 (the places with evidence are the sites);
# 3. times `frontline stats --date 2017-07-15` with plain cells (--cap-km none --band-km 0,
#    the same job as PostGIS) and with the default method (cap 35 km, band 7 km), best of 3;
# 4. in a throw-away cluster: ST_VoronoiPolygons on the same points, ST_Intersection with the
#    same boundary, ST_Union by label, ST_Area on geography; best of 3;
# 5. prints both times and the ratio.
set -euo pipefail

: "${FRONTLINE_SHARED_DATA:?set FRONTLINE_SHARED_DATA: the module is read from it}"
MODULE="$FRONTLINE_SHARED_DATA/control/wikipedia_syria_detailed_map_mid2017.lua"
DATE=2017-07-15
PORT="${FRONTLINE_BENCH_PGPORT:-55447}"

. scripts/bench/postgis.sh
# FRONTLINE_BIN=path skips the build and uses that binary.
if [ -z "${FRONTLINE_BIN:-}" ]; then
    cargo build --release -p frontline
fi
FRONTLINE="${FRONTLINE_BIN:-$PWD/target/release/frontline}"

WORK="$(mktemp -d /tmp/frontline-module-postgis.XXXXXX)"
chown postgres "$WORK"
chmod 755 "$WORK"
export FRONTLINE_DB="$WORK/module.db"
"$FRONTLINE" init >/dev/null
"$FRONTLINE" import --format wikipedia-module "$MODULE" --date "$DATE" --skip-bad | head -3
"$FRONTLINE" state --date "$DATE" --format geojson > "$WORK/state.geojson"
python3 - "$WORK" <<'PY'
import json, sys
work = sys.argv[1]
d = json.load(open(f"{work}/state.geojson"))
with open(f"{work}/places.csv", "w") as out:
    out.write("id,lon,lat,label\n")
    n = 0
    for i, f in enumerate(d["features"]):
        p = f["properties"]
        if p["status"] == "unknown":
            continue
        lon, lat = f["geometry"]["coordinates"]
        label = p["status"] + ":" + "+".join(sorted(p["parties"]) if p["status"] in ("contested", "joint") else p["parties"][:1])
        out.write(f"{i},{lon},{lat},{label}\n")
        n += 1
print(f"{n} places with a known state on the date", file=sys.stderr)
g = json.load(open("data/syria/boundary.geojson"))
json.dump(g.get("geometry") or g["features"][0]["geometry"], open(f"{work}/boundary.json", "w"))
PY
chmod 644 "$WORK"/*

best() { sort -n | head -1; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }
time_cmd() {
    for _ in 1 2 3; do
        t0=$(now); "$@" >/dev/null; t1=$(now); calc "$t1 - $t0"; echo
    done | best
}
ours_plain=$(time_cmd "$FRONTLINE" stats --date "$DATE" --cap-km none --band-km 0)
ours_default=$(time_cmd "$FRONTLINE" stats --date "$DATE")

trap 'stop_postgis; rm -rf "$WORK"' EXIT
start_postgis "$PORT"
psql_ <<SQL
CREATE EXTENSION postgis;
CREATE TABLE boundary AS SELECT ST_SetSRID(ST_GeomFromGeoJSON(pg_read_file('$WORK/boundary.json')), 4326) AS geom;
CREATE TABLE places (id int PRIMARY KEY, lon float8, lat float8, label text, geom geometry(Point, 4326));
COPY places (id, lon, lat, label) FROM '$WORK/places.csv' CSV HEADER;
UPDATE places SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326);
CREATE INDEX ON places USING gist (geom);
ANALYZE places;
SQL
one_date_sql="
WITH v AS (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(geom)))).geom AS cell FROM places),
     c AS (SELECT p.label, ST_Intersection(v.cell, b.geom) AS g
           FROM v JOIN places p ON ST_Intersects(v.cell, p.geom) CROSS JOIN boundary b)
SELECT label, round((ST_Area(ST_Union(g)::geography) / 1e6)::numeric) FROM c GROUP BY label ORDER BY 2 DESC;"
pg=$(for _ in 1 2 3; do t0=$(now); psql_ -c "$one_date_sql" > "$WORK/result.txt"; t1=$(now); calc "$t1 - $t0"; echo; done | best)

echo
echo "statistics for $DATE on the module's places (wall clock, best of 3; ours includes process start and reading the database)"
printf '%-44s %10s\n' "frontline stats, plain cells (same job)" "${ours_plain} s"
printf '%-44s %10s\n' "frontline stats, default method (cap, band)" "${ours_default} s"
printf '%-44s %10s\n' "PostGIS: Voronoi, clip, union, area" "${pg} s"
printf '%-44s %10s\n' "ratio, same job" "$(calc "$pg / $ours_plain")x"
printf '%-44s %10s\n' "ratio, default method" "$(calc "$pg / $ours_default")x"
echo "PostGIS areas by label (km2):"
head -8 "$WORK/result.txt" | sed 's/^/  /'
