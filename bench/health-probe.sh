#!/usr/bin/env bash
# Asks /health of every running DirectPay api and worker process on its own port (not through the AppHost's proxy),
# over and over, and writes one line per answer: time, service, pid, port, seconds, HTTP status (000: no answer).
# Run it beside the full chaos run (docs/reliability.md); stop it with Ctrl+C. Usage: bench/health-probe.sh [log]
set -u
log=${1:-health-probe.log}
: > "$log"
while true; do
  for pid in $(pgrep -f 'bin/[A-Za-z]+/net[0-9.]+/DirectPay\.(Api|PaymentWorker)$'); do
    name=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -o 'DirectPay\.[A-Za-z]*' | head -1)
    for port in $(ss -ltnpH 2>/dev/null | grep "pid=$pid," | awk '{print $4}' | sed 's/.*://' | sort -u); do
      ( answer=$(curl -s -o /dev/null -m 10 -w '%{http_code} %{time_total}' "http://127.0.0.1:$port/health")
        echo "$(date +%T.%N | cut -c1-12) $name $pid $port ${answer#* } ${answer% *}" >> "$log" ) &
    done
  done
  sleep 0.5
done
