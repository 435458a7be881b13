#!/usr/bin/env bash
# Soak: the real worker under DevHost, Azurite with the repository's models, the Gemini stand-in (a real
# HTTP server on loopback), and a mixed load for [minutes] (default 10): every disease as JSON, forms and
# batches, schemas, health, the hostile bodies of issue 18, chat (plain, streamed, suggestions). The
# worker's resident memory and GC heap are sampled every 10 s into bench/results/soak.md and soak.png.
# Loopback only; the load stops by itself. Exits 1 if any request got a 5xx or no answer.
#   bash bench/soak.sh [minutes] [concurrency]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"
concurrency="${2:-8}"

if [ -L node_modules ]; then :; elif [ ! -d node_modules/azurite ]; then npm ci --no-audit --no-fund --loglevel=error; fi

tools="bench/.tools"
if [ ! -x "$tools/dotnet-counters" ]; then
  echo "==> installing dotnet-counters into $tools"
  dotnet tool install dotnet-counters --version 10.0.750501 --tool-path "$tools" >/dev/null
fi

echo "==> build (Release)"
dotnet build bench/Soak/Soak.csproj -c Release -nologo -v quiet 2>&1 | grep -v NU1603 || true
dotnet bench/Soak/bin/Release/net10.0/HealthOracle.Soak.dll --minutes "$minutes" --concurrency "$concurrency" \
  --counters "$PWD/$tools/dotnet-counters" --out "$PWD/bench/results"
