#!/bin/sh
# SPDX-License-Identifier: MIT
# bench_sessions.sh -- `panctl op show session all` of N sessions (default 100,000) in xml, json,
# text and csv: wall time, peak RSS of panctl (GNU time), bytes written. pansim's stateful
# device has a handful of sessions, so the answer (in the shape pansim writes, simop_sessions.c)
# is generated here and served by a scripted pansim (--case). PANCTL_BASELINE=path/to/panctl
# runs an older panctl too and checks both wrote the same bytes. Loopback only.
# Usage: bench/bench_sessions.sh [BUILD_DIR] [N]  (default: build-bench 100000)
set -eu
BUILD=${1:-build-bench}
N=${2:-100000}
[ -x /usr/bin/time ] || { echo "bench_sessions.sh: needs GNU time" >&2; exit 1; }
NAME=bench
. "$(dirname "$0")/../scripts/pansim-env.sh"
awk -v n="$N" 'BEGIN {
    printf "<response status=\"success\"><result>"
    for (i = 0; i < n; i++)
        printf "<entry><dst>203.0.113.%d</dst><xsource>198.51.100.2</xsource>" \
            "<source>10.%d.%d.%d</source><xdst>203.0.113.%d</xdst><xsport>%d</xsport>" \
            "<xdport>443</xdport><sport>%d</sport><dport>443</dport><proto>6</proto>" \
            "<from>trust</from><to>untrust</to><start-time>Sun Nov 29 10:00:00 2026</start-time>" \
            "<nat>True</nat><srcnat>True</srcnat><dstnat>False</dstnat><proxy>False</proxy>" \
            "<decrypt-mirror>False</decrypt-mirror><state>ACTIVE</state><type>FLOW</type>" \
            "<total-byte-count>%d</total-byte-count><idx>%d</idx><vsys-idx>1</vsys-idx>" \
            "<vsys>vsys1</vsys><application>ssl</application><security-rule>allow-web" \
            "</security-rule><ingress>ethernet1/2</ingress><egress>ethernet1/1</egress>" \
            "<flags>NS</flags></entry>", 10 + i % 240, int(i / 65536) % 256, int(i / 256) % 256,
            i % 256, 10 + i % 240, 1024 + i % 64000, 49152 + i % 16384, 500 + i * 7 % 900000,
            i + 1
    printf "</result></response>\n"
}' >"$dir/sessions.xml"
# One reply per run: 4 formats, twice with a baseline.
runs=4
[ -n "${PANCTL_BASELINE:-}" ] && runs=8
{
    printf '%%%% info\nname: bench\n'
    i=1
    while [ "$i" -le "$runs" ]; do
        printf '%%%% reply %d\n%%include %s%%\n' "$i" "$dir/sessions.xml"
        i=$((i + 1))
    done
} >"$dir/bench.case"
"$PANSIM" --port 0 --portfile "$dir/port" --case "$dir/bench.case" --quit-after 3600 \
    2>"$dir/pansim.err" &
pid=$!
wait_port "$dir/port" "$pid" "$dir/pansim.err"
port=$(cat "$dir/port")
printf 'bench-key\n' >"$dir/key"
echo "panctl op show session all -o FORMAT ($N sessions, $(wc -c <"$dir/sessions.xml") bytes)"
printf '%-9s %-6s %10s %12s %10s\n' panctl format wall_s peak_rss_MB bytes
# run BINARY LABEL FORMAT: one listing, timed.
run() {
    /usr/bin/time -f '%e %M' -o "$dir/time" "$1" -H 127.0.0.1 -P "$port" --http -K "$dir/key" \
        --max-bytes 1G op show session all -o "$3" >"$dir/out.$3"
    read -r wall rss <"$dir/time"
    awk -v p="$2" -v f="$3" -v w="$wall" -v r="$rss" -v b="$(wc -c <"$dir/out.$3")" \
        'BEGIN { printf "%-9s %-6s %10.2f %12.1f %10d\n", p, f, w, r / 1024, b }'
}
for f in xml json text csv; do
    run "$PANCTL" this "$f"
    if [ -n "${PANCTL_BASELINE:-}" ]; then
        cp "$dir/out.$f" "$dir/out.$f.new"
        run "$PANCTL_BASELINE" baseline "$f"
        cmp -s "$dir/out.$f" "$dir/out.$f.new" || echo "bench_sessions.sh: -o $f differs" >&2
    fi
done
