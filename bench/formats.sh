#!/usr/bin/env bash
# The bank formats' benchmark (issue 16): Core's NACHA writer, validator and reader on a file of 100,000 entries, and an
# npm NACHA parser reading the same file, side by side; appends the table to bench/RESULTS.md.
# bench/formats.sh [entries]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v node >/dev/null 2>&1 || { echo "Installing nodejs"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
[ -d bench/formats-js/node_modules ] || npm ci --prefix bench/formats-js --no-audit --no-fund --silent

commit="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo '+changes')"
dotnet build bench/DirectPay.Bench.Formats -c Release -v quiet -nologo
dotnet run --project bench/DirectPay.Bench.Formats -c Release --no-build -- "${1:-100000}" bench/RESULTS.md "bench/formats.sh $*" "$commit"
