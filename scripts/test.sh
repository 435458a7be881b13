#!/usr/bin/env bash
# Runs every test: unit, integration against a real Azurite, end to end through DevHost and the real
# worker, and the site in a real Chromium. The tests start and stop what they need themselves; this
# script only installs the project-local tools and builds.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results="${TEST_RESULTS:-$PWD/TestResults}"

echo "==> npm ci (Azurite, axe, Redocly CLI, Prism, Swagger UI: pinned in package-lock.json)"
# In a git worktree whose node_modules is a symlink to a shared copy, npm ci would empty that copy.
if [ -L node_modules ]; then echo "node_modules is a symlink: kept as it is"; else npm ci --no-audit --no-fund --loglevel=error; fi

echo "==> dotnet tool restore (Kiota, pinned in .config/dotnet-tools.json)"
dotnet tool restore

echo "==> build ($configuration)"
# The test projects that run the worker under DevHost publish it beside themselves as they build
# (TestSupport/PublishWorker.targets), so the tests always run the worker built here.
# The worker is published first, on its own: on a clean checkout several projects of the solution publish it
# at once (the two test projects and bench/Soak), and the ReadyToRun step of concurrent first publishes
# races on its obj/ files. Published once, the solution build finds it up to date.
dotnet publish Functions/HealthOracle.Functions.csproj -c "$configuration" -nologo -v quiet
dotnet build HealthOracle.Functions.sln -c "$configuration" -nologo -v quiet

rm -rf "$results"
status=0
dotnet test HealthOracle.Functions.sln -c "$configuration" --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" || status=$?

# One plain closing line over every test project.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
