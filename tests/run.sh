#!/usr/bin/env bash
# Runs every test on a fresh Debian machine with the .NET 10 SDK: installs what the tests need
# (socat for serial pty pairs, Debian's chromium for Playwright, CJK fonts, PostgreSQL 15, nginx in front of the
# cluster tests' silos, espeak-ng for the voice clips, poppler-utils for reading PDFs back; tests/redis.sh adds redis-server), restores npm packages,
# builds once, runs each test project in turn, and ends with "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need=()
command -v socat >/dev/null || need+=(socat)
command -v chromium >/dev/null || need+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql)
command -v file >/dev/null || need+=(file)        # the linux-arm64 publish's native files
command -v ip >/dev/null || need+=(iproute2)      # the publish test's silo in a network namespace of its own
command -v espeak-ng >/dev/null || need+=(espeak-ng)  # the TV's voice clips, made at build time (silo/voice/)
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || need+=(nginx)
command -v pdftotext >/dev/null || need+=(poppler-utils)  # reading the reports' PDFs back (ReportTests)
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

# A 信创 hall server (Kunpeng, Phytium) runs the linux-arm64 publish: build it on every run and check that each native
# file in it (the .NET runtime, SQLite, serial ports, the apphost) is aarch64, and that it carries what a hall needs.
echo "=== linux-arm64 publish"
started=$SECONDS
arm64=$(mktemp -d /tmp/queue-arm64-XXXXXX)
arm64_ok=true
if dotnet publish silo/Silo.csproj -c Release -r linux-arm64 -o "$arm64" -v quiet -nologo >"$arm64.log" 2>&1; then
  natives=$(find "$arm64" -type f \( -name '*.so' -o -name '*.so.*' -o -name Queue.Silo \))
  wrong=$(echo "$natives" | xargs -r file -L | grep -v 'ARM aarch64' || true)
  [ -n "$natives" ] || { echo "no native files in the publish"; arm64_ok=false; }
  [ -z "$wrong" ] || { echo "not aarch64:"; echo "$wrong"; arm64_ok=false; }
  for f in wwwroot/kiosk/index.html displays/web/tv/index.html node_modules/@microsoft/signalr/dist/browser/signalr.min.js \
           node_modules/qrcode/lib/browser.js seeds/xuanen.hall.json deploy/install.sh voice/qing.wav voice/A.wav voice/9.wav; do
    [ -e "$arm64/$f" ] || { echo "missing from the publish: $f"; arm64_ok=false; }
  done
  echo "$(echo "$natives" | grep -c .) native files, $(du -sm "$arm64" | cut -f1) MB"
else
  arm64_ok=false
fi
$arm64_ok || tail -30 "$arm64.log"
rm -rf "$arm64" "$arm64.log"
echo "=== linux-arm64 publish $($arm64_ok && echo passed || echo FAILED), took $((SECONDS - started)) s"
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
if $arm64_ok; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
[ "$failed" -gt 0 ] && status=1
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit $status
