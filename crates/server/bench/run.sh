#!/usr/bin/env bash
# The server benchmark (issue 6); see BENCHMARKS.md, section "Server (issue 6)".
#
# Usage (as root, from the repository root): bash crates/server/bench/run.sh
#
# 1. builds the release binary, creates the built-in Syria database and starts
#    `frontline serve` on loopback;
# 2. from second processes on the same machine (Python's http.client, one keep-alive
#    connection, requests one after another; and wrk for throughput):
#    - the first tile of a date (builds the date's projected layers once),
#    - every tile of Syria at zooms 6-11 once (uncached: encoded on request),
#    - the same tiles again (cached), and wrk over the cached tiles of zooms 8-10,
#    - stats for 180 different dates (monthly);
# 3. loads the same areas, front lines and places (from /api/areas, /api/frontlines,
#    /api/state) into PostGIS (a throw-away cluster on a private socket and port, as
#    crates/infer/bench/postgis.sh does) and times ST_AsMVT(ST_AsMVTGeom(...)) of the same
#    three layers for the same tiles, inside the database (no HTTP: in PostGIS's favour);
# 4. prints every figure and the ratios.
set -euo pipefail

PORT="${FRONTLINE_BENCH_PORT:-18471}"
PGPORT="${FRONTLINE_BENCH_PGPORT:-55441}"
DATE="${FRONTLINE_BENCH_DATE:-2017-12-13}"
HERE="$(cd "$(dirname "$0")" && pwd)"

command -v wrk >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y wrk; }
. scripts/bench/postgis.sh

cargo build --release -p frontline
BIN="$PWD/target/release/frontline"
WORK="$(mktemp -d /tmp/frontline-serve-bench.XXXXXX)"
chmod 755 "$WORK"
SERVER=""
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
    stop_postgis
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" --db "$WORK/syria.db" init >/dev/null
"$BIN" --db "$WORK/syria.db" serve --addr "127.0.0.1:$PORT" >"$WORK/serve.out" 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 100); do grep -q http:// "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
ADDR="127.0.0.1:$PORT"
URL="http://$ADDR"

BBOX=$(curl -sf "$URL/api/conflict" | python3 -c 'import json,sys; print(*json.load(sys.stdin)["bbox"])')
python3 "$HERE/tiles.py" $BBOX 6 11 >"$WORK/tiles.txt"
awk -v d="$DATE" '{ printf "/tiles/%s/%d/%d/%d.mvt\n", d, $1, $2, $3 }' "$WORK/tiles.txt" >"$WORK/uncached.txt"
awk -v d="$DATE" '$1 >= 8 && $1 <= 10 { printf "/tiles/%s/%d/%d/%d.mvt\n", d, $1, $2, $3 }' "$WORK/tiles.txt" >"$WORK/cached.txt"
echo "/tiles/$DATE/0/0/0.mvt" >"$WORK/first.txt"
for m in $(seq 0 179); do
    python3 -c "import datetime as d; s=d.date(2011,4,1); y,m=divmod(s.month-1+$m,12); print(f'/api/stats?date={s.year+y:04}-{m+1:02}-13')"
done >"$WORK/stats.txt"

echo
echo "frontline serve, $(nproc) cores, date $DATE; latencies in ms, from one client, one request at a time"
printf '%-34s %6s %8s %8s %8s %8s %8s %10s\n' request n p50 p90 p99 max mean bytes
python3 "$HERE/latency.py" "$ADDR" "$WORK/first.txt" "first tile of a date (layers)"
python3 "$HERE/latency.py" "$ADDR" "$WORK/uncached.txt" "tiles z6-11, uncached" | tee "$WORK/ours.txt"
python3 "$HERE/latency.py" "$ADDR" "$WORK/uncached.txt" "tiles z6-11, cached"
head -1 "$WORK/stats.txt" >"$WORK/stats_warm.txt"
python3 "$HERE/latency.py" "$ADDR" "$WORK/stats_warm.txt" "stats, first request (cells)"
python3 "$HERE/latency.py" "$ADDR" "$WORK/stats.txt" "stats, 180 dates"
# The same tiles in process (router without a socket): the engine alone.
FRONTLINE_BENCH_DB="$WORK/syria.db" FRONTLINE_BENCH_TILES="$WORK/tiles.txt" FRONTLINE_BENCH_DATE="$DATE" \
    cargo bench -q -p frontline-server --bench tiles 2>/dev/null | tee "$WORK/inproc.txt"

# Throughput of cached tiles: wrk cycling over the tiles of zooms 8-10.
{
    echo "paths = {"
    sed 's/.*/"&",/' "$WORK/cached.txt"
    echo "}"
    echo 'local i = 0'
    echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} >"$WORK/paths.lua"
echo
echo "wrk, cached tiles ($(wc -l <"$WORK/cached.txt") tiles of zooms 8-10), 1 thread, 32 connections, 10 s:"
wrk -t1 -c32 -d10s --latency -s "$WORK/paths.lua" "$URL" | tee "$WORK/wrk.txt" | grep -E "Requests/sec|Latency|99%|Non-2xx" || true
echo "the same with Accept-Encoding: gzip (as browsers ask; tiles are gzipped once and cached):"
wrk -t1 -c32 -d10s --latency -H "Accept-Encoding: gzip" -s "$WORK/paths.lua" "$URL" | tee "$WORK/wrk_gzip.txt" | grep -E "Requests/sec|Latency|99%|Non-2xx" || true

# PostGIS: the same layers, the same tiles, ST_AsMVT.
curl -sf "$URL/api/areas?date=$DATE" >"$WORK/areas.json"
curl -sf "$URL/api/frontlines?date=$DATE" >"$WORK/lines.json"
curl -sf "$URL/api/state?date=$DATE" >"$WORK/state.json"
curl -sf "$URL/api/places" >"$WORK/places.json"
awk '{ printf "%d,%d,%d\n", $1, $2, $3 }' "$WORK/tiles.txt" >"$WORK/tiles.csv"
chmod 644 "$WORK"/*.json "$WORK"/*.csv
chown postgres "$WORK"
start_postgis "$PGPORT" 512MB 64MB
psql_ <<SQL
CREATE EXTENSION postgis;
CREATE TABLE areas AS
  SELECT f->'properties'->>'key' AS key, f->'properties'->>'kind' AS kind, f->'properties'->>'name' AS name,
         (SELECT string_agg(x, ',') FROM jsonb_array_elements_text(f->'properties'->'parties') x) AS parties,
         (SELECT string_agg(x, ',') FROM jsonb_array_elements_text(f->'properties'->'colours') x) AS colours,
         ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), 3857) AS geom
  FROM jsonb_array_elements(pg_read_file('$WORK/areas.json')::jsonb->'features') f;
CREATE TABLE lines AS
  SELECT f->'properties'->>'a' AS a, f->'properties'->>'b' AS b,
         ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326), 3857) AS geom
  FROM jsonb_array_elements(pg_read_file('$WORK/lines.json')::jsonb->'features') f;
CREATE TABLE places AS
  SELECT s->>'place' AS id, p->>'name' AS name, p->>'name_ar' AS name_ar, p->>'kind' AS kind, s->>'status' AS status,
         (SELECT string_agg(x, ',') FROM jsonb_array_elements_text(s->'parties') x) AS parties,
         (p->>'population')::bigint AS population,
         ST_Transform(ST_SetSRID(ST_MakePoint((s->>'lon')::float8, (s->>'lat')::float8), 4326), 3857) AS geom
  FROM jsonb_array_elements(pg_read_file('$WORK/state.json')::jsonb) s
  JOIN jsonb_array_elements(pg_read_file('$WORK/places.json')::jsonb) p ON p->>'id' = s->>'place';
CREATE INDEX ON areas USING gist (geom);
CREATE INDEX ON lines USING gist (geom);
CREATE INDEX ON places USING gist (geom);
ANALYZE;
-- The tile function a Martin or pg_tileserv function source would run.
CREATE FUNCTION tile(z int, x int, y int) RETURNS bytea LANGUAGE sql STABLE AS \$\$
  WITH env AS (SELECT ST_TileEnvelope(z, x, y) AS e, ST_TileEnvelope(z, x, y, margin => 64.0 / 4096) AS m),
  a AS (SELECT ST_AsMVTGeom(geom, env.e, 4096, 64, true) AS geom, key, kind, name, parties, colours FROM areas, env WHERE geom && env.m),
  l AS (SELECT ST_AsMVTGeom(geom, env.e, 4096, 64, true) AS geom, a, b FROM lines, env WHERE geom && env.m),
  p AS (SELECT ST_AsMVTGeom(geom, env.e, 4096, 64, true) AS geom, id, name, name_ar, kind, status, parties, population FROM places, env WHERE geom && env.m)
  SELECT COALESCE((SELECT ST_AsMVT(a.*, 'areas', 4096, 'geom') FROM a WHERE a.geom IS NOT NULL), '')
      || COALESCE((SELECT ST_AsMVT(l.*, 'frontlines', 4096, 'geom') FROM l WHERE l.geom IS NOT NULL), '')
      || COALESCE((SELECT ST_AsMVT(p.*, 'places', 4096, 'geom') FROM p WHERE p.geom IS NOT NULL), '')
\$\$;
CREATE TABLE tiles (z int, x int, y int);
COPY tiles FROM '$WORK/tiles.csv' CSV;
CREATE TABLE timings (ms float8, bytes int);
DO \$\$ DECLARE r record; t0 timestamptz; b bytea;
BEGIN
  FOR r IN SELECT * FROM tiles LOOP
    t0 := clock_timestamp();
    b := tile(r.z, r.x, r.y);
    INSERT INTO timings VALUES (extract(epoch FROM clock_timestamp() - t0) * 1000, length(b));
  END LOOP;
END \$\$;
SQL
psql_ -F ' ' -c "SELECT count(*),
    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2),
    round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 2),
    round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 2),
    round(max(ms)::numeric, 2), round(avg(ms)::numeric, 2), sum(bytes) FROM timings;" >"$WORK/pg.txt"
read -r n p50 p90 p99 max mean bytes <"$WORK/pg.txt"
printf '%-34s %6s %8s %8s %8s %8s %8s %10s\n' "PostGIS ST_AsMVT, same tiles" "$n" "$p50" "$p90" "$p99" "$max" "$mean" "$bytes"
psql_ -F ' ' -c "SELECT count(*),
    round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2),
    round(percentile_cont(0.9) WITHIN GROUP (ORDER BY ms)::numeric, 2),
    round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 2),
    round(max(ms)::numeric, 2), round(avg(ms)::numeric, 2), sum(bytes) FROM timings WHERE bytes > 0;" >"$WORK/pg_ne.txt"
read -r ne_n ne_p50 ne_p90 ne_p99 ne_max ne_mean ne_bytes <"$WORK/pg_ne.txt"
printf '%-34s %6s %8s %8s %8s %8s %8s %10s\n' "PostGIS ST_AsMVT, non-empty" "$ne_n" "$ne_p50" "$ne_p90" "$ne_p99" "$ne_max" "$ne_mean" "$ne_bytes"
read -r _ _ _ _ our_n our_p50 our_p90 our_p99 our_max our_mean our_bytes <<<"$(sed 's/tiles z6-11, uncached/x x x x/' "$WORK/ours.txt")"
echo
awk -v a="$mean" -v b="$our_mean" -v c="$p99" -v d="$our_p99" -v e="$p50" -v f="$our_p50" 'BEGIN {
    printf "ratio PostGIS / frontline, uncached tiles: mean %.1fx, p50 %.1fx, p99 %.1fx\n", a / b, e / f, c / d }'
in_all=$(grep "in process, uncached " "$WORK/inproc.txt" | grep -v non-empty | awk '{ print $(NF-1), $(NF-3) }')
in_ne=$(grep "non-empty" "$WORK/inproc.txt" | awk '{ print $(NF-1), $(NF-3) }')
awk -v pg="$mean $p99" -v us="$in_all" 'BEGIN { split(pg, a, " "); split(us, b, " ");
    printf "ratio PostGIS / frontline in process, all tiles: mean %.1fx, p99 %.1fx\n", a[1] / b[1], a[2] / b[2] }'
awk -v pg="$ne_mean $ne_p99" -v us="$in_ne" 'BEGIN { split(pg, a, " "); split(us, b, " ");
    printf "ratio PostGIS / frontline in process, non-empty tiles: mean %.1fx, p99 %.1fx\n", a[1] / b[1], a[2] / b[2] }'
rps=$(awk '/Requests\/sec/ { print $2 }' "$WORK/wrk.txt")
awk -v r="$rps" -v m="$mean" 'BEGIN { printf "ratio cached frontline throughput / PostGIS single-query rate (1000/mean): %.0fx\n", r / (1000 / m) }'
