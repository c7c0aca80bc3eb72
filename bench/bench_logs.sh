#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_logs.sh -- export N traffic logs from a local pansim with `panctl logs -o json`: wall time,
# entries/s and peak RSS of panctl (GNU time). Loopback only; pansim stops by itself.
# Usage: [POLL_MS=20] bench/bench_logs.sh [BUILD_DIR] [COUNT...]  (default: build-bench 100000 1000000)
# POLL_MS: panctl's first poll delay; 20 measures throughput, 500 (the default) real cadence.
set -eu
BUILD=${1:-build-bench}
[ $# -gt 0 ] && shift
COUNTS=${*:-100000 1000000}
[ -x /usr/bin/time ] || { echo "bench_logs.sh: needs GNU time (scripts/deps.sh installs it)" >&2; exit 1; }
max=0
for n in $COUNTS; do [ "$n" -gt "$max" ] && max=$n; done
NAME=bench
. "$(dirname "$0")/../scripts/pansim-env.sh"
"$PANSIM" --port 0 --portfile "$dir/port" --logs $((max + 1000)) --log-rate 0 \
    --log-job-ms 20 --quit-after 3600 2>"$dir/pansim.err" &
pid=$!
while [ ! -s "$dir/port" ]; do sleep 0.05; done
port=$(cat "$dir/port")
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$port" --http keygen -u admin --password-stdin \
    --save "$dir/key"

POLL=${POLL_MS:-20}
echo "panctl logs --type traffic -o json --poll-ms $POLL (JSON lines to a file), pansim on loopback"
printf '%10s %10s %12s %12s %10s\n' entries wall_s entries/s peak_rss_MB lines
for n in $COUNTS; do
    /usr/bin/time -f '%e %M' -o "$dir/time" "$PANCTL" -H 127.0.0.1 -P "$port" --http \
        -K "$dir/key" logs --type traffic -n "$n" -o json --no-progress --poll-ms "$POLL" >"$dir/out.jsonl"
    read -r wall rss <"$dir/time"
    lines=$(wc -l <"$dir/out.jsonl")
    awk -v n="$n" -v w="$wall" -v r="$rss" -v l="$lines" \
        'BEGIN { printf "%10d %10.2f %12.0f %12.1f %10d\n", n, w, (w > 0 ? n / w : 0), r / 1024, l }'
done
