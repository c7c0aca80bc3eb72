#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_backup.sh -- `panctl backup` of N local pansim firewalls with SIZE-byte configurations:
# wall time and peak RSS of panctl (GNU time), then again with nothing changed. Loopback only;
# one pansim --devices N plays the firewalls.
# Usage: bench/bench_backup.sh [BUILD_DIR] [N] [SIZE] [JOBS]  (default: build-bench 16 5M 8)
set -eu
BUILD=${1:-build-bench}
N=${2:-16}
SIZE=${3:-5M}
JOBS=${4:-8}
[ -x /usr/bin/time ] || { echo "bench_backup.sh: needs GNU time (scripts/deps.sh installs it)" >&2; exit 1; }
NAME=bench-backup
. "$(dirname "$0")/../scripts/pansim-env.sh"
# One pansim plays the N firewalls (--devices), one port each.
"$PANSIM" --port 0 --portfile "$dir/ports" --devices "$N" --hostname fw --config-size "$SIZE" \
    --logs 1 --quit-after 3600 2>"$dir/pansim.err" &
pid=$!
until [ -f "$dir/ports" ] && [ "$(wc -l <"$dir/ports")" -ge "$N" ]; do sleep 0.05; done
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$(head -n 1 "$dir/ports")" --http keygen -u admin \
    --password-stdin --save "$dir/key"
i=0
for port in $(cat "$dir/ports"); do
    i=$((i + 1))
    echo "fw$i 127.0.0.1:$port key-file=$dir/key http"
done >"$dir/inventory"

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
