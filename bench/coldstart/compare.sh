#!/usr/bin/env bash
# Cold start of this worker and of the seed stack's stand-in (../shared/peer: Django + gunicorn + sklearn),
# in one run, interleaved: every round starts each variant once, in an order that alternates from round to
# round, so that the machine's load falls on all of them alike. For each cold start:
#   - worker: a fresh DevHost and worker; ms from the worker's spawn (DevHost's "Starting worker process" line)
#     to the first 200 of POST /api/predict/heart (the model read from Azurite, verified, its session created),
#     ms from DevHost's launch to it, and the CPU time the worker process used until then (/proc/<pid>/stat);
#   - peer: gunicorn as the original runs it (1 sync worker, max_requests 1000); ms from launch to the first
#     200 of POST /heart/ (the very first request: Django's URLconf, sklearn's import, the model's load) and
#     the CPU time of the master and its worker until then.
# CPU time is the figure to trust on a loaded machine: wall time there measures the other processes too.
#
#   bash bench/coldstart/compare.sh                   # publishes this checkout's worker; ROUNDS=5
#   ROUNDS=7 bash bench/coldstart/compare.sh DIR...   # published workers to compare (before/after), plus the peer
#   bash bench/coldstart/compare.sh DIR DIR#DOTNET_EnableWriteXorExecute=0   # the same worker with an environment variable
#   PEER=none bash bench/coldstart/compare.sh DIR DIR  # workers only (before/after a change; the peer needs Django)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
rounds="${ROUNDS:-5}"
out="${OUT:-$root/bench/results}"
peer_src="${PEER:-$root/../../shared/peer}"
[ -d "$peer_src" ] || peer_src=/work/shared/peer
datasets="${HEALTHORACLE_DATASETS:-/work/shared/datasets}"
mkdir -p "$out"
source bench/lib.sh

workers=("$@")
if [ ${#workers[@]} -eq 0 ]; then
  dotnet publish Functions/HealthOracle.Functions.csproj -c Release -o .artifacts/bench/worker -nologo -v quiet -clp:ErrorsOnly
  workers=(.artifacts/bench/worker)
fi
devhost_dir="${DEVHOST:-.artifacts/bench/devhost}"
if [ ! -f "$devhost_dir/HealthOracle.DevHost.dll" ]; then
  dotnet publish tools/DevHost/DevHost.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o "$devhost_dir" -nologo -v quiet -clp:ErrorsOnly
fi
[ "${PEER:-}" = none ] || prepare_peer "$peer_src"

start_azurite
publish_models
key=coldstart-key
cat > "$work/local.settings.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "$storage", "ModelStorage": "$storage",
              "WarmUpSchedule": "0 0 0 1 1 *", "WarmUp__Preload": "none", "DevHost__MasterKey": "$key",
              "Logging__LogLevel__Microsoft.AspNetCore": "Warning" },
  "Host": { "CORS": "*" } }
JSON
heart=$(python3 -c 'import json; print(json.dumps(json.load(open("Functions/Predictions/Examples/heart.json"))["patient"]))')

cold_worker() { # publish-dir[#VAR=value] -> "spawn_ms launch_ms cpu_ms"
  local app=${1%%#*} extra=() port log="$work/devhost.log" t0 t1 pid spawned now wpid cpu
  port=$(free_port)
  [[ $1 == *#* ]] && extra=("${1#*#}")
  t0=$(now_ms)
  env "${extra[@]}" dotnet "$devhost_dir/HealthOracle.DevHost.dll" --app "$app" --settings "$work/local.settings.json" --port "$port" \
    --Logging:LogLevel:Default=Warning --Logging:LogLevel:HealthOracle.DevHost.Workers=Information >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$heart" "http://127.0.0.1:$port/api/predict/heart" 2>/dev/null)" = 200 ]; do sleep 0.01; done
  t1=$(now_ms)
  now=$(date -u +%H:%M:%S.%3N)
  wpid=$(curl -s -H "x-functions-key: $key" "http://127.0.0.1:$port/admin/host/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["workerProcessId"])')
  cpu=$(cpu_ms "$wpid")
  spawned=$(grep -o '^[0-9:.]* info: HealthOracle.DevHost.Workers.WorkerSupervisor\[1\]' "$log" | tail -1 | cut -d' ' -f1)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  awk -v a="$spawned" -v b="$now" -v l=$((t1 - t0)) -v c="$cpu" \
    'function ms(t, p) { split(t, p, /[:.]/); return ((p[1] * 60 + p[2]) * 60 + p[3]) * 1000 + p[4] } BEGIN { print ms(b) - ms(a), l, c }'
}

cold_peer() { # -> "launch_ms launch_ms cpu_ms"
  local port r
  port=$(free_port)
  r=$(cold_peer_start "$port" --data "$peer_body" "http://127.0.0.1:$port/heart/")
  echo "${r%% *} $r"
}

variants=()
for w in "${workers[@]}"; do variants+=("worker:$w"); done
[ "${PEER:-}" = none ] || variants+=("peer")
csv="$out/coldstart.csv"
echo "round,variant,first_answer_ms,launch_to_first_answer_ms,cpu_ms,load1" > "$csv"
for round in $(seq "$rounds"); do
  order=("${variants[@]}")
  if [ $((round % 2)) -eq 0 ]; then mapfile -t order < <(printf '%s\n' "${variants[@]}" | tac); fi
  for v in "${order[@]}"; do
    case "$v" in
      peer) r=$(cold_peer); name=peer ;;
      worker:*) r=$(cold_worker "${v#worker:}"); name=$(basename "${v#worker:}") ;;  # DIR#VAR=value is named dir#VAR=value
    esac
    line="$round,$name,${r// /,},$(cut -d' ' -f1 /proc/loadavg)"
    echo "$line" | tee -a "$csv"
  done
done

echo
echo "medians over $rounds rounds (worker: spawn -> first prediction; peer: launch -> first prediction)"
python3 - "$csv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
names = list(dict.fromkeys(r["variant"] for r in rows))
med = {n: {k: statistics.median(float(r[k]) for r in rows if r["variant"] == n) for k in ("first_answer_ms", "launch_to_first_answer_ms", "cpu_ms")} for n in names}
for n in names:
    m = med[n]
    ratio = "" if n == "peer" or "peer" not in med else f"   wall {m['first_answer_ms'] / med['peer']['first_answer_ms']:.2f}x peer, cpu {m['cpu_ms'] / med['peer']['cpu_ms']:.2f}x peer"
    print(f"{n:>14}: first answer {m['first_answer_ms']:.0f} ms (launch {m['launch_to_first_answer_ms']:.0f} ms), cpu {m['cpu_ms']:.0f} ms{ratio}")
loads = [float(r["load1"]) for r in rows]
print(f"load average (1 min) during the run: {min(loads):.1f}-{max(loads):.1f} on {__import__('os').cpu_count()} cores")
PY
