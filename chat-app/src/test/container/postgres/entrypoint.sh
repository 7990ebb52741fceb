#!/bin/sh
set -eu
as_postgres() { setpriv --reuid=postgres --regid=postgres --init-groups "$@"; }
mkdir -p "$PGDATA" /run/postgresql
chown postgres:postgres "$PGDATA" /run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    password=$(mktemp)
    printf '%s' "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}" > "$password"
    chown postgres "$password"
    as_postgres initdb --username="${POSTGRES_USER:=postgres}" --pwfile="$password" --auth-local=trust \
        --auth-host=scram-sha-256 >/dev/null
    rm "$password"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    as_postgres pg_ctl --wait --silent --options="-c listen_addresses=''" start
    as_postgres psql --quiet --username="$POSTGRES_USER" --dbname=postgres \
        --command="CREATE DATABASE \"${POSTGRES_DB:-$POSTGRES_USER}\""
    as_postgres pg_ctl --wait --silent stop
fi
exec setpriv --reuid=postgres --regid=postgres --init-groups postgres -c listen_addresses='*'
