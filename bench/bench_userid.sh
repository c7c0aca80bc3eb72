#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_userid.sh -- `panctl userid register --from FILE` of N addresses (one tag each, a CSV
# written here) against a local pansim: messages sent, wall time, peak RSS of panctl (GNU
# time); then `panctl userid list tags` of them all: wall time, peak RSS, entries listed.
# Loopback only; pansim stops by itself.
# Usage: bench/bench_userid.sh [BUILD_DIR] [N] [PARALLEL]  (default: build-bench 100000 2)
set -eu
BUILD=${1:-build-bench}
N=${2:-100000}
PARALLEL=${3:-2}
[ -x /usr/bin/time ] || { echo "bench_userid.sh: needs GNU time" >&2; exit 1; }
NAME=bench
. "$(dirname "$0")/../scripts/pansim-env.sh"
"$PANSIM" --port 0 --portfile "$dir/port" --logs 1000 --log-rate 0 \
    --log "$dir/requests" --quit-after 3600 2>"$dir/pansim.err" &
pid=$!
wait_port "$dir/port" "$pid" "$dir/pansim.err"
port=$(cat "$dir/port")
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$port" --http keygen -u admin --password-stdin \
    --save "$dir/key"
# N addresses of 10.0.0.0/8 (not documentation ranges: 100,000 do not fit in them), one tag.
awk -v n="$N" 'BEGIN { print "ip,user,tags,timeout";
    for (i = 0; i < n; i++)
        printf "10.%d.%d.%d,,bench-tag,\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256 }' \
    >"$dir/hosts.csv"
before=$(wc -l <"$dir/requests")
/usr/bin/time -f '%e %M' -o "$dir/time" "$PANCTL" -H 127.0.0.1 -P "$port" --http -K "$dir/key" \
    userid register --from "$dir/hosts.csv" --parallel "$PARALLEL" >"$dir/report.txt"
read -r wall rss <"$dir/time"
requests=$(( $(wc -l <"$dir/requests") - before ))
echo "panctl userid register --from hosts.csv ($N rows) --parallel $PARALLEL; pansim on loopback"
tail -n 1 "$dir/report.txt"
printf '%10s %10s %10s %12s\n' entries messages wall_s peak_rss_MB
awk -v n="$N" -v w="$wall" -v q="$requests" -v r="$rss" \
    'BEGIN { printf "%10d %10d %10.2f %12.1f\n", n, q, w, r / 1024 }'
/usr/bin/time -f '%e %M' -o "$dir/time" "$PANCTL" -H 127.0.0.1 -P "$port" --http -K "$dir/key" \
    --max-bytes 1G userid list tags -o xml >"$dir/tags.xml"
read -r wall rss <"$dir/time"
listed=$(grep -c '<entry ip=' "$dir/tags.xml")
echo "panctl userid list tags -o xml"
printf '%10s %10s %12s %10s\n' listed wall_s peak_rss_MB bytes
awk -v n="$listed" -v w="$wall" -v r="$rss" -v b="$(wc -c <"$dir/tags.xml")" \
    'BEGIN { printf "%10d %10.2f %12.1f %10d\n", n, w, r / 1024, b }'
