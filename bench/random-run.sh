#!/usr/bin/env bash
# A random run over every route (issue 24): bench/random_run.py sends REQUESTS (20,000) random, mostly malformed
# requests from 8 threads through DevHost to the published worker, with Azurite (the models, people's tables) and a
# Gemini stand-in (bench/gemini_stand_in.py), two people signed in. It fails on any 5xx other than a 503 problem, any
# error answer over 16 KB, or a request left without an answer; figures in bench/README.md, "A random run over every route".
# Usage: bash bench/random-run.sh [requests] [seed]     (SKIP_BUILD=1 reuses the last build)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
requests="${1:-20000}"
seed="${2:-24}"
out="$root/bench/results"
mkdir -p "$out"

source bench/lib.sh

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> publish the worker and DevHost (Release)"
  dotnet publish Functions/HealthOracle.Functions.csproj -c Release -o .artifacts/bench-random/worker -nologo -v quiet -clp:ErrorsOnly
  dotnet publish tools/DevHost/DevHost.csproj -c Release -o .artifacts/bench-random/devhost -nologo -v quiet -clp:ErrorsOnly
fi

start_azurite tables
gemini_port=$(free_port); api=$(free_port)
python3 bench/gemini_stand_in.py "$gemini_port" &
pids+=($!)
publish_models

# The chat's rate limit is out of reach so that chat bodies are read, not refused at the gate; the limit has its tests.
cat > "$work/local.settings.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "$storage", "ModelStorage": "$storage",
              "PeopleStorage": "$storage", "WarmUpSchedule": "0 0 0 1 1 *", "Gemini__Endpoint": "http://127.0.0.1:$gemini_port",
              "Gemini__ApiKey": "bench", "Chat__RateLimit__PermitsPerMinute": "100000000", "Site__Url": "http://127.0.0.1:1/" },
  "Host": { "CORS": "http://site.test", "CORSCredentials": true } }
JSON
dotnet .artifacts/bench-random/devhost/HealthOracle.DevHost.dll --app .artifacts/bench-random/worker --settings "$work/local.settings.json" \
  --port "$api" --Logging:LogLevel:Default=Warning >"$work/devhost.log" 2>&1 &
pids+=($!)
wait_healthy "$api" "$!" "$work/devhost.log"

status=0
python3 bench/random_run.py --port "$api" --requests "$requests" --seed "$seed" | tee "$work/summary.txt" || status=$?
{
  echo "## $(date -u '+%Y-%m-%d %H:%M UTC'), $requests requests, seed $seed, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo '```'
  cat "$work/summary.txt"
  echo '```'
} >> "$out/random-run.md"
if [ "$status" != 0 ]; then
  grep -E " fail:|error" "$work/devhost.log" | tail -40 || true
fi
exit "$status"
