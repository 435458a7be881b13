#!/usr/bin/env bash
# Runs the whole app locally, as Azure runs it: Azurite (blob storage), the models published into it,
# the worker under DevHost (the local Functions host) on http://127.0.0.1:7071, and the site on
# http://127.0.0.1:5173. Ctrl+C stops all of it.
#
#   bash scripts/run.sh                 # everything
#   API_PORT=7072 SITE_PORT=5174 bash scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

api_port="${API_PORT:-7071}"
site_port="${SITE_PORT:-5173}"
blob_port=10000          # UseDevelopmentStorage=true means Azurite's default blob port
table_port=10002         # ... and its default table port (people's profiles and histories)
configuration="${CONFIGURATION:-Release}"
worker_dir="$root/.artifacts/run/worker"
devhost_dll="$root/tools/DevHost/bin/$configuration/net10.0/HealthOracle.DevHost.dll"

pids=()
table_pid=""
cleanup() {
  trap - INT TERM EXIT
  # DevHost first (it terminates its worker), then Azurite; SIGTERM is a graceful stop for both
  # (background jobs of a script ignore SIGINT, so Ctrl+C reaches them through this trap), except
  # Azurite's table service, which saves its data on SIGINT only (node's handler still receives it).
  for pid in "${pids[@]}"; do
    if [ "$pid" = "$table_pid" ]; then kill -INT "$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup INT TERM EXIT

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

echo "==> Azurite (project-local, pinned in package-lock.json)"
if [ -L node_modules ]; then
  # A shared install (a symlink, as in git worktrees): npm ci would empty its target. Use it as it is.
  [ -f node_modules/azurite/dist/src/blob/main.js ] || { echo "node_modules links to an install without Azurite" >&2; exit 1; }
elif [ ! -f node_modules/azurite/dist/src/blob/main.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if listening "$blob_port"; then
  echo "    something already listens on 127.0.0.1:$blob_port; using it as the blob store"
else
  mkdir -p .azurite
  node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --location .azurite --skipApiVersionCheck --disableTelemetry --silent &
  pids+=($!)
  for _ in $(seq 1 100); do listening "$blob_port" && break; sleep 0.1; done
  listening "$blob_port" || { echo "Azurite did not start on port $blob_port" >&2; exit 1; }
fi
if listening "$table_port"; then
  echo "    something already listens on 127.0.0.1:$table_port; using it as the table store"
else
  mkdir -p .azurite
  node node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort "$table_port" \
    --location .azurite --skipApiVersionCheck --disableTelemetry --silent &
  table_pid=$!
  pids+=("$table_pid")
  for _ in $(seq 1 100); do listening "$table_port" && break; sleep 0.1; done
  listening "$table_port" || { echo "Azurite's table service did not start on port $table_port" >&2; exit 1; }
fi

if [ ! -f local.settings.json ]; then
  echo "==> local.settings.json created from local.settings.sample.json (it is git-ignored: edit freely)"
  cp local.settings.sample.json local.settings.json
fi
grep -q '"PeopleStorage"' local.settings.json || echo "    note: local.settings.json has no PeopleStorage: sign-in works but no profile or history is kept (add \"PeopleStorage\": \"UseDevelopmentStorage=true\")"

if compgen -G "tools/Training/*.csproj" >/dev/null; then
  echo "==> publish models/ into Azurite"
  dotnet run --project tools/Training -c "$configuration" -- publish --connection UseDevelopmentStorage=true
else
  echo "==> tools/Training is not here yet: no models published (predictions answer 503 until they are)"
fi

echo "==> build the worker and DevHost ($configuration)"
dotnet publish Functions/HealthOracle.Functions.csproj -c "$configuration" -o "$worker_dir" -nologo -v quiet -clp:ErrorsOnly
dotnet build tools/DevHost/DevHost.csproj -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

site_args=()
if [ -d site ] && [ -n "$(ls -A site 2>/dev/null)" ]; then
  site_args=(--site "$root/site" --site-port "$site_port")
fi

echo "==> DevHost on http://127.0.0.1:$api_port (Ctrl+C stops everything)"
dotnet "$devhost_dll" --app "$worker_dir" --settings "$root/local.settings.json" --port "$api_port" "${site_args[@]}" &
pids=("$!" "${pids[@]}")

for _ in $(seq 1 600); do listening "$api_port" && break; sleep 0.1; done
cat <<MSG

  API      http://127.0.0.1:$api_port/api/health
  Sign-in  http://127.0.0.1:$api_port/.auth/login/aad   (App Service Authentication, emulated: tools/DevHost/README.md)
  Admin    POST http://127.0.0.1:$api_port/admin/functions/Warmup   (x-functions-key: the master key)
  Storage  http://127.0.0.1:$blob_port/devstoreaccount1 (Azurite, data in .azurite/)
  Tables   http://127.0.0.1:$table_port/devstoreaccount1 (profiles and histories, PeopleStorage)
MSG
if [ ${#site_args[@]} -gt 0 ]; then
  echo "  Site     http://127.0.0.1:$site_port/"
fi
echo

wait "${pids[0]}"
