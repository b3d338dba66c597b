#!/usr/bin/env bash
# The benchmark (issue 7): builds DirectPay in Release, starts it in local mode (its own postgres and redis-server, time
# scale 0), measures PostgreSQL alone with pgbench and DirectPay under load, prints the table and appends it to
# bench/RESULTS.md. Options pass through, e.g. bench/run.sh --seconds 30 --clients 64 (see BenchOptions.cs).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/pgbench" >/dev/null || command -v pgbench >/dev/null 2>&1 || missing+=(postgresql) # server, pgbench, pg_stat_statements
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo '+changes')"
dotnet build bench/DirectPay.Bench -c Release -v quiet -nologo
dotnet run --project bench/DirectPay.Bench -c Release --no-build -- \
  --scripts bench/pgbench --results bench/RESULTS.md --commit "$commit" --command "bench/run.sh $*" "$@"
