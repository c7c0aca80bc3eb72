#!/bin/sh
# SPDX-License-Identifier: MIT
# torture.sh -- allocation-failure torture (curl's "runtests -t" is the model): replays end-to-end
# cases with PANOS_TORTURE=1, 2, 3, ... (the Nth allocation of panctl fails) until the command
# gets through, and panos_exporter's probe the same way; every run must end cleanly (exit 3 and one
# error line, or the case's own result), with no crash, sanitizer report, leftover file or
# unwiped key. Needs a -DPANOS_TORTURE=ON build, with ASan+UBSan for the leaks
# (docs/internals/torture.md).
# Usage: scripts/torture.sh [BUILD_DIR] [CASE...] [--stride K] [--no-exporter]
#   BUILD_DIR  default build-asan; CASE: a case file, its number, or "exporter" (default: the
#   torture cases, tests/cases/*-torture-*.case, and the exporter); --stride K tries every Kth
#   allocation (and the last one). Exit 0 when all runs were clean, 1 otherwise, 2 for a usage
#   error or a build without -DPANOS_TORTURE=ON.
set -u
SRC=$(cd "$(dirname "$0")/.." && pwd)
BUILD=build-asan
STRIDE=1
EXPORTER=1
CASES=""
GIVEN=0
while [ $# -gt 0 ]; do
    case $1 in
    --stride) STRIDE=${2:?--stride needs a number}; shift 2 ;;
    --stride=*) STRIDE=${1#--stride=}; shift ;;
    --no-exporter) EXPORTER=0; shift ;;
    -h|--help) sed -n '3,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "torture.sh: unknown option $1" >&2; exit 2 ;;
    exporter) GIVEN=1; EXPORTER=2; shift ;;
    *)
        if [ -d "$1" ] && [ "$GIVEN" = 0 ] && [ "$BUILD" = build-asan ]; then BUILD=$1
        elif [ -f "$1" ]; then CASES="$CASES $1" GIVEN=1
        else
            f=$(ls "$SRC"/tests/cases/"$1"*.case 2>/dev/null | head -1)
            [ -n "$f" ] || { echo "torture.sh: no case $1" >&2; exit 2; }
            CASES="$CASES $f" GIVEN=1
        fi
        shift ;;
    esac
done
case $STRIDE in ''|*[!0-9]*|0) echo "torture.sh: --stride must be a whole number >= 1" >&2; exit 2 ;; esac
if [ "$GIVEN" = 0 ]; then
    CASES=$(ls "$SRC"/tests/cases/*-torture-*.case)
elif [ "$EXPORTER" = 1 ]; then
    EXPORTER=0 # cases named, "exporter" not among them
fi
RUNCASE=$BUILD/tests/runcase
for b in "$RUNCASE" "$BUILD/src/cli/panctl" "$BUILD/src/sim/pansim"; do
    [ -x "$b" ] || { echo "torture.sh: $b not built" >&2; exit 2; }
done
grep -q '^PANOS_TORTURE:BOOL=ON' "$BUILD/CMakeCache.txt" ||
    { echo "torture.sh: $BUILD is not a -DPANOS_TORTURE=ON build" >&2; exit 2; }
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$SRC/tests/lsan.supp}
T=$(mktemp -d "${TMPDIR:-/tmp}/torture.XXXXXX")
simpid="" epid=""
cleanup() {
    for p in $epid $simpid; do kill "$p" 2>/dev/null; done
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
TOTAL_RUNS=0
TOTAL_FAILED=0

# runs N...: the values of N to try below CALLS, every STRIDEth and the last.
runs() {
    n=1
    while [ "$n" -le "$1" ]; do echo "$n"; n=$((n + STRIDE)); done
    [ $(((${1} - 1) % STRIDE)) -ne 0 ] && [ "$1" -gt 0 ] && echo "$1"
    return 0
}

torture_case() {
    name=$(basename "$1" .case)
    rc() { "$RUNCASE" --panctl "$BUILD/src/cli/panctl" --pansim "$BUILD/src/sim/pansim" \
        --srcdir "$SRC" --torture "$@"; }
    if ! rc 0 --manifest "$T/$name.manifest" "$1" >"$T/out" 2>&1; then
        echo "$name: the run with no failure does not pass:"; cat "$T/out"
        TOTAL_FAILED=$((TOTAL_FAILED + 1))
        return
    fi
    calls=$(sed -n 's/.*torture 0: calls \([0-9]*\).*/\1/p' "$T/out")
    tried=0 bad=0
    for n in $(runs "$calls"); do
        tried=$((tried + 1))
        if ! rc "$n" --manifest "$T/$name.manifest" "$1" >"$T/out" 2>&1; then
            bad=$((bad + 1))
            echo "$name: PANOS_TORTURE=$n:"; grep -v '^runcase: .*: torture [0-9]*: calls' "$T/out"
        fi
    done
    echo "$name: $calls allocations, $tried tried, $bad failed"
    TOTAL_RUNS=$((TOTAL_RUNS + tried))
    TOTAL_FAILED=$((TOTAL_FAILED + bad))
}

for c in $CASES; do
    torture_case "$c"
done
if [ "$EXPORTER" != 0 ] && [ -x "$BUILD/src/exporter/panos_exporter" ]; then
    . "$SRC/scripts/torture-exporter.sh"
    torture_exporter
fi
echo "torture: $TOTAL_RUNS runs, $TOTAL_FAILED failed (stride $STRIDE)"
[ "$TOTAL_FAILED" -eq 0 ]
