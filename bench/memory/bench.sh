#!/usr/bin/env bash
# Memory of the published worker under DevHost, phase by phase: idle (no model), after the first call to
# each model, during and after a 60 s load, during and after abuse (1 MB bodies from 16 clients). For each
# sample: the worker's resident set (VmRSS, and its anonymous and file-backed parts), its private bytes
# (Private_Clean + Private_Dirty from smaps_rollup: what the process alone holds), its GC heap (dotnet-counters,
# System.Runtime), and DevHost's resident set separately (DevHost stands in for the Functions host, whose own
# memory in Azure is docs/cost.md's business). Memory figures do not depend on the machine's load.
# Then, on a fresh DevHost and worker with people's storage (Azurite's tables), the exports: one person signs in
# through DevHost's App Service Authentication, saves EXPORT_ROWS predictions through the API, and downloads the
# history EXPORTS times at once (GET /api/me/export); idle before, the peak while they stream (polled every 20 ms;
# the GC heap every second), 10 s and 30 s after; each export is checked whole (EXPORT_ROWS distinct predictions).
#
#   bash bench/memory/bench.sh                        # publishes this checkout's worker and measures it
#   bash bench/memory/bench.sh DIR [DIR...]           # measures already published workers, one after the other
#   LOAD_SECONDS=60 ABUSE_SECONDS=30 OUT=bench/results bash bench/memory/bench.sh
#   EXPORT_ROWS=10000 EXPORTS=4 bash bench/memory/bench.sh   # the export phase's size (EXPORT_ROWS=0: no export phase)
#   PHASES=exports bash bench/memory/bench.sh                # only the export phase (PHASES=requests: only the others)
#   LABEL=wx0 WORKER_ENV="DOTNET_EnableWriteXorExecute=0" bash bench/memory/bench.sh DIR   # a variant: environment for DevHost and its worker
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
out="${OUT:-$root/bench/results}"
load_seconds="${LOAD_SECONDS:-60}"
abuse_seconds="${ABUSE_SECONDS:-30}"
export_rows="${EXPORT_ROWS:-10000}"
exports="${EXPORTS:-4}"
phases="${PHASES:-requests exports}"
[ "$export_rows" -gt 0 ] || phases="${phases/exports/}"
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

if [[ $phases == *exports* ]]; then start_azurite tables; else start_azurite; fi
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

# DevHost and the worker it starts, for one phase: sets devhost_pid, base and wpid. Extra settings (JSON members)
# go to the worker's Values, as local.settings.json's do.
start_devhost() { # label publish-dir [extra Values]
  local label=$1 app=$2 extra=${3:-} api_port
  api_port=$(free_port)
  cat > "$work/local.settings.$label.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "$storage", "ModelStorage": "$storage",
              "WarmUpSchedule": "0 0 0 1 1 *", "WarmUp__Preload": "none", "DevHost__MasterKey": "$key",
              "Logging__LogLevel__Microsoft.AspNetCore": "Warning"$extra },
  "Host": { "CORS": "*" } }
JSON
  # shellcheck disable=SC2086
  env ${WORKER_ENV:-} dotnet "$devhost_dir/HealthOracle.DevHost.dll" --app "$app" --settings "$work/local.settings.$label.json" --port "$api_port" \
    --Logging:LogLevel:Default=Warning >"$work/devhost-$label.log" 2>&1 &
  devhost_pid=$!
  pids+=("$devhost_pid")
  base="http://127.0.0.1:$api_port"
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/health" 2>/dev/null)" = 200 ]; do sleep 0.05; done
  wpid=$(curl -s -H "x-functions-key: $key" "$base/admin/host/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["workerProcessId"])')
}
key=memory-bench-key
header() { # starts $tsv
  printf 'phase\tworker_rss_mb\tworker_rss_anon_mb\tworker_rss_file_mb\tworker_rss_shmem_mb\tworker_private_mb\tworker_gc_heap_mb\tworker_assemblies\tdevhost_rss_mb\n' > "$tsv"
}
sample() { # phase: one row of $tsv
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$(status_mb "$wpid" VmRSS)" "$(status_mb "$wpid" RssAnon)" "$(status_mb "$wpid" RssFile)" \
    "$(status_mb "$wpid" RssShmem)" "$(private_mb "$wpid")" "$(counters_heap_mb "$wpid")" "$(assemblies "$wpid")" "$(status_mb "$devhost_pid" VmRSS)" | tee -a "$tsv"
}

run_worker() { # label publish-dir
  local label=$1 app=$2
  start_devhost "$label" "$app"
  tsv="$out/memory-$label.tsv"
  header
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

sleep_until() { local left=$(( $1 - $(now_ms) )); [ "$left" -le 0 ] || sleep "$(printf '%d.%03d' $((left / 1000)) $((left % 1000)))"; }

run_exports() { # label publish-dir
  local label=$1 app=$2 cookie peak_pid counters_pid started ended i
  local -a curls=()
  # People's storage, and the person's budgets out of reach for the run (the app's defaults are 60 saves a minute
  # and 5,000 predictions): the same settings an operator would change, passed as the other Values are.
  start_devhost "$label-exports" "$app" ", \"PeopleStorage\": \"$storage\", \"History__SavesPerMinute\": \"100000000\", \"History__MaxSavedPredictions\": \"100000000\""
  tsv="$out/memory-$label-exports.tsv"
  header
  # Signed in as a browser is: DevHost's App Service Authentication emulation sets the session cookie, and DevHost
  # adds the principal headers to each request that carries it (a client's own copies are removed).
  # One person per worker measured (they share Azurite's tables).
  curl -s -o /dev/null -c "$work/jar" -d "user_id=memory-bench-$(printf '%s' "$label" | tr -c 'A-Za-z0-9._-' - | head -c 100)" -d user_name=memory-bench@example.org \
    "$base/.auth/login/aad"
  cookie="AppServiceAuthSession=$(awk '$6 == "AppServiceAuthSession" { print $7 }' "$work/jar")"
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/api/me")" = 200 ] || { echo "sign-in failed: /api/me is not 200" >&2; exit 1; }
  echo "==> $label: save $export_rows predictions through the API as one signed-in person"
  python3 bench/memory/exports.py save "$base" "$cookie" "$export_rows" "$work" 4
  sleep 10
  sample "idle before the exports (after $export_rows saves)"
  # The peak: the resident set and private bytes polled every 20 ms, the GC heap every second, while the exports stream.
  python3 bench/memory/exports.py peak "$wpid" "$devhost_pid" > "$work/peak-$label.tsv" &
  peak_pid=$!
  "$tools/dotnet-counters" collect -p "$wpid" --refresh-interval 1 --format csv -o "$work/export-counters-$label.csv" \
    --counters System.Runtime >/dev/null 2>&1 &
  counters_pid=$!
  sleep 3
  echo "==> $label: $exports exports at once"
  started=$(now_ms)
  for i in $(seq "$exports"); do
    curl -s -H "Cookie: $cookie" -o "$work/export-$i.json" -w '%{http_code}\t%{size_download}\t%{time_total}\n' "$base/api/me/export" > "$work/export-$i.status" &
    curls+=($!)
  done
  wait "${curls[@]}" || true
  ended=$(now_ms)
  sleep 2
  kill -TERM "$peak_pid" "$counters_pid" 2>/dev/null || true
  wait "$peak_pid" "$counters_pid" 2>/dev/null || true
  local heap
  heap=$(awk -F, 'NR > 1 && ($3 ~ /gc.last_collection.heap.size/ || $3 ~ /GC Heap Size/) { if ($1 != t) { t = $1; s = 0; mb = ($3 ~ /MB/) } s += $NF; if (s > m) m = s }
                  END { if (m == "") print "?"; else if (mb) printf "%.1f", m; else printf "%.1f", m / 1048576 }' "$work/export-counters-$label.csv" 2>/dev/null || echo "?")
  # shellcheck disable=SC2046
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$exports exports at once, peak" $(cut -f1-5 "$work/peak-$label.tsv") "$heap" "$(assemblies "$wpid")" \
    "$(cut -f6 "$work/peak-$label.tsv")" | tee -a "$tsv"
  sleep_until $((ended + 10000))
  sample "10 s after the exports"
  sleep_until $((ended + 30000))
  sample "30 s after the exports"
  # Each export whole: 200, one JSON document that parses, every saved prediction in it once.
  for i in $(seq "$exports"); do
    local status counted
    status=$(cat "$work/export-$i.status")
    counted=$(python3 bench/memory/exports.py count "$work/export-$i.json")
    printf 'export %s: status, bytes, seconds %s; predictions, distinct ids, suggestions, bytes %s\n' "$i" "$(echo "$status" | tr '\t' ' ')" \
      "$(echo "$counted" | tr '\t' ' ')" | tee -a "$out/memory-$label-exports.txt"
    [ "$(cut -f1 <<<"$status")" = 200 ] && [ "$(cut -f1-2 <<<"$counted")" = "$export_rows	$export_rows" ] \
      || { echo "export $i is not whole: expected $export_rows distinct predictions" >&2; exit 1; }
  done
  echo "all $exports exports whole, $((ended - started)) ms from the first request to the last byte" | tee -a "$out/memory-$label-exports.txt"
  rm -f "$work"/export-*.json
  kill -TERM "$devhost_pid"; wait "$devhost_pid" 2>/dev/null || true
}

for app in "${workers[@]}"; do
  label="$(basename "$app")${LABEL:+-$LABEL}"
  echo "==> $label ($app) ${WORKER_ENV:+with $WORKER_ENV}"
  [[ $phases != *requests* ]] || run_worker "$label" "$app"
  [[ $phases != *exports* ]] || run_exports "$label" "$app"
done
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)"
