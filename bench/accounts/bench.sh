#!/usr/bin/env bash
# Accounts benchmark: what saving a signed-in person's prediction costs, what listing costs, and whether
# anonymous predictions got slower. Two DevHosts side by side against one Azurite (blobs and tables):
# this checkout's worker and the worker of BASE_REF (default 9ff1197: main just before accounts merged), measured in
# interleaved rounds of wrk at one connection (so p50 is one request's latency). Figures: bench/README.md, "Accounts".
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
out="${OUT:-$root/bench/accounts/results}"
duration="${DURATION:-5s}"
rounds="${ROUNDS:-5}"
base_ref="${BASE_REF:-9ff1197}"
mkdir -p "$out"

command -v wrk >/dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
source bench/lib.sh

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> publish this branch's worker, $base_ref's worker and DevHost (Release, ReadyToRun)"
  dotnet publish Functions/HealthOracle.Functions.csproj -c Release -o .artifacts/bench-accounts/worker -nologo -v quiet -clp:ErrorsOnly
  mkdir -p "$work/base"
  git archive "$base_ref" Functions Diseases Directory.Build.props Directory.Packages.props global.json host.json local.settings.sample.json .editorconfig | tar -x -C "$work/base"
  dotnet publish "$work/base/Functions/HealthOracle.Functions.csproj" -c Release -o .artifacts/bench-accounts/base-worker -nologo -v quiet -clp:ErrorsOnly
  dotnet publish tools/DevHost/DevHost.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o .artifacts/bench-accounts/devhost -nologo -v quiet -clp:ErrorsOnly
fi

start_azurite tables
api=$(free_port); base_api=$(free_port)
echo "==> Azurite: blobs on $blob_port, tables on $table_port"
publish_models

cat > "$work/local.settings.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "$storage", "ModelStorage": "$storage",
              "PeopleStorage": "$storage", "WarmUpSchedule": "0 0 0 1 1 *", "DevHost__AuthSessionKey": "bench",
              "History__SavesPerMinute": "100000000", "History__MaxSavedPredictions": "100000000",
              "Logging__LogLevel__Microsoft.AspNetCore": "Warning" },
  "Host": { "CORS": "*" } }
JSON
start_devhost() { # port worker-folder log
  dotnet .artifacts/bench-accounts/devhost/HealthOracle.DevHost.dll --app "$2" --settings "$work/local.settings.json" --port "$1" \
    --Logging:LogLevel:Default=Warning >"$3" 2>&1 &
  pids+=($!)
}
start_devhost "$api" .artifacts/bench-accounts/worker "$out/devhost.log"
start_devhost "$base_api" .artifacts/bench-accounts/base-worker "$out/devhost-base.log"
heart='{"age":63,"sex":1,"cp":1,"trestbps":145,"chol":233,"fbs":1,"restecg":2,"thalach":150,"exang":0,"oldpeak":2.3,"slope":3,"ca":0,"thal":6}'
for port in "$api" "$base_api"; do
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$heart" "http://127.0.0.1:$port/api/predict/heart" 2>/dev/null)" = 200 ]; do sleep 0.1; done
done

echo "==> sign in (DevHost's App Service Authentication emulation) and save 50 predictions to list"
curl -s -o /dev/null -c "$work/jar" -d user_id=bench-person -d user_name=bench@example.org "http://127.0.0.1:$api/.auth/login/aad"
cookie="AppServiceAuthSession=$(awk '$6 == "AppServiceAuthSession" { print $7 }' "$work/jar")"
# A second person owns the 50 listed ones, so the saving runs do not change what is listed.
curl -s -o /dev/null -c "$work/jar2" -d user_id=bench-lister -d user_name=lister@example.org "http://127.0.0.1:$api/.auth/login/aad"
lister="AppServiceAuthSession=$(awk '$6 == "AppServiceAuthSession" { print $7 }' "$work/jar2")"
for _ in $(seq 50); do
  curl -s -o /dev/null -H "Cookie: $lister" -H 'Content-Type: application/json' -d "$heart" "http://127.0.0.1:$api/api/predict/heart"
done
listed=$(curl -s -H "Cookie: $lister" "http://127.0.0.1:$api/api/me/predictions?pageSize=50" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
[ "$listed" = 50 ] || { echo "expected 50 listed, got $listed" >&2; exit 1; }
saved=$(curl -s -H "Cookie: $cookie" -H 'Content-Type: application/json' -d "$heart" "http://127.0.0.1:$api/api/predict/heart" | python3 -c 'import json,sys; print(json.load(sys.stdin)["history"]["saved"])')
[ "$saved" = True ] || { echo "a signed-in prediction was not saved" >&2; exit 1; }

run() { # name url [METHOD BODY COOKIE]
  local name=$1 url=$2
  METHOD=$3 BODY=$4 COOKIE=$5 wrk -t1 -c1 -d"$duration" --latency --timeout 5s -s bench/accounts/request.lua "$url" > "$out/$name-$round.txt"
  local p50 rps errors
  p50=$(awk '$1 == "50%" { print $2 }' "$out/$name-$round.txt")
  rps=$(awk '/Requests\/sec/ { print $2 }' "$out/$name-$round.txt")
  errors=$(grep -E 'Socket errors|Non-2xx' "$out/$name-$round.txt" | tr '\n' ' ' || true)
  printf '%s round=%s p50=%s rps=%s %s\n' "$name" "$round" "$p50" "$rps" "${errors:-0 errors}" | tee -a "$out/rounds.txt"
}

: > "$out/rounds.txt"
echo "==> $rounds interleaved rounds, $duration each, one connection"
# Each pair runs back to back, in alternating order from round to round, so that a change in the
# machine's load falls on both sides alike; the summary takes the median of the per-round differences.
for round in $(seq "$rounds"); do
  if [ $((round % 2)) = 1 ]; then
    run anonymous-base "http://127.0.0.1:$base_api/api/predict/heart" POST "$heart" ""
    run anonymous "http://127.0.0.1:$api/api/predict/heart" POST "$heart" ""
    run signed-in-not-saved "http://127.0.0.1:$api/api/predict/heart?save=false" POST "$heart" "$cookie"
    run signed-in-saved "http://127.0.0.1:$api/api/predict/heart" POST "$heart" "$cookie"
  else
    run anonymous "http://127.0.0.1:$api/api/predict/heart" POST "$heart" ""
    run anonymous-base "http://127.0.0.1:$base_api/api/predict/heart" POST "$heart" ""
    run signed-in-saved "http://127.0.0.1:$api/api/predict/heart" POST "$heart" "$cookie"
    run signed-in-not-saved "http://127.0.0.1:$api/api/predict/heart?save=false" POST "$heart" "$cookie"
  fi
  run list-50 "http://127.0.0.1:$api/api/me/predictions?pageSize=50" GET "" "$lister"
  # Azurite keeps a table's rows in one in-memory collection and scans it: without this, every saving
  # round (about 1,500 rows) would make the next round's inserts and listings slower, which Azure's
  # indexed partitions do not. Erasing the saving person between rounds keeps the table the same size.
  curl -s -o /dev/null -X DELETE -H "Cookie: $cookie" "http://127.0.0.1:$api/api/me"
done

# Medians over the rounds of each run's p50 (wrk prints units: us or ms).
python3 - "$out/rounds.txt" <<'PY' | tee "$out/summary.txt"
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, _, p50 = line.split()[:3]
    value, unit = re.match(r"p50=([\d.]+)(us|ms|s)", p50).groups()
    runs.setdefault(name, []).append(float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit])
med = {name: statistics.median(values) for name, values in runs.items()}
for name, values in runs.items():
    print(f"{name:22} p50 median {med[name]:.2f} ms  (rounds: {', '.join(f'{v:.2f}' for v in values)})")
paired = lambda a, b: statistics.median(x - y for x, y in zip(runs[a], runs[b]))
print(f"saving adds            {paired('signed-in-saved', 'signed-in-not-saved'):+.2f} ms p50, median of the per-round differences (target <= 5 ms)")
print(f"anonymous vs base      {paired('anonymous', 'anonymous-base'):+.2f} ms p50, median of the per-round differences (target: not slower)")
print(f"listing 50             {med['list-50']:.2f} ms p50 (target <= 20 ms)")
PY
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc)" | tee -a "$out/summary.txt"
