#!/usr/bin/env bash
# Starts the silo on http://localhost:5000 with the SQLite store under ./data and the halls in seeds/.
# Extra arguments go to the silo, e.g. --Halls:IgnoreOpeningHours=true to take numbers at any hour, or
# --urls http://0.0.0.0:5000 to listen on the hall network (every address of this machine; a later --urls wins).
# No npm here: the build runs `npm ci` only when silo/node_modules is missing or older than package-lock.json
# (Silo.csproj), so a restart after a power cut needs no network.
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run --project silo/Silo.csproj -c Release -- --urls http://localhost:5000 --Storage:Path=data/queue.db --Halls:Seeds=seeds "$@"
