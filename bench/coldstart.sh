#!/usr/bin/env bash
# Cold start to all-healthy in local mode, as a newcomer starts the demo: `dotnet run --project src/DirectPay.AppHost`
# with an empty data folder (so postgres runs initdb) and the projects already built. Prints, per run, the time from the
# command to the AppHost's "DirectPay is up" banner, and the banner's own figure (AppHost start to every resource healthy).
# Usage: bash bench/coldstart.sh [runs]   (it deletes src/DirectPay.AppHost/.data, the demo's local data)
set -euo pipefail
set -m # background jobs keep SIGINT, and get a process group of their own, as in a terminal
cd "$(dirname "$0")/.."
dotnet build src/DirectPay.AppHost -v quiet -nologo >/dev/null
for i in $(seq 1 "${1:-3}"); do
  rm -rf src/DirectPay.AppHost/.data
  log=$(mktemp)
  start=$(date +%s.%N)
  dotnet run --project src/DirectPay.AppHost > "$log" 2>&1 &
  pid=$!
  until grep -q "DirectPay is up" "$log"; do
    kill -0 "$pid" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  end=$(date +%s.%N)
  printf 'run %d: %.1f s from the command to the banner; %s\n' "$i" "$(awk "BEGIN { print $end - $start }")" \
    "$(grep -o 'healthy [0-9.]* s after the start' "$log")"
  kill -INT -- -"$pid"; wait "$pid" || true # Ctrl+C goes to the whole process group
  rm -f "$log"
done
