#!/usr/bin/env bash
# Lighthouse (mobile, its defaults: simulated slow 4G and a 4x slower CPU) on the home page and a form page of the
# whole app run locally (scripts/run.sh on free ports: Azurite, the models, the worker under DevHost, the built site).
# Prints the performance, accessibility and best-practices scores and keeps each report in bench/lighthouse/results/.
#
#   bash bench/lighthouse/run.sh              # home and heart.html
#   PAGES="index.html kidney.html" bash bench/lighthouse/run.sh
#
# A benchmark, not a test: the performance score moves with the machine's load (the figures in bench/README.md say
# under which load they were measured).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
pages="${PAGES:-index.html heart.html}"
results="$root/bench/lighthouse/results"
mkdir -p "$results"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
export API_PORT="${API_PORT:-$(free_port)}" SITE_PORT="${SITE_PORT:-$(free_port)}" BLOB_PORT="${BLOB_PORT:-$(free_port)}" TABLE_PORT="${TABLE_PORT:-$(free_port)}"
export RUN_DIR="${RUN_DIR:-$root/.artifacts/lighthouse-run}" AZURITE_DIR="${AZURITE_DIR:-$root/.artifacts/lighthouse-azurite}"

setsid bash scripts/run.sh > "$results/run.log" 2>&1 &
app=$!
trap 'kill -TERM -- -"$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  if curl -fsS "http://127.0.0.1:$SITE_PORT/index.html" >/dev/null 2>&1 && curl -fsS "http://127.0.0.1:$API_PORT/api/health" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$app" 2>/dev/null; then
    echo "scripts/run.sh stopped; see $results/run.log" >&2
    exit 1
  fi
  sleep 1
done

export CHROME_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
printf '%-14s %11s %13s %14s\n' page performance accessibility best-practices
for page in $pages; do
  report="$results/${page%.html}.json"
  "$root/node_modules/.bin/lighthouse" "http://127.0.0.1:$SITE_PORT/$page" --quiet --output=json --output-path="$report" \
    --only-categories=performance,accessibility,best-practices --chrome-flags="--headless=new --no-sandbox" >/dev/null
  node -e '
    const r = require(process.argv[1]); const c = r.categories;
    const s = k => Math.round(c[k].score * 100);
    console.log(`${process.argv[2].padEnd(14)} ${String(s("performance")).padStart(11)} ${String(s("accessibility")).padStart(13)} ${String(s("best-practices")).padStart(14)}`);
    for (const k of ["accessibility", "best-practices"]) for (const a of c[k].auditRefs) { const x = r.audits[a.id]; if (a.weight > 0 && x.score !== null && x.score < 1) console.log(`  ${k}: ${a.id} ${x.title}`); }
  ' "$report" "$page"
done
echo "lighthouse $("$root/node_modules/.bin/lighthouse" --version), $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
