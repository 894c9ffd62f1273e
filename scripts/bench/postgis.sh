# Sourced by the benchmarks that compare against PostGIS (run as root, from the repository
# root): installs PostgreSQL 15 with PostGIS if missing, and runs a throw-away cluster in
# "$WORK/data" on a private socket in "$WORK" and its own port, as the postgres user.
#
#   start_postgis PORT [SHARED_BUFFERS [WORK_MEM]]   # defaults 1GB and 256MB
#   psql_ ...                                        # psql on that cluster, plain output
#   stop_postgis                                     # for the caller's EXIT trap
#
# The caller sets WORK (a folder the postgres user may enter) before start_postgis.

if ! dpkg -s postgresql-15-postgis-3 >/dev/null 2>&1; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql postgresql-15-postgis-3
fi
PGBIN=/usr/lib/postgresql/15/bin

as_pg() { su postgres -s /bin/bash -c "$*"; }

start_postgis() {
    PG_PORT=$1
    local shared_buffers=${2:-1GB} work_mem=${3:-256MB}
    as_pg "$PGBIN/initdb -D $WORK/data -A trust -U postgres" >/dev/null
    as_pg "$PGBIN/pg_ctl -D $WORK/data -l $WORK/log -w -o \"-p $PG_PORT -k $WORK -c listen_addresses='' -c shared_buffers=$shared_buffers -c work_mem=$work_mem\" start" >/dev/null
}

stop_postgis() {
    as_pg "$PGBIN/pg_ctl -D $WORK/data -m immediate stop" >/dev/null 2>&1 || true
}

psql_() { psql -X -q -t -A -h "$WORK" -p "$PG_PORT" -U postgres -d postgres "$@"; }
