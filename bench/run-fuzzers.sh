#!/usr/bin/env bash
# Configures, builds and runs every libFuzzer target of tests/fuzz in turn
# (tests/fuzz/README.md), one process on one core, and prints per target the
# executions, exec/s, time and result. Exits non-zero when any target fails
# (crash, leak, timeout, out of memory, or no result) or the build fails.
#
#   bench/run-fuzzers.sh [--build-dir DIR] [--runs N] [--max-time S] [TARGET…]
#
#   --build-dir DIR    build folder (default /tmp/advlens-fuzz-build)
#   --runs N           executions per target (default 1000000)
#   --max-time S       cap per target in seconds (default 1800)
#   TARGET…            some targets only (default: all six)
#
# Each target starts from its committed seeds (tests/fuzz/corpus/<target>,
# read only) and a fresh working corpus under DIR/runs/<target>/; a crashing
# input is saved there as crash-*, leak-*, timeout-* or oom-*, with the log.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fuzz="$root/tests/fuzz"
build=/tmp/advlens-fuzz-build
runs=1000000
max_time=1800
targets=()
all_targets=(fuzz_imageheader fuzz_imagedecode fuzz_modelmetadata fuzz_studyconfig fuzz_studyresults
             fuzz_modelarchive)

while (($#)); do
  case "$1" in
    --build-dir) build=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --max-time) max_time=$2; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    fuzz_*) targets+=("$1"); shift ;;
    *) echo "run-fuzzers.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
((${#targets[@]})) || targets=("${all_targets[@]}")

echo "== configure and build in $build (one core)"
mkdir -p "$build"
if ! CC=clang-14 CXX=clang++-14 cmake -S "$fuzz" -B "$build" >"$build/configure.log" 2>&1; then
  cat "$build/configure.log" >&2
  echo "run-fuzzers.sh: configure failed" >&2
  exit 1
fi
if ! nice cmake --build "$build" -j1 --target "${targets[@]}"; then
  echo "run-fuzzers.sh: build failed" >&2
  exit 1
fi

# One core: libFuzzer runs one process (no -jobs/-workers, so no forks), and
# the libraries' thread pools are kept to one thread.
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENCV_FOR_THREADS_NUM=1 OPENCV_LOG_LEVEL=ERROR
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export LSAN_OPTIONS="suppressions=$fuzz/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

rows=()
failed=0
for target in "${targets[@]}"; do
  out="$build/runs/$target"
  rm -rf "$out"
  mkdir -p "$out/corpus" "$out/artifacts"
  log="$out/fuzz.log"
  command=("$build/$target" -runs="$runs" -max_total_time="$max_time" -rss_limit_mb=4096 -timeout=10
           -print_final_stats=1 -print_funcs=0 -artifact_prefix="$out/artifacts/"
           "$out/corpus" "$fuzz/corpus/$target")
  echo "== $target: ${command[*]}"
  start=$EPOCHREALTIME
  # A hard stop beyond libFuzzer's own cap, should a run hang outside an input.
  timeout --kill-after=30 $((max_time + 300)) "${command[@]}" >"$log" 2>&1
  rc=$?
  seconds=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [[ -z $executions ]]; then # no final stats: the last status line
    executions=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  fi
  executions=${executions:-0}
  # Over the whole run, start-up included (libFuzzer's own figure rounds the time down to whole seconds).
  rate=$(awk -v n="$executions" -v t="$seconds" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }')

  artifact=$(find "$out/artifacts" -type f | head -1)
  if grep -q 'ERROR: libFuzzer: timeout' "$log"; then result=timeout
  elif grep -q 'ERROR: LeakSanitizer' "$log"; then result=leak
  elif grep -qE 'ERROR: libFuzzer: (out-of-memory|malloc limit)' "$log"; then result=out-of-memory
  elif grep -qE 'ERROR: (AddressSanitizer|libFuzzer)|runtime error:|fuzz invariant broken' "$log"; then result=crash
  elif ((rc != 0)); then result="failed (exit $rc)"
  elif ((executions < runs)); then result="ok, capped at ${max_time} s"
  else result=ok
  fi
  case $result in ok*) ;; *) failed=1 ;; esac
  rows+=("$(printf '%-20s %12s %9s %9s  %s%s' "$target" "$executions" "$rate" "$seconds" "$result" \
             "${artifact:+  ($artifact)}")")
  echo "   $result: $executions executions, $rate exec/s, $seconds s (log: $log)"
done

echo
printf '%-20s %12s %9s %9s  %s\n' target executions "exec/s" "time (s)" result
printf '%s\n' "${rows[@]}"
exit $failed
