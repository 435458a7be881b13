#!/usr/bin/env bash
# One published worker under two DevHosts, the second with extra worker settings (or a second published worker): the
# CPU that the worker and DevHost spend per request on the same heart prediction, interleaved round by round (10 s of
# wrk -c16 each), so that a setting's or a build's cost is read beside its absence on the same machine at the same time.
#
#   SETTING='"Logging__LogLevel__HealthOracle.Functions.Predictions": "Debug"' bash bench/devhost/settings-ab.sh
#   WORKER_B=DIR bash bench/devhost/settings-ab.sh     # "with" runs the worker published in DIR (dotnet publish -o DIR)
#   ROUNDS=3 (default) · URL_QUERY='api-version=2026-12-07&explain=false' (default) · SKIP_BUILD=1: reuse .artifacts/bench/
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
setting="${SETTING:-}"
worker_b="${WORKER_B:-.artifacts/bench/worker}"
[ -n "$setting" ] || [ -n "${WORKER_B:-}" ] || { echo "SETTING (a JSON member of local.settings.json Values) or WORKER_B (a published worker) is needed" >&2; exit 1; }
query="${URL_QUERY:-api-version=2026-12-07&explain=false}"
publish_bench
start_azurite
publish_models
heart=$(python3 -c 'import json; print(json.dumps(json.load(open("Functions/Predictions/Examples/heart.json"))["patient"]))')

start() { # name extra-json-member worker-dir
  local port; port=$(free_port)
  cat > "$work/$1.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "$storage", "ModelStorage": "$storage",
              "WarmUpSchedule": "0 0 0 1 1 *", "DevHost__MasterKey": "bench", "Logging__LogLevel__Microsoft.AspNetCore": "Warning" $2 } }
JSON
  dotnet .artifacts/bench/devhost/HealthOracle.DevHost.dll --app "$3" --settings "$work/$1.json" --port "$port" \
    --Logging:LogLevel:Default=Warning >"$work/$1.log" 2>&1 &
  pids+=($!)
  printf -v "${1}_devhost" '%s' "$!"
  printf -v "${1}_port" '%s' "$port"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$heart" "http://127.0.0.1:$port/api/predict/heart?$query" 2>/dev/null)" = 200 ]; do sleep 0.05; done
}
worker_of() { curl -s -H "x-functions-key: bench" "http://127.0.0.1:$1/admin/host/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["workerProcessId"])'; }

start without '' .artifacts/bench/worker
start with "${setting:+, $setting}" "$worker_b"
echo "without: defaults; with: ${setting:-no setting} (worker $worker_b); POST /api/predict/heart?$query, wrk -t2 -c16 -d10s"
for round in $(seq "${ROUNDS:-3}"); do
  for v in without with; do
    port_var="${v}_port"; devhost_var="${v}_devhost"
    port=${!port_var}; devhost=${!devhost_var}; worker=$(worker_of "$port")
    w0=$(cpu_ms "$worker"); d0=$(cpu_ms "$devhost")
    BODY="$heart" wrk -t2 -c16 -d10s -s bench/devhost/post.lua "http://127.0.0.1:$port/api/predict/heart?$query" > "$work/wrk.txt"
    w1=$(cpu_ms "$worker"); d1=$(cpu_ms "$devhost")
    n=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
    printf 'round %s %-7s %9s req/s  worker %4s µs/request  DevHost %4s µs/request  load %s\n' "$round" "$v" \
      "$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt")" $(( (w1 - w0) * 1000 / n )) $(( (d1 - d0) * 1000 / n )) "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
