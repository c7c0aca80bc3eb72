#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_panorama.sh -- `panctl op --all-devices show system info` through one pansim Panorama
# that manages N firewalls (every fifth disconnected): wall time, peak RSS of panctl (GNU time),
# answers and failures, at the default bound of 2 requests in flight (or PARALLEL). Loopback
# only.
# Usage: bench/bench_panorama.sh [BUILD_DIR] [N] [PARALLEL]  (default: build-bench 250 2: 200 connected)
set -eu
BUILD=${1:-build-bench}
N=${2:-250}
PARALLEL=${3:-2}
[ -x /usr/bin/time ] || { echo "bench_panorama.sh: needs GNU time (scripts/deps.sh installs it)" >&2; exit 1; }
NAME=bench-panorama
. "$(dirname "$0")/../scripts/pansim-env.sh"
"$PANSIM" --port 0 --portfile "$dir/port" --panorama "$N" --logs 1 --log-rate 0 \
    --quit-after 3600 2>"$dir/pansim.err" &
pid=$!
wait_port "$dir/port" "$pid" "$dir/pansim.err"
port=$(cat "$dir/port")
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$port" --http keygen -u admin --password-stdin \
    --save "$dir/key"

echo "panctl op --all-devices show system info, pansim --panorama $N, --parallel $PARALLEL, loopback"
printf '%-8s %10s %12s %10s %10s\n' run wall_s peak_rss_MB answers failed
for run in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$dir/time" "$PANCTL" -H 127.0.0.1 -P "$port" --http \
        -K "$dir/key" op --all-devices --parallel "$PARALLEL" show system info -o json \
        >"$dir/out.jsonl" 2>"$dir/err" || true
    read -r wall rss <"$dir/time"
    ok=$(grep -c '"status":"ok"' "$dir/out.jsonl" || true)
    failed=$(grep -c '"status":"error"' "$dir/out.jsonl" || true)
    printf '%-8s %10.2f %12.1f %10s %10s\n' "$run" "$wall" "$(echo "$rss" | awk '{print $1 / 1024}')" "$ok" "$failed"
done
tail -n 1 "$dir/err"
