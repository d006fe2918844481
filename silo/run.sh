#!/usr/bin/env bash
# Starts the silo on http://localhost:5000 with the SQLite store under ./data and the halls in seeds/.
# Extra arguments go to the silo, e.g. --Halls:IgnoreOpeningHours=true to take numbers at any hour.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix silo --no-audit --no-fund --loglevel=error
exec dotnet run --project silo/Silo.csproj -c Release -- --urls http://localhost:5000 --Storage:Path=data/queue.db --Halls:Seeds=seeds "$@"
