#!/usr/bin/env bash
# Coverage-guided fuzzing of the request readers: SharpFuzz instruments the app's assembly and AFL++
# (Debian's afl++) drives it. One target at a time, niced, for <minutes> each:
#
#   bash bench/fuzz.sh <minutes> [target...]     targets: json form whatif chat chatform people headers (default: all)
#
# Seeds are the tests' bodies (bench/Fuzz/corpus/<target>/, kept in step by FuzzCorpusTests). Every input
# AFL++ saves as a crash or a hang is copied to bench/Fuzz/findings/<target>/, where the unit test
# FuzzCorpusTests.SeedsAndFindings_AreReadWithoutBreakingAPromise replays it from then on. Each run
# appends its executions and findings to bench/results/fuzz.md.
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="${1:?usage: bash bench/fuzz.sh <minutes> [json|form|whatif|chat|chatform|people|headers ...]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(json form whatif chat chatform people headers)

# AFL++ from Debian, installed here when missing (not assumed to be on the machine).
if ! command -v afl-fuzz >/dev/null; then
  echo "==> installing afl++ (Debian)"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq afl++ >/dev/null
fi

# SharpFuzz's instrumenter, a .NET tool kept in the repository's ignored tool folder.
tools="bench/Fuzz/.tools"
if [ ! -x "$tools/sharpfuzz" ]; then
  echo "==> installing SharpFuzz.CommandLine 2.3.0 into $tools"
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

work="$(mktemp -d /tmp/healthoracle-fuzz.XXXXXX)"
echo "==> publishing the fuzz harness into $work/app"
dotnet publish bench/Fuzz/Fuzz.csproj -c Release -o "$work/app" -nologo -v quiet 2>&1 | grep -v NU1603 || true
# Replays run the uninstrumented copy: instrumented code writes to AFL++'s shared map, which only exists under afl-fuzz.
cp -r "$work/app" "$work/plain"
echo "==> instrumenting HealthOracle.Functions.dll"
"$tools/sharpfuzz" "$work/app/HealthOracle.Functions.dll"

results="bench/results/fuzz.md"
if [ ! -f "$results" ]; then
  cat >"$results" <<'EOF'
# Fuzzing runs (bench/fuzz.sh)

Each row is one run of one target: AFL++ (Debian) driving SharpFuzz-instrumented HealthOracle.Functions.dll,
niced, on the shared 2-core machine. Findings are AFL++'s saved crashes and hangs, copied to bench/Fuzz/findings/.

| finished (UTC) | target | minutes | executions | execs/s | corpus (start → end) | edges found | crashes | hangs |
|---|---|---:|---:|---:|---|---:|---:|---:|
EOF
fi

status=0
for target in "${targets[@]}"; do
  corpus="bench/Fuzz/corpus/$target"
  findings="bench/Fuzz/findings/$target"
  [ -d "$corpus" ] || { echo "no seeds in $corpus" >&2; exit 2; }
  mkdir -p "$findings"

  echo "==> $target: replaying seeds and earlier findings"
  dotnet "$work/plain/HealthOracle.Fuzz.dll" "$target" --replay "$corpus" "$findings" || status=1

  echo "==> $target: fuzzing for $minutes minutes"
  dict=()
  [ -f "bench/Fuzz/dict/$target.dict" ] && dict=(-x "bench/Fuzz/dict/$target.dict")
  AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
  AFL_MAP_SIZE=65536 AFL_FORKSRV_INIT_TMOUT=60000 \
    nice -n 19 afl-fuzz -i "$corpus" -o "$work/out-$target" "${dict[@]}" -V $((minutes * 60)) -t 10000 -m none \
    -- dotnet "$work/app/HealthOracle.Fuzz.dll" "$target" >"$work/afl-$target.log" 2>&1 || {
      echo "afl-fuzz failed for $target; its log:" >&2; tail -40 "$work/afl-$target.log" >&2; status=1; continue; }

  stats="$work/out-$target/default/fuzzer_stats"
  stat() { sed -n "s/^$1 *: *//p" "$stats" | head -1; }
  execs=$(stat execs_done); rate=$(stat execs_per_sec); crashes=$(stat saved_crashes); hangs=$(stat saved_hangs)
  start=$(stat corpus_count); [ -n "$start" ] || start=$(stat paths_total)
  edges=$(stat edges_found); seeds=$(find "$corpus" -type f | wc -l)
  crashes=${crashes:-$(stat unique_crashes)}; hangs=${hangs:-$(stat unique_hangs)}

  for kind in crashes hangs; do
    for file in "$work/out-$target/default/$kind"/id:*; do
      [ -e "$file" ] || continue
      cp "$file" "$findings/$(date -u +%Y%m%d)-$kind-$(sha256sum "$file" | cut -c1-12)"
    done
  done
  echo "| $(date -u '+%Y-%m-%d %H:%M') | $target | $minutes | $execs | $rate | $seeds → $start | $edges | $crashes | $hangs |" >>"$results"
  echo "    $target: $execs executions ($rate/s), $crashes crashes, $hangs hangs; corpus $seeds → $start"
  if [ "${crashes:-0}" != 0 ] || [ "${hangs:-0}" != 0 ]; then
    echo "    findings (copied to $findings):"
    dotnet "$work/plain/HealthOracle.Fuzz.dll" "$target" --replay "$findings" || true
    status=1
  fi
done

echo "==> done; AFL++ output kept in $work"
exit "$status"
