#!/bin/bash
# Profiles the silo under the load tool (issue 16): starts the silo as queue-load does (production settings, rate limits
# lifted, a fresh log), drives it with queue-load --target, and while the load runs records 10 s of dotnet-counters
# (System.Runtime) with the commands the log took in the same 10 s, then 12 s of dotnet-trace (sampled thread time),
# reduced by top-frames.py, and 6 s of gc-verbose, summed by type by AllocationTypes. Needs: dotnet tool install --global dotnet-trace dotnet-counters; the solution built (Release).
# usage: benchmarks/profile/profile.sh OUT_DIR COPIES_PER_SEED "SEEDS" queue-load options...
#   one hall:  benchmarks/profile/profile.sh /tmp/p-one 0 xuanen --displays 0 --rate 0 --concurrency 16 --windows 8 --calls 25
#   screens:   benchmarks/profile/profile.sh /tmp/p-screens 34 "xuanen enshi shadaogou" --displays 1000 --rate 50 --calls 25
set -euo pipefail
export PATH=$PATH:$HOME/.dotnet/tools
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$1; COPIES=$2; SEEDS=$3; shift 3
SILO=${SILO:-$ROOT/silo/bin/Release/net10.0/Queue.Silo.dll}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -rf "$OUT"; mkdir -p "$OUT/seeds" "$OUT/data"
for s in $SEEDS; do cp "$ROOT/seeds/$s.hall.json" "$OUT/seeds/"; done
(cd "$ROOT/silo" && ASPNETCORE_ENVIRONMENT=Production exec dotnet "$SILO" --urls http://127.0.0.1:$PORT \
  --Storage:Path="$OUT/data/queue.db" --Halls:Seeds="$OUT/seeds" --Halls:IgnoreOpeningHours=true --Logging:LogLevel:Default=Warning \
  --Auth:InitialAdminPassword=admin-password-for-tests --Cluster:SiloPort=$((PORT+1)) --Cluster:GatewayPort=$((PORT+2)) \
  --Halls:CopiesPerSeed=$COPIES --RateLimits:taking:PermitLimit=1000000000 --RateLimits:lookup:PermitLimit=1000000000) > "$OUT/silo.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf http://127.0.0.1:$PORT/healthz > /dev/null; do sleep 0.1; done
events() { sqlite3 "$OUT/data/queue.db" "SELECT count(*) FROM hall_event"; }
uptime > "$OUT/uptime.txt"
# What the silo allocates with nothing asked (timers, the membership table), taken off the rate under load below.
dotnet-counters collect -p $PID --counters System.Runtime --refresh-interval 1 --format csv -o "$OUT/idle.csv" --duration 00:00:00:05 > /dev/null
dotnet "$ROOT/benchmarks/LoadTool/bin/Release/net10.0/queue-load.dll" --target http://127.0.0.1:$PORT --seconds 50 --out "$OUT/load.md" "$@" > "$OUT/load.log" 2>&1 &
LOAD=$!
until grep -qs "  load:" "$OUT/load.log"; do sleep 0.5; done
sleep 8
E0=$(events); T0=$(date +%s.%N)
dotnet-counters collect -p $PID --counters System.Runtime --refresh-interval 1 --format csv -o "$OUT/counters.csv" --duration 00:00:00:10 > /dev/null
E1=$(events); T1=$(date +%s.%N)
dotnet-trace collect -p $PID --profile dotnet-sampled-thread-time --duration 00:00:00:12 -o "$OUT/trace.nettrace" > /dev/null
dotnet-trace collect -p $PID --profile gc-verbose --duration 00:00:00:06 -o "$OUT/gc.nettrace" > /dev/null
uptime >> "$OUT/uptime.txt"
wait $LOAD
dotnet-trace convert "$OUT/trace.nettrace" --format speedscope -o "$OUT/trace" > /dev/null
python3 "$ROOT/benchmarks/profile/top-frames.py" "$OUT"/trace*.speedscope.json 40 > "$OUT/top.md"
dotnet run -c Release --project "$ROOT/benchmarks/profile/AllocationTypes" -- "$OUT/gc.nettrace" 30 > "$OUT/types.md"
python3 - "$OUT/counters.csv" "$E0" "$E1" "$T0" "$T1" "$OUT/idle.csv" > "$OUT/allocations.txt" <<'PY'
import csv, sys
def mean(name, path=sys.argv[1]):
    v = [float(r[4]) for r in list(csv.reader(open(path)))[1:] if r[2].startswith(name)]
    return sum(v) / len(v)
idle = mean("dotnet.gc.heap.total_allocated", sys.argv[6])
alloc = mean("dotnet.gc.heap.total_allocated")
gen0 = mean("dotnet.gc.collections ({collection} / 1 sec)[gc.heap.generation=gen0]")
pause = mean("dotnet.gc.pause.time")
commands = (int(sys.argv[3]) - int(sys.argv[2])) / (float(sys.argv[5]) - float(sys.argv[4]))
print(f"allocated {alloc / 1e6:.2f} MB/s under load, {idle / 1e6:.2f} MB/s idle; commands (events the log took) {commands:.0f}/s; "
      f"{(alloc - idle) / commands / 1024:.1f} KiB allocated per command (idle rate taken off)")
print(f"silo CPU (user + system, counters' mean) {mean('dotnet.process.cpu.time (s / 1 sec)[cpu.mode=user]') + mean('dotnet.process.cpu.time (s / 1 sec)[cpu.mode=system]'):.2f} cores; "
      f"gen0 GCs {gen0:.2f}/s; GC pause {pause * 1000:.1f} ms/s")
PY
cat "$OUT/allocations.txt" "$OUT/uptime.txt"
