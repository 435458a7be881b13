#!/usr/bin/env bash
# Where the published worker's CPU goes while it answers one route under load: DevHost and the worker started as
# bench.sh starts them, wrk -c16 on the route, and `perf record` on the worker for 10 s once it has had 20 s of the
# load (JIT code named through DOTNET_PerfMapEnabled, with W^X off so that perf finds it). Prints the worker's CPU
# per request (/proc/<pid>/stat around the recording) and each sample's innermost frame grouped by what it belongs
# to: the kernel, ONNX Runtime, the runtime, the JIT, the BCL, ASP.NET Core, the Functions worker, gRPC, the app.
#
#   apt-get install linux-perf wrk
#   bash bench/devhost/profile.sh                                   # heart, lean answer, explained
#   URL_QUERY='api-version=2026-12-07&explain=false' bash bench/devhost/profile.sh
#   ROUTE=health bash bench/devhost/profile.sh                      # GET /api/health, the pipeline alone
#   PERF=0: no recording, the CPU per request alone (of the worker and of DevHost, without perf's own cost)
#   SKIP_BUILD=1: reuse .artifacts/bench/ · KEEP=DIR: keep perf.data and the perf map there
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/lib.sh
record="${PERF:-1}"
[ "$record" = 0 ] || command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
query="${URL_QUERY:-api-version=2026-12-07}"
publish_bench
start_azurite
publish_models
heart=$(python3 -c 'import json; print(json.dumps(json.load(open("Functions/Predictions/Examples/heart.json"))["patient"]))')
port=$(free_port)
cat > "$work/settings.json" <<JSON
{ "IsEncrypted": false,
  "Values": { "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated", "AzureWebJobsStorage": "$storage", "ModelStorage": "$storage",
              "WarmUpSchedule": "0 0 0 1 1 *", "DevHost__MasterKey": "bench", "Logging__LogLevel__Microsoft.AspNetCore": "Warning",
              "DOTNET_PerfMapEnabled": "1", "DOTNET_EnableWriteXorExecute": "0" } }
JSON
dotnet .artifacts/bench/devhost/HealthOracle.DevHost.dll --app .artifacts/bench/worker --settings "$work/settings.json" --port "$port" \
  --Logging:LogLevel:Default=Warning >"$work/devhost.log" 2>&1 &
pids+=($!)
devhost=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d "$heart" "http://127.0.0.1:$port/api/predict/heart?$query" 2>/dev/null)" = 200 ]; do sleep 0.05; done
worker=$(curl -s -H "x-functions-key: bench" "http://127.0.0.1:$port/admin/host/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["workerProcessId"])')

if [ "${ROUTE:-heart}" = health ]; then
  label="GET /api/health"; load() { wrk -t2 -c16 -d"$1" "http://127.0.0.1:$port/api/health"; }
else
  label="POST /api/predict/heart?$query"; load() { BODY="$heart" wrk -t2 -c16 -d"$1" -s bench/devhost/post.lua "http://127.0.0.1:$port/api/predict/heart?$query"; }
fi
load 20s > /dev/null   # the worker's tiered JIT settles first
load 14s > "$work/wrk.txt" &
wrk_pid=$!
sleep 2
c0=$(cpu_ms "$worker"); d0=$(cpu_ms "$devhost")
if [ "$record" = 0 ]; then sleep 10; else perf record -F 999 -g -p "$worker" -o "$work/perf.data" -- sleep 10 2> "$work/perf.log" >/dev/null; fi
c1=$(cpu_ms "$worker"); d1=$(cpu_ms "$devhost")
wait "$wrk_pid" || true
rate=$(awk '/Requests\/sec/ { print $2 }' "$work/wrk.txt")
per_request() { python3 -c "print(round(($2 - $1) * 1000 / (10 * $rate)))"; }
echo "$label, wrk -c16: $rate req/s; CPU per request over 10 s: worker $(per_request "$c0" "$c1") µs, DevHost $(per_request "$d0" "$d1") µs$([ "$record" = 0 ] || echo ' (the worker under perf)'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$record" != 0 ] || exit 0
perf script -i "$work/perf.data" 2>/dev/null > "$work/perf.txt"
python3 - "$work/perf.txt" <<'PY'
import collections, re, sys
def group(frame):
    if 'kallsyms' in frame or '[vdso]' in frame: return 'kernel (sockets, scheduling)'
    if 'libonnxruntime' in frame: return 'ONNX Runtime (native)'
    if 'libclrjit' in frame: return 'JIT'
    if 'libcoreclr' in frame: return 'runtime (GC, stubs, type checks)'
    if re.search(r'lib(c|stdc\+\+|gcc_s|crypto|ssl)\.|ld-linux', frame): return 'libc, OpenSSL'
    m = re.search(r'\[([A-Za-z0-9_.]+)\] ', frame)
    if not m: return 'runtime stubs' if '/perf-' in frame else 'other'
    a = m.group(1)
    for prefix, name in [('HealthOracle', 'the app (HealthOracle.Functions)'), ('Microsoft.Azure.Functions.Worker', 'Functions worker'),
                         ('Grpc', 'gRPC, protobuf'), ('Google.Protobuf', 'gRPC, protobuf'), ('System.Text.Json', 'System.Text.Json'),
                         ('Microsoft.AspNetCore', 'ASP.NET Core, Kestrel'), ('Microsoft.Extensions', 'ASP.NET Core, Kestrel'),
                         ('Microsoft.Net.Http', 'ASP.NET Core, Kestrel'), ('Microsoft.ML.OnnxRuntime', 'ONNX Runtime (managed)'), ('System', 'BCL')]:
        if a.startswith(prefix): return name
    return a
samples, stack = collections.Counter(), []
for line in open(sys.argv[1], errors='replace'):
    if line.strip() and line[0] in '\t ':
        stack.append(line.strip())
    elif not line.strip() and stack:
        samples[group(stack[0])] += 1
        stack = []
total = sum(samples.values())
print(f"{total} samples, by innermost frame:")
for name, n in samples.most_common():
    print(f"  {100 * n / total:5.1f} %  {name}")
PY
if [ -n "${KEEP:-}" ]; then mkdir -p "$KEEP" && cp "$work/perf.data" "$work/perf.txt" "$KEEP"/ && cp /tmp/perf-"$worker".map "$KEEP"/ 2>/dev/null || true; fi
