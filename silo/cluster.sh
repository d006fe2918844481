#!/usr/bin/env bash
# A demo cluster on this machine: redis-server (membership, hub backplane, cookie keys), a throwaway PostgreSQL
# cluster (the shared event log, run as the postgres user, never root), N silos and nginx in front of them.
#   bash silo/cluster.sh [N=3] [extra silo settings…]   e.g. bash silo/cluster.sh 3 --Halls:IgnoreOpeningHours=true
# Devices and browsers use http://127.0.0.1:8080 (nginx); silo n listens on 127.0.0.1:500n. Ctrl-C stops it all
# and removes the log (a demo, not an install: see README "Several silos").
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-3}
[ "$#" -eq 0 ] || shift
[[ "$count" =~ ^[1-9]$ ]] || { echo "usage: cluster.sh [N of 1..9] [silo settings…]" >&2; exit 2; }
for tool in redis-server nginx /usr/lib/postgresql/15/bin/initdb; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install redis-server nginx postgresql" >&2; exit 1; }
done

work=$(mktemp -d /tmp/queue-cluster-XXXXXX)
chmod 755 "$work"
pids=()
stop() {
  trap - EXIT INT TERM
  set +e   # stop everything even when one part is already gone
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  # A silo leaves the cluster politely within seconds; one that hangs (Redis already gone) is killed.
  for _ in $(seq 100); do
    alive=0
    for p in "${pids[@]}"; do if kill -0 "$p" 2>/dev/null; then alive=1; fi; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
  declare -F redis_stop >/dev/null && redis_stop
  bash tests/postgres.sh stop "$work/pg"
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

source tests/redis.sh
redis="$QUEUE_TEST_REDIS"
postgres=$(bash tests/postgres.sh start "$work/pg")
echo "PostgreSQL log: $postgres"

npm ci --prefix silo --no-audit --no-fund --loglevel=error
dotnet build silo/Silo.csproj -c Release -v quiet -nologo
for n in $(seq "$count"); do
  dotnet silo/bin/Release/net10.0/Queue.Silo.dll --urls "http://127.0.0.1:500$n" \
    --Cluster:Redis="$redis" --Cluster:SiloPort="1111$n" --Cluster:GatewayPort="3000$n" \
    --Storage:Postgres="$postgres;Maximum Pool Size=$((90 / count))" --Storage:Path="$work/silo$n/queue.db" --Halls:Seeds=seeds --Security:TrustedProxies:0=127.0.0.1 "$@" \
    >"$work/silo$n.log" 2>&1 &
  pids+=($!)
done

mkdir -p "$work/nginx"
while IFS= read -r line; do   # silo/nginx.conf, the line naming @SILO@ once per silo
  if [[ $line == *@SILO@* ]]; then for n in $(seq "$count"); do echo "${line//@SILO@/127.0.0.1:500$n}"; done
  else echo "${line//@LISTEN@/127.0.0.1:8080}"; fi
done <silo/nginx.conf >"$work/nginx/nginx.conf"
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf"

for n in $(seq "$count"); do
  for _ in $(seq 120); do
    curl -sf -o /dev/null "http://127.0.0.1:500$n/healthz" && break
    kill -0 "${pids[$((n - 1))]}" 2>/dev/null || { cat "$work/silo$n.log" >&2; exit 1; }
    sleep 0.5
  done
done
grep -h "初始密码" "$work"/silo*.log || true
echo "cluster of $count silos behind nginx: http://127.0.0.1:8080 (logs in $work). Ctrl-C stops it."
wait "${pids[@]}"
