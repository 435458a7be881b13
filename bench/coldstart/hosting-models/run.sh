#!/usr/bin/env bash
# Cold start of the Functions worker in its two HTTP models, against the floors below them and the seed stack's
# stand-in, in one run of interleaved rounds (each round starts every variant once; even rounds in reverse order),
# so that the machine's load falls on all of them alike. See README.md beside this file.
#
#   bash bench/coldstart/hosting-models/run.sh                 # ROUNDS=5; publishes everything first
#   ROUNDS=9 APP=0 PEER=none bash bench/coldstart/hosting-models/run.sh   # without the real app, without the peer
#   SKIP_PUBLISH=1 bash bench/coldstart/hosting-models/run.sh  # reuse what .artifacts/hosting-models holds
#
# Variants (every figure is one fresh process; wall from the spawn, CPU of that process until the first answer):
#   floor-console      a ReadyToRun console program that prints a line and exits (the .NET runtime's own start)
#   floor-generichost  Host.CreateApplicationBuilder: build, start, print (the Generic Host the worker is built on)
#   floor-web          ASP.NET Core minimal API, no Functions: spawn -> first 200 of GET /api/ping
#   builtin            Functions worker, built-in HTTP model: spawn -> the InvocationResponse carrying the 200
#   aspnetcore         Functions worker, ASP.NET Core integration: spawn -> the forwarded request's 200
#   app-health         this repository's worker (Functions/), as aspnetcore, GET /api/health (APP=0 leaves it out)
#   peer, peer-health  the stand-in (Django + gunicorn + sklearn): launch -> first 200 of POST /heart/, GET /health/
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../../.."
root="$PWD"
rounds="${ROUNDS:-5}"
art="${ARTIFACTS:-$root/.artifacts/hosting-models}"
csv="${OUT:-$root/bench/results/memory/hosting-models-$(date -u +%F).csv}"
peer_src="${PEER_SRC:-$root/../shared/peer}"
[ -d "$peer_src" ] || peer_src=/work/shared/peer
datasets="${HEALTHORACLE_DATASETS:-/work/shared/datasets}"
source bench/lib.sh

publish() { # project dir
  dotnet publish "$1" -c Release -o "$2" -nologo -v quiet -clp:ErrorsOnly
}
if [ "${SKIP_PUBLISH:-0}" != 1 ]; then
  publish "$here/BuiltIn/BuiltIn.csproj" "$art/builtin"
  publish "$here/AspNetCore/AspNetCore.csproj" "$art/aspnetcore"
  publish "$here/ColdHost/ColdHost.csproj" "$art/coldhost"
  publish "$here/Floor/Console/Console.csproj" "$art/floor-console"
  publish "$here/Floor/GenericHost/GenericHost.csproj" "$art/floor-generichost"
  publish "$here/Floor/Web/Web.csproj" "$art/floor-web"
  [ "${APP:-1}" = 0 ] || publish Functions/HealthOracle.Functions.csproj "$art/app"
fi

[ "${PEER:-}" = none ] || prepare_peer "$peer_src"

cold_peer() { # what: heart | health -> the CSV columns of ColdHost's line (answer, cpu; the rest empty)
  local port r request
  port=$(free_port)
  if [ "$1" = heart ]; then request=(--data "$peer_body" "http://127.0.0.1:$port/heart/"); else request=("http://127.0.0.1:$port/health/"); fi
  r=$(cold_peer_start "$port" "${request[@]}")
  echo "${r// /,},,,,,,,,,,,,,200"
}

coldhost() { dotnet "$art/coldhost/HostingModels.ColdHost.dll" "$@"; }
# The app's own settings for a start without storage (as bench/coldstart/compare.sh writes them); /api/health reads none.
app_env=(--env AzureWebJobsStorage=UseDevelopmentStorage=true --env ModelStorage=UseDevelopmentStorage=true
  --env "WarmUpSchedule=0 0 0 1 1 *" --env WarmUp__Preload=none --env Logging__LogLevel__Microsoft.AspNetCore=Warning)

run_variant() {
  case "$1" in
    floor-console) python3 "$here/floor.py" exit "$art/floor-console/HostingModels.Floor.Console.dll" ;;
    floor-generichost) python3 "$here/floor.py" exit "$art/floor-generichost/HostingModels.Floor.GenericHost.dll" ;;
    floor-web) python3 "$here/floor.py" web "$art/floor-web/HostingModels.Floor.Web.dll" /api/ping ;;
    builtin) coldhost --app "$art/builtin" --mode builtin --function ping --path /api/ping --expect built-in ;;
    aspnetcore) coldhost --app "$art/aspnetcore" --mode proxy --function ping --path /api/ping --expect aspnetcore ;;
    app-health) coldhost --app "$art/app" --mode proxy --function Health --path /api/health --expect '"status"' "${app_env[@]}" ;;
    peer) cold_peer heart ;;
    peer-health) cold_peer health ;;
  esac
}

variants=(floor-console floor-generichost floor-web builtin aspnetcore)
[ "${APP:-1}" = 0 ] || variants+=(app-health)
[ "${PEER:-}" = none ] || variants+=(peer peer-health)
mkdir -p "$(dirname "$csv")"
echo "round,variant,$(coldhost --header),load1,utc" | tee "$csv"
for round in $(seq "$rounds"); do
  order=("${variants[@]}")
  if [ $((round % 2)) -eq 0 ]; then mapfile -t order < <(printf '%s\n' "${variants[@]}" | tac); fi
  for v in "${order[@]}"; do
    r=$(run_variant "$v")
    echo "$round,$v,$r,$(cut -d' ' -f1 /proc/loadavg),$(date -u +%H:%M:%S)" | tee -a "$csv"
  done
done

echo
echo "medians (range) over $rounds rounds; wall from the spawn (the peer: from its launch) to the first answer; CPU of that process until then"
python3 - "$csv" <<'PY'
import csv, os, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
names = list(dict.fromkeys(r["variant"] for r in rows))
def values(n, k):
    return [float(r[k]) for r in rows if r["variant"] == n and r[k] != ""]
def fmt(n, k):
    v = values(n, k)
    return f"{statistics.median(v):.0f} ({min(v):.0f}-{max(v):.0f})" if v else ""
peer = statistics.median(values("peer", "answer_ms")) if "peer" in names else None
peer_cpu = statistics.median(values("peer", "cpu_ms")) if "peer" in names else None
print(f"{'variant':>17}  {'wall ms':>15}  {'cpu ms':>15}  {'x peer wall/cpu':>15}  {'rss MB':>6}  {'dlls':>4}")
for n in names:
    ratio = ""
    if peer and n != "peer":
        ratio = f"{statistics.median(values(n, 'answer_ms')) / peer:.2f} / {statistics.median(values(n, 'cpu_ms')) / peer_cpu:.2f}"
    rss = values(n, "rss_mb"); dlls = values(n, "assemblies")
    print(f"{n:>17}  {fmt(n, 'answer_ms'):>15}  {fmt(n, 'cpu_ms'):>15}  {ratio:>15}  {statistics.median(rss) if rss else '':>6}  {statistics.median(dlls) if dlls else '':>4}")
print()
print("the workers' stages, ms from the spawn (medians): StartStream, WorkerInitResponse, FunctionMetadataResponse, FunctionLoadResponse(s), the forward that connected to the worker's Kestrel (proxy only), InvocationResponse, first answer; retries of the forward (10 ms apart)")
for n in names:
    if values(n, "start_stream_ms"):
        keys = ("start_stream_ms", "init_ms", "metadata_ms", "load_ms", "listening_ms", "invocation_ms", "answer_ms")
        stages = " ".join(f"{k[:-3]}={statistics.median(values(n, k)):.0f}" for k in keys if statistics.median(values(n, k)) > 0)
        print(f"{n:>17}  {stages}  retries={statistics.median(values(n, 'retries')):.0f} functions={statistics.median(values(n, 'functions')):.0f} host_cpu={statistics.median(values(n, 'host_cpu_ms')):.0f}")
if peer:
    print(f"\nhalf the peer's median (the issue's target): {peer / 2:.0f} ms")
loads = [float(r["load1"]) for r in rows]
print(f"load average (1 min) during the run: {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores; {rows[0]['utc']}-{rows[-1]['utc']} UTC")
PY
