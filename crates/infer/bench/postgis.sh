#!/usr/bin/env bash
# The PostGIS reference for the inference benchmark (issue 3); see BENCHMARKS.md.
#
# Usage (as root, from the repository root, with FRONTLINE_SHARED_DATA set):
#   bash crates/infer/bench/postgis.sh            # sizes 5000,20000,50000
#   FRONTLINE_BENCH_SIZES=5000 bash crates/infer/bench/postgis.sh
#   FRONTLINE_BENCH_REUSE=1 ...   # reuse target/infer-bench from an earlier run
#
# 1. installs PostgreSQL 15 and PostGIS 3 from Debian (if missing);
# 2. runs our benchmark (`cargo bench -p frontline-infer --bench inference`), which writes the
#    places and three sample labellings to target/infer-bench/;
# 3. starts a throw-away cluster on a private socket and port, loads the same places, and times
#    (a) one date: ST_VoronoiPolygons, ST_Intersection with the boundary, ST_Union by party,
#        ST_Area on geography;
#    (our side twice: the same job, plain cells without cap and band; and the default method,
#    cap 35 km and band 7 km, which cuts eight times as many pieces)
#    (b) the series: the same per date, timed on three sample dates and extrapolated to 5,000
#        (said so in the output); and, as a stronger reference, with the clipped cells kept in a
#        table so that a date only does ST_Union by party and ST_Area;
# 4. prints our time, PostGIS's time and the ratio for each (our series time includes building
#    the geometry once).
set -euo pipefail

SIZES="${FRONTLINE_BENCH_SIZES:-5000,20000,50000}"
OUT="${FRONTLINE_BENCH_OUT:-$PWD/target/infer-bench}"
PORT="${FRONTLINE_BENCH_PGPORT:-55439}"
DAYS=5000
: "${FRONTLINE_SHARED_DATA:?set FRONTLINE_SHARED_DATA: the Syria boundary is read from it}"
BOUNDARY="$FRONTLINE_SHARED_DATA/boundaries/syria_admin0_naturalearth_10m.geojson"

. scripts/bench/postgis.sh

# FRONTLINE_BENCH_REUSE=1 reuses the places and timings of an earlier run in $OUT.
if [ "${FRONTLINE_BENCH_REUSE:-0}" != 1 ]; then
    FRONTLINE_BENCH_SIZES="$SIZES" FRONTLINE_BENCH_OUT="$OUT" \
        cargo bench -p frontline-infer --bench inference
fi

WORK="$(mktemp -d /tmp/frontline-postgis.XXXXXX)"
chown postgres "$WORK"
chmod 755 "$WORK"
cp "$OUT"/*.csv "$WORK"/
chmod 644 "$WORK"/*.csv
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); g=d.get("geometry") or d["features"][0]["geometry"]; print(json.dumps(g))' \
    "$BOUNDARY" > "$WORK/boundary.json"
chmod 644 "$WORK/boundary.json"
trap 'stop_postgis; rm -rf "$WORK"' EXIT
start_postgis "$PORT"
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }

psql_ -c "CREATE EXTENSION postgis;"
psql_ -c "CREATE TABLE boundary AS SELECT ST_SetSRID(ST_GeomFromGeoJSON(pg_read_file('$WORK/boundary.json')), 4326) AS geom;"

printf '\n%-8s %-34s %12s %12s %10s\n' places job frontline_s postgis_s ratio
IFS=',' read -r -a sizes <<< "$SIZES"
for n in "${sizes[@]}"; do
    ours_one=$(awk -F, -v n="$n" '$1==n {print $5}' "$OUT/ours.csv")
    ours_plain=$(awk -F, -v n="$n" '$1==n {print $10}' "$OUT/ours.csv")
    # Our series includes building the geometry once.
    ours_series=$(awk -F, -v n="$n" '$1==n {print $2 + $6}' "$OUT/ours.csv")
    psql_ <<SQL
DROP TABLE IF EXISTS places, labels, cells;
CREATE TABLE places (id int PRIMARY KEY, lon float8, lat float8, geom geometry(Point, 4326));
COPY places (id, lon, lat) FROM '$WORK/places_$n.csv' CSV HEADER;
UPDATE places SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326);
CREATE INDEX ON places USING gist (geom);
CREATE TABLE labels (id int PRIMARY KEY, party int);
ANALYZE places;
SQL
    one_date_sql="
WITH v AS (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(geom)))).geom AS cell FROM places),
     c AS (SELECT p.id, ST_Intersection(v.cell, b.geom) AS g
           FROM v JOIN places p ON ST_Intersects(v.cell, p.geom) CROSS JOIN boundary b)
SELECT l.party, ST_Area(ST_Union(c.g)::geography) / 1e6 FROM c JOIN labels l USING (id) GROUP BY l.party;"
    union_sql="SELECT l.party, ST_Area(ST_Union(c.g)::geography) / 1e6 FROM cells c JOIN labels l USING (id) GROUP BY l.party;"
    total_full=0
    total_union=0
    count=0
    for f in "$WORK"/labels_"$n"_day*.csv; do
        psql_ -c "TRUNCATE labels; COPY labels FROM '$f' CSV HEADER; ANALYZE labels;"
        t0=$(now); psql_ -c "$one_date_sql" > "$WORK/result_$n.txt"; t1=$(now)
        full=$(calc "$t1 - $t0")
        if [ "$count" -eq 0 ]; then
            first_full=$full
            t0=$(now)
            psql_ -c "CREATE TABLE cells AS
                WITH v AS (SELECT (ST_Dump(ST_VoronoiPolygons(ST_Collect(geom)))).geom AS cell FROM places)
                SELECT p.id, ST_Intersection(v.cell, b.geom) AS g
                FROM v JOIN places p ON ST_Intersects(v.cell, p.geom) CROSS JOIN boundary b;
                CREATE INDEX ON cells (id); ANALYZE cells;"
            t1=$(now)
            cells_s=$(calc "$t1 - $t0")
        fi
        t0=$(now); psql_ -c "$union_sql" > /dev/null; t1=$(now)
        union=$(calc "$t1 - $t0")
        total_full=$(calc "$total_full + $full")
        total_union=$(calc "$total_union + $union")
        count=$((count + 1))
    done
    pg_series=$(calc "$total_full / $count * $DAYS")
    pg_series_cells=$(calc "$cells_s + $total_union / $count * $DAYS")
    row() { printf '%-8s %-34s %12.3f %12.3f %10.1f\n' "$n" "$1" "$2" "$3" "$(calc "$3 / $2")"; }
    row "(a) one date, same job (no cap/band)" "$ours_plain" "$first_full"
    row "(a) one date, default method" "$ours_one" "$first_full"
    row "(b) series, recompute per date*" "$ours_series" "$pg_series"
    row "(b) series, cells kept, union/date*" "$ours_series" "$pg_series_cells"
    echo "         PostGIS areas for day 0 by party (km2): $(head -5 "$WORK/result_$n.txt" | tr '\n' ' ')"
done
echo "* PostGIS series times are extrapolated: the mean of $count sample dates times $DAYS dates."
