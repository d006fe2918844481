#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests, never run as root (as the postgres user when called by root).
#   bash tests/postgres.sh start DIR   creates the cluster in DIR (empty or missing), starts it, creates the database
#                                      queue_test and prints its Npgsql connection string (for QUEUE_TEST_POSTGRES)
#   bash tests/postgres.sh stop DIR    stops that cluster and removes DIR
# It listens on a socket in DIR only (listen_addresses=''), so it meets no other server on this machine.
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
command=${1:?usage: postgres.sh start|stop DIR}
dir=${2:?usage: postgres.sh start|stop DIR}

if [ "$(id -u)" = 0 ]; then as=(runuser -u postgres --); else as=(); fi

case "$command" in
  start)
    [ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is missing: apt-get install postgresql" >&2; exit 1; }
    mkdir -p "$dir/sock"
    [ ${#as[@]} -eq 0 ] || chown -R postgres:postgres "$dir"
    # No TCP listener: the port only names the socket file in our own folder, so a random one cannot clash.
    port=$((20000 + RANDOM % 40000))
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -o "-k $dir/sock -p $port -c listen_addresses=''" -l "$dir/server.log" -w start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    "${as[@]}" "$bin/createdb" -h "$dir/sock" -p "$port" -U postgres queue_test
    echo "Host=$dir/sock;Port=$port;Username=postgres;Database=queue_test"
    ;;
  stop)
    [ ! -d "$dir/data" ] || "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
