#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_investigate.sh -- `panctl investigate IP` over 7 days against a local pansim holding N
# traffic logs (threat and system logs: a tenth as many each): wall time, API requests pansim
# logged, peak RSS of panctl (GNU time). Loopback only; pansim stops by itself.
# Usage: bench/bench_investigate.sh [BUILD_DIR] [N] [IP]  (default: build-bench 1000000 192.0.2.51)
set -eu
BUILD=${1:-build-bench}
N=${2:-1000000}
IP=${3:-192.0.2.51}
[ -x /usr/bin/time ] || { echo "bench_investigate.sh: needs GNU time" >&2; exit 1; }
NAME=bench
. "$(dirname "$0")/../scripts/pansim-env.sh"
"$PANSIM" --port 0 --portfile "$dir/port" --logs "$N" --log-rate 0 --log-job-ms 20 \
    --log "$dir/requests" --quit-after 3600 2>"$dir/pansim.err" &
pid=$!
wait_port "$dir/port" "$pid" "$dir/pansim.err"
port=$(cat "$dir/port")
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$port" --http keygen -u admin --password-stdin \
    --save "$dir/key"
before=$(wc -l <"$dir/requests")
/usr/bin/time -f '%e %M' -o "$dir/time" "$PANCTL" -H 127.0.0.1 -P "$port" --http -K "$dir/key" \
    investigate "$IP" --since 7d -o json >"$dir/report.json"
read -r wall rss <"$dir/time"
requests=$(( $(wc -l <"$dir/requests") - before ))
echo "panctl investigate $IP --since 7d -o json; pansim --logs $N on loopback"
printf '%10s %10s %10s %12s %10s %10s\n' logs wall_s requests peak_rss_MB sessions threats
awk -v n="$N" -v w="$wall" -v q="$requests" -v r="$rss" \
    -v s="$(jq .traffic.sessions "$dir/report.json")" -v t="$(jq .threats.events "$dir/report.json")" \
    'BEGIN { printf "%10d %10.2f %10d %12.1f %10d %10d\n", n, w, q, r / 1024, s, t }'
