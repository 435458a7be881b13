#!/usr/bin/env bash
# Memory of the published worker under DevHost, phase by phase: idle (no model), after the first call to
# each model, during and after a 60 s load, during and after abuse (1 MB bodies from 16 clients). For each
# sample: the worker's resident set (VmRSS, and its anonymous and file-backed parts), its private bytes
# (Private_Clean + Private_Dirty from smaps_rollup: what the process alone holds), its GC heap (dotnet-counters,
# System.Runtime), and DevHost's resident set separately (DevHost stands in for the Functions host, whose own
# memory in Azure is docs/cost.md's business). Memory figures do not depend on the machine's load.
#
#   bash bench/memory/bench.sh                        # publishes this checkout's worker and measures it
#   bash bench/memory/bench.sh DIR [DIR...]           # measures already published workers, one after the other
#   LOAD_SECONDS=60 ABUSE_SECONDS=30 OUT=bench/results bash bench/memory/bench.sh
#   LABEL=wx0 WORKER_ENV="DOTNET_EnableWriteXorExecute=0" bash bench/memory/bench.sh DIR   # a variant: environment for DevHost and its worker
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
out="${OUT:-$root/bench/results}"
load_seconds="${LOAD_SECONDS:-60}"
abuse_seconds="${ABUSE_SECONDS:-30}"
mkdir -p "$out"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
tools="bench/.tools"
if [ ! -x "$tools/dotnet-counters" ]; then
  dotnet tool install dotnet-counters --version 10.0.750501 --tool-path "$tools" >/dev/null
fi

devhost_dir="${DEVHOST:-.artifacts/bench/devhost}"
workers=("$@")
if [ ${#workers[@]} -eq 0 ]; then
  echo "==> publish the worker and DevHost (Release, ReadyToRun) to .artifacts/bench/"
  dotnet publish Functions/HealthOracle.Functions.csproj -c Release -o .artifacts/bench/worker -nologo -v quiet -clp:ErrorsOnly
  workers=(.artifacts/bench/worker)
fi
if [ ! -f "$devhost_dir/HealthOracle.DevHost.dll" ]; then
  dotnet publish tools/DevHost/DevHost.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$devhost_dir" -nologo -v quiet -clp:ErrorsOnly
fi

source bench/lib.sh

start_azurite
echo "==> publish models/ into Azurite"
publish_models

# The bodies: each disease's example patient (the API's recorded examples), the largest valid batch padded
# to just under 1 MiB, and a 1 MiB body of unknown fields (refused).
python3 - "$work" <<'PY'
import json, sys, pathlib
work = pathlib.Path(sys.argv[1])
for f in pathlib.Path("Functions/Predictions/Examples").glob("*.json"):
    (work / f"{f.stem}.body").write_text(json.dumps(json.load(open(f))["patient"]))
heart = json.load(open("Functions/Predictions/Examples/heart.json"))["patient"]
one = json.dumps(heart)
pad = (1024 * 1024 - 2 - 1000 * (len(one) + 1)) // 1000
(work / "batch.body").write_text("[" + ",".join(one[:-1] + " " * pad + "}" for _ in range(1000)) + "]")
fields = ",".join(f'"x{i}":0' for i in range(120000))
(work / "unknown.body").write_text("{" + fields[: 1024 * 1024 - 2].rsplit(",", 1)[0] + "}")
PY

counters_heap_mb() { # pid -> GC heap (MB) after the last collection, summed over generations
  local csv="$work/counters-$1-$RANDOM.csv"
  timeout 30 "$tools/dotnet-counters" collect -p "$1" --refresh-interval 1 --duration 00:00:00:03 --format csv -o "$csv" \
    --counters System.Runtime >/dev/null 2>&1 || true
  [ -f "$csv" ] || { echo "?"; return; }
  awk -F, 'NR > 1 && ($3 ~ /gc.last_collection.heap.size/ || $3 ~ /GC Heap Size/) { if ($1 != t) { t = $1; s = 0; mb = ($3 ~ /MB/) } s += $NF; last = s }
           END { if (last == "") print "?"; else if (mb) printf "%.1f", last; else printf "%.1f", last / 1048576 }' "$csv"
}
status_mb() { awk -v k="$2:" '$1 == k { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
assemblies() { awk '$6 ~ /\.dll$/ { print $6 }' "/proc/$1/maps" | sort -u | wc -l; }
private_mb() { awk '/^Private_(Clean|Dirty):/ { s += $2 } END { printf "%.1f", s / 1024 }' "/proc/$1/smaps_rollup"; }

run_worker() { # label publish-dir
  local label=$1 app=$2 api_port key=memory-bench-key devhost_pid wpid
  api_port=$(free_port)
  cat > "$work/local.settings.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "$storage", "ModelStorage": "$storage",
              "WarmUpSchedule": "0 0 0 1 1 *", "WarmUp__Preload": "none", "DevHost__MasterKey": "$key",
              "Logging__LogLevel__Microsoft.AspNetCore": "Warning" },
  "Host": { "CORS": "*" } }
JSON
  # shellcheck disable=SC2086
  env ${WORKER_ENV:-} dotnet "$devhost_dir/HealthOracle.DevHost.dll" --app "$app" --settings "$work/local.settings.json" --port "$api_port" \
    --Logging:LogLevel:Default=Warning >"$work/devhost-$label.log" 2>&1 &
  devhost_pid=$!
  pids+=("$devhost_pid")
  local base="http://127.0.0.1:$api_port"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/health" 2>/dev/null)" = 200 ]; do sleep 0.05; done
  wpid=$(curl -s -H "x-functions-key: $key" "$base/admin/host/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["workerProcessId"])')
  local tsv="$out/memory-$label.tsv"
  printf 'phase\tworker_rss_mb\tworker_rss_anon_mb\tworker_rss_file_mb\tworker_rss_shmem_mb\tworker_private_mb\tworker_gc_heap_mb\tworker_assemblies\tdevhost_rss_mb\n' > "$tsv"
  sample() {
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$(status_mb "$wpid" VmRSS)" "$(status_mb "$wpid" RssAnon)" "$(status_mb "$wpid" RssFile)" \
      "$(status_mb "$wpid" RssShmem)" "$(private_mb "$wpid")" "$(counters_heap_mb "$wpid")" "$(assemblies "$wpid")" "$(status_mb "$devhost_pid" VmRSS)" | tee -a "$tsv"
  }
  post() { curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary "@$2" "$base/api/predict/$1"; }
  sleep 5
  sample idle
  awk '$6 ~ /\.dll$/ { n = split($6, p, "/"); print p[n] }' "/proc/$wpid/maps" | sort -u > "$out/memory-$label-assemblies-idle.txt"
  for disease in heart diabetes liver lung kidney; do
    [ "$(post "$disease" "$work/$disease.body")" = 200 ] || echo "warning: $disease did not answer 200" >&2
    sample "after first $disease"
  done
  BODY=$(cat "$work/heart.body") wrk -t2 -c16 -d"${load_seconds}s" --timeout 10s -s bench/devhost/post.lua "$base/api/predict/heart" >"$work/load-$label.txt" &
  local wrk_pid=$! i=0
  while kill -0 "$wrk_pid" 2>/dev/null; do sleep 10; i=$((i + 10)); kill -0 "$wrk_pid" 2>/dev/null && sample "load c=16 heart, ${i} s"; done
  wait "$wrk_pid" || true
  grep -E 'Requests/sec|Non-2xx|Socket errors' "$work/load-$label.txt" | sed "s/^/  load: /" >&2 || true
  sleep 10
  sample "10 s after the load"
  ABUSE_A="$work/batch.body" ABUSE_B="$work/unknown.body" wrk -t2 -c16 -d"${abuse_seconds}s" --timeout 30s -s bench/memory/abuse.lua \
    "$base/api/predict/heart" >"$work/abuse-$label.txt" &
  wrk_pid=$! i=0
  while kill -0 "$wrk_pid" 2>/dev/null; do sleep 10; i=$((i + 10)); kill -0 "$wrk_pid" 2>/dev/null && sample "abuse 16 × 1 MB, ${i} s"; done
  wait "$wrk_pid" || true
  grep -E 'Requests/sec|Non-2xx|Socket errors' "$work/abuse-$label.txt" | sed "s/^/  abuse: /" >&2 || true
  sleep 10
  sample "10 s after the abuse"
  sleep 20
  sample "30 s after the abuse"
  kill -TERM "$devhost_pid"; wait "$devhost_pid" 2>/dev/null || true
}

for app in "${workers[@]}"; do
  label="$(basename "$app")${LABEL:+-$LABEL}"
  echo "==> $label ($app) ${WORKER_ENV:+with $WORKER_ENV}"
  run_worker "$label" "$app"
done
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)"
