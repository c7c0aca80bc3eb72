#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_batch.sh -- N `op show system info` calls as one `panctl batch` (one process, one
# kept-alive connection) against N separate `panctl op` runs, against a local pansim, over
# loopback HTTP and over HTTPS with a pinned self-signed certificate: wall times, the ratio,
# and the TCP connections pansim accepted (--conn-log). Nothing is cached: every call is a
# request (pansim's request log is counted).
# Usage: bench/bench_batch.sh [BUILD_DIR] [N]  (default: build-bench 1000)
set -eu
BUILD=${1:-build-bench}
N=${2:-1000}
NAME=bench
. "$(dirname "$0")/../scripts/pansim-env.sh"

now() { date +%s.%N; }

# run_mode LABEL PANSIM-ARGS...: start pansim, time both ways, print one row, stop it.
run_mode() {
    label=$1
    shift
    rm -f "$dir/port" "$dir/requests" "$dir/conns"
    "$PANSIM" --port 0 --portfile "$dir/port" --log "$dir/requests" --conn-log "$dir/conns" \
        --quit-after 3600 "$@" 2>"$dir/pansim.err" &
    pid=$!
    wait_port "$dir/port" "$pid" "$dir/pansim.err"
    port=$(cat "$dir/port")
    if [ "$label" = http ]; then
        set -- -H 127.0.0.1 -P "$port" --http
    else
        while [ ! -s "$dir/fp" ]; do sleep 0.05; done
        set -- -H 127.0.0.1 -P "$port" --pin "$(cat "$dir/fp")"
    fi
    printf 'admin\n' | "$PANCTL" "$@" keygen -u admin --password-stdin --save "$dir/key"
    : >"$dir/requests"
    : >"$dir/conns"
    t0=$(now)
    i=0
    while [ "$i" -lt "$N" ]; do
        "$PANCTL" "$@" -K "$dir/key" op show system info >/dev/null
        i=$((i + 1))
    done
    t1=$(now)
    sep_req=$(wc -l <"$dir/requests")
    sep_conn=$(wc -l <"$dir/conns")
    : >"$dir/requests"
    : >"$dir/conns"
    t2=$(now)
    "$PANCTL" "$@" -K "$dir/key" batch "$dir/lines" >"$dir/batch.out"
    t3=$(now)
    bat_req=$(wc -l <"$dir/requests")
    bat_conn=$(wc -l <"$dir/conns")
    ok=$(grep -c '(exit 0)$' "$dir/batch.out")
    awk -v l="$label" -v n="$N" -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v sr="$sep_req" \
        -v sc="$sep_conn" -v br="$bat_req" -v bc="$bat_conn" -v ok="$ok" \
        'BEGIN { s = b - a; t = d - c;
                 printf "%-6s %6d %10.2f %8d %8d %10.2f %8d %8d %6d %7.1fx\n",
                        l, n, s, sr, sc, t, br, bc, ok, s / t }'
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=""
}

i=0
while [ "$i" -lt "$N" ]; do
    echo "op show system info"
    i=$((i + 1))
done >"$dir/lines"
echo "$N x 'panctl op show system info' (separate runs) vs 'panctl batch' of $N such lines;" \
    "pansim on loopback"
printf '%-6s %6s %10s %8s %8s %10s %8s %8s %6s %8s\n' mode calls sep_s sep_req sep_conn \
    batch_s bat_req bat_conn ok ratio
run_mode http
run_mode https --tls --fingerprint-file "$dir/fp"
