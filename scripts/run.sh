#!/usr/bin/env bash
# Runs the whole app locally, as Azure runs it: Azurite (blob and table storage), the models published into it,
# the worker under DevHost (the local Functions host) on http://127.0.0.1:7071, and the site on
# http://127.0.0.1:5173. Ctrl+C stops all of it.
#
#   bash scripts/run.sh                 # everything
#   API_PORT=7072 SITE_PORT=5174 BLOB_PORT=10010 TABLE_PORT=10012 bash scripts/run.sh
#
# The ports are wired through: the site is built (tools/SiteBuilder) with its config.js and forms pointing at
# API_PORT, the site's origin is added to Host.CORS, the pages the API answers link back to SITE_PORT (Site__Url),
# and storage is Azurite on BLOB_PORT and TABLE_PORT. RUN_DIR (default .artifacts/run) holds the built worker, the
# settings DevHost reads and the built site; AZURITE_DIR (default .azurite) holds Azurite's data. Edits to site/
# (stylesheets, scripts) or to the renderer show after a restart.
#   TELEMETRY=summary bash scripts/run.sh          # print the worker's OpenTelemetry (spans, metric points)
#   OTLP=http://127.0.0.1:4318 bash scripts/run.sh # forward it to an OTLP/HTTP collector
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

api_port="${API_PORT:-7071}"
site_port="${SITE_PORT:-5173}"
blob_port="${BLOB_PORT:-10000}"
table_port="${TABLE_PORT:-10002}"   # people's profiles and histories
configuration="${CONFIGURATION:-Release}"
run_dir="${RUN_DIR:-$root/.artifacts/run}"
azurite_dir="${AZURITE_DIR:-$root/.azurite}"
worker_dir="$run_dir/worker"
devhost_dll="$root/tools/DevHost/bin/$configuration/net10.0/HealthOracle.DevHost.dll"
if [ "$blob_port" = 10000 ] && [ "$table_port" = 10002 ]; then
  storage="UseDevelopmentStorage=true"   # Azurite's well-known account on its default ports
else
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
fi
mkdir -p "$run_dir"

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
  mkdir -p "$azurite_dir"
  node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort "$blob_port" \
    --location "$azurite_dir" --skipApiVersionCheck --disableTelemetry --silent &
  pids+=($!)
  for _ in $(seq 1 100); do listening "$blob_port" && break; sleep 0.1; done
  listening "$blob_port" || { echo "Azurite did not start on port $blob_port" >&2; exit 1; }
fi
if listening "$table_port"; then
  echo "    something already listens on 127.0.0.1:$table_port; using it as the table store"
else
  mkdir -p "$azurite_dir"
  node node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort "$table_port" \
    --location "$azurite_dir" --skipApiVersionCheck --disableTelemetry --silent &
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
  dotnet run --project tools/Training -c "$configuration" -- publish --connection "$storage"
else
  echo "==> tools/Training is not here yet: no models published (predictions answer 503 until they are)"
fi

echo "==> build the worker and DevHost ($configuration)"
dotnet publish Functions/HealthOracle.Functions.csproj -c "$configuration" -o "$worker_dir" -nologo -v quiet -clp:ErrorsOnly
dotnet build tools/DevHost/DevHost.csproj -c "$configuration" -nologo -v quiet -clp:ErrorsOnly

telemetry_args=()
[ -n "${TELEMETRY:-}" ] && telemetry_args+=(--telemetry "$TELEMETRY")
[ -n "${OTLP:-}" ] && telemetry_args+=(--otlp "$OTLP")
# The settings DevHost reads: local.settings.json with this run's ports wired in (the file itself is not changed).
settings="$run_dir/local.settings.json"
SETTINGS_IN="$root/local.settings.json" SETTINGS_OUT="$settings" SITE_ORIGIN="http://127.0.0.1:$site_port" \
  SITE_ORIGIN_LOCALHOST="http://localhost:$site_port" STORAGE="$storage" DEFAULT_PORTS="$([ "$storage" = UseDevelopmentStorage=true ] && echo 1 || echo 0)" node -e '
    const fs = require("fs");
    const s = JSON.parse(fs.readFileSync(process.env.SETTINGS_IN, "utf8"));
    s.Values ??= {};
    s.Host ??= {};
    const origins = (s.Host.CORS ?? "").split(",").map(o => o.trim()).filter(Boolean);
    for (const o of [process.env.SITE_ORIGIN, process.env.SITE_ORIGIN_LOCALHOST]) if (!origins.includes(o) && !origins.includes("*")) origins.push(o);
    s.Host.CORS = origins.join(",");
    s.Values.Site__Url ||= process.env.SITE_ORIGIN + "/";
    if (process.env.DEFAULT_PORTS !== "1") {
      for (const name of ["AzureWebJobsStorage", "ModelStorage", "PeopleStorage"]) if (s.Values[name] === "UseDevelopmentStorage=true") s.Values[name] = process.env.STORAGE;
    }
    fs.writeFileSync(process.env.SETTINGS_OUT, JSON.stringify(s, null, 2));'

echo "==> build the site (tools/SiteBuilder: pages from the definitions, forms posting to API port $api_port)"
dotnet build tools/SiteBuilder/SiteBuilder.csproj -c "$configuration" -nologo -v quiet -clp:ErrorsOnly
site_dir="$run_dir/site"
rm -rf "$site_dir"
dotnet "tools/SiteBuilder/bin/$configuration/net10.0/linux-x64/HealthOracle.SiteBuilder.dll" "$site_dir" --api-base "http://127.0.0.1:$api_port" --root "$root" >/dev/null
site_args=(--site "$site_dir" --site-port "$site_port")

echo "==> DevHost on http://127.0.0.1:$api_port (Ctrl+C stops everything)"
dotnet "$devhost_dll" --app "$worker_dir" --settings "$settings" --port "$api_port" "${site_args[@]}" "${telemetry_args[@]}" &
pids=("$!" "${pids[@]}")

for _ in $(seq 1 600); do listening "$api_port" && break; sleep 0.1; done
cat <<MSG

  API      http://127.0.0.1:$api_port/api/health
  Sign-in  http://127.0.0.1:$api_port/.auth/login/aad   (App Service Authentication, emulated: tools/DevHost/README.md)
  Admin    POST http://127.0.0.1:$api_port/admin/functions/WarmUp   (x-functions-key: the master key)
  Storage  http://127.0.0.1:$blob_port/devstoreaccount1 (Azurite, data in $azurite_dir)
  Tables   http://127.0.0.1:$table_port/devstoreaccount1 (profiles and histories, PeopleStorage)
MSG
echo "  Site     http://127.0.0.1:$site_port/   (built in $site_dir)"
echo

wait "${pids[0]}"
