#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_userid.sh -- `panctl userid register --from FILE` of N addresses (one tag each, a CSV
# written here) against a local pansim: messages sent, wall time, peak RSS of panctl (GNU
# time); then `panctl userid list tags` of them all in xml, json and text: wall time, peak RSS,
# entries listed, bytes written (PANCTL_BASELINE=path/to/panctl lists them with an older panctl
# too, for comparison). Loopback only; pansim stops by itself.
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
echo "panctl userid list tags -o FORMAT (the answer: $N entries)"
printf '%-9s %-6s %10s %10s %12s %10s\n' panctl format listed wall_s peak_rss_MB bytes
# list BINARY LABEL FORMAT: one listing, timed.
list() {
    /usr/bin/time -f '%e %M' -o "$dir/time" "$1" -H 127.0.0.1 -P "$port" --http -K "$dir/key" \
        --max-bytes 1G userid list tags -o "$3" >"$dir/tags.$3"
    read -r wall rss <"$dir/time"
    case $3 in
    xml) listed=$(grep -c '<entry ip=' "$dir/tags.$3") ;;
    json) listed=$(grep -o '"@ip"' "$dir/tags.$3" | wc -l) ;;
    *) listed=$(grep -c '^  ip: ' "$dir/tags.$3" || true) ;;
    esac
    awk -v p="$2" -v f="$3" -v n="$listed" -v w="$wall" -v r="$rss" -v b="$(wc -c <"$dir/tags.$3")" \
        'BEGIN { printf "%-9s %-6s %10d %10.2f %12.1f %10d\n", p, f, n, w, r / 1024, b }'
}
for f in xml json text; do
    list "$PANCTL" this "$f"
    if [ -n "${PANCTL_BASELINE:-}" ]; then
        cp "$dir/tags.$f" "$dir/tags.$f.new"
        list "$PANCTL_BASELINE" baseline "$f"
        cmp -s "$dir/tags.$f" "$dir/tags.$f.new" || echo "bench_userid.sh: -o $f differs" >&2
    fi
done
