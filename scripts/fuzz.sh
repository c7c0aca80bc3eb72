#!/bin/sh
# SPDX-License-Identifier: MIT
# fuzz.sh -- build the libFuzzer targets with clang (ASan+UBSan) and run each for SECONDS on a
# copy of its seed corpus; a crash is copied into tests/fuzz/corpus/<target>/ as a regression
# input (replayed by ctest fuzz/replay-<target> from then on) and the script fails.
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]     (default 25 s each, every target)
#        FUZZ_BUILD_DIR (default build-fuzz), FUZZ_JOBS (default 2), FUZZ_MAX_LEN (default 8192)
# CI runs it after make check with 20 s a target (.ci/run); run it by hand for longer.
set -eu
cd "$(dirname "$0")/.."
secs=${1:-25}
[ $# -gt 0 ] && shift
case $secs in
'' | *[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, not '$secs'" >&2; exit 2 ;;
esac
build=${FUZZ_BUILD_DIR:-build-fuzz}
jobs=${FUZZ_JOBS:-2}
maxlen=${FUZZ_MAX_LEN:-8192}
command -v clang > /dev/null || { echo "fuzz.sh: clang is needed (apt-get install clang)" >&2; exit 2; }

# The targets fuzz.cmake knows (PANOS_FUZZERS), unless named on the command line.
targets=${*:-$(ls tests/fuzz/fuzz_*.c | sed 's|.*/fuzz_\(.*\)\.c|\1|')}
work=$(mktemp -d "${TMPDIR:-/tmp}/fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT HUP INT TERM
CC=clang cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPANOS_FUZZ=ON \
    -DPANOS_SANITIZE=address,undefined -DPANOS_BUILD_TESTS=ON > "$work/configure.log" 2>&1 ||
    { cat "$work/configure.log" >&2; exit 1; }
build_targets=""
for t in $targets; do build_targets="$build_targets fuzz_$t"; done
# shellcheck disable=SC2086
cmake --build "$build" -j"$jobs" --target $build_targets > "$work/build.log" 2>&1 ||
    { tail -40 "$work/build.log" >&2; exit 1; }

case $build in
/*) bin=$build/tests ;;
*) bin=$(pwd)/$build/tests ;;
esac
fail=0
for t in $targets; do
    seeds=tests/fuzz/corpus/$t
    mkdir -p "$work/$t/corpus" "$work/$t/crashes"
    [ -d "$seeds" ] && cp "$seeds"/* "$work/$t/corpus/" 2> /dev/null || true
    # ASan's leak check at exit, and no stop at the first -fork child: one run, one answer.
    if (cd "$work/$t" && ASAN_OPTIONS=detect_leaks=1 "$bin/fuzz_$t" \
        -max_total_time="$secs" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=crashes/ -print_final_stats=1 corpus > log 2>&1); then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t/log")
        echo "fuzz $t: ${runs:-?} runs in $secs s, no crash"
    else
        echo "fuzz $t: FAILED"
        grep -E 'ERROR|SUMMARY|runtime error' "$work/$t/log" | head -5 | sed 's/^/    /'
        fail=1
    fi
    for c in "$work/$t/crashes"/*; do
        [ -f "$c" ] || continue
        cp "$c" "$seeds/"
        echo "    regression input: $seeds/$(basename "$c") (fix the bug, commit the file)"
    done
done
exit $fail
