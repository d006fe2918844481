#!/usr/bin/env bash
# Starts the silo on http://localhost:5000 with the SQLite store under ./data and the halls in seeds/.
# Extra arguments go to the silo, e.g. --Halls:IgnoreOpeningHours=true to take numbers at any hour, or
# --urls http://0.0.0.0:5000 to listen on the hall network (every address of this machine; a later --urls wins).
# No npm here: the build runs `npm ci` only when silo/node_modules is missing or older than package-lock.json
# (Silo.csproj), so a restart after a power cut needs no network.
set -euo pipefail
cd "$(dirname "$0")/.."
# The build makes the TV's voice clips with espeak-ng (silo/voice/); without it the TV only chimes. Asked for once, when
# missing: a restart after a power cut finds it installed and needs no network.
if ! command -v espeak-ng >/dev/null; then
  echo "installing espeak-ng (the TV's voice clips)"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq espeak-ng; } >/dev/null ||
    echo "could not install espeak-ng: the TV will announce calls with a chime only"
fi
exec dotnet run --project silo/Silo.csproj -c Release -- --urls http://localhost:5000 --Storage:Path=data/queue.db --Halls:Seeds=seeds "$@"
