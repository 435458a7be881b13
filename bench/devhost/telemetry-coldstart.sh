#!/usr/bin/env bash
# What OpenTelemetry costs a cold worker, COLD_RUNS times per variant: the CPU time the worker process used until
# its first 200 from /api/health (robust on a busy machine), its resident memory then, and the wall-clock times
# DevHost launch -> that answer and worker spawn -> that answer (only meaningful on an idle machine). Variants:
#   off            no exporter configured (local default, and Azure without a connection string)
#   otlp           OTEL_EXPORTER_OTLP_ENDPOINT set: DevHost's own receiver (--telemetry summary)
#   azuremonitor   APPLICATIONINSIGHTS_CONNECTION_STRING set (an ingestion endpoint on a closed loopback port)
# and, with BEFORE_WORKER=<a publish folder of an older worker>, "before-off" and "before-appinsights" for it.
# Loopback only; nothing leaves the machine. See README.md beside this file.
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${COLD_RUNS:-5}"
out="${OUT:-$PWD/bench/devhost/results}"
mkdir -p "$out"
source bench/lib.sh

publish_bench

dead_port=$(free_port)
ai="InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:$dead_port/"
key=bench-master-key

declare -A totals spawns rss cpu
once() { # label worker-folder extra-value-json devhost-args...
  local label=$1 worker=$2 extra=$3; shift 3
  local port t0 t1 spawned now pid
  port=$(free_port)
  cat > "$work/local.settings.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "UseDevelopmentStorage=true",
              "WarmUpSchedule": "0 0 0 1 1 *", "DevHost__MasterKey": "$key" $extra } }
JSON
  t0=$(now_ms)
  dotnet .artifacts/bench/devhost/HealthOracle.DevHost.dll --app "$worker" --settings "$work/local.settings.json" --port "$port" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:HealthOracle.DevHost.Workers=Information "$@" >"$work/devhost.log" 2>&1 &
  devhost_pid=$!; pids=("$devhost_pid")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health" 2>/dev/null)" = 200 ]; do
    kill -0 "$devhost_pid" 2>/dev/null || { echo "DevHost exited:" >&2; tail -20 "$work/devhost.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(now_ms)
  now=$(date -u +%H:%M:%S.%3N)
  spawned=$(grep -o '^[0-9:.]* info: HealthOracle.DevHost.Workers.WorkerSupervisor\[1\]' "$work/devhost.log" | tail -1 | cut -d' ' -f1)
  spawns[$label]+="$(awk -v a="$spawned" -v b="$now" 'function ms(t, p) { split(t, p, /[:.]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4] } BEGIN { print ms(b) - ms(a) }') "
  totals[$label]+="$((t1 - t0)) "
  pid=$(curl -s -H "x-functions-key: $key" "http://127.0.0.1:$port/admin/host/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["workerProcessId"])')
  rss[$label]+="$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status") "
  # CPU the worker used to get there (user + system): what start-up costs, even when the machine is busy.
  cpu[$label]+="$(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.0f", ($12 + $13) * 1000 / hz }' "/proc/$pid/stat") "
  kill -TERM "$devhost_pid"; wait "$devhost_pid" 2>/dev/null || true
  echo "  $label: launch->health $((t1 - t0)) ms"
}
med() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

labels=()
[ -n "${BEFORE_WORKER:-}" ] && labels+=(before-off before-appinsights)
labels+=(off otlp azuremonitor)
# Interleaved (one run of each variant per round), so that other load on the machine hits every variant alike.
for run in $(seq "$runs"); do
  if [ -n "${BEFORE_WORKER:-}" ]; then
    once before-off "$BEFORE_WORKER" ""
    once before-appinsights "$BEFORE_WORKER" ", \"APPLICATIONINSIGHTS_CONNECTION_STRING\": \"$ai\""
  fi
  once off .artifacts/bench/worker ""
  once otlp .artifacts/bench/worker "" --telemetry summary
  once azuremonitor .artifacts/bench/worker ", \"APPLICATIONINSIGHTS_CONNECTION_STRING\": \"$ai\""
done

: > "$out/telemetry-coldstart.txt"
for label in "${labels[@]}"; do
  printf '%-20s worker CPU to first health median %5s ms (%s)  worker RSS median %4s MB  launch->health median %5s ms  spawn->health median %5s ms\n' \
    "$label" "$(echo "${cpu[$label]}" | med)" "${cpu[$label]% }" "$(echo "${rss[$label]}" | med)" \
    "$(echo "${totals[$label]}" | med)" "$(echo "${spawns[$label]}" | med)" | tee -a "$out/telemetry-coldstart.txt"
done
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)" | tee -a "$out/telemetry-coldstart.txt"
