#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_backup.sh -- `panctl backup` of N local pansim firewalls with SIZE-byte configurations:
# wall time and peak RSS of panctl (GNU time), then again with nothing changed. Loopback only.
# Usage: bench/bench_backup.sh [BUILD_DIR] [N] [SIZE] [JOBS]  (default: build-bench 16 5M 8)
set -eu
BUILD=${1:-build-bench}
N=${2:-16}
SIZE=${3:-5M}
JOBS=${4:-8}
[ -x /usr/bin/time ] || { echo "bench_backup.sh: needs GNU time (scripts/deps.sh installs it)" >&2; exit 1; }
NAME=bench-backup
. "$(dirname "$0")/../scripts/pansim-env.sh"
# pansim-env.sh stops one pansim; this one runs N.
pids=""
cleanup_all() {
    for p in $pids; do kill "$p" 2>/dev/null || true; done
    for p in $pids; do wait "$p" 2>/dev/null || true; done
    rm -rf "$dir"
}
trap cleanup_all EXIT INT TERM

i=1
while [ "$i" -le "$N" ]; do
    "$PANSIM" --port 0 --portfile "$dir/port$i" --hostname "fw$i" --serial "00705100000$i" \
        --seed "$i" --config-size "$SIZE" --logs 1 --quit-after 3600 2>"$dir/pansim$i.err" &
    pids="$pids $!"
    i=$((i + 1))
done
i=1
while [ "$i" -le "$N" ]; do
    while [ ! -s "$dir/port$i" ]; do sleep 0.05; done
    i=$((i + 1))
done
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$(cat "$dir/port1")" --http keygen -u admin \
    --password-stdin --save "$dir/key"
i=1
: >"$dir/inventory"
while [ "$i" -le "$N" ]; do
    echo "fw$i 127.0.0.1:$(cat "$dir/port$i") key-file=$dir/key http" >>"$dir/inventory"
    i=$((i + 1))
done

echo "panctl backup --jobs $JOBS of $N pansim firewalls, configs of about $SIZE, loopback"
printf '%-10s %10s %12s %12s %10s\n' run wall_s MB_written peak_rss_MB failed
for run in first unchanged; do
    /usr/bin/time -f '%e %M' -o "$dir/time" "$PANCTL" backup --inventory "$dir/inventory" \
        --dir "$dir/bk" --jobs "$JOBS" -o json >"$dir/summary.json" || true
    read -r wall rss <"$dir/time"
    failed=$(grep -c '"result": "failed"' "$dir/summary.json" || true)
    mb=$(du -sm "$dir/bk" | cut -f1)
    printf '%-10s %10.2f %12s %12.1f %10s\n' "$run" "$wall" "$mb" "$(echo "$rss" | awk '{print $1 / 1024}')" "$failed"
done
grep -c '"result": "unchanged"' "$dir/summary.json" | sed 's/^/unchanged on the second run: /'
