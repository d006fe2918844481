#!/usr/bin/env bash
# Runs every test on a fresh Debian machine with the .NET 10 SDK: installs what the tests need
# (socat for serial pty pairs, Debian's chromium for Playwright, CJK fonts, PostgreSQL 15, nginx in front of the
# cluster tests' silos; tests/redis.sh adds redis-server), restores npm packages,
# builds once, runs each test project in turn, and ends with "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need=()
command -v socat >/dev/null || need+=(socat)
command -v chromium >/dev/null || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null || { echo "apt-get install failed"; exit 1; }
fi

source tests/redis.sh
trap redis_stop EXIT

npm ci --prefix silo --no-audit --no-fund --loglevel=error || { echo "npm ci failed"; exit 1; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build Queue.sln -c Release -v quiet -nologo || { echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }

# A throwaway PostgreSQL for the PostgreSQL store tests (tests/postgres.sh), removed on exit.
pg_dir=$(mktemp -d /tmp/queue-pg-XXXXXX)
trap 'redis_stop; bash tests/postgres.sh stop "$pg_dir"' EXIT
QUEUE_TEST_POSTGRES=$(bash tests/postgres.sh start "$pg_dir") || { echo "PostgreSQL did not start"; echo "tests: 0 passed, 1 failed, 0 skipped"; exit 1; }
export QUEUE_TEST_POSTGRES

results="$root/tests/TestResults"
rm -rf "$results"
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "=== $name"
  started=$SECONDS
  dotnet test "$project" -c Release --no-build --nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
  echo "=== $name took $((SECONDS - started)) s"
done

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { local v; v=$(echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'); echo "${v:-0}"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
[ "$failed" -gt 0 ] && status=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
