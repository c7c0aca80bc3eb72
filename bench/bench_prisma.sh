#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_prisma.sh -- panctl prisma against a local pansim --prisma: export of ASSETS assets and
# FINDINGS findings (wall, rows/s, peak RSS of panctl, at two sizes to show RSS is flat), then
# sync into SQLite, and a re-sync after 1% of the assets changed. Loopback only.
# Usage: bench/bench_prisma.sh [BUILD_DIR] [ASSETS] [FINDINGS]  (default: build-bench 100000 1000000)
set -eu
BUILD=${1:-build-bench}
ASSETS=${2:-100000}
FINDINGS=${3:-1000000}
[ -x /usr/bin/time ] || { echo "bench_prisma.sh: needs GNU time" >&2; exit 1; }
NAME=bench-prisma
. "$(dirname "$0")/../scripts/pansim-env.sh"
printf 'pansim-secret-key\n' >"$dir/secret"

start_sim() { # assets findings [changed%]
    [ -n "$pid" ] && kill "$pid" && wait "$pid" 2>/dev/null || true
    rm -f "$dir/port"
    "$PANSIM" --prisma --port 0 --portfile "$dir/port" --prisma-assets "$1" \
        --prisma-vulns "$2" --prisma-changed "${3:-0}" --quit-after 7200 2>"$dir/pansim.err" &
    pid=$!
    wait_port "$dir/port" "$pid" "$dir/pansim.err"
    URL=http://127.0.0.1:$(cat "$dir/port")
}

prisma() { # what output-file
    /usr/bin/time -f '%e %M' -o "$dir/time" "$PANCTL" prisma "$1" --url "$URL" \
        --access-key-id pansim-access-key-id --secret-file "$dir/secret" >"$2"
    read -r wall rss <"$dir/time"
}

row() { # label rows
    awk -v l="$1" -v n="$2" -v w="$wall" -v r="$rss" \
        'BEGIN { printf "%-22s %10d %9.2f %12.0f %12.1f\n", l, n, w, (w > 0 ? n / w : 0), r / 1024 }'
}

echo "panctl prisma (JSON lines to a file), pansim --prisma on loopback"
printf '%-22s %10s %9s %12s %12s\n' run rows wall_s rows/s peak_rss_MB
for scale in 10 1; do
    a=$((ASSETS / scale)) f=$((FINDINGS / scale))
    start_sim "$a" "$f"
    prisma assets "$dir/assets.jsonl"
    row "assets" "$(wc -l <"$dir/assets.jsonl")"
    prisma vulns "$dir/vulns.jsonl"
    row "vulns" "$(wc -l <"$dir/vulns.jsonl")"
done
rm -f "$dir/assets.jsonl" "$dir/vulns.jsonl"

sync_run() { # label
    /usr/bin/time -f '%e %M' -o "$dir/time" "$PANCTL" prisma sync --db "$dir/p.db" --url "$URL" \
        --access-key-id pansim-access-key-id --secret-file "$dir/secret" 2>"$dir/sync.err"
    read -r wall rss <"$dir/time"
    row "$1" $((ASSETS + FINDINGS))
    sed 's/^panctl: prisma sync: /    /' "$dir/sync.err"
}
sync_run "sync (empty db)"
start_sim "$ASSETS" "$FINDINGS" 1
sync_run "re-sync (1% changed)"
echo "database: $(du -k "$dir/p.db" | cut -f1) KB; exposed assets with a critical open finding:"
sqlite3 "$dir/p.db" "SELECT count(DISTINCT a.id) FROM assets a JOIN vulns v ON v.asset_id = a.id
    WHERE a.internet_exposed AND v.severity = 'critical' AND v.resolved_at IS NULL" 2>/dev/null ||
    echo "    (sqlite3 not installed)"
