#!/usr/bin/env bash
# Before/after in one run: the in-process prediction benchmarks (bench/Functions.Bench) of two commits,
# interleaved round by round so that a change in the machine's load falls on both alike.
#
#   bash bench/ab.sh <before-rev> <after-rev> [rounds]      # e.g. bash bench/ab.sh 46f6941 33d69e9 3
#
# Each commit is checked out with `git worktree` into .artifacts/ab/<rev> and built there; the results,
# one BenchmarkDotNet table per commit and round, go to .artifacts/ab/results/, and the rows to stdout.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
before="${1:?before revision}"; after="${2:?after revision}"; rounds="${3:-3}"
out="$root/.artifacts/ab/results"; mkdir -p "$out"
[ -d node_modules/azurite ] || npm ci --no-audit --no-fund --loglevel=error

for rev in "$before" "$after"; do
  tree="$root/.artifacts/ab/$rev"
  [ -d "$tree" ] || git worktree add --detach "$tree" "$rev" >/dev/null
  [ -e "$tree/node_modules" ] || ln -s "$root/node_modules" "$tree/node_modules"
  echo "==> build $rev"
  dotnet build "$tree/bench/Functions.Bench/Functions.Bench.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly
done

for round in $(seq 1 "$rounds"); do
  for rev in "$before" "$after"; do
    echo "== round $round, $rev, $(date -u +%H:%M:%S) UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
    (cd "$root/.artifacts/ab/$rev/bench/Functions.Bench" &&
      dotnet bin/Release/net10.0/linux-x64/HealthOracle.Bench.dll --filter '*PredictionBenchmarks*' --job short) >"$out/$rev-$round.txt" 2>&1
    grep -E "^\| '" "$out/$rev-$round.txt" || { echo "no results; see $out/$rev-$round.txt" >&2; exit 1; }
  done
done
