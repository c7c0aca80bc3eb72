#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_configshow.sh -- `panctl config show` of a SIZE configuration (pansim --config-size) in
# the xml, json, text and set formats, to a file: wall time, peak RSS of panctl (GNU time) and
# bytes written. Loopback only; pansim stops with the script.
# Usage: bench/bench_configshow.sh [BUILD_DIR] [SIZE]  (default: build-bench 50M)
# PANCTL_BASELINE=/path/to/older/panctl also times an older panctl (-o xml, json, text only).
set -eu
BUILD=${1:-build-bench}
SIZE=${2:-50M}
[ -x /usr/bin/time ] || { echo "bench_configshow.sh: needs GNU time (scripts/deps.sh installs it)" >&2; exit 1; }
NAME=bench-configshow
. "$(dirname "$0")/../scripts/pansim-env.sh"
"$PANSIM" --port 0 --portfile "$dir/port" --config-size "$SIZE" --quit-after 3600 \
    2>"$dir/pansim.err" &
pid=$!
wait_port "$dir/port" "$pid" "$dir/pansim.err"
port=$(cat "$dir/port")
printf 'admin\n' | "$PANCTL" -H 127.0.0.1 -P "$port" --http keygen -u admin --password-stdin \
    --save "$dir/key"

# row LABEL PANCTL ARGS...: one timed run, its output to a file.
row() {
    label=$1
    bin=$2
    shift 2
    /usr/bin/time -f '%e %M' -o "$dir/time" "$bin" -H 127.0.0.1 -P "$port" --http \
        -K "$dir/key" "$@" >"$dir/out"
    read -r wall rss <"$dir/time"
    bytes=$(wc -c <"$dir/out")
    awk -v l="$label" -v w="$wall" -v r="$rss" -v b="$bytes" \
        'BEGIN { printf "%-12s %8.2f %12.1f %12.1f\n", l, w, r / 1024, b / 1048576 }'
}

echo "panctl config show of a $SIZE configuration (pansim --config-size $SIZE) to a file"
printf '%-12s %8s %12s %12s\n' format wall_s peak_rss_MB output_MB
for f in xml json text set; do
    row "$f" "$PANCTL" config show --format "$f"
done
if [ -n "${PANCTL_BASELINE:-}" ]; then
    for f in xml json text; do
        row "old-$f" "$PANCTL_BASELINE" -o "$f" config show
    done
fi
