# Sourced by the bench scripts, never run: free loopback ports, one Azurite (blobs, and tables when asked) with
# this checkout's models published into it, and the clean-up of every process a script starts (add its pid to
# `pids`). Defines: work (a temporary folder, removed at exit), pids, free_port, now_ms, wait_port, wait_healthy,
# start_azurite, publish_models, publish_bench; start_azurite sets blob_port (table_port) and storage (the connection string).
work=$(mktemp -d)
pids=()
table_pid=""
cleanup() {
  # Azurite's table service writes its state on SIGINT; everything else stops on SIGTERM.
  for pid in "${pids[@]}"; do
    if [ "$pid" = "$table_pid" ]; then kill -INT "$pid" 2>/dev/null || true; else kill -TERM "$pid" 2>/dev/null || true; fi
  done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

# Waits until something listens on the port; fails when the process meant to listen has gone.
wait_port() { # port pid what
  until (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "$3 did not start (node_modules/azurite missing? run npm ci)" >&2; exit 1; }
    sleep 0.1
  done
}

# Waits until DevHost answers /api/health with 200; shows its log and fails when it has exited.
wait_healthy() { # port pid log
  until curl -sf -o /dev/null "http://127.0.0.1:$1/api/health"; do
    kill -0 "$2" 2>/dev/null || { echo "DevHost exited:" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.2
  done
}

start_azurite() { # [tables]
  local endpoints
  blob_port=$(free_port)
  node node_modules/azurite/dist/src/blob/main.js --blobHost 127.0.0.1 --blobPort "$blob_port" --location "$work/azurite" \
    --skipApiVersionCheck --disableTelemetry --silent --loose &
  pids+=($!)
  wait_port "$blob_port" "$!" "Azurite (blobs)"
  endpoints="BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;"
  if [ "${1:-}" = tables ]; then
    table_port=$(free_port)
    node node_modules/azurite/dist/src/table/main.js --tableHost 127.0.0.1 --tablePort "$table_port" --location "$work/azurite" \
      --skipApiVersionCheck --disableTelemetry --silent --loose &
    table_pid=$!; pids+=("$table_pid")
    wait_port "$table_port" "$table_pid" "Azurite (tables)"
    endpoints+="TableEndpoint=http://127.0.0.1:$table_port/devstoreaccount1;"
  fi
  # Azurite's well-known development account (public, documented by Microsoft).
  storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;$endpoints"
}

# models/ into the Azurite just started (the trainer's publish command), built unless SKIP_BUILD=1.
publish_models() {
  dotnet run --project tools/Training -c Release $([ "${SKIP_BUILD:-0}" = 1 ] && echo --no-build) -- publish --connection "$storage" >/dev/null
}

cpu_ms() { # pid... -> user + system CPU time in ms (children not yet reaped are not counted)
  local total=0 pid ticks
  for pid in "$@"; do
    ticks=$(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + ticks))
  done
  echo $((total * 1000 / $(getconf CLK_TCK)))
}

# The seed stack's stand-in (../shared/peer: Django + gunicorn + sklearn, its README), for the cold-start comparisons.
peer_body='age=63&sex=1&cp=1&trestbps=145&chol=233&fbs=1&restecg=2&thalach=150&exang=0&oldpeak=2.3&slope=3&ca=0&thal=6'
prepare_peer() { # source-dir: a copy in $work/peer (../shared may be read-only), its model trained once from $datasets
  /usr/bin/python3 -c 'import django, sklearn, joblib' 2>/dev/null && [ -x /usr/bin/gunicorn ] || {
    echo "the peer needs: apt-get install python3-django gunicorn python3-sklearn python3-numpy python3-joblib" >&2; exit 1; }
  cp -r "$1" "$work/peer"
  rm -rf "$work/peer/results"
  PEER_CLEVELAND="$datasets/heart/processed.cleveland.data" /usr/bin/python3 "$work/peer/train.py" >/dev/null
}
cold_peer_start() { # port curl-arguments... -> "wall_ms cpu_ms": gunicorn as the original runs it (1 sync worker), launch to the first 200
  local port=$1 t0 t1 pid children cpu
  shift
  t0=$(now_ms)
  PEER_BIND=127.0.0.1:$port PEER_WORKERS=1 PEER_MAX_REQUESTS=1000 PEER_ACCESSLOG=- \
    /usr/bin/python3 /usr/bin/gunicorn --chdir "$work/peer" -c "$work/peer/gunicorn_conf.py" healthoracle_peer.wsgi:application \
    >"$work/peer.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$@" 2>/dev/null)" = 200 ]; do sleep 0.01; done
  t1=$(now_ms)
  children=$(ps -o pid= --ppid "$pid" | tr -d ' ' | tr '\n' ' ')
  # shellcheck disable=SC2086
  cpu=$(cpu_ms "$pid" $children)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$((t1 - t0)) $cpu"
}

# This checkout's worker and DevHost (ReadyToRun, as the Functions host is precompiled) into .artifacts/bench/, unless SKIP_BUILD=1.
publish_bench() {
  [ "${SKIP_BUILD:-0}" = 1 ] && return
  dotnet publish Functions/HealthOracle.Functions.csproj -c Release -o .artifacts/bench/worker -nologo -v quiet -clp:ErrorsOnly
  dotnet publish tools/DevHost/DevHost.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
    -o .artifacts/bench/devhost -nologo -v quiet -clp:ErrorsOnly
}
