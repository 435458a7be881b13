#!/usr/bin/env bash
# DevHost benchmark: the published worker under DevHost, Azurite as the model store, wrk as the load.
# Prints start-up times, warm latency/throughput at concurrency 1, 16 and 64 (20 s each, keep-alive)
# and the worker's resident memory. Loopback only. See README.md beside this file.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
out="${OUT:-$root/bench/devhost/results}"
duration="${DURATION:-20s}"
cold_runs="${COLD_RUNS:-5}"
mkdir -p "$out"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
source bench/lib.sh

api_port=$(free_port)
key=bench-master-key

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> build (Release): worker and DevHost published ReadyToRun to .artifacts/bench/"
  dotnet publish Functions/HealthOracle.Functions.csproj -c Release -o .artifacts/bench/worker -nologo -v quiet -clp:ErrorsOnly
  # DevHost precompiled too: the Functions host in Azure is a warm, precompiled process, and a DevHost
  # that JITs its own forwarding path would take CPU from the worker's cold start on two cores.
  dotnet publish tools/DevHost/DevHost.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o .artifacts/bench/devhost -nologo -v quiet -clp:ErrorsOnly
fi

start_azurite
echo "==> Azurite on $blob_port"
if compgen -G "tools/Training/*.csproj" >/dev/null; then
  echo "==> publish models/ into Azurite"
  publish_models
fi

cat > "$work/local.settings.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "$storage", "ModelStorage": "$storage",
              "WarmUpSchedule": "0 0 0 1 1 *", "DevHost__MasterKey": "$key",
              "Logging__LogLevel__Microsoft.AspNetCore": "Warning" },
  "Host": { "CORS": "*" } }
JSON

start_devhost() {
  # Information logs off for the run: DevHost would print two lines per request.
  dotnet .artifacts/bench/devhost/HealthOracle.DevHost.dll --app .artifacts/bench/worker \
    --settings "$work/local.settings.json" --port "$api_port" --Logging:LogLevel:Default=Warning \
    --Logging:LogLevel:HealthOracle.DevHost.Workers=Information >"$out/devhost.log" 2>&1 &
  devhost_pid=$!
  pids+=("$devhost_pid")
}
worker_pid() { curl -s -H "x-functions-key: $key" "http://127.0.0.1:$api_port/admin/host/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["workerProcessId"])'; }
# Milliseconds from DevHost's latest "Starting worker process" log line (HH:mm:ss.fff, UTC) to now.
spawn_lines() { grep -c 'HealthOracle.DevHost.Workers.WorkerSupervisor\[1\]' "$out/devhost.log" || true; }
since_worker_spawn_ms() {
  local spawned now
  spawned=$(grep -o '^[0-9:.]* info: HealthOracle.DevHost.Workers.WorkerSupervisor\[1\]' "$out/devhost.log" | tail -1 | cut -d' ' -f1)
  now=$(date -u +%H:%M:%S.%3N)
  awk -v a="$spawned" -v b="$now" 'function ms(t, p) { split(t, p, /[:.]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4] } BEGIN { print ms(b) - ms(a) }'
}
median_max() { sort -n | awk '{ v[NR] = $1 } END { print "median=" v[int((NR + 1) / 2)] " max=" v[NR] }'; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
has_function() { curl -s -H "x-functions-key: $key" "http://127.0.0.1:$api_port/admin/host/status" | grep -q "\"$1\""; }

echo "==> start: DevHost launch -> first 200 from /api/health"
t0=$(now_ms)
start_devhost
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$api_port/api/health" 2>/dev/null)" = 200 ]; do sleep 0.01; done
t1=$(now_ms)
spawn=$(since_worker_spawn_ms)
echo "start_to_first_health_ms=$((t1 - t0))" | tee "$out/startup.txt"
echo "worker_spawn_to_first_health_ms=$spawn" | tee -a "$out/startup.txt"
wpid=$(worker_pid)
echo "worker_rss_idle_mb=$(rss_mb "$wpid")" | tee -a "$out/startup.txt"

heart='{"age":63,"sex":1,"cp":1,"trestbps":145,"chol":233,"fbs":1,"restecg":2,"thalach":150,"exang":0,"oldpeak":2.3,"slope":3,"ca":0,"thal":6}'
diabetes='{"pregnancies":2,"glucose":138,"blood_pressure":62,"skin_thickness":35,"insulin":0,"bmi":33.6,"diabetes_pedigree":0.127,"age":47}'
liver='{"age":45,"gender":1,"total_bilirubin":0.9,"direct_bilirubin":0.2,"alkaline_phosphotase":190,"alamine_aminotransferase":25,"aspartate_aminotransferase":30,"total_proteins":6.8,"albumin":3.3,"albumin_globulin_ratio":0.9}'
lung='{"age":58,"smoking_status":1,"area_air_quality_index":120,"alcohol_consumption":0,"bmi":27.5,"family_history":1,"physical_activity_level":2,"occupation_exposure":0}'

if has_function HeartPrediction; then
  echo "==> cold worker -> first prediction, $cold_runs times (includes the model download from Azurite)"
  cold=()
  for run in $(seq "$cold_runs"); do
    kill -TERM "$devhost_pid"; wait "$devhost_pid" 2>/dev/null || true
    t0=$(now_ms)
    start_devhost
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$heart" "http://127.0.0.1:$api_port/api/predict/heart" 2>/dev/null)" = 200 ]; do sleep 0.01; done
    t1=$(now_ms)
    spawn=$(since_worker_spawn_ms)
    cold+=("$spawn")
    echo "cold_run_${run}_worker_spawn_to_first_prediction_ms=$spawn start_to_first_prediction_ms=$((t1 - t0))" | tee -a "$out/startup.txt"
  done
  echo "worker_spawn_to_first_prediction_ms_$(printf '%s\n' "${cold[@]}" | median_max)" | tee -a "$out/startup.txt"
  # A worker already up, model not loaded yet: the first prediction alone.
  t0=$(now_ms)
  curl -s -o /dev/null -H 'Content-Type: application/json' -d "$diabetes" "http://127.0.0.1:$api_port/api/predict/diabetes"
  echo "first_prediction_warm_worker_ms=$(( $(now_ms) - t0 ))" | tee -a "$out/startup.txt"
  curl -s -o /dev/null -H 'Content-Type: application/json' -d "$liver" "http://127.0.0.1:$api_port/api/predict/liver"
  curl -s -o /dev/null -H 'Content-Type: application/json' -d "$lung" "http://127.0.0.1:$api_port/api/predict/lung"
  echo "worker_rss_four_models_mb=$(rss_mb "$(worker_pid)")" | tee -a "$out/startup.txt"
fi

run_wrk() { # name url connections [lua]
  local name=$1 url=$2 c=$3 threads=2
  [ "$c" -eq 1 ] && threads=1
  local args=(-t"$threads" -c"$c" -d"$duration" --latency --timeout 5s)
  [ $# -ge 4 ] && args+=(-s "$4")
  wrk "${args[@]}" "$url" > "$out/$name-c$c.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ { print $2 }' "$out/$name-c$c.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "$out/$name-c$c.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$out/$name-c$c.txt")
  errors=$(grep -E 'Socket errors|Non-2xx' "$out/$name-c$c.txt" | tr '\n' ' ' || true)
  printf '%-10s c=%-3s %10s req/s  p50 %8s  p99 %8s  %s\n' "$name" "$c" "$rps" "$p50" "$p99" "${errors:-0 errors}" | tee -a "$out/summary.txt"
}

: > "$out/summary.txt"
echo "==> warm: wrk, $duration per run, keep-alive"
curl -s -o /dev/null "http://127.0.0.1:$api_port/api/health"
for c in 1 16 64; do run_wrk health "http://127.0.0.1:$api_port/api/health" "$c"; done
if has_function HeartPrediction; then
  for c in 1 16 64; do BODY="$heart" run_wrk heart "http://127.0.0.1:$api_port/api/predict/heart" "$c" bench/devhost/post.lua; done
fi
if has_function HeartPrediction; then
  # The same patient's answer whole (api-version 2026-12-01, as a call without it), lean (2026-12-07: the texts in the
  # disease's description) and without its explanation, interleaved at c=16 with the pipeline's ceiling (/api/health).
  echo "==> answers at c=16, interleaved, ${ROUNDS:-2} rounds"
  base="http://127.0.0.1:$api_port/api"
  for round in $(seq "${ROUNDS:-2}"); do
    run_wrk "health-r$round" "$base/health" 16
    BODY="$heart" run_wrk "whole-r$round" "$base/predict/heart?api-version=2026-12-01" 16 bench/devhost/post.lua
    BODY="$heart" run_wrk "lean-r$round" "$base/predict/heart?api-version=2026-12-07" 16 bench/devhost/post.lua
    BODY="$heart" run_wrk "plain-r$round" "$base/predict/heart?api-version=2026-12-07&explain=false" 16 bench/devhost/post.lua
  done
  for version in 2026-12-01 2026-12-07; do
    echo "answer_bytes_$version=$(curl -s -H 'Content-Type: application/json' -d "$heart" "$base/predict/heart?api-version=$version" | wc -c)" | tee -a "$out/startup.txt"
  done
fi
echo "worker_rss_after_load_mb=$(rss_mb "$(worker_pid)")" | tee -a "$out/startup.txt"

if has_function HeartPrediction; then
  # The worker alone cold, as on a new instance where the Functions host is already up: kill it under
  # the running (warm) DevHost, which restarts it (after 1, 2, 4... s), and time its spawn -> first prediction.
  echo "==> cold worker under a running DevHost -> first prediction, $cold_runs times"
  restarted=()
  for run in $(seq "$cold_runs"); do
    before=$(spawn_lines)
    kill -KILL "$(worker_pid)"
    until [ "$(spawn_lines)" -gt "$before" ]; do sleep 0.01; done
    until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$heart" "http://127.0.0.1:$api_port/api/predict/heart" 2>/dev/null)" = 200 ]; do sleep 0.01; done
    spawn=$(since_worker_spawn_ms)
    restarted+=("$spawn")
    echo "restart_run_${run}_worker_spawn_to_first_prediction_ms=$spawn" | tee -a "$out/startup.txt"
  done
  echo "restart_worker_spawn_to_first_prediction_ms_$(printf '%s\n' "${restarted[@]}" | median_max)" | tee -a "$out/startup.txt"
fi
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)" | tee -a "$out/startup.txt"
echo "results in $out"
