#!/usr/bin/env bash
# Export memory benchmark (issue 24, S4): the worker's resident memory while four exports of one person's
# 10,000-prediction history stream at once, against its idle memory before and after. One Azurite (blobs with the
# models, tables), one DevHost running this checkout's worker (and, with BASE_REF set, a second one running that
# ref's worker, for before and after). Target: peak <= 50 MB over idle, back to idle after. Figures: bench/README.md,
# "Accounts". Usage: bash bench/accounts/export-memory.sh   (ROWS=10000 EXPORTS=4 BASE_REF=<ref> SKIP_BUILD=1 OUT=...)
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
out="${OUT:-$root/bench/accounts/results}"
rows="${ROWS:-10000}"
exports="${EXPORTS:-4}"
base_ref="${BASE_REF:-}"
mkdir -p "$out"

source bench/lib.sh

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  echo "==> publish this checkout's worker and DevHost (Release)"
  dotnet publish Functions/HealthOracle.Functions.csproj -c Release -o .artifacts/bench-export/worker -nologo -v quiet -clp:ErrorsOnly
  dotnet publish tools/DevHost/DevHost.csproj -c Release -o .artifacts/bench-export/devhost -nologo -v quiet -clp:ErrorsOnly
  if [ -n "$base_ref" ]; then
    echo "==> publish $base_ref's worker"
    mkdir -p "$work/base"
    git archive "$base_ref" Functions Diseases Directory.Build.props Directory.Packages.props global.json host.json local.settings.sample.json .editorconfig | tar -x -C "$work/base"
    dotnet publish "$work/base/Functions/HealthOracle.Functions.csproj" -c Release -o .artifacts/bench-export/base-worker -nologo -v quiet -clp:ErrorsOnly
  fi
fi

start_azurite tables
echo "==> Azurite: blobs on $blob_port, tables on $table_port"
publish_models

measure() { # label worker-folder
  local label=$1 worker=$2 port
  port=$(free_port)
  cat > "$work/local.settings.$label.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "$storage", "ModelStorage": "$storage",
              "PeopleStorage": "$storage", "WarmUpSchedule": "0 0 0 1 1 *", "DevHost__MasterKey": "bench-master-key",
              "History__SavesPerMinute": "100000000", "History__MaxSavedPredictions": "100000000" },
  "Host": { "CORS": "*" } }
JSON
  dotnet .artifacts/bench-export/devhost/HealthOracle.DevHost.dll --app "$worker" --settings "$work/local.settings.$label.json" \
    --port "$port" --Logging:LogLevel:Default=Warning >"$out/export-devhost-$label.log" 2>&1 &
  pids+=($!)
  wait_healthy "$port" "$!" "$out/export-devhost-$label.log"
  python3 bench/accounts/export_memory.py --api "http://127.0.0.1:$port" --label "$label" --rows "$rows" --exports "$exports" \
    --person "export-bench-$label" --storage "$storage" | tee -a "$out/export-memory.txt"
}

: > "$out/export-memory.txt"
measure this .artifacts/bench-export/worker
if [ -n "$base_ref" ]; then
  measure "$base_ref" .artifacts/bench-export/base-worker
fi
echo "load_average=$(cut -d' ' -f1-3 /proc/loadavg) cores=$(nproc) rows=$rows exports=$exports" | tee -a "$out/export-memory.txt"
