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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
work=$(mktemp -d)
pids=(); table_pid=""
cleanup() {
  for pid in "${pids[@]}"; do
    if [ "$pid" = "$table_pid" ]; then kill -INT "$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
  done
  wait 2>/dev/null || true; rm -rf "$work"
}
trap cleanup EXIT INT TERM

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> publish the worker and DevHost (Release)"
  dotnet publish Functions/HealthOracle.Functions.csproj -c Release -o .artifacts/bench-random/worker -nologo -v quiet -clp:ErrorsOnly
  dotnet publish tools/DevHost/DevHost.csproj -c Release -o .artifacts/bench-random/devhost -nologo -v quiet -clp:ErrorsOnly
fi

blob_port=$(free_port); table_port=$(free_port); gemini_port=$(free_port); api=$(free_port)
node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort "$blob_port" --location "$work/azurite" \
  --skipApiVersionCheck --disableTelemetry --silent --loose &
pids+=($!)
node node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort "$table_port" --location "$work/azurite" \
  --skipApiVersionCheck --disableTelemetry --silent --loose &
table_pid=$!; pids+=("$table_pid")
python3 bench/gemini_stand_in.py "$gemini_port" &
pids+=($!)
account="AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;$account;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
until (exec 3<>"/dev/tcp/127.0.0.1/$blob_port") 2>/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$table_port") 2>/dev/null; do sleep 0.1; done
dotnet run --project tools/Training -c Release $([ "${SKIP_BUILD:-0}" = 1 ] && echo --no-build) -- publish --connection "$storage" >/dev/null

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
until curl -sf -o /dev/null "http://127.0.0.1:$api/api/health"; do sleep 0.2; done

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
