# SPDX-License-Identifier: MIT
# pansim-env.sh -- sourced by the demo and the benchmarks: the binaries of build dir $BUILD, a
# private temp dir $dir, and a trap that stops the pansim whose pid is in $pid and removes $dir.
# Usage: NAME=demo BUILD=build . scripts/pansim-env.sh
PANCTL=$BUILD/src/cli/panctl
PANSIM=$BUILD/src/sim/pansim
for b in "$PANCTL" "$PANSIM"; do
    [ -x "$b" ] || { echo "$NAME: $b not built (make build, or make bench)" >&2; exit 1; }
done
umask 077
dir=$(mktemp -d "${TMPDIR:-/tmp}/panctl-$NAME.XXXXXX")
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$dir"
}
trap cleanup EXIT INT TERM
# wait_port FILE PID ERRFILE: until FILE holds the port a server wrote; if process PID ends first,
# show ERRFILE and exit 1, so that a server that failed to start does not leave the script
# waiting for ever.
wait_port() {
    until [ -s "$1" ]; do
        kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
        sleep 0.05
    done
}
